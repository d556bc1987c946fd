"""The classify step of the monthly flow: one task in-process, or chunks on Dask.

A period below ``settings.dask_min_comments`` is labelled by one task in the
flow's process. A larger one is cut into chunks of
``settings.classify_chunk_size`` comments, a ``classify-chunk`` task is
mapped over them by Prefect's Dask task runner, and the labelled chunks are
concatenated in their original order, so both paths return the same frame.
Each process (the flow's, or a Dask worker's) loads the classifier once,
and imports it only then: a flow process that sends its periods to Dask
never loads spaCy or scikit-learn.
No task persists its result (results hold comment text), and logs carry
counts only.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from prefect import get_run_logger, task

from pipelines.dask_runner import CommentChunk, map_chunks, uses_dask
from pipelines.settings import Settings

if TYPE_CHECKING:
    from models.predict import ThemeClassifier

OUTPUT_COLUMNS = ["record_id", "period", "directorate", "source", "question", "text"]
"""Input columns carried through to the classified frame, before the labels and scores."""


@lru_cache(maxsize=2)
def _cached_classifier(artefact_dir: Path, stamp: int) -> ThemeClassifier:
    from models.predict import ThemeClassifier

    return ThemeClassifier.load(artefact_dir)


def load_classifier(artefact_dir: Path) -> ThemeClassifier:
    """The default ensemble, loaded once per process (reloaded if the artefacts are rebuilt).

    Args:
        artefact_dir: Folder of trained artefacts.

    Returns:
        The classifier.
    """
    manifest = artefact_dir / "manifest.json"
    stamp = manifest.stat().st_mtime_ns if manifest.exists() else 0
    return _cached_classifier(artefact_dir, stamp)


def label_comments(records: pd.DataFrame, artefact_dir: Path, run_id: str) -> pd.DataFrame:
    """Labels and per-label scores for each comment, with its ids; index kept.

    Args:
        records: Validated, redacted comments.
        artefact_dir: Folder of trained artefacts.
        run_id: Flow-run id stamped on every row.

    Returns:
        ``OUTPUT_COLUMNS`` plus ``labels``, ``score_<label>``, ``model_version``, ``run_id``.
    """
    from models.predict import classify_texts

    clf = load_classifier(artefact_dir)
    scored = classify_texts(records["text"], records["question"], classifier=clf)
    out = pd.concat([records[OUTPUT_COLUMNS].copy(), scored], axis=1)
    out["model_version"] = clf.version
    out["run_id"] = run_id
    return out


@task(name="classify-comments", persist_result=False)
def classify_comments(records: pd.DataFrame, artefact_dir: Path, run_id: str) -> pd.DataFrame:
    """Label every comment of the period in this process."""
    return label_comments(records, artefact_dir, run_id)


@task(name="classify-chunk", persist_result=False)
def classify_chunk(chunk: CommentChunk, artefact_dir: Path, run_id: str) -> pd.DataFrame:
    """Label one chunk of the period (runs on a Dask worker)."""
    out = label_comments(chunk.frame, artefact_dir, run_id)
    get_run_logger().info("chunk %d: classified %d comments", chunk.position, len(out))
    return out


def classify(records: pd.DataFrame, settings: Settings, run_id: str) -> pd.DataFrame:
    """Label every comment with the default ensemble, on Dask if the period is large.

    Args:
        records: Validated, redacted comments of the period.
        settings: Artefact folder and the Dask settings (address, chunk size, threshold).
        run_id: Flow-run id stamped on every row.

    Returns:
        One row per comment, in the order (and with the index) of ``records``.
    """
    if not uses_dask(len(records), settings):
        out = classify_comments(records, settings.artefact_dir, run_id)
        where = "in-process"
    else:
        parts = map_chunks(
            classify_chunk,
            records,
            settings,
            {"artefact_dir": settings.artefact_dir, "run_id": run_id},
        )
        out = pd.concat(parts)
        where = f"on Dask in {len(parts)} chunks"
    flagged = int(out["labels"].map(bool).sum())
    get_run_logger().info("classified %d comments %s, %d with a theme", len(out), where, flagged)
    return out
