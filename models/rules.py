"""Rule component: codebook cues found by a compact phrase matcher, with negation and actor.

The component runs on a blank English tokenizer (about 10,000 comments/s
here), so it stays on the hot path. For every cue match it decides:

* **polarity**: a negation in the same clause before the cue ("never
  listens", "no recognition") or a hedge ("could listen more", "needs
  to communicate better") flips a strength into a need; a neutral topic
  ("communication") takes its polarity from evaluative words nearby, or
  from the question ("What could be improved?" -> need);
* **who acts**: conduct cues in a clause about customers or the public and
  not about management are out of scope (codebook: harassment by customers
  is not ``conduct``), and a judgement of management ("poor management")
  with no specific behaviour of the same polarity becomes ``overall``.

Scores are confidences in [0, 1] per label; the ensemble weighs them
against the trained models. The word sets and the small readers of the words
around a cue live in :mod:`models.rule_context`; this module combines them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Final, cast

import numpy as np
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from models import lexicon
from models.cue_matcher import CueMatcher, build_cue_matcher
from models.rule_context import (
    KEEP_GOING,
    SHORT_ANSWER,
    WINDOW,
    WISHES,
    carried_judgements,
    clause_bounds,
    inside_longer,
    is_management,
    mark_word_hyphens,
)
from models.rule_lexicon import (
    IMPERATIVES,
    build_matcher,
    compile_cue,
    correct_transposition,
    expand,
    known_words,
    lower_words,
    repaired_doc,
)
from models.rule_reading import (
    QUESTION_VERDICT,
    CueSite,
    Person,
    aspect_of,
    in_compound,
    named_people,
    not_said_of_staff,
    out_of_scope,
    read_polarity,
    read_verdict,
)
from models.rule_setting import outside_work
from models.rule_traits import trait_matches
from models.taxonomy import LABEL_INDEX, LABELS, QuestionKind, question_kind
from models.text import cached_question_kind

RULES_FACTORY: Final[str] = "coachlens_theme_rules"
VETO: Final[float] = -1.0
"""A rule score that rules a label out whatever the trained models say (the ensemble
scores it 0): the comment is out of the codebook's scope for that label."""
_CONDUCT = [LABEL_INDEX["conduct:neg"], LABEL_INDEX["conduct:pos"]]
_SUPPORT = [LABEL_INDEX["support:neg"], LABEL_INDEX["support:pos"]]
_OTHER = {"neg": "pos", "pos": "neg"}

if not Doc.has_extension("rule_scores"):
    Doc.set_extension("rule_scores", default=None)
if not Doc.has_extension("question_kind"):
    Doc.set_extension("question_kind", default=QuestionKind.OTHER)


def score_doc(doc: Doc, matcher: CueMatcher) -> np.ndarray:
    """Rule confidences for one tokenised comment.

    Args:
        doc: The comment, with ``doc._.question_kind`` set.
        matcher: The matcher from :func:`~models.cue_matcher.build_cue_matcher`.

    Returns:
        A float32 array of 18 confidences in codebook order.
    """
    return score_words(doc, lower_words(doc), doc._.question_kind, matcher)


def score_words(doc: Doc, words: list[str], qkind: QuestionKind, matcher: CueMatcher) -> np.ndarray:
    """:func:`score_doc` given the doc's lower-cased words and question kind.

    Reading plain strings instead of spaCy ``Token`` objects is what keeps
    the rules fast; the result is the same.

    Args:
        doc: The comment.
        words: ``[t.lower_ for t in doc]``.
        qkind: The question kind.
        matcher: The matcher from :func:`~models.cue_matcher.build_cue_matcher`.

    Returns:
        A float32 array of 18 confidences in codebook order; :data:`VETO` where
        the comment is out of scope for a label.
    """
    scores = np.zeros(len(LABELS), dtype=np.float32)
    words = mark_word_hyphens(doc, words)
    about_manager = any(map(is_management, words))
    judgements: dict[str, float] = {}
    matches = [(doc.vocab.strings[m].split("/"), start, end) for m, start, end in matcher(doc)]
    matches += trait_matches(words)
    praised = {  # clauses that praise someone: "thanks people in front of the team" is no insult
        clause_bounds(words, start, end)[0]
        for (aspect, kind), start, end in matches
        if aspect == "recognition" and kind == "pos"
    }
    people: list[Person] | None = None  # who is named where, once a conduct cue needs it
    asked: set[str] = set()  # polarities of verdicts the question decided ("Management.")
    said = False  # whether any cue says something of its own
    spans: dict[str, dict[int, int]] = {}  # aspect -> start -> longest end
    for (aspect, _), start, end in matches:
        starts = spans.setdefault(aspect, {})
        starts[start] = max(starts.get(start, end), end)
    for (aspect, kind), start, end in matches:
        if inside_longer(spans.get(aspect, {}), start, end):
            continue  # a longer cue of the aspect reads these words otherwise ("pressure off us")
        if in_compound(words, start, end):
            continue  # "blood pressure", "pressure washer"
        site = CueSite.at(words, start, end, qkind)
        if not_said_of_staff(aspect, kind, site, praised):
            continue
        reading = read_polarity(aspect, kind, site)
        if reading is None:
            continue
        if aspect == "overall":
            verdict = read_verdict(kind, reading, site)
            if verdict is not None:
                polarity, confidence = verdict
                judgements[polarity] = max(judgements.get(polarity, 0.0), confidence)
                if confidence == QUESTION_VERDICT:
                    asked.add(polarity)
                else:
                    said = True
            continue
        said = True
        aspect = aspect_of(aspect, site)
        polarity, confidence = cast(tuple[str, float], reading)
        if aspect == "conduct" and people is None:
            people = named_people(words)
        if out_of_scope(aspect, polarity, site, people):
            continue
        if not about_manager and kind != "topic":
            confidence -= 0.2
        idx = LABEL_INDEX[f"{aspect}:{polarity}"]
        scores[idx] = max(scores[idx], confidence)
    if about_manager:
        for polarity in carried_judgements(words):
            said = True
            judgements[polarity] = max(judgements.get(polarity, 0.0), 0.6)
    if len(asked) == 1 and not said:
        # management named as the answer ("pay, management, hours" under "what could be
        # improved?"): the question decides which way the judgement goes
        scores[LABEL_INDEX[f"overall:{_OTHER[asked.pop()]}"]] = VETO
    for polarity, confidence in judgements.items():
        specific = [LABEL_INDEX[f"{a}:{polarity}"] for a in lexicon.CUES if a != "overall"]
        if scores[specific].max() < 0.5:
            scores[LABEL_INDEX[f"overall:{polarity}"]] = confidence
    if outside_work(words):
        # harassment by strangers in the street or at school: no conduct, and no support
        # either when it is told as a harassment account (no one at work was there to act)
        scores[_CONDUCT] = VETO
        if qkind is QuestionKind.COMPLAINT or any(a == "conduct" for (a, _), _s, _e in matches):
            scores[_SUPPORT] = VETO
    return scores


