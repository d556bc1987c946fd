"""Generate the demo inputs: survey exports, the case database and ground truth.

Everything is drawn from ``seed`` (no wall clock), wave by wave and month
by month, so the same arguments give the same bytes and memory stays
bounded at large ``scale``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.demo_data import design
from pipelines.demo_data.cases import MonthSpec, generate_month
from pipelines.demo_data.ground_truth import build_ground_truth, merge_mess
from pipelines.demo_data.mess import PLATFORM_SPELLINGS, checked_variants
from pipelines.demo_data.phrasebank import load_phrase_bank
from pipelines.demo_data.waves import Wave, WaveSpec, generate_wave
from pipelines.demo_data.writers import CaseWriter, write_csv, write_parquet
from pipelines.demo_data.xlsx import write_xlsx
from pipelines.directorates import DirectorateReference, load_reference
from pipelines.schema import CASE_CATEGORIES
from pipelines.sources.complaints import mask_url

logger = logging.getLogger(__name__)

FORMATS: Final[tuple[str, ...]] = ("csv-utf-8-sig", "csv-cp1252", "xlsx", "parquet")
"""Export format of wave ``i`` is ``FORMATS[i % 4]``."""
_SUFFIX: Final[dict[str, str]] = {
    "csv-utf-8-sig": "csv",
    "csv-cp1252": "csv",
    "xlsx": "xlsx",
    "parquet": "parquet",
}
_STREAM_BASELINE, _STREAM_WAVE, _STREAM_CASE_MIX, _STREAM_CASES = 1, 2, 3, 4
_TRUE_LABEL_SCHEMA: Final[pa.Schema] = pa.schema(
    [
        ("record_id", pa.string()),
        ("source", pa.string()),
        ("period", pa.string()),
        ("directorate", pa.string()),
        ("question", pa.string()),
        ("text", pa.string()),
        ("labels", pa.list_(pa.string())),
    ]
)


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`generate_demo_data` wrote.

    Attributes:
        out_dir: The output folder.
        survey_files: One export per wave, in wave order.
        complaints_url: SQLAlchemy URL of the case database.
        ground_truth_path: ``ground_truth.json``.
        true_labels_path: ``true_labels.parquet`` (record_id -> labels).
        coaching_register_path: ``coaching_register.csv``.
        periods: The waves/months generated.
        survey_rows: Rows across all exports (blank answers included).
        survey_comments: Non-blank comments across all exports.
        cases: Cases in the database.
        no_label_share: Share of non-blank comments and summaries with no label.
    """

    out_dir: Path
    survey_files: tuple[Path, ...]
    complaints_url: str
    ground_truth_path: Path
    true_labels_path: Path
    coaching_register_path: Path
    periods: tuple[str, ...]
    survey_rows: int
    survey_comments: int
    cases: int
    no_label_share: float


def _rng(seed: int, stream: int, index: int = 0) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence([seed, stream, index]))


def _write_wave(wave: Wave, fmt: str, path: Path) -> None:
    if fmt == "csv-utf-8-sig":
        write_csv(
            wave.rows,
            path,
            encoding="utf-8-sig",
            date_format="%Y-%m-%d %H:%M:%S",
            unquoted_row=wave.stray_row,
        )
    elif fmt == "csv-cp1252":
        write_csv(
            wave.rows,
            path,
            encoding="cp1252",
            date_format="%d/%m/%Y %H:%M",
            unquoted_row=wave.stray_row,
        )
    elif fmt == "xlsx":
        write_xlsx(wave.rows, path)
    else:
        write_parquet(wave.rows, path)


def _true_labels(rows: pd.DataFrame, source: str, period_of: pd.Series) -> pa.Table:
    unique = rows.drop_duplicates("record_id")
    text = unique["comment" if source == "survey" else "summary"]
    return pa.Table.from_pydict(
        {
            "record_id": unique["record_id"].tolist(),
            "source": [source] * len(unique),
            "period": period_of.loc[unique.index].tolist(),
            "directorate": unique["true_directorate"].tolist(),
            "question": (
                unique["question_text"].tolist()
                if source == "survey"
                else ["Complaint summary"] * len(unique)
            ),
            "text": [t if isinstance(t, str) and t.strip() else None for t in text],
            "labels": unique["labels"].tolist(),
        },
        schema=_TRUE_LABEL_SCHEMA,
    )


