"""End-to-end benchmark: the whole monthly flow over 12 months of generated comments.

``python -m pipelines.bench --n 1000000`` generates about N non-blank comments
(survey answers plus complaint summaries) over 12 months with the demo
generator into a temporary ``COACHLENS_HOME`` (generation time is printed but
not counted), then runs the monthly theme-trends flow for each month, oldest
first (pull, validate, redact, classify, aggregate, impact, write, report,
Data Docs), in a child process with an ephemeral Prefect API. It prints
end-to-end comments per second, each step's share of the time (task run
times read back from the Prefect API), and the peak resident memory of the
child and its children (the Prefect server). The same is done for a smaller
size to show how cost grows, and for a bare baseline on the same files
(pandas + TF-IDF + logistic regression + groupby). The last line printed is
always ``n=N end_to_end_comments_per_s=X peak_rss_mib=M baseline_comments_per_s=B``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pipelines.bench_memory import ROLES, TreeSampler

MONTHS = 12
COMMENTS_PER_SCALE_MONTH = 3_700.0
"""Non-blank comments plus cases the demo generator writes per month at ``scale=1``."""
_CLEARED_ENV = ("PREFECT_API_URL", "COACHLENS_COMPLAINTS_URL", "COACHLENS_MODEL_DIR")


def _generate(home: Path, n: int, months: int, seed: int) -> dict[str, Any]:
    from pipelines.demo_data import generate_demo_data

    scale = n / (COMMENTS_PER_SCALE_MONTH * months)
    start = time.perf_counter()
    summary = generate_demo_data(home / "demo", months=months, seed=seed, scale=scale)
    return {
        "scale": scale,
        "seconds": time.perf_counter() - start,
        "comments": summary.survey_comments + summary.cases,
        "rows": summary.survey_rows + summary.cases,
        "periods": list(summary.periods),
    }


def _child(args: list[str], home: Path, extra_env: dict[str, str]) -> dict[str, Any]:
    """Run one worker in a child process; return its JSON plus the sampled tree peak."""
    env = {k: v for k, v in os.environ.items() if k not in _CLEARED_ENV}
    env.setdefault("MALLOC_ARENA_MAX", "2")  # as the Makefile sets it for every run
    env.update(
        COACHLENS_HOME=str(home),
        PREFECT_HOME=str(home / "prefect"),
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="180",
        **extra_env,
    )
    log = home / f"worker-{args[0]}.log"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with log.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pipelines.bench", "--worker", *args, "--home", str(home)],
            stdout=subprocess.PIPE,
            stderr=err,
            env=env,
            text=True,
        )
        with TreeSampler(proc.pid) as sampler:
            out, _ = proc.communicate()
    if proc.returncode != 0:
        tail = log.read_text(errors="replace").splitlines()[-5:]
        raise RuntimeError(f"{args[0]} worker failed ({proc.returncode}); see {log}: {tail}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    # CPU time of the worker and its children (the Prefect server): unlike wall
    # time it barely depends on how busy the shared machine is
    result["cpu_seconds"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rusage = result["self_peak_mib"] + result.get("children_peak_mib", 0.0)
    result["peak_mib"] = max(sampler.peak_mib, rusage)
    result["pss_peak_mib"] = sampler.peak_pss.pss_kib / 1024
    result["pipeline_peak_mib"] = sampler.peak_pipeline.pipeline_rss_kib / 1024
    result["roles_at_peak"] = {k: v / 1024 for k, v in sampler.peak.rss.items()}
    result["role_peaks"] = {k: v / 1024 for k, v in sampler.role_peaks.items()}
    return result


def _memory_lines(flow: dict[str, Any]) -> list[str]:
    """How the flow's peak memory splits between its processes."""
    roles, own = flow["roles_at_peak"], flow["role_peaks"]
    at_peak = ", ".join(f"{name} {roles[name]:,.0f}" for name in ROLES if name in roles)
    alone = ", ".join(f"{name} {own[name]:,.0f}" for name in ROLES if name in own)
    return [
        f"  peak memory, summed RSS of the process tree: {flow['peak_mib']:,.0f} MiB "
        f"(at that moment: {at_peak})",
        f"    each role's own peak RSS: {alone}",
        f"    without the Prefect API server (a service, like PostgreSQL): "
        f"{flow['pipeline_peak_mib']:,.0f} MiB; physical memory of the whole tree "
        f"(PSS, shared pages counted once): {flow['pss_peak_mib']:,.0f} MiB",
    ]


def _shares(flow: dict[str, Any]) -> list[str]:
    from pipelines.bench_workers import NESTED_TASKS

    total = flow["seconds"]
    tasks: dict[str, float] = flow["tasks"]
    top = {k: v for k, v in tasks.items() if k not in NESTED_TASKS}
    lines = []
    for name, secs in sorted(top.items(), key=lambda kv: -kv[1]):
        lines.append(f"    {name:28s} {secs:8.1f} s  {100 * secs / total:5.1f}%")
        for sub, parent in NESTED_TASKS.items():
            if parent == name and sub in tasks:
                lines.append(
                    f"      {sub:26s} {tasks[sub]:8.1f} s  {100 * tasks[sub] / total:5.1f}%"
                )
    rest = total - sum(top.values())
    lines.append(
        f"    {'(flow overhead, between tasks)':28s} {rest:8.1f} s  {100 * rest / total:5.1f}%"
    )
    return lines


