"""Text normalisation shared by every classifier (pure functions).

Survey exports carry HTML fragments, mojibake from Excel round-trips and,
now and then, a pasted 100,000-character document. Everything the models
see passes through :func:`clean_text` first, so all of them agree on what
a comment says.
"""

from __future__ import annotations

import html
import re
from typing import Final

import ftfy

from models.taxonomy import QuestionKind, question_kind

MAX_CHARS: Final[int] = 4000
"""Longer comments are cut here: themes are stated early and cost grows with length."""

_TAG = re.compile(r"<[^>]{0,200}>")
_SPACE = re.compile(r"\s+")
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
    return _SPACE.sub(" ", text).strip()[:MAX_CHARS].rstrip()


def question_token(question: str | None) -> str:
    """A pseudo-word naming the question kind, prepended to model inputs."""
    return f"qq{question_kind(question).value}"


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
    for raw in _WORD.findall(text.lower()):
        tok = raw.replace("'", "").replace("’", "")
        if tok in _SCOPE_END:
            negated = 0
            out.append(tok)
            continue
        if negated:
            out.append("neg_" + tok)
            negated -= 1
        else:
            out.append(tok)
        if tok in NEGATION_CUES or (tok.endswith("nt") and raw.endswith(("n't", "n’t"))):
            negated = 4
    return " ".join(out)


def model_input(text: str, question: str | None) -> str:
    """The string the trained models read: question token, then cleaned text."""
    return f"{question_token(question)} {text}"


__all__ = [
    "MAX_CHARS",
    "NEGATION_CUES",
    "QuestionKind",
    "clean_text",
    "model_input",
    "negation_marked",
    "question_token",
]
