"""Prefect's Dask task runner for classifying large periods, built from settings at run time.

:func:`dask_task_runner` connects to the cluster at ``settings.dask_address``
or, when none is set, starts a local cluster of ``settings.dask_workers``
processes with one thread each, for the duration of one classify step.
Nothing here runs at import: the flow asks for a runner only when a period
is large enough (``settings.dask_min_comments``) to be worth one.

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

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
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


def dask_task_runner(settings: Settings, scratch_dir: Path | None = None) -> DaskTaskRunner:
    """A (not yet started) Dask task runner as configured.

    Args:
        settings: ``dask_address`` selects an existing scheduler; otherwise a
            temporary ``distributed.LocalCluster`` of ``dask_workers``
            single-threaded worker processes is started when the runner first
            submits work, and closed when the runner exits.
        scratch_dir: The local cluster's own working folder (default: Dask's
            shared ``dask-scratch-space`` in the temp folder, where another
            cluster starting on the machine may purge what it takes as stale).

    Returns:
        The runner; use it as a context manager.
    """
    if settings.dask_address:
        return DaskTaskRunner(address=settings.dask_address)
    return DaskTaskRunner(
        cluster_class="distributed.LocalCluster",
        cluster_kwargs={
            "n_workers": settings.dask_workers,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,  # no fixed port to collide on; no UI needed
            "silence_logs": logging.ERROR,  # no "Compute Failed ... args" warnings
            **({"local_directory": str(scratch_dir)} if scratch_dir else {}),
        },
    )


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
