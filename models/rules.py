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
against the trained models.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Final, cast

import numpy as np
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from models import lexicon
from models.cue_matcher import CueMatcher, build_cue_matcher
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
WINDOW: Final[int] = 7
"""How many tokens before a cue a negation or hedge may stand (7: train+dev macro-F1 of the rules
0.795 -> 0.797 against 5, held-out 0.727 -> 0.729; 9 is no better)."""
KEEP_GOING: Final[frozenset[str]] = frozenset(
    "keep continue great good well brilliant excellent thanks thank is are".split()
)
"""In advice, these mark praise of what exists ("keep listening", "she is approachable")."""
WISHES: Final[frozenset[str]] = frozenset("who if actually someone somebody".split())
"""Answering "what could be improved?", these before a strength make it a wish
("managers who listen", "if they actually listened")."""
PROHIBITIONS: Final[frozenset[str]] = frozenset("do dont never stop quit no not".split())
"""Opening a clause that answers "what could be improved?", these make a negated need
advice ("don't micromanage", "stop shouting"), still a need (in advice it always is)."""
CONDITIONS: Final[frozenset[str]] = frozenset("if unless when whether".split())
"""Before a negated need ("if you're not in the clique"), these keep it a need."""
STAFFING: Final[frozenset[str]] = frozenset("more enough extra another new fewer less".split())
"""Before a management word, these speak of headcount, not of how managers behave."""
SHORT_ANSWER: Final[int] = 8
"""A bare topic ("communication") takes its polarity from the question only in short answers."""

if not Doc.has_extension("rule_scores"):
    Doc.set_extension("rule_scores", default=None)
if not Doc.has_extension("question_kind"):
    Doc.set_extension("question_kind", default=QuestionKind.OTHER)

_MGMT = re.compile(f"^{lexicon.MANAGEMENT}$")
_OUTSIDE = re.compile(f"^{lexicon.OUT_OF_SCOPE}$")


def _clause(words: list[str], start: int, end: int) -> tuple[int, int]:
    """Token bounds of the clause around ``words[start:end]``."""
    left = start
    while left > 0 and words[left - 1] not in lexicon.CLAUSE_BREAKS:
        left -= 1
    right = end
    while right < len(words) and words[right] not in lexicon.CLAUSE_BREAKS:
        right += 1
    return left, right


@functools.lru_cache(maxsize=200_000)
def _is_management(word: str) -> bool:
    return _MGMT.match(word) is not None


@functools.lru_cache(maxsize=200_000)
def _is_outsider(word: str) -> bool:
    return _OUTSIDE.match(word) is not None


def _has(tokens: Iterable[str], words: frozenset[str]) -> bool:
    return not words.isdisjoint(tokens)  # any(t in words for t in tokens), in C


WISHED: Final[frozenset[str]] = frozenset("would could should need needs".split())
"""After a topic, these make it wished for ("recognition would go a long way"): a need."""
SUBJECTS: Final[frozenset[str]] = frozenset("i we you he she they it there that who".split())
"""Words that open a new subject after a topic."""
WISHED_FOR: Final[frozenset[str]] = frozenset(
    "new proper different real actual competent capable decent good better qualified trained "
    "experienced effective stronger".split()
)
"""Before management in a short answer to "what could be improved?", these wish for other
managers ("New management.", "Competent managers."): a judgement of the present ones."""
GRATITUDE: Final[frozenset[str]] = frozenset(
    "appreciate value thank recognise recognize praise acknowledge".split()
)
"""Base forms whose subject gives the thanks ("I appreciate ..."; not "I feel appreciated")."""
MAX_CUE: Final[int] = 24
"""No cue is longer than this many tokens (a longer match covering a shorter one starts within)."""
REFUSALS: Final[frozenset[str]] = frozenset("refuse refuses refused refusing".split())
"""Before a strength, these make it missing ("refused to listen"); a need stays a need."""
NOT_NEGATING: Final[frozenset[tuple[str, str]]] = frozenset(
    {("no", "matter"), ("nothing", "but"), ("to", "none"), ("no", "doubt"), ("not", "only")}
)
"""Word pairs in which a negation word negates nothing ("second to none", "no matter who")."""


