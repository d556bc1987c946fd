"""Scrub residual personal data from comment text (pure functions).

Survey platforms and case systems are meant to anonymise, but staff still
type colleagues' names, emails and phone numbers into free text. Redaction
replaces each with a typed placeholder (``[EMAIL]``, ``[PHONE]``, ``[NAME]``,
...) before text is classified or stored.
"""

from __future__ import annotations

import re
from typing import Final

import pandas as pd

_PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("[EMAIL]", re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")),
    ("[URL]", re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.I)),
    ("[NI_NUMBER]", re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")),
    (
        "[PHONE]",
        re.compile(r"(?<![\w])(?:\+44\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\w])"),
    ),
    ("[POSTCODE]", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")),
    (
        "[NAME]",
        re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr)\.?\s+[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?"),
    ),
)


_FULL_NAME: Final[re.Pattern[str]] = re.compile(
    r"\b([A-Z][a-z]{1,20}(?:\s[A-Z][a-z]{1,20}|\s[A-Z]'[A-Z][a-z]+)(?:-[A-Z][a-z]+)?)\b"
)
"""Two capitalised words: a candidate full name."""

NOT_NAMES: Final[frozenset[str]] = frozenset(
    "adult social care children childrens services service housing environment finance "
    "planning legal digital human resources highways transport public health customer council "
    "team centre center street road lane monday tuesday wednesday thursday friday saturday "
    "sunday january february march april may june july august september october november "
    "december christmas easter new year head director manager officer microsoft teams excel "
    "google office civic hall house nhs trust county city borough senior leadership group "
    "democratic contact occupational the and of my our your his her their this that every "
    "some no not all any good great poor bad very line management managers it we they he she "
    "i you what why how when where there here please thank thanks just also".split()
)
"""Capitalised words that make a pair an organisation, place or date rather than a person."""


def _name_or_keep(match: re.Match[str]) -> str:
    words = match.group(1).replace("-", " ").split()
    return match.group(0) if any(w.lower() in NOT_NAMES for w in words) else "[NAME]"


def redact_text(text: str | None) -> str | None:
    """Replace emails, URLs, NI numbers, phone numbers, postcodes and names.

    Names are found by shape: a title and a surname, or two capitalised words
    that are not an organisation, place, date or common word
    (:data:`NOT_NAMES`). It errs towards redacting: "Amazing Support" would
    be hidden too, which costs a little text and never leaks a person.

    Args:
        text: A comment, or ``None``.

    Returns:
        The comment with personal data replaced by placeholders.
    """
    if not text:
        return text
    for placeholder, pattern in _PATTERNS:
        text = pattern.sub(placeholder, text)
    return _FULL_NAME.sub(_name_or_keep, text)


def redact_frame(records: pd.DataFrame, column: str = "text") -> tuple[pd.DataFrame, int]:
    """Redact one text column of a frame.

    Args:
        records: Rows with a text column.
        column: The column to scrub.

    Returns:
        A copy with the column redacted, and how many rows changed.
    """
    out = records.copy()
    redacted = out[column].map(redact_text)
    changed = int((redacted.fillna("") != out[column].fillna("")).sum())
    out[column] = redacted
    return out, changed
