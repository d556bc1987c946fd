"""Analyst notebooks: stored without outputs, and they run against a real-shaped warehouse."""

from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
from nbclient import NotebookClient

from models.taxonomy import LABELS
from pipelines.directorates import load_reference
from pipelines.periods import shift_period
from pipelines.priorities import rank_directorates
from pipelines.settings import Settings
from pipelines.trends import build_trends, count_flags
from pipelines.warehouse import connect, replace_scope

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = REPO_ROOT / "notebooks"
DEEP_DIVE = NOTEBOOK_DIR / "directorate_deep_dive.ipynb"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
PERIODS = [shift_period("2026-01", k) for k in range(6)]
RUN_ID = "nb-test-run"


def _classified(rng: np.random.Generator, names: list[str]) -> pd.DataFrame:
    """Labelled comments: every directorate each month, one tiny one always suppressed."""
    base = rng.uniform(0.02, 0.12, size=len(LABELS))
    frames = []
    for period in PERIODS:
        for d, name in enumerate(names):
            n = 4 if name == "Legal and Democratic Services" else int(rng.integers(60, 200))
            rates = base * (1.6 if (name == "Housing" and period >= PERIODS[3]) else 1.0)
            flags = rng.random((n, len(LABELS))) < rates
            frames.append(
                pd.DataFrame(
                    {
                        "record_id": [f"{period}/{d}/{i}" for i in range(n)],
                        "period": period,
                        "directorate": name,
                        "source": np.where(rng.random(n) < 0.15, "complaint", "survey"),
                        "labels": [[LABELS[k] for k in np.flatnonzero(row)] for row in flags],
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


def _quarantine(names: list[str]) -> pd.DataFrame:
    rows = [
        ("survey", "blank_text", "comment is blank; nothing to classify", names[0]),
        ("survey", "blank_text", "comment is blank; nothing to classify", names[0]),
        ("survey", "duplicate_record_id", "record_id seen before at wave.csv:row 3", names[0]),
        ("complaint", "date_outside_period", "opened_at is outside the period", names[2]),
        ("survey", "unknown_directorate", "directorate 'Parks' is not in the reference", None),
    ]
    return pd.DataFrame(
        [
            {
                "record_id": f"q-{i}",
                "source": source,
                "provenance": f"wave_2026-02.csv:row {10 + i}",
                "rule": rule,
                "reason": reason,
                "run_id": RUN_ID,
                "period": PERIODS[1 + i % 3],
                "directorate": directorate,
            }
            for i, (source, rule, reason, directorate) in enumerate(rows)
        ]
    )


def build_warehouse(home: Path, *, quarantine_directorate: bool = True) -> Path:
    """Write theme_trends, coaching_priorities and quarantine as the monthly flow would."""
    names = list(load_reference(Settings().directorates_file).names)
    counts = count_flags(_classified(np.random.default_rng(0), names))
    trends = build_trends(
        counts,
        PERIODS,
        min_cell_size=10,
        model_version="nb-test",
        run_id=RUN_ID,
        generated_at=pd.Timestamp("2026-07-02 06:00"),
    )
    priorities = pd.concat(
        [
            rank_directorates(trends, period).assign(
                period=period, model_version="nb-test", run_id=RUN_ID
            )
            for period in PERIODS
        ],
        ignore_index=True,
    )
    quarantine = _quarantine(names)
    if not quarantine_directorate:
        quarantine = quarantine.drop(columns="directorate")
    path = Settings(home=home).warehouse_path
    con = connect(path)
    try:
        for table, frame in (
            ("theme_trends", trends),
            ("coaching_priorities", priorities),
            ("quarantine", quarantine),
        ):
            replace_scope(con, table, frame, {"period": PERIODS})
    finally:
        con.close()
    return path


def _with_parameters(nb: nbformat.NotebookNode, **values: str) -> nbformat.NotebookNode:
    cell = next(c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", []))
    lines = cell.source.splitlines()
    for name, value in values.items():
        lines = [f"{name} = {value!r}" if line.startswith(f"{name} =") else line for line in lines]
    cell.source = "\n".join(lines)
    return nb


def _execute(nb: nbformat.NotebookNode, cwd: Path) -> nbformat.NotebookNode:
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    )
    client.execute()
    return nb


def _text_outputs(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts.append(out.get("data", {}).get("text/plain", ""))
            parts.append(out.get("data", {}).get("text/markdown", ""))
    return "\n".join(parts)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- stored form


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_notebooks_have_no_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.execution_count is None, f"{path.name} cell {i} has an execution count"
            assert cell.outputs == [], f"{path.name} cell {i} has outputs; clear them before saving"


def test_deep_dive_shape() -> None:
    assert DEEP_DIVE in NOTEBOOKS
    nb = nbformat.read(DEEP_DIVE, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    params = tagged[0].source
    assert 'os.environ.get("COACHLENS_HOME", "var")' in params
    assert 'DIRECTORATE = "Adult Social Care"' in params and 'SOURCE = "all"' in params
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "read_only=True" in code and "from pipelines" in code
    assert "classified_comments" not in code  # the only table with comment text
    assert sum(c.cell_type == "markdown" for c in nb.cells) >= 4


def test_package_never_imports_notebooks() -> None:
    for package in ("pipelines", "models", "data_contracts"):
        for source in (REPO_ROOT / package).rglob("*.py"):
            text = source.read_text(encoding="utf-8")
            assert "import notebooks" not in text and "from notebooks" not in text, source


# --------------------------------------------------------------------------- execution


def test_deep_dive_runs_against_a_warehouse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    warehouse = build_warehouse(home)
    before = _digest(warehouse)
    monkeypatch.setenv("COACHLENS_HOME", str(home))

    nb = _execute(nbformat.read(DEEP_DIVE, as_version=4), tmp_path)

    text = _text_outputs(nb)
    assert "directorate: Adult Social Care" in text and "source: all" in text
    assert "rank" in text and "Evidence" in text
    assert "3 quarantined rows from Adult Social Care" in text
    assert "1 more could not be attributed" in text
    assert "blank_text" in text and "duplicate_record_id" in text
    assert "date_outside_period" not in text  # another directorate's row
    assert any(
        "image/png" in out.get("data", {}) for cell in nb.cells for out in cell.get("outputs", [])
    ), "the trend chart was not drawn"
    assert _digest(warehouse) == before  # opened read-only
    # executing a copy never touches the stored notebook
    stored = nbformat.read(DEEP_DIVE, as_version=4)
    assert all(c.outputs == [] for c in stored.cells if c.cell_type == "code")


def test_deep_dive_other_directorate_source_and_old_quarantine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An alias, one source, and a quarantine table without a directorate column."""
    home = tmp_path / "home"
    build_warehouse(home, quarantine_directorate=False)
    monkeypatch.setenv("COACHLENS_HOME", str(home))
    nb = _with_parameters(
        nbformat.read(DEEP_DIVE, as_version=4), DIRECTORATE="Housing Services", SOURCE="survey"
    )

    text = _text_outputs(_execute(nb, tmp_path))
    assert "directorate: Housing" in text and "source: survey" in text
    assert "no directorate column" in text
    assert "unknown_directorate" in text  # organisation-wide counts, survey rows only
    assert "date_outside_period" not in text  # a complaint row