def _negates(words: list[str], following: str = "") -> bool:
    """Whether ``words`` hold a negation that is not part of an idiom in :data:`NOT_NEGATING`.

    ``following`` is the word after them, which may complete an idiom ("no" + "matter").
    """
    if lexicon.NEGATIONS.isdisjoint(words):
        return False
    padded = ["", *words, following]
    return any(
        w in lexicon.NEGATIONS
        and (w, padded[i + 2]) not in NOT_NEGATING
        and (padded[i], w) not in NOT_NEGATING
        for i, w in enumerate(words)
    )


def _wished(after: list[str]) -> bool:
    """Whether the topic before ``after`` is wished for ("recognition would go a long way").

    The modal must follow within four words with no new subject in between ("a 1:1 where
    he would ..." reports speech).
    """
    for w in after[:4]:
        if w in WISHED:
            return True
        if w in SUBJECTS:
            return False
    return False


def _predicate(after: list[str]) -> list[str]:
    """The words after a cue that may judge it: the next three, and a copula's complement.

    "communication from senior management is poor": the verdict follows the
    copula, beyond the three words after the topic.
    """
    cop = next((i for i, w in enumerate(after[:8]) if w in lexicon.COPULAS), None)
    return after[:3] if cop is None or cop < 2 else after[:3] + after[cop + 1 : cop + 5]


def _cue_polarity(
    kind: str, before: list[str], after: list[str], inside: list[str], opening: list[str]
) -> str | None:
    """Polarity of one cue match from its kind and the words around it.

    ``before`` is the window of :data:`WINDOW` words before the cue in its clause,
    ``opening`` the whole clause up to the cue.
    """
    if kind == "pos" and before[-1:] == ["only"]:
        return None  # "only praises her favourites", "only cares about targets"
    # "no thank you", "aren't treated equally"; the next word shows an idiom ("no matter")
    negated = _negates(before) or _negates(inside, following=after[0] if after else "")
    hedged = _has(before, lexicon.HEDGES) or _has(after[:3], frozenset({"more", "better"}))
    if kind == "pos":  # a refused strength is missing: "refused to listen"
        too_busy = "busy" in before and "too" in before  # "too busy to help"
        return "neg" if negated or hedged or too_busy or _has(before, REFUSALS) else "pos"
    if kind == "neg":  # "never micromanages"; but "if you're not one of the favourites"
        # a negation does not reach a need across "and": "didn't thank anyone and played favourites"
        scope = before[len(before) - before[::-1].index("and") :] if "and" in before else before
        # "can't speak up without being shouted at": two negations leave the need standing
        double = "without" in scope and _negates(scope[: scope.index("without")])
        flips = (
            _negates(scope)
            and not double
            and not _negates(inside)
            and not _has(opening, CONDITIONS)
        )
        return "pos" if flips else "neg"
    predicate = _predicate(after)
    near = before + predicate
    if negated or _has(near, lexicon.NEG_EVAL):
        return "neg"
    if _has(before, lexicon.HEDGES) or _wished(after):
        return "neg"  # "communication needs work", "if they communicated it would help"
    if _has(near, lexicon.POS_EVAL):  # "communication is not good"
        return "neg" if _has(predicate, lexicon.NEGATIONS) else "pos"
    return None


KNOWING: Final[frozenset[str]] = frozenset("know knows knew knowing".split())
"""Before a praise word, these make it a claim, not praise ("they think they know best")."""


def _praises(words: list[str]) -> bool:
    """Whether a praise word stands in ``words`` other than in "know best"."""
    return any(
        w in lexicon.POS_EVAL and (i == 0 or words[i - 1] not in KNOWING)
        for i, w in enumerate(words)
    )


