"""Serve the deployments of ``prefect.yaml`` from one process, optionally with a local server.

``coachlens serve`` registers the ``monthly`` (cron) and ``analyst-rerun``
deployments with the Prefect API in ``PREFECT_API_URL`` (or the active
profile) and runs their flow runs as subprocesses of this one
(``prefect.serve``). ``coachlens serve --start-server`` (``make server``)
first starts ``prefect server start`` as a child process with its own
SQLite database under ``PREFECT_HOME``, waits for ``/api/health``, points
``PREFECT_API_URL`` at it, and stops it again on exit.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, cast

import yaml

PREFECT_YAML = Path(__file__).resolve().parent.parent / "prefect.yaml"
STARTUP_TIMEOUT_S = 180.0
"""A Prefect server takes 25-35 s to come up on a busy 2-core machine."""


def deployment_specs(path: Path = PREFECT_YAML) -> list[dict[str, Any]]:
    """The deployments declared in ``prefect.yaml``."""
    specs: list[dict[str, Any]] = yaml.safe_load(path.read_text())["deployments"]
    return specs


def serve_deployments() -> None:
    """Register and serve every deployment of ``prefect.yaml`` until interrupted.

    The flow is referenced by module path, so flow runs find it from any
    working directory; the task runner for large periods is chosen inside
    each run from settings (see :mod:`pipelines.classify_tasks`).
    """
    from prefect import serve
    from prefect.deployments.runner import RunnerDeployment
    from prefect.schedules import Cron
    from prefect.types.entrypoint import EntrypointType

    from pipelines.monthly_theme_trends import monthly_theme_trends

    deployments = []
    for spec in deployment_specs():
        schedules = [
            Cron(s["cron"], timezone=s.get("timezone"), active=s.get("active", True))
            for s in spec.get("schedules") or []
        ]
        deployments.append(
            cast(
                RunnerDeployment,
                monthly_theme_trends.to_deployment(
                    name=spec["name"],
                    parameters=spec.get("parameters") or {},
                    schedules=schedules,
                    description=spec.get("description"),
                    tags=spec.get("tags"),
                    entrypoint_type=EntrypointType.MODULE_PATH,
                ),
            )
        )
    serve(*deployments)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@dataclass
class PrefectServer:
    """A ``prefect server start`` child process.

    Attributes:
        api_url: The API root, e.g. ``http://127.0.0.1:4200/api``.
        process: The child (leader of its own process group).
    """

    api_url: str
    process: subprocess.Popen[bytes]


def is_healthy(api_url: str) -> bool:
    """Whether the API at ``api_url`` answers ``/health``."""
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=5) as response:  # noqa: S310
            return int(response.status) == 200
    except (urllib.error.URLError, OSError):
        return False


def start_prefect_server(
    prefect_home: Path,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    ui: bool = True,
    log_file: Path | None = None,
    timeout_s: float = STARTUP_TIMEOUT_S,
) -> PrefectServer:
    """Start a Prefect server with its own SQLite database and wait until it is healthy.

    Args:
        prefect_home: ``PREFECT_HOME`` of the server; its database is
            ``prefect.db`` there.
        host: Interface to listen on.
        port: TCP port (default: a free one).
        ui: Serve the Prefect UI too.
        log_file: Where the server's output goes (default: discarded).
        timeout_s: How long to wait for ``/api/health``.

    Returns:
        The running server.

    Raises:
        RuntimeError: If the server exits or is not healthy in time (it is stopped).
    """
    port = port or free_port(host)
    prefect_home.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API_")}
    env |= {"PREFECT_HOME": str(prefect_home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", host]
    command += ["--port", str(port), "--ui" if ui else "--no-ui"]
    out = log_file.open("ab") if log_file else subprocess.DEVNULL
    try:
        process = subprocess.Popen(  # own session: stopped as a group
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    finally:
        if log_file and not isinstance(out, int):
            out.close()
    server = PrefectServer(f"http://{host}:{port}/api", process)
    deadline = time.monotonic() + timeout_s
    while not is_healthy(server.api_url):
        if process.poll() is not None or time.monotonic() > deadline:
            stop_process(process)
            raise RuntimeError(
                f"Prefect server on port {port} did not become healthy within {timeout_s:.0f} s "
                f"(exit code {process.returncode}); see {log_file or 'its output'}"
            )
        time.sleep(1)
    return server


def stop_process(process: subprocess.Popen[bytes], grace_s: float = 20.0) -> None:
    """Stop a child started in its own session: SIGTERM to its group, then SIGKILL.

    Args:
        process: A child started with ``start_new_session=True``.
        grace_s: Seconds to wait after SIGTERM before SIGKILL.
    """
    for sig in (signal.SIGTERM, signal.SIGKILL):
        _signal_group(process.pid, sig)
        try:
            process.wait(timeout=grace_s)
            break
        except subprocess.TimeoutExpired:
            continue
    _signal_group(process.pid, signal.SIGKILL)  # children that outlived their leader


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


@contextmanager
def local_prefect_server(prefect_home: Path, **kwargs: Any) -> Iterator[PrefectServer]:
    """:func:`start_prefect_server` as a context manager that always stops it."""
    server = start_prefect_server(prefect_home, **kwargs)
    try:
        yield server
    finally:
        stop_process(server.process)


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def serve_with_local_server(prefect_home: Path, host: str, port: int, ui: bool = True) -> None:
    """Start a local Prefect server, serve the deployments against it, stop both on exit.

    Args:
        prefect_home: ``PREFECT_HOME`` of the server (database, logs).
        host: Interface the server listens on.
        port: Its TCP port.
        ui: Serve the Prefect UI.
    """
    log_file = prefect_home / "server.log"
    print(f"starting Prefect server on {host}:{port} (PREFECT_HOME={prefect_home}) ...")
    with local_prefect_server(prefect_home, host=host, port=port, ui=ui, log_file=log_file) as srv:
        os.environ["PREFECT_API_URL"] = srv.api_url
        signal.signal(signal.SIGTERM, _raise_interrupt)  # stop the server on SIGTERM too
        print(f"Prefect API {srv.api_url} (UI http://{host}:{port}); server log {log_file}")
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings({PREFECT_API_URL: srv.api_url}):
            serve_deployments()
