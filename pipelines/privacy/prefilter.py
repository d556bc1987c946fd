"""Cheap per-comment checks that decide how much analysis a comment needs.

Most comments hold no personal data, and spaCy's NER costs ~100 times more
than a regex. :class:`Prefilter` sorts each comment into:

* ``structured``: it could hold an email, URL, phone, NI/NHS number,
  postcode, employee id or case reference (the recognizers' own regexes, or a
  run of seven or more digits);
* ``rules``: a gazetteer name or a title word occurs (in any case), so the
  name rules run;
* ``ner``: a capitalised word that is neither an ordinary/organisational word
  nor explained by the gazetteer occurs (anywhere, sentence starts included),
  so spaCy's NER runs.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from pipelines.privacy.lexicon import Lexicon, in_set, normalise, unexplained
from pipelines.privacy.names import name_words
from pipelines.privacy.recognizers import POSTCODE_REGEX

_DIGIT: Final[re.Pattern[str]] = re.compile(r"\d")
CAPITALISED: Final[re.Pattern[str]] = re.compile(r"(?<![\w'\u2019-])[^\W\d_a-z][\w'\u2019-]*")
"""A word that may start with a capital (any alphabet; callers check ``isupper``)."""
_TITLE_TRIGGER: Final[re.Pattern[str]] = re.compile(
    r"\b(?:(?i:mr|mrs|ms|mx|dr|cllr|prof|professor|councillor)\.?|Miss|MISS|Sir|SIR|Dame|DAME)"
    r"[ \t]+[A-Za-z]"
)
_PUNCT: Final[dict[int, str]] = str.maketrans(
    {c: " " for c in string.punctuation + "\u201c\u201d\u2018\u2026" if c not in "'-"}
)
_NO_DIGIT_STRUCTURED: Final[tuple[str, ...]] = (
    r"@",
    r"://",
    r"\bwww\.",
    r"\w\.(?:com|org|net|uk|gov|io|edu|info|biz|co|me|ly)\b",
)
_BASE_STRUCTURED: Final[tuple[str, ...]] = (
    *_NO_DIGIT_STRUCTURED,
    r"(?:\d[\s().+/-]{0,3}){7}",
    r"\b[A-Za-z]{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?[A-Da-d]\b",
    POSTCODE_REGEX,
)


@dataclass(frozen=True)
class Needs:
    """What one comment needs.

    Attributes:
        structured: Run the structured-identifier recognizers.
        rules: Run the gazetteer and title rules.
        ner: Run spaCy's NER.
    """

    structured: bool
    rules: bool
    ner: bool

    @property
    def any(self) -> bool:
        """Whether the comment needs any analysis."""
        return self.structured or self.rules or self.ner


class Prefilter:
    """Sort comments by the analysis they need (no NLP; a few microseconds each)."""

    def __init__(self, lex: Lexicon, id_patterns: Sequence[str]) -> None:
        """Build the checks.

        Args:
            lex: Word lists.
            id_patterns: Employee-id and case-reference regexes from the settings.
        """
        self.lex = lex
        weak = lex.not_names | lex.ambiguous
        self.strong_names = name_words(lex) - weak
        """Names that trigger the rules in any case."""
        self.weak_names = name_words(lex) & weak
        """Names that are also ordinary words: they trigger the rules only capitalised."""
        self.structured = re.compile(
            "|".join(f"(?:{p})" for p in (*_BASE_STRUCTURED, *id_patterns)), re.IGNORECASE
        )
        no_digit = [p for p in id_patterns if "\\d" not in p and "0-9" not in p]
        self.no_digit = re.compile(
            "|".join(f"(?:{p})" for p in (*_NO_DIGIT_STRUCTURED, *no_digit)), re.IGNORECASE
        )
        """For comments without a digit: only emails, URLs and digit-free id patterns."""

    def _rules(self, text: str, capitalised: list[str]) -> bool:
        lowered = set(normalise(text).translate(_PUNCT).split())
        if not lowered.isdisjoint(self.strong_names) or _TITLE_TRIGGER.search(text):
            return True
        return any(normalise(w) in self.weak_names for w in capitalised) or any(
            in_set(w.strip("'-"), self.lex.names) for w in lowered if "-" in w or "'" in w
        )

    def needs(self, text: str) -> Needs:
        """What ``text`` needs.

        Args:
            text: A comment.

        Returns:
            The checks to run.
        """
        capitalised = [w.strip("'-\u2019") for w in CAPITALISED.findall(text)]
        if _DIGIT.search(text):
            structured = self.structured.search(text) is not None
        else:
            structured = self.no_digit.search(text) is not None
        return Needs(
            structured=structured,
            rules=self._rules(text, capitalised),
            ner=any(unexplained(w, self.lex) for w in capitalised),
        )
