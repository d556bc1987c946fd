"""Adjectives that the codebook's aspects name, said of managers: "understanding managers".

The codebook defines most aspects by what a manager *is*: supportive,
approachable, caring, demanding, impatient, controlling, fair, transparent,
respectful. The phrase lexicon (:mod:`models.lexicon`) spells out the verb
phrases; an adjective is a cue only where it describes management, either
before the noun ("caring, understanding managers") or after a copula
("management is trusting and realistic"). Spelling every such frame out as
phrases would cost hundreds of thousands of lexicon entries, so
:func:`trait_matches` finds them in one pass and hands them to the rules as
ordinary cue matches, which then read negation ("management isn't very
approachable"), hedges and scope like any other.
"""

from __future__ import annotations

from typing import Final

from models.lexicon import CueKind
from models.rule_context import is_management

TRAITS: Final[dict[str, tuple[str, CueKind]]] = {
    **dict.fromkeys(
        "supportive approachable helpful caring flexible understanding encouraging "
        "accommodating considerate compassionate empathetic".split(),
        ("support", "pos"),
    ),
    **dict.fromkeys(
        "unsupportive unapproachable unhelpful uncaring inflexible absent invisible "
        "unavailable".split(),
        ("support", "neg"),
    ),
    **dict.fromkeys("demanding impatient pushy".split(), ("pressure", "neg")),
    **dict.fromkeys("realistic".split(), ("pressure", "pos")),
    **dict.fromkeys("controlling".split(), ("autonomy", "neg")),
    **dict.fromkeys("trusting empowering".split(), ("autonomy", "pos")),
    **dict.fromkeys("respectful courteous polite".split(), ("conduct", "pos")),
    **dict.fromkeys(
        "rude disrespectful aggressive abusive intimidating hostile condescending".split(),
        ("conduct", "neg"),
    ),
    **dict.fromkeys("fair consistent impartial".split(), ("fairness", "pos")),
    **dict.fromkeys("unfair inconsistent biased prejudiced".split(), ("fairness", "neg")),
    **dict.fromkeys("transparent communicative".split(), ("clarity", "pos")),
    **dict.fromkeys("secretive vague".split(), ("clarity", "neg")),
    **dict.fromkeys("appreciative".split(), ("recognition", "pos")),
    **dict.fromkeys("unappreciative ungrateful".split(), ("recognition", "neg")),
    **dict.fromkeys("receptive open-minded".split(), ("listening", "pos")),
    **dict.fromkeys("dismissive closed-minded".split(), ("listening", "neg")),
}
"""Adjective -> (aspect, kind), from the codebook's table."""

PREDICATE_TRAITS: Final[dict[str, tuple[str, CueKind]]] = {
    "patient": ("pressure", "pos"),
    "clear": ("clarity", "pos"),
}
"""Traits read only after a copula: "patient managers" may name a job ("Patient
Services Manager") and "a clear divide between management and staff" is no clarity."""

_ALL_TRAITS: Final[frozenset[str]] = frozenset(TRAITS) | frozenset(PREDICATE_TRAITS)

_LINKS: Final[frozenset[str]] = frozenset(
    ", and & but yet or very really so quite extremely incredibly always generally mostly "
    "super genuinely truly fairly pretty too overly all just not n't never".split()
)
"""Words that may stand between a trait and its manager ("friendly and very caring")."""
_FILLERS: Final[frozenset[str]] = frozenset(
    "friendly nice good great lovely kind decent brilliant amazing fantastic excellent "
    "knowledgeable experienced professional honest hardworking hard-working poor bad "
    "terrible awful useless weak lazy".split()
)
"""Other adjectives that may be coordinated with a trait ("friendly, caring managers")."""
_COPULAS: Final[frozenset[str]] = frozenset(
    "is are was were 's 're be been being seem seems seemed appear appears remain remains "
    "stay stays become becomes became can".split()
)
_AFTER_SUBJECT: Final[frozenset[str]] = frozenset(
    "here there generally mostly all always usually themselves".split()
)
"""Words between a manager and the copula ("managers here are ...")."""
SPAN: Final[int] = 6
"""How far (in words) a trait may stand from its manager."""


def _describes_before(words: list[str], i: int) -> bool:
    """Whether a management word follows the trait through links and fillers only."""
    for w in words[i + 1 : i + 1 + SPAN]:
        if is_management(w):
            return True
        if w not in _LINKS and w not in _FILLERS and w not in TRAITS:
            return False
    return False


def _describes_after(words: list[str], i: int) -> bool:
    """Whether the trait follows "<manager> [here] is [very] ..." through links only."""
    j = i - 1
    while (
        j >= 0
        and i - j <= SPAN
        and (words[j] in _LINKS or words[j] in _FILLERS or words[j] in TRAITS)
    ):
        j -= 1
    if j < 0 or words[j] not in _COPULAS:
        return False
    j -= 1
    while j >= 0 and words[j] in _AFTER_SUBJECT:
        j -= 1
    return j >= 0 and is_management(words[j])


def trait_matches(words: list[str]) -> list[tuple[list[str], int, int]]:
    """Codebook adjectives said of management, as ``([aspect, kind], start, end)`` matches.

    Args:
        words: Lower-cased words of the comment.

    Returns:
        One one-word match per trait that describes a management word.
    """
    out: list[tuple[list[str], int, int]] = []
    if _ALL_TRAITS.isdisjoint(words):  # most comments: one set operation, no loop
        return out
    for i, w in enumerate(words):
        trait = TRAITS.get(w)
        if trait is not None and (_describes_before(words, i) or _describes_after(words, i)):
            out.append(([trait[0], trait[1]], i, i + 1))
        elif w in PREDICATE_TRAITS and _describes_after(words, i):
            aspect, kind = PREDICATE_TRAITS[w]
            out.append(([aspect, kind], i, i + 1))
    return out
