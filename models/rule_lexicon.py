"""The rules' lexicon compiled for spaCy, and the typo repair of comments before matching.

:func:`build_matcher` expands every cue of :mod:`models.lexicon` into the
word sequences it matches and loads them into one ``PhraseMatcher`` (once per
process); :func:`repaired_doc` undoes swapped letters in words the rules look
for. :mod:`models.rules` scores the matches.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import Final

import sre_yield
from spacy.attrs import LOWER
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from models import lexicon

IMPERATIVES: Final[frozenset[str]] = frozenset(
    "listen communicate trust support recognise recognize appreciate thank praise involve consult "
    "treat respect explain keep make let develop value ask act help care protect back show say "
    "tell empower celebrate acknowledge reward be apply distribute share allocate rotate spread "
    "split check stand walk give engage encourage welcome include inform update reward notice "
    "credit hear lead provide offer spend get open follow invest ensure allow take pay learn "
    "focus start try speak talk".split()
)
"""Verbs that, opening an answer to "what could be improved?", make a strength cue advice
("listen to your staff"): the behaviour is missing."""
MIN_TYPO_LENGTH: Final[int] = 5

_OVERALL_MGMT = re.compile(
    r"^(manager|managers|management|managment|mgmt|leadership|leaders|slt|smt|bosses|boss"
    r"|supervisors|supervisor|seniors|directors|corporate|brass|manger|mangers|mgr|mgrs|mngmt|mgt"
    r"|ceo|gm|gms|leads|supervisers)$"
)


@functools.lru_cache(maxsize=4096)
def _expand(token_regex: str) -> tuple[str, ...]:
    words = sre_yield.AllStrings(token_regex)
    try:
        count = len(words)
    except OverflowError:
        count = 2**63
    if count > 20000:
        raise ValueError(f"cue token {token_regex!r} is too broad ({count} words)")
    return tuple(sorted(set(words)))


def expand(token_regex: str) -> list[str]:
    """All the words one token regex matches (the lexicon's regexes are finite).

    The ``Matcher``'s ``IN`` set lookup is about 20 times faster than a
    ``REGEX`` predicate per token, which keeps the rules on the hot path.

    Args:
        token_regex: A regex without unbounded repeats.

    Returns:
        The words, sorted.

    Raises:
        ValueError: If the regex matches too many strings to list.
    """
    return list(_expand(token_regex))


def compile_cue(cue: str) -> list[list[str]]:
    """Expand one lexicon cue into every word sequence it matches.

    Args:
        cue: Space-separated token regexes; ``[x]`` marks an optional token.

    Returns:
        The phrases, each a list of lower-case words.
    """
    slots: list[list[str]] = []
    for part in cue.split():
        if part.count("(") != part.count(")"):
            raise ValueError(
                f"cue {cue!r}: token {part!r} has unbalanced brackets (no spaces "
                "inside a token; write a multi-word alternative as its own cue)"
            )
        optional = part.startswith("[") and part.endswith("]")
        words = expand(part[1:-1] if optional else part)
        slots.append([*words, ""] if optional else words)
    return [[w for w in combo if w] for combo in itertools.product(*slots) if any(combo)]


def build_matcher(vocab: Vocab) -> PhraseMatcher:
    """A ``PhraseMatcher`` on lower-cased text, one rule per aspect and cue kind.

    Rules are named ``listening/pos``, ``clarity/topic``, ...; the phrase
    matcher is a hash lookup per token, so the whole lexicon costs about as
    much as tokenising (the equivalent regex ``Matcher`` ran at 1,500/s).

    Phrases are added as the ``LOWER`` hashes a ``Doc`` of their words would
    give (``PhraseMatcher.add`` accepts them as is): the same trie, built
    without creating ~176,000 ``Doc`` objects (5 s of the build).
    """
    matcher = PhraseMatcher(vocab, attr="LOWER")
    lower_hash = _LowerHashes(vocab).__getitem__
    for aspect, kinds in lexicon.CUES.items():
        for kind, cues in kinds.items():
            phrases = [words for cue in cues for words in compile_cue(cue)]
            if phrases:
                _add(matcher, f"{aspect}/{kind}", [list(map(lower_hash, w)) for w in phrases])
    management = expand(_OVERALL_MGMT.pattern[1:-1])
    _add(matcher, "overall/topic", [[lower_hash(w)] for w in management])
    return matcher


def _add(matcher: PhraseMatcher, key: str, phrases: list[list[int]]) -> None:
    """``PhraseMatcher.add`` of phrases given as attribute hashes (its stubs say ``Doc``)."""
    matcher.add(key, phrases)  # type: ignore[arg-type]


class _LowerHashes(dict[str, int]):
    """Word -> hash of its ``LOWER`` attribute, as a token of ``Doc(vocab, words=[word])``."""

    def __init__(self, vocab: Vocab) -> None:
        super().__init__()
        self.vocab = vocab

    def __missing__(self, word: str) -> int:
        value: int = self.vocab[word].lower
        self[word] = value
        return value


@functools.cache
def known_words() -> frozenset[str]:
    """Every word the rules look for: cue words, negations, hedges, verdicts, management."""
    words: set[str] = set()
    for kinds in lexicon.CUES.values():
        for cues in kinds.values():
            for cue in cues:
                for part in cue.split():
                    words.update(expand(part.strip("[]")))
    words.update(expand(_OVERALL_MGMT.pattern[1:-1]))
    for vocab in (
        lexicon.NEGATIONS,
        lexicon.HEDGES,
        lexicon.NEG_EVAL,
        lexicon.POS_EVAL,
        lexicon.NEG_VERDICT,
        IMPERATIVES,
    ):
        words.update(vocab)
    return frozenset(w for w in words if w.isalpha())


@functools.lru_cache(maxsize=200_000)
def correct_transposition(word: str) -> str:
    """Undo one swapped pair of adjacent letters ("lsitens" -> "listens").

    Only words of five letters or more that are not themselves known, and only
    when the swap gives a word the rules look for: the commonest typing slip,
    repaired without a dictionary and without touching ordinary words.

    Args:
        word: A lower-case token.

    Returns:
        The repaired word, or ``word`` unchanged.
    """
    known = known_words()
    if len(word) < MIN_TYPO_LENGTH or word in known or not word.isalpha():
        return word
    for j in range(len(word) - 1):
        swapped = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
        if swapped in known:
            return swapped
    return word


_LOWER_STRINGS: dict[int, str] = {}
"""Hash -> string of the ``LOWER`` attributes seen (a hash names one string in any vocab)."""


def lower_words(doc: Doc) -> list[str]:
    """``[t.lower_ for t in doc]``, without creating a ``Token`` per word."""
    keys: list[int] = doc.to_array(LOWER).tolist()
    try:
        return list(map(_LOWER_STRINGS.__getitem__, keys))
    except KeyError:  # a word not seen before: what Token.lower_ reads
        strings = doc.vocab.strings
        words: list[str] = [strings[k] for k in keys]
        if len(_LOWER_STRINGS) > 1_000_000:
            _LOWER_STRINGS.clear()
        _LOWER_STRINGS.update(zip(keys, words, strict=True))
        return words


def repaired_doc(doc: Doc) -> tuple[Doc, list[str]]:
    """The doc with typos repaired (:func:`correct_transposition`), and its lower-cased words.

    Args:
        doc: A tokenised comment.

    Returns:
        ``doc`` itself when nothing needed repair, else a new doc of the
        repaired words (same spacing); and ``[t.lower_ for t in doc]`` of the result.
    """
    lowered = lower_words(doc)
    repaired = list(map(correct_transposition, lowered))
    starts = run_on_starts(doc)
    if repaired == lowered and not starts:
        return doc, lowered
    spaces = [bool(t.whitespace_) for t in doc]
    for i in reversed(starts):  # "never thanks anyone Supervisors are useless"
        repaired[i:i] = ["."]
        spaces[i - 1 : i] = [False, True]
    doc = Doc(doc.vocab, words=repaired, spaces=spaces)
    return doc, lower_words(doc)


_BEFORE_NAMES: Final[frozenset[str]] = frozenset(
    "to with from by at for and or of the a an my our your his her their like as than about "
    "tell told ask asked said says called call named meet met in on is was are were think "
    "thought when if but so that because whether until after before since dear hi hello "
    "thanks thank see saw over during near into onto under via per vs even just never not "
    "only also still ever already use used using little big new old young real proper "
    "total complete absolute right".split()
)
"""Lower-case words a proper name often follows ("asked Dave", "in Leeds", "didn't even
Datix it", "a little Hitler", "the new Head of Service")."""


def run_on_starts(doc: Doc) -> list[int]:
    """Where a run-on comment starts a new sentence without punctuation.

    Reviews pasted without their line breaks run list items together ("rota chaos
    Management is a joke Never any praise"); a capitalised word right
    after a lower-case word starts the next item when it is a word the rules read
    (:func:`known_words`: not a name such as "Jo", a month or an organisation), unless it
    follows a word that names usually follow ("asked Dave", "a little Hitler").

    Args:
        doc: A tokenised comment.

    Returns:
        Indices of the tokens that start a new sentence.
    """
    out = []
    vocabulary = known_words()
    for i in range(1, len(doc)):
        tok, prev = doc[i], doc[i - 1]
        text = tok.text
        if (
            len(text) > 1
            and text[0].isupper()
            and text[1:].islower()
            and text.isalpha()
            and prev.whitespace_
            and prev.is_alpha
            and prev.text.islower()
            and prev.text not in _BEFORE_NAMES
            and tok.lower_ in vocabulary  # a word the rules read: not "Jo", "Ofsted"
        ):
            out.append(i)
    return out
