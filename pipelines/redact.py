"""Scrub residual personal data from comment text: the public entry point.

Survey platforms and case systems are meant to anonymise, but staff still
type colleagues' names, emails, phone numbers and ids into free text.
Redaction replaces each with a typed placeholder (``[PERSON]``, ``[EMAIL]``,
``[URL]``, ``[PHONE]``, ``[NI_NUMBER]``, ``[NHS_NUMBER]``, ``[POSTCODE]``,
``[EMPLOYEE_ID]``, ``[CASE_ID]``) before text is classified or stored. The
engine (Presidio on spaCy, see :mod:`pipelines.privacy.engine`) is built on
first use, once per process and settings.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import pandas as pd

from pipelines.privacy.engine import Redactor
from pipelines.privacy.recognizers import PLACEHOLDERS
from pipelines.settings import Settings, get_settings

PLACEHOLDER_TYPES: tuple[str, ...] = tuple(PLACEHOLDERS.values())
"""Every placeholder redaction writes."""


@cache
def _redactor(
    id_patterns: tuple[str, ...], case_patterns: tuple[str, ...], not_names: frozenset[str]
) -> Redactor:
    return Redactor(id_patterns, case_patterns, not_names)


def _directorate_words(settings: Settings) -> frozenset[str]:
    from pipelines.directorates import load_reference

    try:
        reference = load_reference(settings.directorates_file)
    except FileNotFoundError:
        return frozenset()
    names = [s for d in reference.directorates for s in (d.name, *d.aliases)]
    return frozenset(w.lower() for n in names for w in n.replace("&", " ").split())


def get_redactor(settings: Settings | None = None) -> Redactor:
    """The process's redactor for these settings (built on first use).

    Args:
        settings: Id patterns and the directorate list; read from the environment if omitted.

    Returns:
        The shared :class:`~pipelines.privacy.engine.Redactor`.
    """
    settings = settings or get_settings()
    return _redactor(
        tuple(settings.redact_id_patterns),
        tuple(settings.redact_case_patterns),
        _directorate_words(settings),
    )


def redact_text(text: str | None) -> str | None:
    """Replace the personal data in one comment by typed placeholders.

    Args:
        text: A comment, or ``None``.

    Returns:
        The comment with personal data replaced (``None`` and ``""`` unchanged).
    """
    if not text:
        return text
    out, _ = get_redactor().redact([text])
    return out[0]


def redact_series(
    texts: pd.Series, settings: Settings | None = None, *, ner: bool = True
) -> tuple[pd.Series, list[Counter[str]]]:
    """Redact a column of comments.

    Args:
        texts: Comments (missing values pass through).
        settings: As for :func:`get_redactor`.
        ner: Also find names by NER (see :meth:`~pipelines.privacy.engine.Redactor.find`).

    Returns:
        The redacted column (same index), and per row the count of each placeholder.
    """
    values: list[object] = texts.tolist()
    rows = [i for i, t in enumerate(values) if isinstance(t, str) and t]
    redacted, counts = get_redactor(settings).redact([str(values[i]) for i in rows], ner=ner)
    per_row: list[Counter[str]] = [Counter() for _ in values]
    for i, text, count in zip(rows, redacted, counts, strict=True):
        values[i] = text
        per_row[i] = count
    out = pd.Series(values, index=texts.index, name=texts.name, dtype=texts.dtype)
    return out, per_row


def redact_frame(frame: pd.DataFrame, column: str = "text") -> tuple[pd.DataFrame, dict[str, int]]:
    """Redact one text column of a frame.

    Args:
        frame: Rows with a text column.
        column: The column to scrub.

    Returns:
        A copy with the column redacted, and the number of replacements per
        placeholder type (every type, zeros included; numbers only).
    """
    out = frame.copy()
    out[column], per_row = redact_series(frame[column])
    total: Counter[str] = sum(per_row, Counter())
    return out, {p: int(total[p]) for p in PLACEHOLDER_TYPES}
