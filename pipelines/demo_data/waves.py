"""Generate one monthly survey wave: respondents, comments, labels and mess."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd

from models.taxonomy import LABELS
from pipelines.demo_data import design
from pipelines.demo_data.mess import (
    PERSONAL_DATA,
    PERSONAL_KINDS,
    UNKNOWN_DIRECTORATES,
    personal_data,
)
from pipelines.demo_data.phrasebank import PhraseBank
from pipelines.demo_data.text import apply_overall_rule, compose_comments

VARIANT_PROBABILITY: Final[float] = 0.015
WHITESPACE_COMMENTS: Final[tuple[str, ...]] = (" ", "   ", "\t", " \n ")
STRAY_DELIMITER_COMMENTS: Final[tuple[str, ...]] = (
    "Pay is poor, parking is worse",
    "IT is slow, the VPN drops out every day",
)
_POLARITY = np.array([0 if label.endswith(":neg") else 1 for label in LABELS])


@dataclass
class WaveSpec:
    """What to generate for one wave.

    Attributes:
        index: 0-based wave number (month = index + 1).
        period: The wave, ``YYYY-MM``.
        names: Directorates in reference order.
        rates: Label rates this month (directorate x label).
        respondents: Expected respondents per directorate.
        variants: Alias/variant spellings per directorate.
        platform_spellings: Spellings the wave's platform always uses.
        stray_delimiter: Plant the one unquoted-comma row in this wave.
    """

    index: int
    period: str
    names: list[str]
    rates: np.ndarray
    respondents: np.ndarray
    variants: dict[str, tuple[str, ...]]
    platform_spellings: dict[str, str] = field(default_factory=dict)
    stray_delimiter: bool = False


@dataclass
class Wave:
    """A generated wave.

    Attributes:
        rows: Export rows (:data:`pipelines.schema.SURVEY_COLUMNS`) plus
            ``record_id``, ``true_directorate``, ``labels`` (list of labels).
        mess: What was planted, with record ids (see ground truth ``mess``).
        stray_row: 0-based position of the stray-delimiter row, if any.
    """

    rows: pd.DataFrame
    mess: dict[str, Any]
    stray_row: int | None


def _timestamps(rng: np.random.Generator, period: str, size: int) -> np.ndarray:
    start = pd.Period(period, freq="M").start_time.to_datetime64()
    days = rng.integers(0, 24, size=size).astype("timedelta64[D]")
    seconds = rng.integers(7 * 3600, 22 * 3600, size=size).astype("timedelta64[s]")
    return np.asarray(start + days + seconds, dtype="datetime64[s]")


def _outside_month(rng: np.random.Generator, period: str, size: int, index: int) -> np.ndarray:
    month = pd.Period(period, freq="M")
    seconds = rng.integers(8 * 3600, 20 * 3600, size=size).astype("timedelta64[s]")
    if index % 2 == 0:
        days = rng.integers(1, 4, size=size).astype("timedelta64[D]")
        return np.asarray(month.start_time.to_datetime64() - days + seconds, dtype="datetime64[s]")
    days = rng.integers(0, 6, size=size).astype("timedelta64[D]")
    base = (month + 1).start_time.to_datetime64()
    return np.asarray(base + days + seconds, dtype="datetime64[s]")


def _draw_labels(
    rng: np.random.Generator, spec: WaveSpec, directorate: np.ndarray, question: np.ndarray
) -> np.ndarray:
    weights = np.array([design.POLARITY_WEIGHT["neg"], design.POLARITY_WEIGHT["pos"]])
    rates = spec.rates[directorate] * weights[_POLARITY][:, question].T
    drawn = rng.random(rates.shape) < np.clip(rates, 0.0, 0.95)
    return apply_overall_rule(drawn)


def generate_wave(rng: np.random.Generator, spec: WaveSpec, bank: PhraseBank) -> Wave:
    """Generate one wave's export rows with their true labels and planted mess.

    Args:
        rng: The wave's random stream.
        spec: What to generate.
        bank: Phrase banks.

    Returns:
        The wave.
    """
    counts = rng.poisson(spec.respondents)
    n = int(counts.sum())
    directorate = np.repeat(np.arange(len(spec.names)), counts)
    submitted = _timestamps(rng, spec.period, n)
    order = np.argsort(submitted, kind="stable")
    directorate, submitted = directorate[order], submitted[order]
    stem = spec.period.replace("-", "")[2:]
    response_ids = np.array([f"R{stem}-{k:05d}" for k in range(1, n + 1)], dtype=object)

    raw = np.array([spec.names[d] for d in directorate], dtype=object)
    for canonical, spelling in spec.platform_spellings.items():
        raw[raw == canonical] = spelling
    shuffled = rng.permutation(n)
    n_unknown, n_outside = 1 + spec.index % 2, 2
    unknown = shuffled[:n_unknown]
    outside = shuffled[n_unknown : n_unknown + n_outside]
    variant = rng.random(n) < VARIANT_PROBABILITY
    variant[shuffled[: n_unknown + n_outside]] = False
    for i in np.flatnonzero(variant):
        options = spec.variants[spec.names[directorate[i]]]
        raw[i] = options[int(rng.integers(0, len(options)))]
    raw[unknown] = rng.choice(np.array(UNKNOWN_DIRECTORATES, dtype=object), size=len(unknown))
    submitted[outside] = _outside_month(rng, spec.period, len(outside), spec.index)
    clean = np.ones(n, dtype=bool)
    clean[shuffled[: n_unknown + n_outside]] = False
    clean &= ~variant

    n_q = len(design.QUESTIONS)
    resp = np.repeat(np.arange(n), n_q)
    question = np.tile(np.arange(n_q), n)
    answered = rng.random(n * n_q) < np.array(design.ANSWER_PROBABILITY)[question]
    labels = np.zeros((n * n_q, len(LABELS)), dtype=bool)
    labels[answered] = _draw_labels(rng, spec, directorate[resp[answered]], question[answered])
    qids = [design.QUESTIONS[q][0] for q in question]
    comments = np.full(n * n_q, "", dtype=object)
    comments[answered] = compose_comments(
        rng, labels[answered], [qids[i] for i in np.flatnonzero(answered)], bank
    )
    rows = pd.DataFrame(
        {
            "response_id": response_ids[resp],
            "wave": spec.period,
            "submitted_at": submitted[resp],
            "directorate": raw[resp],
            "question_id": qids,
            "question_text": [design.QUESTIONS[q][1] for q in question],
            "comment": comments,
            "true_directorate": [spec.names[d] for d in directorate[resp]],
        }
    )
    rows["record_id"] = "survey:" + rows["response_id"] + ":" + rows["question_id"]
    rows["labels"] = [[LABELS[j] for j in np.flatnonzero(r)] for r in labels]
    mess = _mess_summary(rows, raw, resp, unknown, outside)
    return _plant_row_mess(rng, rows, clean[resp], answered, spec, mess)


def _mess_summary(
    rows: pd.DataFrame,
    raw: np.ndarray,
    resp: np.ndarray,
    unknown: np.ndarray,
    outside: np.ndarray,
) -> dict[str, Any]:
    is_unknown = np.isin(resp, unknown)
    return {
        "unknown_directorate": rows.loc[is_unknown, "record_id"].tolist(),
        "unknown_spellings": sorted({str(raw[i]) for i in unknown}),
        "outside_wave_dates": rows.loc[np.isin(resp, outside), "record_id"].tolist(),
    }


def _plant_row_mess(
    rng: np.random.Generator,
    rows: pd.DataFrame,
    clean: np.ndarray,
    answered: np.ndarray,
    spec: WaveSpec,
    mess: dict[str, Any],
) -> Wave:
    unanswered_pool = [int(i) for i in rng.permutation(np.flatnonzero(clean & ~answered))]
    answered_pool = [int(i) for i in rng.permutation(np.flatnonzero(clean & answered))]
    has_label = rows["labels"].str.len().to_numpy() > 0
    unlabelled = [i for i in answered_pool if not has_label[i]]

    whitespace = unanswered_pool[:3]
    for i in whitespace:
        rows.at[i, "comment"] = WHITESPACE_COMMENTS[int(rng.integers(0, len(WHITESPACE_COMMENTS)))]
    stray = unlabelled[:1] if spec.stray_delimiter else []
    for i in stray:
        rows.at[i, "comment"] = STRAY_DELIMITER_COMMENTS[spec.index % 2]
    taken = set(stray)
    kind = PERSONAL_KINDS[spec.index % len(PERSONAL_KINDS)]
    leaks: list[dict[str, str]] = []
    for i in [i for i in answered_pool if i not in taken][:1]:
        value, sentence = personal_data(rng, kind, PERSONAL_DATA)
        text = str(rows.at[i, "comment"])
        rows.at[i, "comment"] = f"{text}{' ' if text[-1] in '.!?' else '. '}{sentence}"
        leaks.append({"record_id": str(rows.at[i, "record_id"]), "kind": kind, "value": value})
        taken.add(i)
    n_dup = (2, 1, 0)[spec.index % 3]
    duplicated = [i for i in answered_pool if i not in taken][:n_dup]
    order = list(range(len(rows)))
    for original, position in zip(
        duplicated, rng.integers(0, len(rows) + 1, size=len(duplicated)), strict=True
    ):
        order.insert(int(position), original)
    out = rows.iloc[order].reset_index(drop=True)
    stray_row = order.index(stray[0]) if stray else None
    known = out["true_directorate"].isin(spec.names) & ~out["record_id"].isin(
        mess["unknown_directorate"]
    )
    spellings = out.loc[known & (out["directorate"] != out["true_directorate"]), "directorate"]
    mess.update(
        {
            "directorate_variants": {
                k: int(v) for k, v in sorted(spellings.value_counts().items())
            },
            "duplicate_rows": [str(rows.at[i, "record_id"]) for i in duplicated],
            "whitespace_comments": [str(rows.at[i, "record_id"]) for i in whitespace],
            "stray_delimiter": [str(rows.at[i, "record_id"]) for i in stray],
            "personal_data": leaks,
        }
    )
    return Wave(rows=out, mess=mess, stray_row=stray_row)
