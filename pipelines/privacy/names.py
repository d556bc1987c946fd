"""Person-name rules that complement spaCy's NER (Presidio recognizers).

* :class:`TitledNameRecognizer`: a title and a name ("Mr Patel", "dr. okafor",
  "MS JONES"), in any case.
* :class:`GazetteerNameRecognizer`: gazetteer names in any case ("priya raman",
  "JOHN SMITH", "O'Neill-Barker"): a given name followed by a surname or
  given name, or a lone name that is not an ordinary word.

Both return ``PERSON`` and never look past whitespace-separated words, so a
placeholder such as ``[PERSON]`` or a job title is left alone.
"""

from __future__ import annotations

import re
from typing import Any, Final

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from pipelines.privacy.lexicon import (
    TOKEN,
    Lexicon,
    has_part_in,
    in_set,
    looks_common,
    normalise,
    unexplained,
)

TITLE_WORDS: Final[tuple[str, ...]] = (
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "cllr",
    "councillor",
    "sir",
    "dame",
)
_TITLE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:" + "|".join(TITLE_WORDS) + r")\b\.?[ \t]+", re.IGNORECASE
)
_NEXT_WORD: Final[re.Pattern[str]] = re.compile(r"[ \t]*(" + TOKEN.pattern + ")")
PERSON: Final[str] = "PERSON"
_NAMED_LABELS: Final[frozenset[str]] = frozenset(
    {"ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"}
)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def double_barrelled(word: str, lex: Lexicon) -> bool:
    """A capitalised hyphenated word with a known surname part ("Makoa-Iqbal")."""
    parts = word.split("-")
    return (
        len(parts) > 1
        and all(_is_capitalised(p) for p in parts)
        and has_part_in(word, lex.surnames)
    )


