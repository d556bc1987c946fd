"""Typed settings: every path is resolved here, from one root, when asked for.

Nothing is bound at import time: call :func:`get_settings` (or build
:class:`Settings` directly in tests) and read the paths off it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_directorates_file() -> Path:
    return Path(str(resources.files("pipelines") / "config" / "directorates.yaml"))


def _default_register_file() -> Path:
    return Path(str(resources.files("pipelines") / "config" / "coaching_register.csv"))


class Settings(BaseSettings):
    """coachlens configuration, read from ``COACHLENS_*`` environment variables.

    Attributes:
        home: Data root; everything the project writes lives below it.
        directorates_file: YAML reference list of directorates and aliases.
        coaching_register_file: CSV of coached directorates (directorate, cohort, start_period).
        complaints_url: SQLAlchemy URL of the complaints case database; by
            default the demo SQLite file under ``home``.
        warehouse_url: SQLAlchemy URL of a warehouse database (PostgreSQL:
            ``postgresql+psycopg://user:password@host:5432/db``); ``None`` keeps
            the embedded DuckDB file under ``home``.
        model_dir: Folder of trained artefacts (built by ``make train``).
        min_cell_size: Cells with fewer comments than this are suppressed
            (with their complements); values below 5 are refused.
        keep_comment_text: Store the (redacted) comment text in
            ``classified_comments``; ``False`` stores a null text column.
        redact_id_patterns: Regexes of employee ids, replaced by ``[EMPLOYEE_ID]``
            (env: a JSON list).
        redact_case_patterns: Regexes of HR case references, replaced by
            ``[CASE_ID]`` (env: a JSON list).
        dask_address: Scheduler address of an existing Dask cluster (e.g.
            ``tcp://10.0.0.5:8786``) for classifying large periods; ``None``
            starts a local cluster of ``dask_workers`` processes for the run.
        dask_workers: Worker processes (one thread each) of the local cluster.
            One by default: on a 2-core machine the flow's own process and the
            Prefect server use the other core, and each worker holds its own
            classifier and redactor (about 630-700 MiB at its peak).
        classify_chunk_size: Comments per Dask classify task.
        dask_min_comments: Periods with fewer comments are classified in the
            flow's own process (a cluster costs more than it saves).
        dask_timeout_s: How long a Dask classify step may take before the run
            fails (instead of waiting forever on a cluster that lost its workers).
    """

    model_config = SettingsConfigDict(env_prefix="COACHLENS_", extra="ignore")

    home: Path = Field(default=Path("var"))
    directorates_file: Path = Field(default_factory=_default_directorates_file)
    coaching_register_file: Path = Field(default_factory=_default_register_file)
    complaints_url: str | None = None
    warehouse_url: str | None = None
    model_dir: Path | None = None
    min_cell_size: int = 10
    keep_comment_text: bool = True
    redact_id_patterns: tuple[str, ...] = (r"\bEMP-?\d{5,7}\b", r"\bE\d{7}\b")
    redact_case_patterns: tuple[str, ...] = (
        r"\bHR-\d{4}-\d{3,6}\b",
        r"\b(?:CASE|GRV|ER)-?\d{4,8}\b",
        r"\bC-\d{5}\b",
    )

    @field_validator("min_cell_size")
    @classmethod
    def _protective_cell_size(cls, value: int) -> int:
        """Refuse suppression thresholds below 5 (they would not protect anyone)."""
        from pipelines.disclosure import check_min_cell_size

        return check_min_cell_size(value)

    dask_address: str | None = None
    dask_workers: int = Field(default=1, ge=1)
    classify_chunk_size: int = Field(default=20_000, ge=1)
    dask_min_comments: int = Field(default=40_000, ge=0)
    dask_timeout_s: float = Field(default=3600.0, gt=0)

    @property
    def demo_dir(self) -> Path:
        """Folder of generated demo inputs."""
        return self.home / "demo"

    @property
    def survey_dir(self) -> Path:
        """Folder of survey export files (one file per wave)."""
        return self.demo_dir / "surveys"

    @property
    def complaints_db_url(self) -> str:
        """SQLAlchemy URL of the complaints database."""
        if self.complaints_url:
            return self.complaints_url
        return f"sqlite:///{(self.demo_dir / 'complaints.sqlite').resolve()}"

    @property
    def warehouse_path(self) -> Path:
        """The DuckDB warehouse file."""
        return self.home / "warehouse" / "coachlens.duckdb"

    @property
    def parquet_dir(self) -> Path:
        """Root of the period/directorate-partitioned Parquet tables."""
        return self.home / "warehouse" / "parquet"

    @property
    def reports_dir(self) -> Path:
        """Root of the per-period reports."""
        return self.home / "reports"

    @property
    def validation_dir(self) -> Path:
        """Great Expectations project folder (results and Data Docs)."""
        return self.home / "validation"

    @property
    def artefact_dir(self) -> Path:
        """Trained model artefacts; ``model_dir`` if set, else ``models/artefacts``."""
        if self.model_dir is not None:
            return self.model_dir
        return Path(__file__).resolve().parent.parent / "models" / "artefacts"


def get_settings() -> Settings:
    """Read settings from the environment now (not at import)."""
    return Settings()
