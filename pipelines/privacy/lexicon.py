"""Word lists the name rules and the prefilter use (small data files in ``data/``).

* ``first_names.txt`` / ``surnames.txt``: a gazetteer written for coachlens
  across many naming traditions; it finds names typed in lowercase or ALL CAPS,
  which spaCy's NER misses.
* ``ambiguous_names.txt``: given names that are also English words ("mark",
  "may", "will"): names only next to a surname or after a title.
* ``common_words.txt``: ordinary words (derived once from the project's own
  corpus); a capitalised one is a sentence start, not a name.
* ``org_words.txt``: roles, teams, places, products, days and months.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Final

TOKEN: Final[re.Pattern[str]] = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
"""A word of letters (any alphabet), keeping inner apostrophes and hyphens ("O'Neill-Barker")."""


def _words(name: str) -> frozenset[str]:
    text = (resources.files("pipelines.privacy") / "data" / name).read_text(encoding="utf-8")
    return frozenset(
        w for line in text.splitlines() if not line.startswith("#") for w in line.split()
    )


@dataclass(frozen=True)
class Lexicon:
    """The word sets, lowercase.

    Attributes:
        first: Given names that are never ordinary words.
        ambiguous: Given names that are also ordinary words.
        surnames: Family names.
        common: Ordinary words.
        org: Roles, teams, places, products, days and months.
    """

    first: frozenset[str]
    ambiguous: frozenset[str]
    surnames: frozenset[str]
    common: frozenset[str]
    org: frozenset[str]

    @cached_property
    def known(self) -> frozenset[str]:
        """Every listed word (a fast first check)."""
        return self.names | self.not_names

    @cached_property
    def names(self) -> frozenset[str]:
        """Every gazetteer word (given names, ambiguous names, surnames)."""
        return self.first | self.ambiguous | self.surnames

    @cached_property
    def not_names(self) -> frozenset[str]:
        """Words that alone never make a name (ordinary or organisational words)."""
        return self.common | self.org


def normalise(word: str) -> str:
    """Lowercase with a plain apostrophe."""
    return word.lower().replace("\u2019", "'")


def in_set(word: str, words: frozenset[str]) -> bool:
    """Whether ``word`` (or each of its hyphenated parts) is in ``words``."""
    norm = normalise(word)
    if norm.endswith("'s"):
        norm = norm[:-2]  # possessive: "Sarah's"
    if norm in words:
        return True
    parts = norm.split("-")
    return len(parts) > 1 and all(p in words for p in parts)


def has_part_in(word: str, words: frozenset[str]) -> bool:
    """Whether any hyphenated part of ``word`` is in ``words`` ("Makoa-Iqbal")."""
    return any(p in words for p in normalise(word).split("-"))


@cache
def lexicon(extra_not_names: frozenset[str] = frozenset()) -> Lexicon:
    """Load the word lists once per process.

    Args:
        extra_not_names: More words that never make a name (e.g. directorate
            names from the reference list), lowercase.

    Returns:
        The lexicon.
    """
    return Lexicon(
        first=_words("first_names.txt"),
        ambiguous=_words("ambiguous_names.txt"),
        surnames=_words("surnames.txt"),
        common=_words("common_words.txt"),
        org=_words("org_words.txt") | extra_not_names,
    )


_SUFFIXES: Final[tuple[str, ...]] = (
    "s",
    "es",
    "ed",
    "d",
    "ing",
    "ly",
    "er",
    "ers",
    "ment",
    "ments",
    "ness",
    "al",
    "ally",
    "ation",
)


def looks_common(word: str, common: frozenset[str]) -> bool:
    """Whether ``word`` is an inflection of an ordinary word ("Appraisals", "Rostering").

    Args:
        word: A word.
        common: Ordinary words, lowercase.

    Returns:
        ``True`` if stripping a common English suffix (and maybe adding an
        ``e``) gives an ordinary word.
    """
    norm = normalise(word)
    for suffix in _SUFFIXES:
        if norm.endswith(suffix) and len(norm) > len(suffix) + 2:
            stem = norm[: -len(suffix)]
            if stem in common or f"{stem}e" in common:
                return True
    return False


def acronym(word: str) -> bool:
    """ALL-CAPS words up to five letters, and short mixed-case ones ("HoS", "CNAs")."""
    capitals = sum(c.isupper() for c in word)
    return (word.isupper() and len(word) <= 5) or (capitals >= 2 and len(word) <= 4)


def unexplained(word: str, lex: Lexicon) -> bool:
    """A capitalised word that no list explains: NER must look at it, and it may be a name.

    Args:
        word: A word (stripped of punctuation).
        lex: Word lists.

    Returns:
        ``False`` for lowercase words, acronyms, words with digits, and
        ordinary, organisational or gazetteer words (or inflections of them).
    """
    if not word[:1].isupper() or len(word) < 2 or word.lower() in lex.known:
        return False
    if acronym(word) or not TOKEN.fullmatch(word):
        return False
    return not (
        in_set(word, lex.not_names)
        or in_set(word, lex.names)
        or has_part_in(word, lex.not_names)
        or looks_common(word, lex.not_names)
    )
