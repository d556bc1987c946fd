"""Serve the two deployments of ``prefect.yaml`` from one local process (``flow.serve``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import yaml
from prefect import serve
from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron

from pipelines.monthly_theme_trends import monthly_theme_trends

PREFECT_YAML = Path(__file__).resolve().parent.parent / "prefect.yaml"


def deployment_specs(path: Path = PREFECT_YAML) -> list[dict[str, Any]]:
    """The deployments declared in ``prefect.yaml``."""
    specs: list[dict[str, Any]] = yaml.safe_load(path.read_text())["deployments"]
    return specs


def serve_deployments() -> None:
    """Register and serve every deployment of ``prefect.yaml`` until interrupted."""
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
                ),
            )
        )
    serve(*deployments)
