"""The ``coachlens`` command line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)

PREFECT_DEFAULTS = {
    # A local ephemeral Prefect server takes 25-35 s to start on a 2-core machine.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    # No network beyond this machine: don't try to send usage telemetry.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
}


@app.callback()
def _configure() -> None:
    """Where-to-run defaults for Prefect; the environment wins when set."""
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)


REPO_ROOT = Path(__file__).resolve().parent.parent


def _default_eval_file() -> Path:
    return REPO_ROOT.parent / "shared" / "eval" / "dev.jsonl"


@app.command()
def train(
    out: Annotated[Path | None, typer.Option(help="Artefact folder (default: settings)")] = None,
    eval_file: Annotated[
        Path | None, typer.Option(help="Labelled JSONL scored for the model card only")
    ] = None,
) -> None:
    """Train every classifier (deterministic) and write models/MODEL_CARD.md."""
    from models.train import train_all
    from pipelines.settings import get_settings

    target = out or get_settings().artefact_dir
    manifest = train_all(target, eval_file=eval_file or _default_eval_file())
    typer.echo(f"trained {manifest['version']} into {target}")
    for name, by_kind in manifest["metrics"].items():
        for kind, line in by_kind.items():
            typer.echo(f"{name:9s} {kind:9s} {line}")


@app.command()
def classify(
    input: Annotated[Path, typer.Option("--input", "-i", help="CSV or JSONL: id,text[,question]")],
    output: Annotated[Path, typer.Option("--output", "-o", help="CSV (id,labels) or JSONL")],
    model: Annotated[str, typer.Option(help="ensemble, sklearn, spacy or rules")] = "ensemble",
) -> None:
    """Label each comment with the codebook's themes."""
    from models.predict import MODEL_KINDS, ThemeClassifier
    from pipelines.comment_io import InputFileError, read_comments, write_labels
    from pipelines.settings import get_settings

    if model not in MODEL_KINDS:
        raise typer.BadParameter(f"choose one of {', '.join(MODEL_KINDS)}", param_hint="--model")
    try:
        frame = read_comments(input)
    except InputFileError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    try:
        clf = ThemeClassifier.load(get_settings().artefact_dir, model)  # type: ignore[arg-type]
    except FileNotFoundError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    labels = clf.predict(frame["text"].tolist(), frame["question"].tolist())
    write_labels(frame["id"].tolist(), labels, output)
    flagged = sum(bool(x) for x in labels)
    typer.echo(f"classified {len(frame)} comments ({flagged} with a theme) -> {output}")


@app.command("demo-data")
def demo_data(
    out: Annotated[
        Path | None, typer.Option(help="Output folder (default: $COACHLENS_HOME/demo)")
    ] = None,
    months: Annotated[int, typer.Option(min=1, max=120)] = 18,
    seed: int = 0,
    scale: Annotated[float, typer.Option(min=0.001, help="Volume multiplier")] = 1.0,
    complaints_url: Annotated[
        str | None,
        typer.Option(
            help="SQLAlchemy URL to write the demo cases table to (replacing it), e.g. "
            "postgresql+psycopg://user:password@host/db (default: complaints.sqlite in the "
            "output folder)"
        ),
    ] = None,
) -> None:
    """Generate the demo survey exports, complaints database and ground truth."""
    from pipelines.demo_data import generate_demo_data
    from pipelines.settings import get_settings

    target = out or get_settings().demo_dir
    summary = generate_demo_data(
        target, months=months, seed=seed, scale=scale, complaints_url=complaints_url
    )
    typer.echo(
        f"demo data in {target}: {summary.survey_comments:,} survey comments in "
        f"{len(summary.survey_files)} waves ({summary.periods[0]}..{summary.periods[-1]}), "
        f"{summary.cases:,} complaint cases; ground truth {summary.ground_truth_path}"
    )


@app.command()
def run(
    period: Annotated[str | None, typer.Option(help="YYYY-MM (default: last month)")] = None,
    directorate: Annotated[
        list[str] | None, typer.Option(help="Rebuild only this directorate (repeatable)")
    ] = None,
) -> None:
    """Run the monthly theme-trends flow locally for one period."""
    from pipelines.monthly_theme_trends import monthly_theme_trends

    summary = monthly_theme_trends(period=period, directorates=directorate or None)
    _print_summary(summary)


