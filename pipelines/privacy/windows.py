"""NER on short windows around the words that need it, instead of whole comments.

spaCy's cost grows with the number of tokens, and a name is decided by the
few words around it. Each unexplained capitalised word gets a window of
:data:`WINDOW_CHARS` characters either side (snapped to whitespace,
overlapping windows merged); the windows of a batch of comments go through
``nlp.pipe`` together, and their entities are mapped back onto a tokenizer-only
``Doc`` of the whole comment, which Presidio reads as its NLP artifacts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final

from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipelines.privacy.lexicon import Lexicon, unexplained
from pipelines.privacy.prefilter import CAPITALISED

WINDOW_CHARS: Final[int] = 60
NER_SCORE: Final[float] = 0.85
BATCH_SIZE: Final[int] = 256


def windows(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Character windows around the unexplained capitalised words of ``text``.

    Args:
        text: A comment.
        lex: Word lists.

    Returns:
        Merged ``(start, end)`` windows, in order.
    """
    spans: list[tuple[int, int]] = []
    for match in CAPITALISED.finditer(text):
        if not unexplained(match.group().strip("'-\u2019"), lex):
            continue
        start = text.rfind(" ", 0, max(match.start() - WINDOW_CHARS, 0)) + 1
        end = text.find(" ", min(match.end() + WINDOW_CHARS, len(text)))
        end = len(text) if end < 0 else end
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _entities(
    nlp: Language, texts: Sequence[str], lex: Lexicon
) -> Iterator[list[tuple[int, int, str]]]:
    """Per text, the NER entities found in its windows (offsets in the whole text)."""
    plan = [windows(t, lex) for t in texts]
    snippets = [t[s:e] for t, spans in zip(texts, plan, strict=True) for s, e in spans]
    docs = iter(nlp.pipe(snippets, batch_size=BATCH_SIZE))
    for spans in plan:
        found: list[tuple[int, int, str]] = []
        for start, _ in spans:
            doc = next(docs)
            found += [(start + e.start_char, start + e.end_char, e.label_) for e in doc.ents]
        yield found


def window_artifacts(
    ner: Language, tokenizer: Language, engine: NlpEngine, texts: Sequence[str], lex: Lexicon
) -> list[NlpArtifacts]:
    """Presidio NLP artifacts of each text, with the entities of its windows.

    Args:
        ner: The NER-only pipeline.
        tokenizer: The tokenizer-only pipeline.
        engine: The NLP engine the artifacts name (Presidio's context words use it).
        texts: Comments.
        lex: Word lists.

    Returns:
        One artifacts object per text; ``tokens.ents`` holds every entity,
        ``entities`` the ``PERSON`` ones.
    """
    out: list[NlpArtifacts] = []
    for text, found in zip(texts, _entities(ner, texts, lex), strict=True):
        doc: Doc = tokenizer(text)
        spans = [doc.char_span(s, e, label=lab, alignment_mode="expand") for s, e, lab in found]
        doc.ents = filter_spans([s for s in spans if s is not None])
        people: list[Span] = [e for e in doc.ents if e.label_ == "PERSON"]
        out.append(
            NlpArtifacts(
                entities=people,
                tokens=doc,
                tokens_indices=[t.idx for t in doc],
                lemmas=[t.text for t in doc],
                nlp_engine=engine,
                language="en",
                scores=[NER_SCORE] * len(people),
            )
        )
    return out