class TitledNameRecognizer(EntityRecognizer):  # type: ignore[misc]
    """A title followed by one or two name words, in any case."""

    def __init__(self, lex: Lexicon) -> None:
        """Build the recognizer.

        Args:
            lex: Word lists (ordinary words are not names after a title unless capitalised).
        """
        self.lex = lex
        super().__init__(supported_entities=[PERSON], name="TitledNameRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def _name_word(self, word: str, first: bool) -> bool:
        if in_set(word, self.lex.names):
            return True
        if in_set(word, self.lex.org):
            return False
        if first and _is_capitalised(word):
            return True  # "Mr White": a capitalised word right after a title
        return not in_set(word, self.lex.common) and (_is_capitalised(word) or first)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Find titled names.

        Args:
            text: The comment.
            entities: Requested entity types.
            nlp_artifacts: Unused.

        Returns:
            ``PERSON`` results covering title and name.
        """
        results: list[RecognizerResult] = []
        for title in _TITLE.finditer(text):
            end = title.end()
            for position in (0, 1):
                word = _NEXT_WORD.match(text, end)
                if not word or not self._name_word(word.group(1), first=position == 0):
                    break
                end = word.end()
            if end > title.end():
                results.append(RecognizerResult(PERSON, title.start(), end, 0.9))
        return results


class GazetteerNameRecognizer(EntityRecognizer):  # type: ignore[misc]
    """Gazetteer names in any case: full names, and lone names that are not ordinary words."""

    def __init__(self, lex: Lexicon) -> None:
        """Build the recognizer.

        Args:
            lex: The gazetteer and the ordinary-word lists.
        """
        self.lex = lex
        self.given = lex.first | lex.ambiguous
        super().__init__(supported_entities=[PERSON], name="GazetteerNameRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def _alone(self, word: str) -> bool:
        """A lone word that is a name by itself (not ambiguous, not an ordinary word)."""
        norm = normalise(word)
        if norm in self.lex.ambiguous or in_set(word, self.lex.not_names):
            return False
        if word.isupper() and len(word) <= 3:
            return False  # short ALL-CAPS words are acronyms more often than names
        return (
            in_set(word, self.lex.first)
            or in_set(word, self.lex.surnames)
            or double_barrelled(word, self.lex)
        )

    def _joins(self, previous: str, word: str) -> bool:
        """Whether ``word`` continues the name ending in ``previous``."""
        if in_set(word, self.lex.surnames) or in_set(word, self.lex.first):
            return True
        if double_barrelled(word, self.lex):
            return True
        if in_set(previous, self.lex.first) and not (
            in_set(word, self.lex.not_names)
            or in_set(word, self.lex.ambiguous)
            or looks_common(word, self.lex.not_names)
        ):
            return True  # "pauline aldersey": an unlisted surname after an unambiguous given name
        # "Sarah Will": an ambiguous name continues a name only when both are capitalised
        return (
            in_set(word, self.lex.ambiguous)
            and _is_capitalised(word)
            and (_is_capitalised(previous))
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Find gazetteer names.

        Args:
            text: The comment.
            entities: Requested entity types.
            nlp_artifacts: Unused.

        Returns:
            ``PERSON`` results.
        """
        words = list(TOKEN.finditer(text))
        results: list[RecognizerResult] = []
        i = 0
        while i < len(words):
            start = i
            if in_set(words[i].group(), self.given):
                while (
                    i + 1 < len(words)
                    and i - start < 2
                    and text[words[i].end() : words[i + 1].start()] in (" ", "\t")
                    and self._joins(words[i].group(), words[i + 1].group())
                ):
                    i += 1
            if i > start or self._alone(words[i].group()):
                results.append(RecognizerResult(PERSON, words[start].start(), words[i].end(), 0.8))
            i += 1
        return results


class UnknownCapitalRecognizer(EntityRecognizer):  # type: ignore[misc]
    """Capitalised words that no word list knows and NER did not call a place or thing.

    spaCy's small model misses many names it has not seen ("Kovalenko keeps
    taking credit"). A capitalised word that is not an ordinary word, not an
    organisational word and not inside a non-person entity of the NER (ORG,
    GPE, DATE, ...) may be a name. Runs of such words (and gazetteer names)
    of two or more words, or holding a gazetteer word, become one span;
    ALL-CAPS words of up to five letters are taken for acronyms.
    """

    def __init__(self, lex: Lexicon) -> None:
        """Build the recognizer.

        Args:
            lex: Word lists.
        """
        self.lex = lex
        super().__init__(supported_entities=[PERSON], name="UnknownCapitalRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def _name_like(self, run: list[Any]) -> bool:
        """A run that looks like a name: two or more words, or one with a gazetteer word.

        A lone unexplained word ("Salesforce", "Kovalenko") is left to the NER:
        taking every one for a name hid too many products and places.
        """
        return len(run) >= 2 or any(in_set(t.text, self.lex.names) for t in run)

    def _not_person(self, ent: Any) -> bool:
        """A NER entity that vouches its words are no name.

        Dates, numbers and amounts always; organisations, places and the like
        only when they hold an organisational word ("Station Road"), because the
        small model often calls an unseen name a place or an organisation.
        """
        if ent.label_ == "PERSON":
            return False
        if ent.label_ not in _NAMED_LABELS:
            return True
        return any(in_set(t.text, self.lex.org) for t in ent)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Find unexplained capitalised words.

        Args:
            text: The comment.
            entities: Requested entity types.
            nlp_artifacts: spaCy tokens and entities of the comment.

        Returns:
            ``PERSON`` results.
        """
        if nlp_artifacts is None or nlp_artifacts.tokens is None:
            return []
        doc = nlp_artifacts.tokens
        other = {i for ent in doc.ents if self._not_person(ent) for i in range(ent.start, ent.end)}
        results: list[RecognizerResult] = []
        run: list[Any] = []
        for token in [*doc, None]:
            hit = token is not None and token.i not in other and unexplained(token.text, self.lex)
            part = token is not None and run and in_set(token.text, self.lex.names)
            if hit or (part and _is_capitalised(token.text)):
                run.append(token)
                continue
            if run and self._name_like(run):
                results.append(
                    RecognizerResult(PERSON, run[0].idx, run[-1].idx + len(run[-1]), 0.5)
                )
            run = []
        return results


def name_words(lex: Lexicon) -> frozenset[str]:
    """Every word that can start a gazetteer or titled name (for the prefilter)."""
    return lex.names | frozenset(TITLE_WORDS)


def keep_person(span: str, lex: Lexicon) -> bool:
    """Whether a ``PERSON`` span from NER is plausibly a person (near-miss filter).

    Drops spans that touch a placeholder, and spans whose words are all ordinary
    or organisational words ("Head of Service", "Microsoft Teams", "Monday").

    Args:
        span: The span's text.
        lex: Word lists.

    Returns:
        ``False`` for a near-miss.
    """
    if "[" in span or "]" in span:
        return False
    words: list[Any] = TOKEN.findall(span)
    return bool(words) and not all(in_set(w, lex.not_names) for w in words)
