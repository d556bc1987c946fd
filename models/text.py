"""Text normalisation shared by every classifier (pure functions).

Survey exports carry HTML fragments, mojibake from Excel round-trips and,
now and then, a pasted 100,000-character document. Everything the models
see passes through :func:`clean_text` first, so all of them agree on what
a comment says.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Final

import ftfy

from models.taxonomy import QuestionKind, question_kind

MAX_CHARS: Final[int] = 4000
"""Longer comments are cut here: themes are stated early and cost grows with length."""

_TAG = re.compile(r"<[^>]{0,200}>")
_WORD = re.compile(r"[a-z][a-z'’]*|[0-9]+|[^\sa-z0-9]", re.I)

NEGATION_CUES: Final[frozenset[str]] = frozenset(
    {
        "not",
        "no",
        "never",
        "nobody",
        "nothing",
        "none",
        "neither",
        "nor",
        "without",
        "lack",
        "lacks",
        "lacking",
        "hardly",
        "rarely",
        "seldom",
        "cannot",
        "cant",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "wont",
        "wouldnt",
        "couldnt",
        "shouldnt",
        "havent",
        "hasnt",
        "hadnt",
        "zero",
        "little",
    }
)
_SCOPE_END: Final[frozenset[str]] = frozenset(
    {".", ",", ";", ":", "!", "?", "but", "however", "although", "though", "and", "-", "\n"}
)


def clean_text(text: object) -> str:
    """Return a comment as plain, repaired, single-spaced text.

    Non-strings (``None``, NaN) become ``""``; HTML tags and entities are
    removed, mojibake is repaired, whitespace collapsed and the result cut
    to :data:`MAX_CHARS`.

    Args:
        text: A raw comment as read from a source.

    Returns:
        The cleaned comment; ``""`` when nothing is left.
    """
    if not isinstance(text, str) or not text:
        return ""
    text = text[: MAX_CHARS * 2]
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = ftfy.fix_text(text)
    # the same as re.sub(r"\s+", " ", text).strip(): \s and split() both use str.isspace()
    return " ".join(text.split())[:MAX_CHARS].rstrip()


@functools.lru_cache(maxsize=4096)
def _cached_question_kind(question: object) -> QuestionKind:
    return question_kind(question)


def cached_question_kind(question: object) -> QuestionKind:
    """:func:`models.taxonomy.question_kind`, remembered per question wording.

    A batch repeats a handful of question wordings thousands of times; the
    regex search per comment showed up in profiles.
    """
    try:
        return _cached_question_kind(question)
    except TypeError:  # unhashable: not a question wording, but answer as question_kind does
        return question_kind(question)


def question_token(question: str | None) -> str:
    """A pseudo-word naming the question kind, prepended to model inputs."""
    return f"qq{cached_question_kind(question).value}"


@functools.lru_cache(maxsize=100_000)
def _token_role(raw: str) -> tuple[str, bool, bool]:
    """One word of lower-cased text: the token written, whether it ends a scope, opens one."""
    tok = raw.replace("'", "").replace("’", "")
    if tok in _SCOPE_END:
        return tok, True, False
    return tok, False, tok in NEGATION_CUES or (tok.endswith("nt") and raw.endswith(("n't", "n’t")))


def negation_marked(text: str) -> str:
    """Lower-case words with a ``neg_`` prefix inside the scope of a negation.

    "He never listens, but is kind" becomes
    ``"he never neg_listens , but is kind"``: a linear model can then learn
    that ``neg_listens`` means the opposite of ``listens``.

    Args:
        text: Cleaned comment text.

    Returns:
        Space-joined tokens with negated ones prefixed.
    """
    out: list[str] = []
    negated = 0
    for tok, ends_scope, negates in map(_token_role, _WORD.findall(text.lower())):
        if ends_scope:
            negated = 0
        elif negated:
            tok = "neg_" + tok
            negated -= 1
        out.append(tok)
        if negates:
            negated = 4
    return " ".join(out)


def model_input(text: str, question: str | None) -> str:
    """The string the trained models read: question token, then cleaned text."""
    return f"{question_token(question)} {text}"


__all__ = [
    "MAX_CHARS",
    "NEGATION_CUES",
    "QuestionKind",
    "cached_question_kind",
    "clean_text",
    "model_input",
    "negation_marked",
    "question_token",
]
