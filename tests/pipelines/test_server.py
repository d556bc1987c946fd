"""A real Prefect server and ``coachlens serve``: an analyst reruns one directorate through the API.

A ``prefect server start`` child (temporary PREFECT_HOME, free port) and a
``coachlens serve`` child (PREFECT_API_URL pointing at it, working directory
outside the repository) are started for the module. Through the Prefect
client, as an analyst would, the ``monthly`` deployment builds the latest
demo period, then the ``analyst-rerun`` deployment rebuilds Housing for it.
Housing's rows must be the rerun's (none duplicated), every other row
untouched. PREFECT_API_URL is set only in the children's environment and,
for the client calls, in a temporary Prefect settings context, so the
session's ``prefect_harness`` is never disturbed. Both children (and their
process groups) are stopped at teardown, also on failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pipelines.demo_data import generate_demo_data
from pipelines.serve import PrefectServer, local_prefect_server, stop_process
from pipelines.settings import Settings
from pipelines.warehouse import read_table

pytestmark = pytest.mark.slow

RERUN = "Housing"
SCOPED = {
    "theme_trends": ["source", "label"],
    "classified_comments": ["record_id"],
    "coaching_priorities": [],
}
"""Tables an analyst rerun replaces, with the columns unique within one directorate."""
FLOW = "monthly-theme-trends"
RUN_TIMEOUT_S = 900.0
REGISTER_TIMEOUT_S = 300.0


@dataclass(frozen=True)
class Served:
    server: PrefectServer
    serve: subprocess.Popen[bytes]
    home: Path
    period: str
    log: Path

    @property
    def settings(self) -> Settings:
        return Settings(home=self.home)

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


@contextmanager
def analyst_client(api_url: str) -> Iterator[None]:
    """Point this process's Prefect client at the served API, for the block only."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api_url}):
        yield


def _wait_for_deployments(served: Served, names: list[str]) -> None:
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    deadline = time.monotonic() + REGISTER_TIMEOUT_S
    with analyst_client(served.server.api_url), get_client(sync_client=True) as client:
        for name in names:
            while True:
                try:
                    client.read_deployment_by_name(f"{FLOW}/{name}")
                    break
                except ObjectNotFound:
                    assert served.serve.poll() is None, f"serve exited:\n{served.log_tail()}"
                    assert time.monotonic() < deadline, f"{name} not served:\n{served.log_tail()}"
                    time.sleep(2)


def _run(served: Served, deployment: str, parameters: dict[str, Any]) -> str:
    """Trigger a deployment like an analyst and wait for it; return the flow-run id."""
    from prefect.deployments import run_deployment

    with analyst_client(served.server.api_url):
        run = run_deployment(
            f"{FLOW}/{deployment}", parameters=parameters, timeout=RUN_TIMEOUT_S, poll_interval=3
        )
    assert run.state is not None and run.state.is_completed(), (
        f"{deployment} ended {run.state and run.state.type}:\n{served.log_tail()}"
    )
    return str(run.id)


def _tables(settings: Settings) -> dict[str, pd.DataFrame]:
    return {t: read_table(settings.warehouse_path, t) for t in SCOPED}


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns), kind="stable").reset_index(drop=True)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, artefact_dir: Path) -> Iterator[Served]:
    home = tmp_path_factory.mktemp("served")
    summary = generate_demo_data(home / "demo", months=2, seed=4, scale=0.05)
    log = home / "serve.log"
    with local_prefect_server(home / "prefect", ui=False, log_file=home / "server.log") as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API_")}
        env |= {
            "PREFECT_HOME": str(home / "prefect"),
            "PREFECT_API_URL": server.api_url,
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "COACHLENS_HOME": str(home),
        }
        coachlens = Path(sys.executable).parent / "coachlens"
        with log.open("wb") as out:
            serve = subprocess.Popen(
                [str(coachlens), "serve"],
                cwd=home,  # flows are found by module path, not by working directory
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            yield Served(server, serve, home, summary.periods[-1], log)
        finally:
            stop_process(serve)


@pytest.fixture(scope="module")
def reruns(served: Served) -> dict[str, Any]:
    _wait_for_deployments(served, ["monthly", "analyst-rerun"])
    full_id = _run(served, "monthly", {"period": served.period})
    before = _tables(served.settings)
    rerun_id = _run(served, "analyst-rerun", {"period": served.period, "directorates": [RERUN]})
    return {"full": full_id, "rerun": rerun_id, "before": before, "after": _tables(served.settings)}


def test_both_deployments_are_served_with_their_schedule(served: Served) -> None:
    from prefect.client.orchestration import get_client

    _wait_for_deployments(served, ["monthly", "analyst-rerun"])
    with analyst_client(served.server.api_url), get_client(sync_client=True) as client:
        monthly = client.read_deployment_by_name(f"{FLOW}/monthly")
        rerun = client.read_deployment_by_name(f"{FLOW}/analyst-rerun")
    assert [s.schedule.cron for s in monthly.schedules] == ["0 6 2 * *"]  # type: ignore[union-attr]
    assert rerun.schedules == []
    assert set(rerun.parameters) == {"period", "directorates"}


def test_rerun_replaces_only_the_directorate_for_the_period(
    served: Served, reruns: dict[str, Any]
) -> None:
    period = served.period
    for table, key in SCOPED.items():
        before, after = reruns["before"][table], reruns["after"][table]
        in_scope = (after["period"] == period) & (after["directorate"] == RERUN)
        was_in_scope = (before["period"] == period) & (before["directorate"] == RERUN)
        new, old = after[in_scope], before[was_in_scope]
        assert len(old) > 0, f"{table}: the full run wrote no {RERUN} rows"
        assert len(new) == len(old), f"{table}: {len(old)} {RERUN} rows became {len(new)}"
        assert set(new["run_id"]) == {reruns["rerun"]}, f"{table}: rows not from the rerun"
        assert set(old["run_id"]) == {reruns["full"]}
        assert not new.duplicated(["period", "directorate", *key]).any(), f"{table} duplicated"
        pd.testing.assert_frame_equal(
            _sorted(after[~in_scope]), _sorted(before[~was_in_scope]), obj=f"{table} others"
        )
        assert after.loc[~in_scope, "directorate"].nunique() > 1