def _clear_previous(out_dir: Path, survey_dir: Path) -> None:
    for suffix in set(_SUFFIX.values()):
        for old in survey_dir.glob(f"wave_*.{suffix}"):
            old.unlink()
    (out_dir / "complaints.sqlite").unlink(missing_ok=True)


@dataclass
class _Tally:
    """Running counts while writing, plus per-wave/month mess records."""

    rows: int = 0
    comments: int = 0
    labelled: int = 0
    cases: int = 0
    cases_labelled: int = 0
    files: list[dict[str, Any]] = field(default_factory=list)
    survey_mess: list[dict[str, Any]] = field(default_factory=list)
    case_mess: list[dict[str, Any]] = field(default_factory=list)


def _waves(
    seed: int, scale: float, periods: list[str], reference: DirectorateReference
) -> Iterator[tuple[WaveSpec, Wave]]:
    names = list(reference.names)
    baseline = design.baseline_rates(_rng(seed, _STREAM_BASELINE), names)
    variants = checked_variants(reference)
    respondents = design.RESPONDENTS_PER_WAVE * scale * design.staff_weights(names)
    bank = load_phrase_bank()
    for index, period in enumerate(periods):
        spec = WaveSpec(
            index=index,
            period=period,
            names=names,
            rates=design.survey_rates(baseline, names, index + 1),
            respondents=respondents,
            variants=variants,
            platform_spellings=PLATFORM_SPELLINGS if FORMATS[index % 4] == "xlsx" else {},
            stray_delimiter=index == 0,
        )
        yield spec, generate_wave(_rng(seed, _STREAM_WAVE, index), spec, bank)


def _write_surveys(
    seed: int,
    scale: float,
    periods: list[str],
    reference: DirectorateReference,
    survey_dir: Path,
    labels_out: pq.ParquetWriter,
    tally: _Tally,
) -> None:
    for spec, wave in _waves(seed, scale, periods, reference):
        fmt = FORMATS[spec.index % len(FORMATS)]
        path = survey_dir / f"wave_{spec.period}.{_SUFFIX[fmt]}"
        relative = f"{survey_dir.name}/{path.name}"
        _write_wave(wave, fmt, path)
        labels_out.write_table(_true_labels(wave.rows, "survey", wave.rows["wave"]))
        nonblank = wave.rows["comment"].str.strip() != ""
        tally.rows += len(wave.rows)
        tally.comments += int(nonblank.sum())
        tally.labelled += int((wave.rows.loc[nonblank, "labels"].str.len() > 0).sum())
        if wave.stray_row is not None:
            wave.mess["stray_delimiter_row"] = {"file": relative, "row": wave.stray_row + 1}
        empty = int((wave.rows["comment"] == "").sum())
        tally.survey_mess.append({**wave.mess, "empty_comments": empty})
        tally.files.append(
            {"file": relative, "wave": spec.period, "format": fmt, "rows": len(wave.rows)}
        )
        logger.info("wrote %s (%d rows)", relative, len(wave.rows))


def _case_factors(names: list[str], month: int) -> np.ndarray:
    factors = np.ones((len(names), len(CASE_CATEGORIES)))
    for pattern in design.PATTERNS:
        if pattern.source == "complaint" and pattern.category is not None:
            cell = (names.index(pattern.directorate), CASE_CATEGORIES.index(pattern.category))
            factors[cell] = pattern.factor(month)
    return factors


def _write_cases(
    url: str,
    seed: int,
    periods: list[str],
    reference: DirectorateReference,
    expected: np.ndarray,
    labels_out: pq.ParquetWriter,
    tally: _Tally,
) -> None:
    names = list(reference.names)
    variants = checked_variants(reference)
    writer = CaseWriter(url)
    try:
        for index, period in enumerate(periods):
            spec = MonthSpec(
                index=index,
                months=len(periods),
                period=period,
                names=names,
                expected=expected * _case_factors(names, index + 1),
                variants=variants,
                first_number=tally.cases + 1,
            )
            cases, mess = generate_month(_rng(seed, _STREAM_CASES, index), spec, load_phrase_bank())
            writer.append(cases)
            if cases:
                frame = pd.DataFrame(cases)
                period_of = pd.Series(period, index=frame.index)
                labels_out.write_table(_true_labels(frame, "complaint", period_of))
                tally.cases_labelled += int((frame["labels"].str.len() > 0).sum())
            tally.cases += len(cases)
            tally.case_mess.append(mess)
    finally:
        writer.close()


