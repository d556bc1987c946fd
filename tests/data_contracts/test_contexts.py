"""File-backed GX projects shared by flow processes (data_contracts.contexts)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

from data_contracts import contexts


def test_opening_a_project_waits_for_another_process_writing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(contexts, "LOCK_TIMEOUT_SECONDS", 0.2)
    tmp_path.mkdir(exist_ok=True)
    with FileLock(str(tmp_path / "gx.lock")), pytest.raises(Timeout):
        contexts.file_context(tmp_path)  # another holder (a second fd) blocks it
    context = contexts.file_context(tmp_path)  # free again
    assert Path(context.root_directory) == tmp_path / "gx"


def test_project_lock_is_the_projects_file_lock_and_a_no_op_in_memory(tmp_path: Path) -> None:
    lock = contexts.project_lock(contexts.file_context(tmp_path))
    assert isinstance(lock, FileLock)
    assert Path(lock.lock_file) == tmp_path / "gx.lock"
    assert isinstance(contexts.project_lock(contexts.ephemeral_context()), contextlib.nullcontext)