@app.command()
def backfill(
    first: Annotated[str, typer.Option("--from", help="First period, YYYY-MM")],
    last: Annotated[str, typer.Option("--to", help="Last period, YYYY-MM")],
) -> None:
    """Run the monthly flow for every period in a range, oldest first."""
    from pipelines.monthly_theme_trends import backfill_theme_trends

    summaries = backfill_theme_trends(first, last)
    typer.echo(f"built {len(summaries)} periods {first}..{last}")
    if summaries:
        _print_summary(summaries[-1])


def _print_summary(summary: dict[str, object]) -> None:
    import pandas as pd

    from pipelines.settings import get_settings

    settings = get_settings()
    typer.echo(f"theme trends for {summary['period']}")
    typer.echo(pd.DataFrame(summary["counts"]).to_string(index=False))  # type: ignore[call-overload]
    typer.echo("top coaching priorities (numbers only):")
    ranked = pd.DataFrame(summary["priorities"])  # type: ignore[call-overload]
    if not ranked.empty:
        typer.echo(ranked[["rank", "directorate", "top_themes"]].head(5).to_string(index=False))
    from pipelines.warehouse import open_warehouse

    typer.echo(
        f"warehouse: {open_warehouse(settings).shown} "
        "(theme_trends, coaching_priorities, classified_comments, quarantine)"
    )
    typer.echo(f"parquet:   {settings.parquet_dir}")
    report = summary.get("report")
    if isinstance(report, dict):
        typer.echo(f"report:    {report['html']}")
        typer.echo(f"           {report['xlsx']}")


@app.command()
def demo(
    months: Annotated[int, typer.Option(min=1, max=120)] = 18,
    seed: int = 0,
) -> None:
    """Generate demo data under $COACHLENS_HOME/demo and run the monthly flow on every month."""
    from pipelines.demo_data import generate_demo_data
    from pipelines.monthly_theme_trends import backfill_theme_trends
    from pipelines.settings import get_settings

    settings = get_settings()
    summary = generate_demo_data(settings.demo_dir, months=months, seed=seed)
    typer.echo(
        f"demo data: {settings.demo_dir} ({summary.survey_comments:,} comments, "
        f"{summary.cases:,} cases, {summary.periods[0]}..{summary.periods[-1]})"
    )
    runs = backfill_theme_trends(summary.periods[0], summary.periods[-1])
    import pandas as pd

    counts = pd.DataFrame([c for r in runs for c in r["counts"]])
    typer.echo("intake over all months (read = passed + quarantined):")
    typer.echo(counts.groupby("source")[["read", "passed", "quarantined"]].sum().to_string())
    _print_summary(runs[-1])


@app.command()
def report(
    period: Annotated[str, typer.Option(help="YYYY-MM to report")],
) -> None:
    """Build the leadership report (HTML + Excel) for a period from the warehouse."""
    from pipelines.report import ReportDataError, report_command

    try:
        report_command(period)
    except ReportDataError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


@app.command()
def serve(
    start_server: Annotated[
        bool,
        typer.Option(
            help="First start a local Prefect server (SQLite under --prefect-home) and use it"
        ),
    ] = False,
    prefect_home: Annotated[
        Path | None,
        typer.Option(
            help="PREFECT_HOME of the started server (default: $COACHLENS_HOME/prefect if "
            "COACHLENS_HOME is set, else $PREFECT_HOME or ~/.prefect)"
        ),
    ] = None,
    host: Annotated[str, typer.Option(help="Interface of the started server")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port of the started server")] = 4200,
    ui: Annotated[bool, typer.Option(help="Serve the Prefect UI from the started server")] = True,
) -> None:
    """Serve the monthly and analyst-rerun deployments (prefect.yaml) from this process.

    Without --start-server, flows register with the API in PREFECT_API_URL
    (or the active Prefect profile).
    """
    from pipelines.serve import serve_deployments, serve_with_local_server

    if not start_server:
        serve_deployments()
        return
    if prefect_home is None:
        coachlens_home = os.environ.get("COACHLENS_HOME")
        prefect_home = (
            Path(coachlens_home) / "prefect"
            if coachlens_home
            else Path(os.environ.get("PREFECT_HOME", Path.home() / ".prefect"))
        )
    serve_with_local_server(prefect_home.resolve(), host, port, ui)


def main() -> None:
    """Entry point for ``python -m pipelines.cli``."""
    app()


if __name__ == "__main__":
    main()
