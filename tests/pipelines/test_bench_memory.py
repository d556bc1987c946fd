"""The benchmark's process-tree memory sampler sees children's memory, not just its own."""

from __future__ import annotations

import subprocess
import sys

from pipelines.bench_memory import TreeSampler, sample_tree

CHILD = """
import subprocess, sys, time
block = b"x" * (64 * 1024 * 1024)  # written, so resident (a zeroed bytearray may not be)
grandchild = subprocess.Popen([sys.executable, "-c",
    "import time; b = b'x' * (96 * 1024 * 1024); print('up', flush=True); time.sleep(30)"],
    stdout=subprocess.PIPE, text=True)
grandchild.stdout.readline()
print("ready", flush=True)
sys.stdin.readline()
grandchild.kill()
"""


def test_tree_sampler_counts_the_child_and_its_grandchild() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdin is not None
        assert proc.stdout.readline().strip() == "ready"
        with TreeSampler(proc.pid, interval=0.05) as sampler:
            sample = sample_tree(proc.pid)
            now = sample.rss_kib
            proc.stdin.write("\n")
            proc.stdin.flush()
            proc.wait(timeout=60)
        assert now >= (64 + 96) * 1024, f"{now} KiB: the grandchild was not counted"
        assert sampler.peak_mib >= 64 + 96
        # the root is the flow; a grandchild that is neither a Dask worker nor
        # the Prefect server is "other"; its private pages count fully in PSS
        assert sample.rss["flow"] >= 64 * 1024 and sample.rss["other"] >= 96 * 1024
        assert (64 + 96) * 1024 <= sample.pss_kib <= sample.rss_kib
        assert sampler.peak_pss.pss_kib >= (64 + 96) * 1024
        assert sampler.role_peaks["other"] >= 96 * 1024
    finally:
        proc.kill()
        proc.wait()


def test_a_finished_process_has_no_memory() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert sample_tree(proc.pid).rss_kib == 0
