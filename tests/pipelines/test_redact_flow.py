"""The monthly flow redacts before storing, counts redactions, and can keep no text at all."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
import pytest

from pipelines.demo_data import generate_demo_data
from pipelines.privacy.counts import REDACTION_COUNT_COLUMNS
from pipelines.redact import PLACEHOLDER_TYPES
from pipelines.settings import Settings
from pipelines.warehouse import read_table


@dataclass(frozen=True)
class Run:
    settings: Settings
    period: str


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> Iterator[Run]:
    """One full run of a small demo month with ``keep_comment_text`` off."""
    home = tmp_path_factory.mktemp("redact_flow")
    summary = generate_demo_data(home / "demo", months=1, seed=5, scale=0.04)
    period = summary.periods[-1]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COACHLENS_HOME", str(home))
        mp.setenv("COACHLENS_KEEP_COMMENT_TEXT", "false")
        from pipelines.monthly_theme_trends import monthly_theme_trends

        monthly_theme_trends(period=period)
        yield Run(Settings(home=home, keep_comment_text=False), period)


def _table(run: Run, name: str) -> pd.DataFrame:
    return read_table(run.settings.warehouse_path, name)


def test_without_kept_text_classified_comments_store_no_text(run: Run) -> None:
    stored = _table(run, "classified_comments")
    assert len(stored) > 0
    assert "text" in stored.columns and stored["text"].isna().all()
    parquet = pd.read_parquet(run.settings.parquet_dir / "classified_comments")
    assert len(parquet) == len(stored) and parquet["text"].isna().all()


def test_redaction_counts_are_stored_per_scope_as_numbers_only(run: Run) -> None:
    counts = _table(run, "redaction_counts")
    assert tuple(counts.columns) == REDACTION_COUNT_COLUMNS
    assert len(counts) > 0, "the demo data leaks personal data, so something is redacted"
    assert (counts["period"] == run.period).all()
    assert (counts["n"] > 0).all()
    assert set(counts["entity_type"]) <= {p.strip("[]") for p in PLACEHOLDER_TYPES}
    classified = _table(run, "classified_comments")
    assert set(counts["directorate"]) <= set(classified["directorate"])
    assert set(counts["run_id"]) == set(classified["run_id"])
    assert not counts.duplicated(["period", "directorate", "source", "entity_type"]).any()


def test_quarantine_stores_no_comment_text(run: Run) -> None:
    quarantine = _table(run, "quarantine")
    assert "text" not in quarantine.columns
    assert not quarantine.get("reason", pd.Series(dtype=str)).astype(str).str.contains("@").any()
