"""Shared fixtures: trained artefacts, the classifier, and one Prefect test harness."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.predict import ThemeClassifier
from pipelines.settings import Settings

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def artefact_dir() -> Path:
    """The trained artefacts built by ``make train`` (``make test`` builds them first)."""
    path = Settings().artefact_dir
    if not (path / "manifest.json").exists():
        pytest.fail(f"no trained models in {path}; run `make train` (make test does it)")
    return path


@pytest.fixture(scope="session")
def classifier(artefact_dir: Path) -> ThemeClassifier:
    """The default ensemble, loaded once per test session."""
    return ThemeClassifier.load(artefact_dir)


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One ephemeral Prefect API for every flow test (starting one costs ~30 s here)."""
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield
