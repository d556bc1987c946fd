"""Canary test: no comment text outside the redacted store, no personal data anywhere.

Demo inputs get unique canary words in many comments and case summaries
(some in rows validation must quarantine) and personal data of every kind.
The whole thing then runs as a user runs it, each command in its own
process with its own Prefect home, ephemeral API database, temp folder and
log file: the intake flow, a backfill of the monthly flow (report included),
``coachlens report`` and a run that fails on a corrupt export. Every file
those runs produced or touched is searched, raw, base64-decoded (Prefect
keeps pickled results that way) and decoded (DuckDB, Parquet, SQLite,
XLSX/zip, gzip). Failure messages name files and needle kinds, never text.
The figures of a run (counts only) go to ``<basetemp>/canary0/canary_summary.json``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import yaml

from pipelines.demo_data import generate_demo_data
from pipelines.validate import validate_records
from tests.pipelines.canary import Hit, Planted, ScanResult, new_canary, plant, scan

pytestmark = pytest.mark.slow

MONTHS, SEED, SCALE = 4, 0, 0.1
WAREHOUSE = "home/warehouse/coachlens.duckdb"
STORE_PARQUET = "home/warehouse/parquet/classified_comments/"
STORE_TABLE = "duckdb table classified_comments"
QUIET_LOGGERS = (
    "docket",
    "httpx",
    "httpcore",
    "aiosqlite",
    "sqlalchemy",
    "alembic",
    "websockets",
    "uvicorn",
    "prefect.server",
    "prefect.events",
    "prefect._internal",
    "great_expectations.expectations.registry",
    "asyncio",
)
"""Loggers whose DEBUG output is transport noise (kept at INFO)."""
HANG_GUARD_SECONDS = 1800  # not a timing assertion: only stops a hung subprocess


@dataclass(repr=False)
class CanaryRun:
    """Everything the module's tests look at (its repr shows no captured output)."""

    base: Path
    home: Path
    planted: Planted
    periods: tuple[str, ...]
    inputs: ScanResult
    outputs: ScanResult
    commands: dict[str, subprocess.CompletedProcess[bytes]]

    def __repr__(self) -> str:
        codes = {name: result.returncode for name, result in self.commands.items()}
        return f"CanaryRun({self.base}, exit codes {codes})"


def _logging_config(path: Path, log_file: Path) -> None:
    """Prefect's own logging config plus a DEBUG file handler on every logger.

    Every library logs at DEBUG to the file (the console stays at INFO), except
    the API server's and HTTP clients' chatter, which would swamp the machine.
    """
    import prefect

    default = Path(prefect.__file__).parent / "logging" / "logging.yml"
    config = yaml.safe_load(default.read_text())
    config["handlers"]["file"] = {
        "level": "DEBUG",
        "class": "logging.FileHandler",
        "formatter": "debug",
        "filename": str(log_file),
    }
    config["handlers"]["console"]["level"] = "INFO"
    config["root"] = {"level": "DEBUG", "handlers": ["console", "file"]}
    for logger in config["loggers"].values():
        if "handlers" in logger and logger.get("propagate") is False:
            logger["handlers"] = [*logger["handlers"], "file"]
    for name in QUIET_LOGGERS:
        config["loggers"].setdefault(name, {})["level"] = "INFO"
    path.write_text(yaml.safe_dump(config))


def _environment(base: Path, home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PREFECT_", "COACHLENS_")) or k == "COACHLENS_MODEL_DIR"
    }
    for folder in ("prefect_home", "tmpdir", "logs", "cwd"):
        (base / folder).mkdir(exist_ok=True)
    _logging_config(base / "logging.yml", base / "logs" / "debug.log")
    env.update(
        {
            "COACHLENS_HOME": str(home),
            "PREFECT_HOME": str(base / "prefect_home"),
            "PREFECT_LOGGING_SETTINGS_PATH": str(base / "logging.yml"),
            "PREFECT_LOGGING_LEVEL": "DEBUG",
            "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "TMPDIR": str(base / "tmpdir"),
            "NO_COLOR": "1",
            "COLUMNS": "200",
        }
    )
    return env


