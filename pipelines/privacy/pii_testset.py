"""Planted-PII test set: labelled comments built from templates (written for coachlens).

Each example is a comment with the exact character spans of the personal data
planted in it, typed by placeholder. Names come in every case and shape
(Title Case, lowercase, ALL CAPS, with titles, hyphenated, apostrophes) from
many naming traditions, and a share of them are *held out*: not in the
redaction gazetteer, so only spaCy's NER (or nothing) can find them. Numbers
come in the common UK and international formats. Near-miss examples hold
text that must stay: job titles, directorates, products, dates, money,
grades, placeholders already present.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Final

from pipelines.privacy.pii_values import NAMES, NEAR_MISSES, STRUCTURED_VALUES, TITLES

_SLOT: Final[re.Pattern[str]] = re.compile(r"\{(\w+)\}")

PII_TEMPLATES: Final[tuple[str, ...]] = (
    "My line manager {PERSON} shouted at me in front of the whole team.",
    "{PERSON} keeps taking credit for work the rest of us do.",
    "I raised it with {PERSON} twice and nothing happened.",
    "Since {PERSON} took over the team, morale has collapsed.",
    "honestly {PERSON} is the reason three people have left this year",
    "The complainant states that {PERSON} made comments about her accent.",
    "Please could someone speak to {PERSON} and {PERSON} about the rota.",
    "Great support from {PERSON} when my mum was ill.",
    "You can reach me on {PHONE} if you want to follow this up.",
    "my mobile is {PHONE}, text me rather than email",
    "Ring the office on {PHONE} and ask for {PERSON}.",
    "My NI number is {NI_NUMBER} and payroll still got it wrong.",
    "NHS number {NHS_NUMBER} was on the occupational health referral.",
    "I live at {POSTCODE} so the new office adds an hour each way.",
    "She was moved to the depot near {POSTCODE} without any consultation.",
    "Email me at {EMAIL} if HR want details.",
    "{PERSON} forwarded my grievance to {EMAIL} by mistake.",
    "The policy is at {URL} but nobody follows it.",
    "My staff number is {EMPLOYEE_ID} and I have been waiting six weeks.",
    "Case {CASE_ID} was closed without anyone talking to me.",
    "Employee {EMPLOYEE_ID} reported the incident; case ref {CASE_ID}.",
    "I told {PERSON} on {PHONE} and followed up to {EMAIL}.",
    "The investigator, {PERSON}, lives near {POSTCODE}.",
)
"""Templates with PII slots (``{PERSON}``, ``{PHONE}``, ...)."""


@dataclass(frozen=True)
class Span:
    """One planted entity.

    Attributes:
        start: Offset of the first character.
        end: Offset after the last character.
        placeholder: Its placeholder, e.g. ``[PERSON]``.
        variant: How it was written (``title_case``, ``lowercase``, ``uk_mobile``, ...).
    """

    start: int
    end: int
    placeholder: str
    variant: str


@dataclass(frozen=True)
class Example:
    """A labelled comment.

    Attributes:
        text: The comment.
        spans: Planted entities (empty for a near-miss).
        kind: ``pii`` or ``near_miss``.
    """

    text: str
    spans: tuple[Span, ...]
    kind: str


def _person(rng: random.Random, variant: str, held_out: bool) -> tuple[str, int]:
    """A name written as ``variant``; returns the text and where the name starts."""
    given, family = rng.choice(NAMES["held_out" if held_out else "gazetteer"])
    full = f"{given} {family}"
    if variant == "lowercase":
        return full.lower(), 0
    if variant == "all_caps":
        return full.upper(), 0
    if variant == "surname_only":
        return family, 0
    if variant == "given_only":
        return given, 0
    if variant == "titled":
        title = rng.choice(TITLES)
        return f"{title} {family}", len(title) + 1
    if variant == "titled_lower":
        title = rng.choice(TITLES).lower()
        return f"{title} {family.lower()}", len(title) + 1
    if variant == "hyphenated":
        other = rng.choice(NAMES["gazetteer"])[1]
        return f"{given} {family}-{other}", 0
    return full, 0


PERSON_VARIANTS: Final[tuple[str, ...]] = (
    "title_case",
    "lowercase",
    "all_caps",
    "titled",
    "titled_lower",
    "hyphenated",
    "surname_only",
    "given_only",
)

HELD_OUT_VARIANTS: Final[tuple[str, ...]] = ("title_case", "titled", "hyphenated", "surname_only")
"""Shapes of held-out names in the main set: NER can see them (they are capitalised)."""

STRESS_VARIANTS: Final[tuple[str, ...]] = ("lowercase", "all_caps", "titled_lower")
"""Held-out names in lowercase or ALL CAPS: reported apart, no target (see bench)."""


def _fill(template: str, rng: random.Random, held_out: bool) -> Example:
    parts: list[str] = []
    spans: list[Span] = []
    cursor = 0
    length = 0
    for slot in _SLOT.finditer(template):
        literal = template[cursor : slot.start()]
        parts.append(literal)
        length += len(literal)
        kind = slot.group(1)
        if kind == "PERSON":
            variant = rng.choice(HELD_OUT_VARIANTS if held_out else PERSON_VARIANTS)
            value, offset = _person(rng, variant, held_out)
            variant = f"{variant}{'_held_out' if held_out else ''}"
        else:
            variant, value = rng.choice(STRUCTURED_VALUES[kind])
            offset = 0
        spans.append(Span(length + offset, length + len(value), f"[{kind}]", variant))
        parts.append(value)
        length += len(value)
        cursor = slot.end()
    parts.append(template[cursor:])
    return Example("".join(parts), tuple(spans), "pii")


def build_testset(seed: int = 0, rounds: int = 12) -> list[Example]:
    """The labelled test set.

    Args:
        seed: Random seed (the set is identical for a seed).
        rounds: How many times each template is filled (half with held-out names).

    Returns:
        PII examples, then every near-miss once.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    examples = [
        _fill(template, rng, held_out=r % 2 == 1)
        for r in range(rounds)
        for template in PII_TEMPLATES
    ]
    examples += [Example(text, (), "near_miss") for text in NEAR_MISSES]
    return examples


def build_stress_set(seed: int = 1, size: int = 120) -> list[Example]:
    """Held-out names in lowercase and ALL CAPS only (neither NER nor gazetteer knows them).

    Args:
        seed: Random seed.
        size: Number of examples.

    Returns:
        PII examples whose every name is a held-out name in a stress shape.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    person_templates = [t for t in PII_TEMPLATES if t.count("{") == 1 and "{PERSON}" in t]
    out: list[Example] = []
    for _ in range(size):
        before, _, after = rng.choice(person_templates).partition("{PERSON}")
        variant = rng.choice(STRESS_VARIANTS)
        value, offset = _person(rng, variant, held_out=True)
        span = Span(
            len(before) + offset, len(before) + len(value), "[PERSON]", f"{variant}_held_out"
        )
        out.append(Example(before + value + after, (span,), "pii"))
    return out
