"""Classifying on Prefect's Dask task runner gives exactly the single-process result.

One demo month (~3,000 comments) is labelled by the flow's classify step
twice: in-process, and in chunks of 700 on a two-worker ``LocalCluster``
(processes, one thread each) reached by address. Labels, scores, ids and
row order must be identical, and each worker loads the classifier once.
The default path (no address) runs on the process's own local cluster,
started once and reused by later steps and runs, so its workers load the
classifier and the redactor once. Redaction on Dask gives exactly the
in-process result too, for comments and for quarantine reasons; a flow
process that sends its periods to Dask does not even import the models.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import distributed
import pandas as pd
import pytest
from prefect import flow

from pipelines.classify_tasks import OUTPUT_COLUMNS, classify
from pipelines.dask_runner import (
    CommentChunk,
    dask_task_runner,
    local_cluster,
    split_chunks,
    uses_dask,
)
from pipelines.demo_data import generate_demo_data
from pipelines.directorates import load_reference
from pipelines.redact_tasks import redact, scrub_reasons
from pipelines.settings import Settings
from pipelines.tasks import pull_complaints, pull_surveys

CHUNK = 700


@flow(name="test-classify-step", persist_result=False)
def classify_period(settings: Settings, period: str) -> pd.DataFrame:
    """Pull one demo period and run the monthly flow's classify step on it."""
    reference = load_reference(settings.directorates_file)
    surveys = pull_surveys(settings.survey_dir, reference, period)
    cases = pull_complaints(settings.complaints_db_url, reference, period)
    records = pd.concat([surveys, cases], ignore_index=True)
    return classify(records, settings, "test-run")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, str]:
    home = tmp_path_factory.mktemp("dask")
    summary = generate_demo_data(home / "demo", months=1, seed=5, scale=0.8)
    return Settings(home=home), summary.periods[0]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[distributed.LocalCluster]:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        local_directory=str(tmp_path_factory.mktemp("dask-scratch")),
    ) as local:
        yield local


# --------------------------------------------------------------------------- pure helpers


def test_chunks_cover_the_frame_in_order_and_hide_text() -> None:
    frame = pd.DataFrame({"text": [f"secret {i}" for i in range(7)]}, index=range(10, 17))
    chunks = split_chunks(frame, 3)
    assert [len(c.frame) for c in chunks] == [3, 3, 1]
    pd.testing.assert_frame_equal(pd.concat([c.frame for c in chunks]), frame)
    assert repr(chunks[0]) == "CommentChunk(position=0, rows=3)"
    assert "secret" not in repr(chunks) and "secret" not in str(chunks[2])
    assert split_chunks(frame.iloc[:0], 3) == []
    with pytest.raises(ValueError):
        split_chunks(frame, 0)


def test_chunk_survives_pickling() -> None:
    import pickle

    chunk = CommentChunk(4, pd.DataFrame({"text": ["a", "b"]}))
    back = pickle.loads(pickle.dumps(chunk))
    assert back.position == 4
    pd.testing.assert_frame_equal(back.frame, chunk.frame)


def test_threshold_and_runner_come_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACHLENS_DASK_ADDRESS", "tcp://127.0.0.1:8786")
    monkeypatch.setenv("COACHLENS_DASK_MIN_COMMENTS", "100")
    monkeypatch.setenv("COACHLENS_CLASSIFY_CHUNK_SIZE", "50")
    settings = Settings()
    assert settings.classify_chunk_size == 50
    assert not uses_dask(99, settings) and uses_dask(100, settings)
    assert not uses_dask(0, Settings(dask_min_comments=0))
    assert dask_task_runner(settings).address == "tcp://127.0.0.1:8786"


# --------------------------------------------------------------------------- on a cluster


@pytest.mark.slow
def test_dask_output_is_identical_to_single_process(
    demo: tuple[Settings, str],
    cluster: distributed.LocalCluster,
    artefact_dir: Path,
    prefect_harness: None,
) -> None:
    settings, period = demo
    single = classify_period(settings.model_copy(update={"dask_min_comments": 10**9}), period)
    on_dask = classify_period(
        settings.model_copy(
            update={
                "dask_address": cluster.scheduler_address,
                "dask_min_comments": 1,
                "classify_chunk_size": CHUNK,
                "dask_timeout_s": 900.0,  # fail, not hang, if the workers are lost
            }
        ),
        period,
    )
    assert len(single) > 4 * CHUNK  # several chunks
    assert single["labels"].map(bool).any()
    assert list(on_dask.columns) == list(single.columns)
    assert list(single.columns[: len(OUTPUT_COLUMNS)]) == OUTPUT_COLUMNS
    pd.testing.assert_frame_equal(on_dask, single, check_exact=True)

    with distributed.Client(cluster.scheduler_address) as client:
        loads = client.run(_classifier_loads)
    # a worker the nanny restarts is a new process (Dask re-runs its chunks): count per process
    assert 1 <= len(loads) <= 2
    assert all(n <= 1 for n in loads.values()), f"classifier loaded more than once: {loads}"