def generate_demo_data(
    out_dir: Path,
    *,
    months: int = 18,
    seed: int = 0,
    scale: float = 1.0,
    start: str = "2025-06",
    reference: DirectorateReference | None = None,
    complaints_url: str | None = None,
) -> DemoSummary:
    """Write demo survey exports, a complaints database and their ground truth.

    Args:
        out_dir: Folder to write into (created); earlier demo outputs there
            are replaced.
        months: Number of monthly waves and case months.
        seed: Random seed; the same arguments always give the same files.
        scale: Volume multiplier (1.0: about 65,000 comments and 1,700 cases
            over 18 months).
        start: First wave, ``YYYY-MM``.
        reference: Directorate reference; defaults to the configured YAML.
        complaints_url: Where to write the ``cases`` table (replaced);
            defaults to ``out_dir/complaints.sqlite``.

    Returns:
        Counts and paths of what was written.

    Raises:
        ValueError: If ``months`` or ``scale`` is not positive, or the
            reference lacks a directorate a planted pattern needs.
    """
    if months < 1 or scale <= 0:
        raise ValueError(f"months must be >= 1 and scale > 0, got months={months}, scale={scale}")
    if reference is None:
        from pipelines.settings import get_settings

        reference = load_reference(get_settings().directorates_file)
    names = list(reference.names)
    missing = sorted({p.directorate for p in design.PATTERNS} - set(names))
    if missing:
        raise ValueError(f"the directorate reference lacks {missing}")
    out_dir = Path(out_dir)
    survey_dir = out_dir / "surveys"
    survey_dir.mkdir(parents=True, exist_ok=True)
    _clear_previous(out_dir, survey_dir)
    url = complaints_url or f"sqlite:///{(out_dir / 'complaints.sqlite').resolve()}"
    periods = design.periods(start, months)
    case_mix = design.category_probabilities(_rng(seed, _STREAM_CASE_MIX), names)
    volumes = design.case_volumes(names, scale)

    tally = _Tally()
    true_labels_path = out_dir / "true_labels.parquet"
    with pq.ParquetWriter(true_labels_path, _TRUE_LABEL_SCHEMA, compression="zstd") as labels_out:
        _write_surveys(seed, scale, periods, reference, survey_dir, labels_out, tally)
        expected = volumes[:, None] * case_mix
        _write_cases(url, seed, periods, reference, expected, labels_out, tally)

    truth = build_ground_truth(
        names=names,
        periods=periods,
        parameters={"months": months, "seed": seed, "scale": scale, "start": start},
        baseline=design.baseline_rates(_rng(seed, _STREAM_BASELINE), names),
        case_mix=case_mix,
        case_volumes=volumes,
        mess=merge_mess(tally.survey_mess, tally.case_mess),
        files={
            "surveys": tally.files,
            "complaints": "complaints.sqlite" if complaints_url is None else mask_url(url),
            "true_labels": true_labels_path.name,
            "coaching_register": "coaching_register.csv",
        },
        counts={"survey_rows": tally.rows, "survey_comments": tally.comments, "cases": tally.cases},
    )
    ground_truth_path = out_dir / "ground_truth.json"
    text = json.dumps(truth, indent=2, ensure_ascii=False) + "\n"
    ground_truth_path.write_text(text, encoding="utf-8")
    register_path = out_dir / "coaching_register.csv"
    pd.DataFrame(truth["coaching_register"]).to_csv(register_path, index=False, lineterminator="\n")
    documents = tally.comments + tally.cases
    return DemoSummary(
        out_dir=out_dir,
        survey_files=tuple(survey_dir / Path(f["file"]).name for f in tally.files),
        complaints_url=url,
        ground_truth_path=ground_truth_path,
        true_labels_path=true_labels_path,
        coaching_register_path=register_path,
        periods=tuple(periods),
        survey_rows=tally.rows,
        survey_comments=tally.comments,
        cases=tally.cases,
        no_label_share=1 - (tally.labelled + tally.cases_labelled) / max(documents, 1),
    )