def measure(
    n: int, months: int, seed: int, extra_env: dict[str, str], keep: bool
) -> dict[str, Any]:
    """Generate ~``n`` comments, run the flow and the baseline on them, print and return figures."""
    home = Path(tempfile.mkdtemp(prefix=f"coachlens-bench-{n}-"))
    try:
        gen = _generate(home, n, months, seed)
        comments = gen["comments"]
        print(
            f"\n== n={comments:,} non-blank comments ({gen['rows']:,} rows) over {months} months, "
            f"scale {gen['scale']:.3f}; generated in {gen['seconds']:.1f} s (not counted)"
        )
        flow = _child(["flow", *gen["periods"]], home, extra_env)
        rate = comments / flow["seconds"]
        print(
            f"  pipeline: {flow['seconds']:.1f} s for {months} monthly runs -> "
            f"{rate:,.0f} comments/s, {1e3 / rate:.3f} ms/comment; Prefect API start "
            f"{flow['startup']:.1f} s (not counted); CPU {flow['cpu_seconds']:.1f} s incl. "
            f"Prefect server and start ({comments / flow['cpu_seconds']:,.0f} comments per "
            "CPU-second)"
        )
        print("\n".join(_memory_lines(flow)))
        print(
            f"  rows read {flow['read']:,} = passed {flow['passed']:,} + quarantined "
            f"{flow['quarantined']:,}; step shares of the flow time (task run times from the API):"
        )
        print("\n".join(_shares(flow)))
        base = _child(["baseline"], home, extra_env)
        base_rate = comments / base["seconds"]
        print(
            f"  baseline (pandas read + TF-IDF/LR predict + groupby): {base['seconds']:.1f} s -> "
            f"{base_rate:,.0f} comments/s; peak RSS {base['peak_mib']:,.0f} MiB; "
            f"training {base['train_seconds']:.1f} s (not counted); "
            f"CPU {base['cpu_seconds']:.1f} s incl. training"
        )
        print(f"  pipeline / baseline throughput: {rate / base_rate:.3f}")
        return {
            "n": comments,
            "rate": rate,
            "peak": flow["peak_mib"],
            "base_rate": base_rate,
            "seconds": flow["seconds"],
            "cpu": flow["cpu_seconds"],
        }
    finally:
        if keep:
            print(f"  kept {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)


def _worker(argv: list[str]) -> None:
    from pipelines.bench_workers import run_baseline, run_flow

    kind, home = argv[0], Path(argv[argv.index("--home") + 1])
    periods = argv[1 : argv.index("--home")]
    result = run_flow(periods) if kind == "flow" else run_baseline(home)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({**result, "children_peak_mib": children}))


def main(argv: list[str] | None = None) -> int:
    """Benchmark two sizes; the last line printed is the summary of the larger one."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        _worker(argv[1:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="comments (about)")
    parser.add_argument("--small", type=int, help="smaller size for growth (default n/10)")
    parser.add_argument("--months", type=int, default=MONTHS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the flow")
    parser.add_argument("--keep", action="store_true", help="keep the temporary homes")
    parser.add_argument(
        "--dask",
        choices=["auto", "on", "off"],
        default="auto",
        help="classify on Dask: as the flow decides by period size (auto), always, never",
    )
    args = parser.parse_args(argv)
    extra_env = dict(item.split("=", 1) for item in args.env)
    if args.dask != "auto":  # the flow's size threshold for handing classification to Dask
        extra_env["COACHLENS_DASK_MIN_COMMENTS"] = "0" if args.dask == "on" else str(10**12)
    print(f"end-to-end benchmark on {os.cpu_count()} cores (figures are pessimistic if shared)")
    results: list[dict[str, Any]] = []
    try:
        for n in (args.small or max(args.n // 10, 1_000), args.n):
            results.append(measure(n, args.months, args.seed, extra_env, args.keep))
        small, large = results
        per_small, per_large = 1 / small["rate"], 1 / large["rate"]
        print(
            f"\ngrowth: {1e3 * per_small:.3f} ms/comment at n={small['n']:,}, "
            f"{1e3 * per_large:.3f} ms/comment at n={large['n']:,}; ratio "
            f"{per_large / per_small:.2f} for {large['n'] / small['n']:.1f}x the comments "
            "(1.00 = linear, below 1 = fixed per-month costs amortised)"
        )
        extra = large["n"] - small["n"]
        wall = (large["seconds"] - small["seconds"]) / extra
        cpu = (large["cpu"] - small["cpu"]) / extra
        print(
            f"cost = fixed + marginal x n: marginal {1e3 * wall:.3f} ms/comment wall "
            f"({1e3 * cpu:.3f} ms CPU), fixed {small['seconds'] - wall * small['n']:.0f} s wall "
            f"over {args.months} runs (wall figures move with the load of a shared machine)"
        )
        print("targets: >= 2,000 comments/s end to end, peak memory <= 2,048 MiB, linear growth")
    except Exception as exc:  # the summary line is printed whatever happens
        print(f"benchmark failed: {exc}", file=sys.stderr)
    last = results[-1] if len(results) == 2 else {"n": args.n, "rate": 0, "peak": 0, "base_rate": 0}
    print(
        f"n={last['n']} end_to_end_comments_per_s={last['rate']:.0f} "
        f"peak_rss_mib={last['peak']:.0f} baseline_comments_per_s={last['base_rate']:.0f}"
    )
    return 0 if len(results) == 2 else 1


if __name__ == "__main__":
    sys.exit(main())
