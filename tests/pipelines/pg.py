"""A throwaway, real PostgreSQL server for tests (``initdb`` + ``pg_ctl`` in a temp dir).

Import :func:`postgres_url` into a test module (``from tests.pipelines.pg import
postgres_url``) to use it as a session fixture. The server listens on a free
localhost port and a Unix socket inside its own folder, runs as the
``postgres`` user when the tests run as root, and is stopped (its folder
deleted) when the session ends. ``.ci/run`` installs Debian's ``postgresql``
package when the binaries are missing; without them the fixture fails loudly.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

DATABASE = "coachlens_test"
USER = "coachlens"
PASSWORD = "coachlens-test-only"


def _bin_dir() -> Path:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres`` (newest version)."""
    found = shutil.which("initdb")
    if found:
        real = Path(found).resolve().parent
        if (real / "pg_ctl").exists():
            return real
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if not candidates:
        pytest.fail(
            "PostgreSQL server binaries (initdb, pg_ctl) not found; `.ci/run` installs "
            "Debian's postgresql package (apt-get install -y postgresql) before the tests"
        )
    return Path(candidates[-1]).parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _runner() -> list[str]:
    """Prefix that runs a command as ``postgres`` when we are root (initdb refuses root)."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.fail("running as root but no `postgres` user exists to run the test server")
    return ["runuser", "-u", "postgres", "--"]


def _run(cmd: list[str], what: str) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.fail(f"{what} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """Start a fresh PostgreSQL cluster; yield a ``postgresql+psycopg://`` URL to its database."""
    bindir = _bin_dir()
    runner = _runner()
    root = Path(tempfile.mkdtemp(prefix="coachlens-pg-"))
    data, sockets, pwfile = root / "data", root / "sock", root / "pwfile"
    sockets.mkdir()
    pwfile.write_text(PASSWORD + "\n")
    if runner:
        info = pwd.getpwnam("postgres")
        for path in (root, sockets, pwfile):
            os.chown(path, info.pw_uid, info.pw_gid)
    port = _free_port()
    _run(
        [
            *runner,
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            USER,
            f"--pwfile={pwfile}",
            "--auth=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ],
        "initdb",
    )
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    _run(
        [
            *runner,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(root / "server.log"),
            "-w",
            "-t",
            "120",
            "start",
        ],
        "pg_ctl start",
    )
    try:
        url = f"postgresql+psycopg://{USER}:{PASSWORD}@127.0.0.1:{port}/{DATABASE}"
        import sqlalchemy as sa

        admin = sa.create_engine(
            f"postgresql+psycopg://{USER}:{PASSWORD}@127.0.0.1:{port}/postgres",
            isolation_level="AUTOCOMMIT",
        )
        with admin.connect() as con:
            con.execute(sa.text(f'CREATE DATABASE "{DATABASE}"'))
        admin.dispose()
        yield url
    finally:
        subprocess.run(
            [*runner, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)
