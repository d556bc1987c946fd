"""Prefect's Dask task runner for large periods, built from settings at run time.

:func:`dask_task_runner` connects to the cluster at ``settings.dask_address``
or, when none is set, to this process's own local cluster of
``settings.dask_workers`` processes with one thread each. The local cluster
is started on first use and kept for the life of the process (a backfill of
twelve months, or ``make server`` serving many runs), so workers load the
classifier and the redactor once, not once per step; it is closed when the
process exits. Nothing here runs at import: the flow asks for a runner only
when a period is large enough (``settings.dask_min_comments``) to be worth it.
:func:`map_chunks` is the one way the flow's steps use it.

Dask workers are other processes: :func:`api_for_workers` makes sure the
Prefect API address they receive with each task is the one this run uses,
also when that is the ephemeral server Prefect starts when no
``PREFECT_API_URL`` is set (otherwise each worker would start its own).
With a cluster on other machines, use a real server (``make server``).

Comments travel to the workers in :class:`CommentChunk` wrappers whose
``repr`` shows positions and sizes only, so no log line that prints task
arguments (Dask's or Prefect's) can carry comment text.
"""

from __future__ import annotations

import atexit
import logging
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import pandas as pd
from prefect import Task, unmapped
from prefect.context import FlowRunContext
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect_dask.task_runners import DaskTaskRunner

from pipelines.settings import Settings


class CommentChunk:
    """A contiguous slice of a period's comments, sent to one Dask task.

    Attributes:
        position: Index of the chunk in the period (0-based).
        frame: The rows, with their original index labels.
    """

    __slots__ = ("frame", "position")

    def __init__(self, position: int, frame: pd.DataFrame) -> None:
        self.position = position
        self.frame = frame

    def __repr__(self) -> str:
        return f"CommentChunk(position={self.position}, rows={len(self.frame)})"

    def __getstate__(self) -> tuple[int, pd.DataFrame]:
        return self.position, self.frame

    def __setstate__(self, state: tuple[int, pd.DataFrame]) -> None:
        self.position, self.frame = state


def split_chunks(records: pd.DataFrame, size: int) -> list[CommentChunk]:
    """Cut ``records`` into consecutive chunks of at most ``size`` rows, in order.

    Args:
        records: Comments of one period.
        size: Rows per chunk (at least 1).

    Returns:
        The chunks; concatenating their frames gives ``records`` back.
    """
    if size < 1:
        raise ValueError(f"chunk size must be at least 1, got {size}")
    return [
        CommentChunk(i, records.iloc[start : start + size])
        for i, start in enumerate(range(0, len(records), size))
    ]


def uses_dask(n_comments: int, settings: Settings) -> bool:
    """Whether a period of ``n_comments`` is classified on Dask rather than in-process."""
    return n_comments > 0 and n_comments >= settings.dask_min_comments


_CLUSTERS: dict[int, Any] = {}
_CLUSTERS_LOCK = threading.Lock()
R = TypeVar("R")


def _close_cluster(cluster: Any, scratch: str) -> None:
    # at exit, handlers (the test runner's, Prefect's) may already be closed
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    try:
        cluster.close(timeout=30)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def local_cluster(workers: int) -> Any:
    """This process's local Dask cluster of ``workers`` processes (started on first use).

    Each worker has one thread; the cluster has its own scratch folder (Dask's
    shared one may be purged by another cluster starting on the machine), no
    dashboard, and quiet logs (no "Compute Failed ... args" warnings). It is
    closed, and its scratch folder removed, when the process exits.

    Args:
        workers: Worker processes.

    Returns:
        A running ``distributed.LocalCluster``.
    """
    from distributed import LocalCluster

    with _CLUSTERS_LOCK:
        cluster = _CLUSTERS.get(workers)
        if cluster is not None and cluster.status.name == "running":
            return cluster
        scratch = tempfile.mkdtemp(prefix="coachlens-dask-")
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
            local_directory=scratch,
        )
        _CLUSTERS[workers] = cluster
        atexit.register(_close_cluster, cluster, scratch)
        return cluster


def dask_task_runner(settings: Settings) -> DaskTaskRunner:
    """A (not yet entered) Dask task runner as configured.

    Args:
        settings: ``dask_address`` selects an existing scheduler; otherwise the
            runner uses :func:`local_cluster` with ``dask_workers`` processes
            (started now if this process has none yet).

    Returns:
        The runner; use it as a context manager. Leaving it closes the
        connection, not the cluster.
    """
    address = settings.dask_address or local_cluster(settings.dask_workers).scheduler_address
    return DaskTaskRunner(address=address)


def map_chunks(
    step: Task[..., R], records: pd.DataFrame, settings: Settings, shared: dict[str, object]
) -> list[R]:
    """Run ``step`` on Dask over consecutive chunks of ``records``; results in order.

    Args:
        step: A Prefect task whose first parameter ``chunk`` takes a :class:`CommentChunk`.
        records: The period's rows.
        settings: Cluster address or size, ``classify_chunk_size`` and ``dask_timeout_s``.
        shared: Further arguments of ``step`` by name, the same for every chunk.

    Returns:
        One result per chunk, in chunk order.
    """
    chunks = split_chunks(records, settings.classify_chunk_size)
    with api_for_workers(), dask_task_runner(settings) as runner:
        futures = runner.map(step, {"chunk": chunks, **{k: unmapped(v) for k, v in shared.items()}})
        results: list[R] = futures.result(timeout=settings.dask_timeout_s)
    return results


@contextmanager
def api_for_workers() -> Iterator[None]:
    """Within the block, ``PREFECT_API_URL`` is the API of the current flow run.

    Prefect ships its settings to each Dask task; an ephemeral API is not in
    them, so it is set explicitly here for the block only.
    """
    context = FlowRunContext.get()
    if PREFECT_API_URL.value() or context is None or context.client is None:
        yield
        return
    with temporary_settings({PREFECT_API_URL: str(context.client.api_url).rstrip("/")}):
        yield