def _carried_judgements(words: list[str]) -> set[str]:
    """Verdicts whose subject is a pronoun standing for managers named just before.

    "Management? They're clueless." and "Some managers are great, others are awful": the
    clause with the verdict names no manager, the clause before it does.
    """
    found: set[str] = set()
    previous_names_manager = False
    start = 0
    for end in [*(i for i, w in enumerate(words) if w in lexicon.CLAUSE_BREAKS), len(words)]:
        clause = words[start:end]
        names_manager = any(map(_is_management, clause))
        if (
            previous_names_manager
            and not names_manager
            and clause[:1]
            and (clause[0] in lexicon.STAND_INS)
        ):
            verdict = next(
                (
                    i
                    for i, w in enumerate(clause)
                    if w in lexicon.NEG_VERDICT or w in lexicon.POS_EVAL
                ),
                None,
            )
            if verdict is not None and verdict <= 4:
                word, head = clause[verdict], clause[:verdict]
                negated = _has(head, lexicon.NEGATIONS)
                if word in lexicon.NEG_VERDICT:
                    found.add("pos" if negated else "neg")
                else:
                    found.add("neg" if negated or _has(head, lexicon.HEDGES) else "pos")
        if clause:
            previous_names_manager = names_manager
        start = end + 1
    return found


WRITERS: Final[frozenset[str]] = frozenset("i we i'd we'd".split())
"""Subjects that make the writer the one who appreciates or thanks."""
ADVERBS: Final[frozenset[str]] = frozenset(
    "really do genuinely truly also all so very just".split()
)
"""Words that may stand between the writer and the verb ("I really appreciate")."""


def _writer_acts(opening: list[str]) -> bool:
    """Whether the clause before a cue ends with the writer as its subject ("we really")."""
    rest = list(opening)
    while rest and rest[-1] in ADVERBS:
        rest.pop()
    return bool(rest) and rest[-1] in WRITERS


OPENERS: Final[frozenset[str]] = frozenset(
    "please just and maybe perhaps actually also then simply so".split()
)
"""Words that may stand before the verb of an imperative ("please just listen", "try to")."""


def _imperative_opens(opening: list[str]) -> bool:
    """Whether the clause up to a cue opens with an imperative ("notice when people ...")."""
    rest = [w for w in opening[:4] if w not in OPENERS]
    if rest[:2] in (["thank", "you"], ["thank", "u"]):
        return False  # "Thank you for supporting me": the writer's thanks, not advice
    return bool(rest) and rest[0] in IMPERATIVES


SENTENCE_ENDS: Final[frozenset[str]] = frozenset([*". ! ? ;".split(), "\n"])
"""Tokens that end a sentence."""
LABEL_MARKS: Final[frozenset[str]] = frozenset(": - – —".split())
"""Tokens after which a verdict labels the topic before them ("Management: poor")."""


def _detached_predicate(words: list[str], end: int, c_end: int) -> list[str]:
    """The predicate of a topic when punctuation detaches it from its clause.

    "Management: poor." gives ``["poor"]``; "Management, in my opinion, are awful" and
    "Leadership here is, frankly, weak" give the words after the parenthesis. Otherwise ``[]``.

    Args:
        words: The comment's words.
        end: Where the topic ends.
        c_end: Where its clause ends.
    """
    if c_end >= len(words) or not (c_end == end or words[c_end - 1] in lexicon.COPULAS):
        return []
    if c_end == end and words[end] in LABEL_MARKS and words[0] not in LABEL_MARKS:
        return words[end + 1 : end + 4]  # not in a bulleted list ("- good manager - crap pay")
    if words[c_end] != ",":
        return []
    for k in range(c_end + 1, min(len(words), c_end + 12)):
        if words[k] in SENTENCE_ENDS:
            return []
        if words[k] == ",":
            if c_end > end:  # "is, frankly, weak"
                return words[k + 1 : k + 5]
            return (
                words[k + 2 : k + 6]
                if words[k + 1 : k + 2] and words[k + 1] in lexicon.COPULAS
                else []
            )
    return []


