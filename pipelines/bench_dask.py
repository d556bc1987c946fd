"""Classify throughput: the flow's classify step in one process vs. on Dask.

``python -m pipelines.bench_dask --n 50000`` labels N generated comments
(1-3 sentences of the training corpus each, nearly all distinct, as in
:mod:`models.bench`) three ways, each inside a flow against a local Prefect
server started for the benchmark: in the flow's process (model loaded
beforehand, not timed); on Dask with a fresh local cluster started by the
task runner (cold: cluster start and one model load per worker are timed);
and on an already running local cluster whose workers have loaded the model
(warm: the second of two runs). Figures are printed, never comment text. The last line is
``n=N single_per_s=A dask_cold_per_s=B dask_warm_per_s=C workers=W chunk=K``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd
from prefect import flow

from pipelines.classify_tasks import classify, load_classifier
from pipelines.serve import local_prefect_server
from pipelines.settings import Settings, get_settings

N_DEFAULT = 50_000
CHUNK_DEFAULT = 10_000


def bench_records(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` generated comments shaped like the flow's validated records."""
    from models.bench import generate_comments

    texts, questions = generate_comments(n, seed)
    return pd.DataFrame(
        {
            "record_id": [f"bench-{i}" for i in range(n)],
            "period": "2026-01",
            "directorate": "Bench",
            "source": "survey",
            "question": questions,
            "text": texts,
        }
    )


@flow(name="bench-classify", persist_result=False)
def timed_classify(n: int, settings: Settings) -> dict[str, float]:
    """Generate ``n`` comments (untimed), then time the classify step on them."""
    records = bench_records(n)
    load_classifier(settings.artefact_dir)  # the flow process's own load is not timed
    start = time.perf_counter()
    out = classify(records, settings, "bench")
    seconds = time.perf_counter() - start
    if len(out) != n:
        raise RuntimeError(f"classified {len(out)} of {n} comments")
    return {"seconds": seconds, "per_second": n / seconds}


def run(n: int, workers: int, chunk: int) -> dict[str, Any]:
    """Time the three ways on ``n`` comments; returns comments per second of each."""
    import distributed

    base = get_settings().model_copy(update={"dask_workers": workers, "dask_address": None})
    single = timed_classify(n, base.model_copy(update={"dask_min_comments": n + 1}))
    dask = base.model_copy(update={"dask_min_comments": 1, "classify_chunk_size": chunk})
    cold = timed_classify(n, dask)
    with distributed.LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        on_cluster = dask.model_copy(update={"dask_address": cluster.scheduler_address})
        warm_up = on_cluster.model_copy(update={"classify_chunk_size": 100})
        timed_classify(40 * workers * 100 // 2, warm_up)  # every worker loads the model
        warm = timed_classify(n, on_cluster)
    return {"single": single, "cold": cold, "warm": warm}


def main(argv: list[str] | None = None) -> None:
    """Print the throughput of each way and the speed-ups."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=N_DEFAULT)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=CHUNK_DEFAULT)
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as home, local_prefect_server(Path(home), ui=False) as srv:
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings({PREFECT_API_URL: srv.api_url}):
            result = run(args.n, args.workers, args.chunk)
    s, c, w = (result[k]["per_second"] for k in ("single", "cold", "warm"))
    print(f"classify {args.n:,} comments; {os.cpu_count()} CPUs, load average {load:.1f} at start")
    print(f"  single process        {result['single']['seconds']:7.1f} s  {s:8,.0f} comments/s")
    print(
        f"  dask {args.workers} workers, cold   {result['cold']['seconds']:7.1f} s  {c:8,.0f} "
        f"comments/s  (x{c / s:.2f}; includes cluster start + model load per worker)"
    )
    print(
        f"  dask {args.workers} workers, warm   {result['warm']['seconds']:7.1f} s  {w:8,.0f} "
        f"comments/s  (x{w / s:.2f}; chunks of {args.chunk:,})"
    )
    print(
        f"n={args.n} single_per_s={s:.0f} dask_cold_per_s={c:.0f} dask_warm_per_s={w:.0f} "
        f"workers={args.workers} chunk={args.chunk}"
    )


if __name__ == "__main__":
    main()
