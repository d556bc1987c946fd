"""Rule component: codebook cues found by spaCy's ``PhraseMatcher``, with negation and actor.

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
against the trained models.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable
from typing import Final

import numpy as np
import sre_yield
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from models import lexicon
from models.taxonomy import LABEL_INDEX, LABELS, QuestionKind, question_kind

RULES_FACTORY: Final[str] = "coachlens_theme_rules"
WINDOW: Final[int] = 5
IMPERATIVES: Final[frozenset[str]] = frozenset(
    "listen communicate trust support recognise recognize appreciate thank praise involve consult "
    "treat respect explain keep make let develop value ask act help care protect back show say "
    "tell empower celebrate acknowledge reward".split()
)
"""Verbs that, opening an answer to "what could be improved?", make a strength cue advice
("listen to your staff"): the behaviour is missing."""
KEEP_GOING: Final[frozenset[str]] = frozenset(
    "keep continue great good well brilliant excellent thanks thank is are".split()
)
"""In advice, these mark praise of what exists ("keep listening", "she is approachable")."""
SHORT_ANSWER: Final[int] = 8
MIN_TYPO_LENGTH: Final[int] = 5
"""A bare topic ("communication") takes its polarity from the question only in short answers."""
"""How many tokens before a cue a negation or hedge may stand."""

if not Doc.has_extension("rule_scores"):
    Doc.set_extension("rule_scores", default=None)
if not Doc.has_extension("question_kind"):
    Doc.set_extension("question_kind", default=QuestionKind.OTHER)

_MGMT = re.compile(f"^{lexicon.MANAGEMENT}$")
_OUTSIDE = re.compile(f"^{lexicon.OUT_OF_SCOPE}$")
_OVERALL_MGMT = re.compile(
    r"^(manager|managers|management|managment|mgmt|leadership|leaders|slt|smt|bosses|boss"
    r"|supervisors|supervisor|seniors|directors|corporate|brass)$"
)


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
    words = sre_yield.AllStrings(token_regex)
    try:
        count = len(words)
    except OverflowError:
        count = 2**63
    if count > 20000:
        raise ValueError(f"cue token {token_regex!r} is too broad ({count} words)")
    return sorted(set(words))


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
    """
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for aspect, kinds in lexicon.CUES.items():
        for kind, cues in kinds.items():
            phrases = [words for cue in cues for words in compile_cue(cue)]
            if phrases:
                matcher.add(f"{aspect}/{kind}", [Doc(vocab, words=w) for w in phrases])
    management = expand(_OVERALL_MGMT.pattern[1:-1])
    matcher.add("overall/topic", [Doc(vocab, words=[w]) for w in management])
    return matcher


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


