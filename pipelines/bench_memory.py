"""Peak resident memory of a process tree, sampled from ``/proc`` (Linux).

The benchmark runs each measured step in a child process; the flow's child
may itself start children (the ephemeral Prefect API server, Dask workers).
:class:`TreeSampler` sums the resident set of the child and all its
descendants every ``interval`` seconds and keeps the peak. Shared pages are
counted once per process, so the figure errs on the high side.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

_PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


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


def tree_rss_kib(root: int) -> int:
    """Resident memory (KiB) of ``root`` and all its descendants now."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_kib(pid)
        todo.extend(children.get(pid, []))
    return total


class TreeSampler:
    """Sample a process tree's resident memory in a background thread.

    Args:
        root: Pid of the tree's root (a child process of this one).
        interval: Seconds between samples.
    """

    def __init__(self, root: int, interval: float = 0.2) -> None:
        self.root = root
        self.interval = interval
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kib = max(self.peak_kib, tree_rss_kib(self.root))
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeSampler:
        self.peak_kib = tree_rss_kib(self.root)  # one sample now, before the thread's first
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mib(self) -> float:
        """Largest sampled tree resident memory, in MiB."""
        return self.peak_kib / 1024