def _run(
    name: str, argv: list[str], base: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[bytes]:
    """Run one command the way a user would, keeping its stdout and stderr as files."""
    result = subprocess.run(
        argv, cwd=base / "cwd", env=env, capture_output=True, timeout=HANG_GUARD_SECONDS
    )
    (base / "logs" / f"{name}.stdout").write_bytes(result.stdout)
    (base / "logs" / f"{name}.stderr").write_bytes(result.stderr)
    return result


def _coachlens() -> list[str]:
    script = Path(sys.executable).with_name("coachlens")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pipelines.cli"]


def _corrupt(path: Path) -> None:
    """Cut an export in half, as an interrupted copy would (the canaries stay in its bytes)."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.fixture(scope="module")
def canary_run(tmp_path_factory: pytest.TempPathFactory) -> CanaryRun:
    base = tmp_path_factory.mktemp("canary")
    home = base / "home"
    summary = generate_demo_data(home / "demo", months=MONTHS, seed=SEED, scale=SCALE)
    planted = plant(home / "demo")
    inputs = scan({"demo": home / "demo"}, planted.needles())
    env = _environment(base, home)
    first, last = summary.periods[0], summary.periods[-1]
    ingest = (
        "import sys; from pipelines.ingest import ingest_comments; ingest_comments(sys.argv[1:])"
    )
    commands = {
        "ingest": _run("ingest", [sys.executable, "-c", ingest, *summary.periods], base, env),
        "backfill": _run(
            "backfill", [*_coachlens(), "backfill", "--from", first, "--to", last], base, env
        ),
        "report": _run("report", [*_coachlens(), "report", "--period", last], base, env),
    }
    xlsx = next(p for p in summary.survey_files if p.suffix == ".xlsx")
    _corrupt(xlsx)
    period = xlsx.stem.removeprefix("wave_")
    commands["failing_run"] = _run(
        "failing_run", [*_coachlens(), "run", "--period", period], base, env
    )
    roots = {
        "home": home,
        "prefect_home": base / "prefect_home",
        "tmpdir": base / "tmpdir",
        "logs": base / "logs",
        "cwd": base / "cwd",
    }
    outputs = scan(roots, planted.needles())
    _write_summary(base / "canary_summary.json", planted, inputs, outputs)
    return CanaryRun(base, home, planted, summary.periods, inputs, outputs, commands)


def _write_summary(path: Path, planted: Planted, inputs: ScanResult, outputs: ScanResult) -> None:
    """Counts only (no text): what was planted, scanned and found where."""
    found = Counter(
        ("store" if _in_store(h) else "input" if _is_input(h) else "elsewhere")
        + (" canary" if h.needle.startswith("canary") else f" {h.needle.split('#')[0]}")
        for h in outputs.hits
    )
    summary = {
        "canaries_planted": len(planted.canaries),
        "canaries_in_quarantined_rows": len(planted.quarantined),
        "pii_items_planted": len(planted.pii),
        "input_files_scanned": inputs.files,
        "files_scanned": outputs.files,
        "hits_by_place_and_kind": dict(sorted(found.items())),
        "distinct_canaries_in_store": len(
            {h.needle for h in outputs.hits if _in_store(h) and h.needle.startswith("canary")}
        ),
    }
    path.write_text(json.dumps(summary, indent=2) + "\n")


def _is_input(hit: Hit) -> bool:
    return hit.file.startswith("home/demo/")


def _in_store(hit: Hit) -> bool:
    """The redacted store: ``classified_comments`` in DuckDB and its Parquet mirror."""
    if hit.file.startswith(STORE_PARQUET):
        return True
    return hit.file in (WAREHOUSE, f"{WAREHOUSE}.wal") and hit.where in ("raw bytes", STORE_TABLE)


def _describe(hits: list[Hit], files: int) -> str:
    shown = "\n".join(f"  {h}" for h in hits[:60])
    more = f"\n  ... and {len(hits) - 60} more" if len(hits) > 60 else ""
    return f"{len(hits)} hit(s) in {files} files scanned:\n{shown}{more}"


def test_every_command_ran_as_expected(canary_run: CanaryRun) -> None:
    codes = {name: result.returncode for name, result in canary_run.commands.items()}
    assert codes["failing_run"] != 0
    del codes["failing_run"]
    assert codes == {name: 0 for name in codes}, f"see {canary_run.base}/logs/<command>.stderr"
    failing = canary_run.commands["failing_run"]
    told = b"wave_" in failing.stderr + failing.stdout
    assert told, "the failed run does not name the file"


def test_scanner_finds_every_planted_string_in_the_inputs(canary_run: CanaryRun) -> None:
    found = {h.needle for h in canary_run.inputs.hits}
    missing = sorted({label for label, _ in canary_run.planted.needles()} - found)
    assert not missing, f"planted but not found in the inputs: {missing}"
    kinds = {h.where.split(" ")[0] for h in canary_run.inputs.hits}
    assert {"raw", "parquet", "zip", "sqlite"} <= kinds


def test_everything_the_run_writes_was_scanned(canary_run: CanaryRun) -> None:
    base, home, last = canary_run.base, canary_run.home, canary_run.periods[-1]
    expected = [
        home / "warehouse" / "coachlens.duckdb",
        home / "reports" / last / f"coachlens_report_{last}.html",
        home / "reports" / last / f"coachlens_report_{last}.xlsx",
        base / "prefect_home" / "prefect.db",
        base / "logs" / "debug.log",
    ]
    assert [str(p) for p in expected if not p.exists()] == []
    assert list((home / "validation").rglob("*.json")), "no GX results stored"
    assert list((home / "validation").rglob("index.html")), "no Data Docs built"
    assert canary_run.outputs.files >= 30


def test_the_redacted_store_holds_the_passed_canaries(canary_run: CanaryRun) -> None:
    """Positive control: the scanner sees canaries where comment text may be."""
    planted = canary_run.planted
    hits = [h for h in canary_run.outputs.hits if _in_store(h)]
    in_table = {h.needle for h in hits if h.where == STORE_TABLE}
    in_parquet = {h.needle for h in hits if h.file.startswith(STORE_PARQUET)}
    passed = {f"canary#{i}" for i, c in enumerate(planted.canaries) if c not in planted.quarantined}
    assert len(in_table & passed) >= len(passed) // 2
    assert len(in_parquet & passed) >= len(passed) // 2
    quarantined = {
        f"canary#{i}" for i, c in enumerate(planted.canaries) if c in planted.quarantined
    }
    assert not (in_table | in_parquet) & quarantined, "quarantined rows reached the store"


def test_no_comment_text_outside_the_redacted_store(canary_run: CanaryRun) -> None:
    leaks = [
        h
        for h in canary_run.outputs.hits
        if not h.needle.startswith("pii:") and not _is_input(h) and not _in_store(h)
    ]
    assert not leaks, "comment text outside the store: " + _describe(
        leaks, canary_run.outputs.files
    )


def test_no_personal_data_anywhere_not_even_in_the_store(canary_run: CanaryRun) -> None:
    leaks = [
        h for h in canary_run.outputs.hits if not h.needle.startswith("canary") and not _is_input(h)
    ]
    kinds = Counter(h.needle.split("#")[0] for h in leaks)
    assert not leaks, f"personal data leaked {dict(kinds)}: " + _describe(
        leaks, canary_run.outputs.files
    )


def test_a_failed_run_tells_the_user_no_comment_text(canary_run: CanaryRun) -> None:
    failing = canary_run.commands["failing_run"]
    leaked = [
        label
        for label, needle in canary_run.planted.needles()
        if needle.lower().encode() in (failing.stdout + failing.stderr).lower()
    ]
    assert not leaked, f"the failed run showed {leaked}"


@pytest.mark.parametrize(
    ("raw", "quoted"),
    [
        ("Dept 14", True),
        ("Chief Executive's Office", True),
        ("honestly nobody listens to us here canaryqrstuv", False),
        ("Mrs Lorna Quenby", False),
        ("too much pressure", False),
    ],
)
def test_quarantine_quotes_directorate_spellings_but_never_text(raw: str, quoted: bool) -> None:
    row = {
        "record_id": "survey:R1:Q1",
        "source": "survey",
        "period": "2025-06",
        "directorate": None,
        "question": "What could be better?",
        "text": "A comment.",
        "provenance": "surveys/wave_2025-06.csv:row 1",
        "raw_directorate": raw,
        "occurred_at": pd.Timestamp("2025-06-15 09:30"),
        "batch_period": "2025-06",
        "parse_error": None,
    }
    outcome = validate_records(pd.DataFrame([row]), directorates=["Housing"], run_id="r")
    (reason,) = outcome.quarantine["reason"]
    assert (raw in reason) is quoted
    assert "not in the reference list" in reason


def test_scanner_sees_through_base64_pickles(tmp_path: Path) -> None:
    """Prefect keeps a failed run's exception as a base64 pickle in its storage folder."""
    import base64
    import pickle

    token = new_canary()
    blob = base64.encodebytes(pickle.dumps(ValueError(f"could not convert {token!r}")))
    (tmp_path / "result").write_bytes(blob)
    found = scan({"storage": tmp_path}, [("canary#0", token)])
    assert [str(h) for h in found.hits] == ["canary#0 in storage/result [base64 run]"]
    assert found.files == 1