def _clause(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token bounds of the clause around ``doc[start:end]``."""
    left = start
    while left > 0 and doc[left - 1].lower_ not in lexicon.CLAUSE_BREAKS:
        left -= 1
    right = end
    while right < len(doc) and doc[right].lower_ not in lexicon.CLAUSE_BREAKS:
        right += 1
    return left, right


def _has(tokens: Iterable[str], words: frozenset[str]) -> bool:
    return any(t in words for t in tokens)


def _cue_polarity(kind: str, before: list[str], after: list[str], span: Span) -> str | None:
    """Polarity of one cue match from its kind and the words around it."""
    inside = [t.lower_ for t in span]
    negated = _has(before, lexicon.NEGATIONS) or _has(inside, lexicon.NEGATIONS)
    hedged = _has(before, lexicon.HEDGES) or _has(after[:3], frozenset({"more", "better"}))
    if kind == "pos":
        return "neg" if negated or hedged else "pos"
    if kind == "neg":
        return "pos" if negated and not _has(inside, lexicon.NEGATIONS) else "neg"
    near = before + after[:3]
    if negated or _has(near, lexicon.NEG_EVAL):
        return "neg"
    if _has(near, lexicon.POS_EVAL):
        return "pos"
    return None


def score_doc(doc: Doc, matcher: PhraseMatcher) -> np.ndarray:
    """Rule confidences for one tokenised comment.

    Args:
        doc: The comment, with ``doc._.question_kind`` set.
        matcher: The matcher from :func:`build_matcher`.

    Returns:
        A float32 array of 18 confidences in codebook order.
    """
    scores = np.zeros(len(LABELS), dtype=np.float32)
    qkind: QuestionKind = doc._.question_kind
    words = [t.lower_ for t in doc]
    about_manager = any(_MGMT.match(t) for t in words)
    judgements: dict[str, float] = {}
    for match_id, start, end in matcher(doc):
        aspect, kind = doc.vocab.strings[match_id].split("/")
        c_start, c_end = _clause(doc, start, end)
        before = [t.lower_ for t in doc[max(c_start, start - WINDOW) : start]]
        after = [t.lower_ for t in doc[end:c_end]]
        polarity = _cue_polarity(kind, before, after, doc[start:end])
        confidence = 0.9 if kind != "topic" else 0.75
        if (
            kind == "pos"
            and polarity == "pos"
            and qkind in (QuestionKind.ADVICE, QuestionKind.IMPROVE)
            and (
                (qkind is QuestionKind.ADVICE and not _has(before + after, KEEP_GOING))
                or (
                    doc[start].lower_ in IMPERATIVES
                    and (start == c_start or doc[start - 1].lower_ in ("please", "just", "and"))
                )
            )
        ):
            polarity, confidence = "neg", 0.7  # advice / imperative: the behaviour is missing
        if polarity is None and aspect != "overall" and len(doc) <= SHORT_ANSWER:
            if kind == "topic" and qkind in (QuestionKind.IMPROVE, QuestionKind.ADVICE):
                polarity, confidence = "neg", 0.6
            elif kind == "topic" and qkind is QuestionKind.GOOD:
                polarity, confidence = "pos", 0.6
            else:
                continue
        if polarity is None and aspect != "overall":
            continue
        if aspect == "overall":  # a judgement: the verdict may stand further away than NEG_EVAL's
            # three words ("management at this store is clueless"), so it decides alone
            near_words = [t.lower_ for t in doc[max(c_start, start - 3) : min(c_end, end + 6)]]
            if kind == "topic":
                if end < len(doc) and doc[end].lower_ in lexicon.NOT_MANAGEMENT_AFTER:
                    continue  # "case management system", "management course"
                if _has(near_words, lexicon.NEG_VERDICT):
                    polarity = "neg" if not _has(before, lexicon.NEGATIONS) else "pos"
                elif _has(near_words, lexicon.POS_EVAL):
                    # a negation before the praise word counts too: "managers are not very good"
                    praise = next((i for i, w in enumerate(after) if w in lexicon.POS_EVAL), 0)
                    negated = _has(before + after[:praise], lexicon.NEGATIONS)
                    polarity = "neg" if negated else "pos"
                elif len(doc) > 3 or qkind not in (QuestionKind.IMPROVE, QuestionKind.ADVICE):
                    continue
                else:  # a bare "management" answering "what could be improved?"
                    polarity, confidence = "neg", 0.6
            if polarity is None:
                continue
            judgements[polarity] = max(judgements.get(polarity, 0.0), confidence)
            continue
        if aspect == "conduct" and polarity == "neg":
            clause = [t.lower_ for t in doc[c_start:c_end]]
            # who acts: outsiders, unless only watching ("in front of customers")
            actors = [t for i, t in enumerate(clause) if "front" not in clause[max(0, i - 4) : i]]
            if any(_OUTSIDE.match(t) for t in actors) and not any(_MGMT.match(t) for t in clause):
                continue
        if not about_manager and kind != "topic":
            confidence -= 0.2
        idx = LABEL_INDEX[f"{aspect}:{polarity}"]
        scores[idx] = max(scores[idx], confidence)
    for polarity, confidence in judgements.items():
        specific = [LABEL_INDEX[f"{a}:{polarity}"] for a in lexicon.CUES if a != "overall"]
        if scores[specific].max() < 0.5:
            scores[LABEL_INDEX[f"overall:{polarity}"]] = confidence
    return scores


class ThemeRules:
    """spaCy component that sets ``doc._.rule_scores`` (18 confidences)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.matcher = build_matcher(nlp.vocab)

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
        doc = nlp.make_doc(text)
        lowered = [t.lower_ for t in doc]
        repaired = [correct_transposition(w) for w in lowered]
        if repaired != lowered:
            doc = Doc(nlp.vocab, words=repaired, spaces=[bool(t.whitespace_) for t in doc])
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
    nlp, make_doc = rule_pipeline()
    component = nlp.get_pipe(RULES_FACTORY)
    docs = (make_doc(t, q) for t, q in zip(texts, questions, strict=True))
    rows = [component(doc)._.rule_scores for doc in docs]
    if not rows:
        return np.zeros((0, len(LABELS)), dtype=np.float32)
    return np.vstack(rows)