NOTHING: Final[frozenset[str]] = frozenset("nothing none n/a na nil nowt".split())
"""Answers that say nothing needs improving."""


def _named_as_missing(words: list[str], qkind: QuestionKind) -> bool:
    """Whether a short noun phrase answering "what could be improved?" names what is missing.

    "Realistic targets." or "Supportive managers" (at most four words, no verb of being, not
    "Nothing, great manager") asks for the strength: a need.
    """
    return (
        qkind is QuestionKind.IMPROVE
        and len(words) <= 4
        and words[:1] != []
        and words[0] not in SUBJECTS
        and lexicon.COPULAS.isdisjoint(words)
        and NOTHING.isdisjoint(words)
    )


CHANGE: Final[frozenset[str]] = frozenset("better improvement improve improved improving".split())
"""Verdict words that ask for a change ("could be better") or report one ("has improved")."""
REPORTED: Final[frozenset[str]] = frozenset(
    "has have 's is are got getting gotten much massively lot so really definitely vastly far "
    "greatly hugely".split()
)
"""Before a change word, these report it as done ("management is much better now")."""


def _improved(near: list[str]) -> bool:
    """Whether the only verdicts in ``near`` report an improvement rather than ask for one."""
    verdicts = [i for i, w in enumerate(near) if w in lexicon.NEG_VERDICT]
    if not verdicts or any(near[i] not in CHANGE for i in verdicts):
        return False
    first = verdicts[0]
    asked = lexicon.HEDGES | lexicon.MUST | lexicon.NEGATIONS | {"would", "to", "of"}
    # not "has a lot to improve", "could do with a lot of improvement"
    return _has(near[max(0, first - 3) : first], REPORTED) and not _has(
        near[max(0, first - 5) : first], asked
    )


def _inside_longer(starts: dict[int, int], start: int, end: int) -> bool:
    """Whether a longer match of the same aspect covers ``[start, end)``.

    Args:
        starts: The aspect's matches as start -> the longest end from there.
        start: Where this match starts.
        end: Where it ends.
    """
    for s in range(start, -1, -1):
        e = starts.get(s)
        if e is not None and e >= end and e - s > end - start:
            return True
        if start - s > MAX_CUE:
            return False
    return False


