"""Peak memory of a process tree, sampled from ``/proc`` (Linux).

The benchmark runs each measured step in a child process; the flow's child
may itself start children (the ephemeral Prefect API server, Dask workers).
:class:`TreeSampler` samples every process of the tree every ``interval``
seconds and keeps, at the moment the tree's total is largest:

- the **resident set (RSS)** of each process, summed: shared pages (the
  Python interpreter, numpy, spaCy's libraries) are counted once per process,
  so the sum errs on the high side;
- the **proportional set (PSS)**, summed: each shared page is divided among
  the processes that map it, so the sum is the physical memory the tree
  holds;
- both split by :func:`role`: the flow process, its Dask workers, and the
  Prefect API server (a service the flow talks to, like PostgreSQL).
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

_PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
ROLES = ("flow", "dask workers", "prefect server", "other")


def _parents() -> dict[int, int]:
    """Map every visible pid to its parent pid."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: split after the last ')'
        fields = stat.rsplit(")", 1)[-1].split()
        parents[int(entry.name)] = int(fields[1])
    return parents


def _rss_kib(pid: int) -> int:
    try:
        return int((Path("/proc") / str(pid) / "statm").read_text().split()[1]) * _PAGE_KIB
    except (OSError, IndexError, ValueError):
        return 0


def _pss_kib(pid: int) -> int:
    """Proportional set size (KiB) from ``smaps_rollup``; 0 if the process is gone."""
    try:
        text = (Path("/proc") / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def role(pid: int, root: int) -> str:
    """What a process of the tree is, from its command line.

    Args:
        pid: A process of the tree.
        root: The tree's root (the flow process).

    Returns:
        One of :data:`ROLES`.
    """
    if pid == root:
        return "flow"
    try:
        cmd = (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return "other"
    if b"prefect.server" in cmd or b"uvicorn" in cmd:
        return "prefect server"
    if b"multiprocessing.spawn" in cmd or b"multiprocessing.forkserver" in cmd:
        return "dask workers"
    return "other"


def tree_pids(root: int) -> list[int]:
    """``root`` and all its descendants now."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(children.get(pid, []))
    return pids


@dataclass
class TreeSample:
    """Memory of a process tree at one moment, in KiB, by :func:`role`."""

    rss: Counter[str] = field(default_factory=Counter)
    pss: Counter[str] = field(default_factory=Counter)

    @property
    def rss_kib(self) -> int:
        """Summed resident sets of the whole tree."""
        return sum(self.rss.values())

    @property
    def pss_kib(self) -> int:
        """Summed proportional sets of the whole tree."""
        return sum(self.pss.values())

    @property
    def pipeline_rss_kib(self) -> int:
        """Summed resident sets without the Prefect API server."""
        return self.rss_kib - self.rss["prefect server"]


def sample_tree(root: int) -> TreeSample:
    """RSS and PSS of every process of the tree now, summed by role."""
    sample = TreeSample()
    for pid in tree_pids(root):
        kind = role(pid, root)
        sample.rss[kind] += _rss_kib(pid)
        sample.pss[kind] += _pss_kib(pid)
    return sample


class TreeSampler:
    """Sample a process tree's memory in a background thread.

    Args:
        root: Pid of the tree's root (a child process of this one).
        interval: Seconds between samples.

    Attributes:
        peak: The sample with the largest summed RSS.
        peak_pss: The sample with the largest summed PSS.
        peak_pipeline: The sample with the largest summed RSS without the
            Prefect API server.
        role_peaks: The largest RSS (KiB) each role reached on its own.
    """

    def __init__(self, root: int, interval: float = 0.2) -> None:
        self.root = root
        self.interval = interval
        self.peak = TreeSample()
        self.peak_pss = TreeSample()
        self.peak_pipeline = TreeSample()
        self.role_peaks: Counter[str] = Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _take(self) -> None:
        sample = sample_tree(self.root)
        if sample.rss_kib > self.peak.rss_kib:
            self.peak = sample
        if sample.pss_kib > self.peak_pss.pss_kib:
            self.peak_pss = sample
        if sample.pipeline_rss_kib > self.peak_pipeline.pipeline_rss_kib:
            self.peak_pipeline = sample
        for kind, kib in sample.rss.items():
            self.role_peaks[kind] = max(self.role_peaks[kind], kib)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._take()
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeSampler:
        self._take()  # one sample now, before the thread's first
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_kib(self) -> int:
        """Largest sampled summed RSS of the tree, in KiB."""
        return self.peak.rss_kib

    @property
    def peak_mib(self) -> float:
        """Largest sampled summed RSS of the tree, in MiB."""
        return self.peak_kib / 1024
