"""Presidio recognizers for structured identifiers, and the placeholder of each entity.

Presidio's own recognizers are used where they meet the targets (email, URL,
UK NI number, UK NHS number with its mod-11 checksum, phone numbers via
``phonenumbers``); UK postcodes get a stronger score than Presidio's
context-only default, and employee ids and HR case references come from
regexes in the settings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, cast

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import (
    EmailRecognizer,
    NhsRecognizer,
    PhoneRecognizer,
    UrlRecognizer,
)

PLACEHOLDERS: Final[dict[str, str]] = {
    "PERSON": "[PERSON]",
    "EMAIL_ADDRESS": "[EMAIL]",
    "URL": "[URL]",
    "PHONE_NUMBER": "[PHONE]",
    "UK_NINO": "[NI_NUMBER]",
    "UK_NHS": "[NHS_NUMBER]",
    "UK_POSTCODE": "[POSTCODE]",
    "EMPLOYEE_ID": "[EMPLOYEE_ID]",
    "CASE_ID": "[CASE_ID]",
}
"""Presidio entity type -> the placeholder that replaces it."""

PRIORITY: Final[dict[str, int]] = {
    "EMAIL_ADDRESS": 9,
    "CASE_ID": 8,
    "EMPLOYEE_ID": 7,
    "UK_NHS": 6,
    "UK_NINO": 5,
    "URL": 4,
    "PHONE_NUMBER": 3,
    "UK_POSTCODE": 2,
    "PERSON": 1,
}
"""Which entity wins where two overlap (then the longer span)."""

STRUCTURED: Final[tuple[str, ...]] = tuple(e for e in PLACEHOLDERS if e != "PERSON")

POSTCODE_REGEX: Final[str] = (
    r"\b(?:GIR ?0AA"
    r"|[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?)"
    r" ?[0-9][ABD-HJLNP-UW-Z]{2})\b"
)
"""UK postcode, outward and inward code, with or without the space."""

PHONE_REGIONS: Final[tuple[str, ...]] = ("GB", "US", "IE", "FR", "DE", "IN")
"""Regions whose national formats are matched; numbers with ``+`` match from any region."""


MIN_PHONE_DIGITS: Final[int] = 7


class PhoneNumberRecognizer(PhoneRecognizer):  # type: ignore[misc]
    """Presidio's ``phonenumbers`` recognizer at the lenient ``POSSIBLE`` level, minus fragments.

    ``POSSIBLE`` finds drama-range and fictional numbers that ``VALID`` rejects
    (they are still someone's number in a comment), but also short fragments
    such as the "11" of a postcode; results with fewer than
    :data:`MIN_PHONE_DIGITS` digits are dropped.
    """

    def __init__(self) -> None:
        """Match the national formats of :data:`PHONE_REGIONS` and any ``+`` number."""
        super().__init__(supported_regions=list(PHONE_REGIONS), leniency=0)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Phone numbers of seven digits or more.

        Args:
            text: The comment.
            entities: Requested entity types.
            nlp_artifacts: Passed on for context words.

        Returns:
            ``PHONE_NUMBER`` results.
        """
        found: list[RecognizerResult] = super().analyze(
            text, entities, cast(NlpArtifacts, nlp_artifacts)
        )
        return [
            r for r in found if sum(c.isdigit() for c in text[r.start : r.end]) >= MIN_PHONE_DIGITS
        ]


_FLAGS: Final[int] = re.DOTALL | re.MULTILINE | re.IGNORECASE


def _pattern_recognizer(
    entity: str,
    name: str,
    regex: str,
    score: float,
    context: Sequence[str] = (),
    flags: int = _FLAGS,
) -> PatternRecognizer:
    """One-regex Presidio recognizer (case-insensitive by default)."""
    return PatternRecognizer(
        supported_entity=entity,
        name=name,
        patterns=[Pattern(name, regex, score)],
        context=list(context),
        global_regex_flags=flags,
    )


NI_REGEX: Final[str] = r"\b[A-Z]{2}[ -]?[0-9]{2}[ -]?[0-9]{2}[ -]?[0-9]{2}[ -]?[A-D]\b"
"""UK National Insurance number. Any two-letter prefix: HMRC's example prefix ``QQ``
and prefixes typed wrongly still identify a person (Presidio's recognizer skips them)."""

SCHEME_URL_REGEX: Final[str] = r"\b(?:https?|ftp)://[^\s<>\"']+"
"""Any address with a scheme, IP hosts and intranet names included (Presidio's needs a TLD)."""


def _postcode() -> PatternRecognizer:
    return _pattern_recognizer(
        "UK_POSTCODE",
        "UkPostcodeRecognizer",
        POSTCODE_REGEX,
        0.6,
        ["postcode", "address", "lives", "live"],
    )


def _ni_number() -> PatternRecognizer:
    return _pattern_recognizer(
        "UK_NINO",
        "UkNiNumberRecognizer",
        NI_REGEX,
        0.85,
        ["national insurance", "ni number", "nino", "ni"],
    )


def _scheme_url() -> PatternRecognizer:
    return _pattern_recognizer(
        "URL", "SchemeUrlRecognizer", SCHEME_URL_REGEX, 0.6, flags=re.IGNORECASE
    )


def _identifiers(entity: str, regexes: Sequence[str]) -> PatternRecognizer | None:
    if not regexes:
        return None
    return PatternRecognizer(
        supported_entity=entity,
        name=f"{entity.title().replace('_', '')}Recognizer",
        patterns=[Pattern(f"{entity.lower()} {i}", rx, 0.95) for i, rx in enumerate(regexes)],
        global_regex_flags=_FLAGS,
    )


def structured_recognizers(
    id_patterns: Sequence[str], case_patterns: Sequence[str]
) -> list[EntityRecognizer]:
    """Recognizers of every structured identifier.

    Args:
        id_patterns: Employee-id regexes (``EMPLOYEE_ID``).
        case_patterns: HR case-reference regexes (``CASE_ID``).

    Returns:
        Email, URL, phone, NI, NHS, postcode, employee-id and case-id recognizers.
    """
    found: list[EntityRecognizer | None] = [
        EmailRecognizer(),
        UrlRecognizer(),
        _scheme_url(),
        PhoneNumberRecognizer(),
        _ni_number(),
        NhsRecognizer(),
        _postcode(),
        _identifiers("EMPLOYEE_ID", id_patterns),
        _identifiers("CASE_ID", case_patterns),
    ]
    return [r for r in found if r is not None]