def _bare_mention(clause: list[str]) -> bool:
    """Whether a clause only names management ("Management, as always", "Upper management.")."""
    return any(map(_is_management, clause)) and all(
        _is_management(w) or w in lexicon.BARE_MANAGEMENT for w in clause
    )


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
    about_manager = any(map(_is_management, words))
    judgements: dict[str, float] = {}
    matches = [(doc.vocab.strings[m].split("/"), start, end) for m, start, end in matcher(doc)]
    praised = {  # clauses that praise someone: "thanks people in front of the team" is no insult
        _clause(words, start, end)[0]
        for (aspect, kind), start, end in matches
        if aspect == "recognition" and kind == "pos"
    }
    spans: dict[str, dict[int, int]] = {}  # aspect -> start -> longest end
    for (aspect, _), start, end in matches:
        starts = spans.setdefault(aspect, {})
        starts[start] = max(starts.get(start, end), end)
    for (aspect, kind), start, end in matches:
        if _inside_longer(spans.get(aspect, {}), start, end):
            continue  # a longer cue of the aspect reads these words otherwise ("pressure off us")
        if end - start == 1 and words[start] in lexicon.COMPOUNDS:
            firsts, seconds = lexicon.COMPOUNDS[words[start]]
            if (start > 0 and words[start - 1] in firsts) or (
                end < len(words) and words[end] in seconds
            ):
                continue  # "blood pressure", "pressure washer"
        c_start, c_end = _clause(words, start, end)
        before = words[max(c_start, start - WINDOW) : start]
        after = words[end:c_end]
        if (
            aspect == "recognition"
            and kind == "pos"
            and _has(words[start : start + 2], GRATITUDE)
            and _writer_acts(words[c_start:start])
        ):
            continue  # "I really appreciate the free lunches": the writer's own thanks
        if (
            aspect == "conduct"
            and words[start : start + 2] == ["in", "front"]
            and c_start in praised
        ):
            continue
        polarity = _cue_polarity(kind, before, after, words[start:end], words[c_start:start])
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
                    and not _has(words[c_start:end], KEEP_GOING)
                )
            )
            and (
                (qkind is QuestionKind.ADVICE and not _has(before + after, KEEP_GOING))
                or (
                    words[start] in IMPERATIVES
                    and (start == c_start or words[start - 1] in ("please", "just", "and"))
                )
                or _imperative_opens(words[c_start:end])  # "be fair", "maybe say well done"
                or _has(before, WISHES)
                or _named_as_missing(words, qkind)  # "Realistic targets." answering improve
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
            and _imperative_opens(words[c_start:start])
            and not _has(words[c_start:start], KEEP_GOING)  # "keep the communication going"
        ):
            polarity, confidence = "neg", 0.7  # "Treat staff with respect", "Show some respect"
        if polarity is None and aspect != "overall":
            continue
        if aspect == "overall":  # a judgement: the verdict may stand further away than NEG_EVAL's
            # three words ("management at this store is clueless"), so it decides alone
            near_words = words[max(c_start, start - 3) : min(c_end, end + 8)]
            if kind == "topic" and (detached := _detached_predicate(words, end, c_end)):
                after = detached  # "Management, in my opinion, is awful", "Management: poor."
                near_words = before[-3:] + detached
            if kind == "topic":
                if end < len(words) and words[end] in lexicon.NOT_MANAGEMENT_AFTER:
                    continue  # "case management system", "management course"
                if (
                    qkind in (QuestionKind.IMPROVE, QuestionKind.ADVICE)
                    and len(words) <= SHORT_ANSWER
                    and _has(before[-2:], WISHED_FOR)
                    and not _has(words, lexicon.COPULAS)
                ):
                    polarity, confidence = "neg", 0.6  # "New management.", "Competent managers."
                elif _has(near_words, lexicon.NEG_VERDICT):
                    polarity = "neg" if not _has(before, lexicon.NEGATIONS) else "pos"
                    if _improved(near_words):
                        polarity = "pos"  # "management has improved massively", "much better"
                elif _praises(near_words):
                    # a negation before the praise word counts too: "managers are not very good"
                    praise = next((i for i, w in enumerate(after) if w in lexicon.POS_EVAL), 0)
                    # and a hedge: "managers could be more organised"
                    negated = _has(before + after[:praise], lexicon.NEGATIONS) or _has(
                        after[:praise] + before[-2:], lexicon.HEDGES
                    )
                    polarity = "neg" if negated else "pos"
                elif (after[:1] and after[0] in lexicon.MUST) or after[:2] in (
                    ["has", "to"],
                    ["have", "to"],
                ):
                    polarity, confidence = "neg", 0.6  # "management needs to get a grip"
                elif not (
                    _bare_mention(words[c_start:c_end])
                    or (
                        len(words) <= SHORT_ANSWER  # a list of topics, not a sentence about them
                        and not _has(before[-1:], STAFFING)
                        and not _has(words, lexicon.COPULAS)
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
            if any(map(_is_outsider, actors)) and not any(map(_is_management, clause)):
                continue
        elif (
            aspect != "support"  # "customers swear at us and nobody does anything" is a need
            and any(map(_is_outsider, words[c_start:start]))
            and not any(map(_is_management, words[c_start:c_end]))
        ):
            continue  # "patients don't listen", "callers can be demanding": outsiders act
        if not about_manager and kind != "topic":
            confidence -= 0.2
        idx = LABEL_INDEX[f"{aspect}:{polarity}"]
        scores[idx] = max(scores[idx], confidence)
    if about_manager:
        for polarity in _carried_judgements(words):
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
