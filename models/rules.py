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
    GRATITUDE,
    KEEP_GOING,
    PROHIBITIONS,
    SENTENCE_ENDS,
    SHORT_ANSWER,
    STAFFING,
    WINDOW,
    WISHED_FOR,
    WISHES,
    bare_mention,
    carried_judgements,
    clause_bounds,
    cue_polarity,
    detached_predicate,
    has_any,
    imperative_opens,
    improved,
    inside_longer,
    is_management,
    is_outsider,
    named_as_missing,
    praises,
    writer_acts,
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
from models.taxonomy import LABEL_INDEX, LABELS, QuestionKind, question_kind
from models.text import cached_question_kind

RULES_FACTORY: Final[str] = "coachlens_theme_rules"

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
        A float32 array of 18 confidences in codebook order.
    """
    scores = np.zeros(len(LABELS), dtype=np.float32)
    about_manager = any(map(is_management, words))
    judgements: dict[str, float] = {}
    matches = [(doc.vocab.strings[m].split("/"), start, end) for m, start, end in matcher(doc)]
    praised = {  # clauses that praise someone: "thanks people in front of the team" is no insult
        clause_bounds(words, start, end)[0]
        for (aspect, kind), start, end in matches
        if aspect == "recognition" and kind == "pos"
    }
    spans: dict[str, dict[int, int]] = {}  # aspect -> start -> longest end
    for (aspect, _), start, end in matches:
        starts = spans.setdefault(aspect, {})
        starts[start] = max(starts.get(start, end), end)
    for (aspect, kind), start, end in matches:
        if inside_longer(spans.get(aspect, {}), start, end):
            continue  # a longer cue of the aspect reads these words otherwise ("pressure off us")
        if end - start == 1 and words[start] in lexicon.COMPOUNDS:
            firsts, seconds = lexicon.COMPOUNDS[words[start]]
            if (start > 0 and words[start - 1] in firsts) or (
                end < len(words) and words[end] in seconds
            ):
                continue  # "blood pressure", "pressure washer"
        c_start, c_end = clause_bounds(words, start, end)
        before = words[max(c_start, start - WINDOW) : start]
        after = words[end:c_end]
        if (
            aspect == "recognition"
            and kind == "pos"
            and has_any(words[start : start + 2], GRATITUDE)
            and writer_acts(words[c_start:start])
        ):
            continue  # "I really appreciate the free lunches": the writer's own thanks
        if (
            aspect == "conduct"
            and words[start : start + 2] == ["in", "front"]
            and c_start in praised
        ):
            continue
        polarity = cue_polarity(kind, before, after, words[start:end], words[c_start:start])
        confidence = 0.9 if kind != "topic" else 0.75
        if (
            kind == "pos"
            and polarity == "pos"
            and (
                qkind in (QuestionKind.ADVICE, QuestionKind.IMPROVE)
                or (  # "Speak to staff with respect." with no question: still advice
                    qkind is QuestionKind.OTHER
                    and (c_start == 0 or words[c_start - 1] in SENTENCE_ENDS)
                    and words[c_start] in IMPERATIVES
                    and words[c_start + 1 : c_start + 2] != ["me"]  # "trust me", "let me"
                    and not has_any(words[c_start:end], KEEP_GOING)
                )
            )
            and (
                (qkind is QuestionKind.ADVICE and not has_any(before + after, KEEP_GOING))
                or (
                    words[start] in IMPERATIVES
                    and (start == c_start or words[start - 1] in ("please", "just", "and"))
                )
                or imperative_opens(words[c_start:end])  # "be fair", "maybe say well done"
                or has_any(before, WISHES)
                or named_as_missing(words, qkind)  # "Realistic targets." answering improve
            )
        ):
            polarity, confidence = "neg", 0.7  # advice / imperative: the behaviour is missing
        if (
            kind == "neg"
            and polarity == "pos"
            and (
                qkind is QuestionKind.ADVICE
                or (qkind is QuestionKind.IMPROVE and words[c_start] in PROHIBITIONS)
                or (  # "Do not talk to us like we are stupid." (not "dont get micromanaged :)")
                    qkind is not QuestionKind.GOOD
                    and words[c_start : c_start + 2] in (["do", "n't"], ["do", "not"], ["do", "nt"])
                )
            )
        ):
            polarity = "neg"  # "Don't micromanage!": advice not to is a need, not a strength
        if polarity is None and aspect != "overall" and len(words) <= SHORT_ANSWER:
            if kind == "topic" and qkind in (QuestionKind.IMPROVE, QuestionKind.ADVICE):
                polarity, confidence = "neg", 0.6
            elif kind == "topic" and qkind is QuestionKind.GOOD:
                polarity, confidence = "pos", 0.6
            else:
                continue
        if (
            polarity is None
            and kind == "topic"
            and qkind in (QuestionKind.IMPROVE, QuestionKind.ADVICE)
            and imperative_opens(words[c_start:start])
            and not has_any(words[c_start:start], KEEP_GOING)  # "keep the communication going"
        ):
            polarity, confidence = "neg", 0.7  # "Treat staff with respect", "Show some respect"
        if polarity is None and aspect != "overall":
            continue
        if aspect == "overall":  # a judgement: the verdict may stand further away than NEG_EVAL's
            # three words ("management at this store is clueless"), so it decides alone
            near_words = words[max(c_start, start - 3) : min(c_end, end + 8)]
            if kind == "topic" and (detached := detached_predicate(words, end, c_end)):
                after = detached  # "Management, in my opinion, is awful", "Management: poor."
                near_words = before[-3:] + detached
            if kind == "topic":
                if end < len(words) and words[end] in lexicon.NOT_MANAGEMENT_AFTER:
                    continue  # "case management system", "management course"
                if (
                    qkind in (QuestionKind.IMPROVE, QuestionKind.ADVICE)
                    and len(words) <= SHORT_ANSWER
                    and has_any(before[-2:], WISHED_FOR)
                    and not has_any(words, lexicon.COPULAS)
                ):
                    polarity, confidence = "neg", 0.6  # "New management.", "Competent managers."
                elif has_any(near_words, lexicon.NEG_VERDICT):
                    polarity = "neg" if not has_any(before, lexicon.NEGATIONS) else "pos"
                    if improved(near_words):
                        polarity = "pos"  # "management has improved massively", "much better"
                elif praises(near_words):
                    # a negation before the praise word counts too: "managers are not very good"
                    praise = next((i for i, w in enumerate(after) if w in lexicon.POS_EVAL), 0)
                    # and a hedge: "managers could be more organised"
                    negated = has_any(before + after[:praise], lexicon.NEGATIONS) or has_any(
                        after[:praise] + before[-2:], lexicon.HEDGES
                    )
                    polarity = "neg" if negated else "pos"
                elif (after[:1] and after[0] in lexicon.MUST) or after[:2] in (
                    ["has", "to"],
                    ["have", "to"],
                ):
                    polarity, confidence = "neg", 0.6  # "management needs to get a grip"
                elif not (
                    bare_mention(words[c_start:c_end])
                    or (
                        len(words) <= SHORT_ANSWER  # a list of topics, not a sentence about them
                        and not has_any(before[-1:], STAFFING)
                        and not has_any(words, lexicon.COPULAS)
                    )
                ):
                    continue
                elif qkind in (QuestionKind.IMPROVE, QuestionKind.ADVICE):
                    polarity, confidence = "neg", 0.6  # "Management, as always."
                elif qkind is QuestionKind.GOOD:
                    polarity, confidence = "pos", 0.6  # "My manager." answering "what is good?"
                else:
                    continue
            if polarity is None:
                continue
            judgements[polarity] = max(judgements.get(polarity, 0.0), confidence)
            continue
        if aspect == "conduct" and polarity == "neg":
            clause = words[c_start:c_end]
            # who acts: outsiders, unless only watching ("in front of customers")
            actors = [t for i, t in enumerate(clause) if "front" not in clause[max(0, i - 4) : i]]
            if any(map(is_outsider, actors)) and not any(map(is_management, clause)):
                continue
        elif (
            aspect != "support"  # "customers swear at us and nobody does anything" is a need
            and any(map(is_outsider, words[c_start:start]))
            and not any(map(is_management, words[c_start:c_end]))
        ):
            continue  # "patients don't listen", "callers can be demanding": outsiders act
        if not about_manager and kind != "topic":
            confidence -= 0.2
        idx = LABEL_INDEX[f"{aspect}:{polarity}"]
        scores[idx] = max(scores[idx], confidence)
    if about_manager:
        for polarity in carried_judgements(words):
            judgements[polarity] = max(judgements.get(polarity, 0.0), 0.6)
    for polarity, confidence in judgements.items():
        specific = [LABEL_INDEX[f"{a}:{polarity}"] for a in lexicon.CUES if a != "overall"]
        if scores[specific].max() < 0.5:
            scores[LABEL_INDEX[f"overall:{polarity}"]] = confidence
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