def _classifier_loads() -> int:
    from pipelines.classify_tasks import _cached_classifier

    return int(_cached_classifier.cache_info().misses)


@pytest.mark.slow
def test_default_local_cluster_is_started_once_and_reused(
    demo: tuple[Settings, str], artefact_dir: Path, prefect_harness: None
) -> None:
    settings, period = demo
    small = settings.model_copy(
        update={
            "dask_min_comments": 1,
            "classify_chunk_size": 1500,
            "dask_timeout_s": 900.0,
            "dask_workers": 2,
        }
    )
    assert small.dask_address is None
    first = classify_period(small, period)
    second = classify_period(small, period)
    single = classify_period(settings.model_copy(update={"dask_min_comments": 10**9}), period)
    pd.testing.assert_frame_equal(first, single, check_exact=True)
    pd.testing.assert_frame_equal(second, single, check_exact=True)

    cluster = local_cluster(small.dask_workers)
    assert local_cluster(small.dask_workers) is cluster  # one cluster per process
    assert dask_task_runner(small).address == cluster.scheduler_address
    info = cluster.scheduler_info["workers"]
    assert len(info) == 2 and all(w["nthreads"] == 1 for w in info.values())
    with distributed.Client(cluster.scheduler_address) as client:
        loads = client.run(_classifier_loads)
    assert all(n <= 1 for n in loads.values()), f"classifier loaded more than once: {loads}"


@pytest.mark.slow
def test_redaction_on_dask_is_identical_to_single_process(
    demo: tuple[Settings, str], artefact_dir: Path, prefect_harness: None
) -> None:
    settings, period = demo
    planted = pd.DataFrame(
        {
            "record_id": [f"r{i}" for i in range(1200)],
            "period": period,
            "directorate": ["Finance", "Housing"] * 600,
            "source": "survey",
            "text": [
                f"Ask Mr Okafor on 07700 900{i % 1000:03d} or mail j.smith{i}@example.org"
                if i % 7 == 0
                else ("" if i % 11 == 0 else f"My manager never listens, week {i}.")
                for i in range(1200)
            ],
        },
        index=range(5000, 6200),
    )
    single, single_counts = redact_period(settings, planted, 10**9)
    on_dask, dask_counts = redact_period(settings, planted, 1)
    pd.testing.assert_frame_equal(on_dask, single, check_exact=True)
    pd.testing.assert_frame_equal(dask_counts, single_counts, check_exact=True)
    assert single["text"].str.contains(r"\[PHONE\]").sum() == len(range(0, 1200, 7))
    assert not single["text"].str.contains("Okafor|example.org").any()


@flow(name="test-redact-step", persist_result=False)
def redact_period(
    settings: Settings, records: pd.DataFrame, threshold: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The monthly flow's redact step, on Dask when ``records`` reach ``threshold``."""
    return redact(
        records,
        "test-run",
        settings.model_copy(update={"dask_min_comments": threshold, "classify_chunk_size": 500}),
    )


@pytest.mark.slow
def test_quarantine_reasons_are_scrubbed_alike_on_dask(
    demo: tuple[Settings, str], artefact_dir: Path, prefect_harness: None
) -> None:
    settings, _ = demo
    reasons = [
        'directorate "Dr Patel\'s team" is not in the reference list',
        "record_id is missing: add it, or ask priya.shah@example.org",
        "duplicate record_id EMP-104233",
        'directorate "Finanse" is not in the reference list',
    ]
    quarantine = pd.DataFrame(
        {
            "record_id": [f"q{i}" for i in range(40)],
            "rule": "directorate_known",
            "reason": [reasons[i % 4] for i in range(40)],
        },
        index=range(100, 140),
    ).astype({"reason": "string"})
    single = scrub_period(settings, quarantine, on_dask=False)
    on_dask = scrub_period(settings, quarantine, on_dask=True)
    pd.testing.assert_frame_equal(on_dask, single, check_exact=True)
    pd.testing.assert_index_equal(single.index, quarantine.index)
    assert single["reason"].dtype == quarantine["reason"].dtype
    text = " ".join(single["reason"])
    assert "priya.shah" not in text and "Patel" not in text
    assert "[EMAIL]" in text and "Finanse" in text  # a misspelt directorate is no person


@flow(name="test-scrub-reasons", persist_result=False)
def scrub_period(settings: Settings, quarantine: pd.DataFrame, *, on_dask: bool) -> pd.DataFrame:
    """The monthly flow's reason scrub, in this process or on the local cluster."""
    return scrub_reasons(
        quarantine, settings.model_copy(update={"dask_workers": 2}), on_dask=on_dask
    )


def test_the_flow_process_does_not_import_the_models() -> None:
    # work sent to Dask needs no spaCy, scikit-learn or Presidio in the flow's process
    code = (
        "import sys, pipelines.monthly_theme_trends, pipelines.ingest\n"
        "print(sorted(m for m in ('spacy', 'sklearn', 'presidio_analyzer', 'thinc')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