class ThemeRules:
    """spaCy component that sets ``doc._.rule_scores`` (18 confidences)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        # the lexicon as a slot automaton: the same matches, in the same order, as
        # spaCy's PhraseMatcher over every expanded phrase (tests/models/test_cue_matcher.py),
        # in under 1 MB instead of ~150 MB
        self.matcher = build_cue_matcher(nlp.vocab)

    def __call__(self, doc: Doc) -> Doc:
        """Score one document and store the scores on it."""
        doc._.rule_scores = score_doc(doc, self.matcher)
        return doc


@Language.factory(RULES_FACTORY, default_config={})
def make_theme_rules(nlp: Language, name: str) -> ThemeRules:
    """Factory registered with spaCy as ``coachlens_theme_rules``."""
    return ThemeRules(nlp, name)


@functools.cache
def rule_pipeline() -> tuple[Language, Callable[[str, str | None], Doc]]:
    """A blank English pipeline with the rule component, and a doc builder.

    Built once per process: compiling the lexicon into the phrase matcher is
    the expensive part, and every classify call reuses it.

    Returns:
        The pipeline and a function ``(text, question) -> Doc`` that sets the
        question kind before the rules run.
    """
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe(RULES_FACTORY)

    def make_doc(text: str, question: str | None) -> Doc:
        doc, _ = repaired_doc(nlp.make_doc(text))
        doc._.question_kind = question_kind(question)
        return doc

    return nlp, make_doc


def rule_scores(texts: Iterable[str], questions: Iterable[str | None]) -> np.ndarray:
    """Rule confidences for many comments, shape ``(n, 18)``.

    Args:
        texts: Cleaned comment texts.
        questions: The question each comment answers (or ``None``).

    Returns:
        A float32 array in codebook label order.
    """
    return rule_scores_and_tokens(texts, questions, keep_tokens=False)[0]


def rule_scores_and_tokens(
    texts: Iterable[str], questions: Iterable[str | None], *, keep_tokens: bool = True
) -> tuple[np.ndarray, list[np.ndarray]]:
    """:func:`rule_scores`, and each comment's ``ORTH`` hashes as tokenised here.

    The tokens (before typo repair) let the spaCy model skip tokenising the
    same text again (see ``spacy_model.predict_proba_from_tokens``).

    Args:
        texts: Cleaned comment texts.
        questions: The question each comment answers (or ``None``).
        keep_tokens: Whether to collect the tokens (else the list is empty).

    Returns:
        The scores and, per comment, ``doc.to_array([ORTH])``.
    """
    nlp, _ = rule_pipeline()
    matcher = cast(ThemeRules, nlp.get_pipe(RULES_FACTORY)).matcher
    rows = []
    tokens: list[np.ndarray] = []
    for text, question in zip(texts, questions, strict=True):
        doc = nlp.make_doc(text)
        if keep_tokens:
            tokens.append(doc.to_array([ORTH]))
        doc, words = repaired_doc(doc)
        rows.append(score_words(doc, words, cached_question_kind(question), matcher))
    if not rows:
        return np.zeros((0, len(LABELS)), dtype=np.float32), tokens
    return np.vstack(rows), tokens


__all__ = [
    "IMPERATIVES",
    "KEEP_GOING",
    "RULES_FACTORY",
    "SHORT_ANSWER",
    "VETO",
    "WINDOW",
    "WISHES",
    "ThemeRules",
    "build_matcher",
    "compile_cue",
    "correct_transposition",
    "expand",
    "known_words",
    "lower_words",
    "make_theme_rules",
    "repaired_doc",
    "rule_pipeline",
    "rule_scores",
    "rule_scores_and_tokens",
    "score_doc",
    "score_words",
]
