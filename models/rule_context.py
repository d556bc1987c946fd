"""What the words around a cue say: the word sets and small readers the rule component uses.

Each reader is a pure function of lower-cased words (see :mod:`models.rules` for how they
combine); the word sets are documented where they are defined.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Final

from spacy.attrs import SPACY
from spacy.tokens import Doc

from models import lexicon
from models.rule_lexicon import IMPERATIVES
from models.taxonomy import QuestionKind

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

_MGMT = re.compile(f"^{lexicon.MANAGEMENT}$")
_OUTSIDE = re.compile(f"^{lexicon.OUT_OF_SCOPE}$")


WORD_HYPHEN: Final[str] = "\u2010"
"""Stands in for a hyphen inside a word ("non-existent", "one-to-one"), which the
tokenizer splits off: unlike a spaced dash ("Management - poor") it ends no clause."""


def mark_word_hyphens(doc: Doc, words: list[str]) -> list[str]:
    """``words`` with each hyphen inside a word replaced by :data:`WORD_HYPHEN`.

    Args:
        doc: The tokenised comment (its spacing tells a word hyphen from a dash).
        words: The doc's lower-cased words.

    Returns:
        ``words`` itself when it holds no hyphen, else a marked copy.
    """
    if "-" not in words:
        return words
    spaced = doc.to_array(SPACY).tolist()
    last = len(words) - 1
    return [
        WORD_HYPHEN if w == "-" and 0 < i < last and not spaced[i - 1] and not spaced[i] else w
        for i, w in enumerate(words)
    ]


def clause_bounds(words: list[str], start: int, end: int) -> tuple[int, int]:
    """Token bounds of the clause around ``words[start:end]``."""
    left = start
    while left > 0 and words[left - 1] not in lexicon.CLAUSE_BREAKS:
        left -= 1
    right = end
    while right < len(words) and words[right] not in lexicon.CLAUSE_BREAKS:
        right += 1
    return left, right


@functools.lru_cache(maxsize=200_000)
def is_management(word: str) -> bool:
    """Whether one lower-cased token names management (:data:`models.lexicon.MANAGEMENT`)."""
    return _MGMT.match(word) is not None


@functools.lru_cache(maxsize=200_000)
def is_outsider(word: str) -> bool:
    """Whether one lower-cased token names people outside the organisation."""
    return _OUTSIDE.match(word) is not None


def has_any(tokens: Iterable[str], words: frozenset[str]) -> bool:
    """Whether any of ``tokens`` is in ``words``."""
    return not words.isdisjoint(tokens)  # any(t in words for t in tokens), in C


WISHED: Final[frozenset[str]] = frozenset("would could should need needs".split())
"""After a topic, these make it wished for ("recognition would go a long way"): a need."""
SUBJECTS: Final[frozenset[str]] = frozenset("i we you he she they it there that who".split())
NEEDS: Final[frozenset[str]] = frozenset("need needs".split())
CONJUNCTIONS: Final[frozenset[str]] = frozenset("and but or so because as when if".split())
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


def negates(words: list[str], following: str = "") -> bool:
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


def wished(after: list[str], *, strength: bool = False) -> bool:
    """Whether the topic before ``after`` is wished for ("recognition would go a long way").

    The modal must follow within four words with no new subject in between ("a 1:1 where
    he would ..." reports speech). After a ``strength`` cue only "would/could/should"
    count and a conjunction ends the search: "a word of thanks from the GM would be nice"
    is wished for, "supportive and would do anything for you" is not.
    """
    for w in after[:4]:
        if w in WISHED and not (strength and w in NEEDS):
            return True
        if w in SUBJECTS or (strength and w in CONJUNCTIONS):
            return False
    return False


def predicate_words(after: list[str]) -> list[str]:
    """The words after a cue that may judge it: the next three, and a copula's complement.

    "communication from senior management is poor": the verdict follows the
    copula, beyond the three words after the topic.
    """
    cop = next((i for i, w in enumerate(after[:8]) if w in lexicon.COPULAS), None)
    return after[:3] if cop is None or cop < 2 else after[:3] + after[cop + 1 : cop + 5]


DENIALS: Final[frozenset[str]] = frozenset(
    "tolerated accepted allowed problem issue exist exists existed happen happens happened".split()
)
"""What a need is said not to be or do after it: "bullying is not tolerated here"."""
_NOT_JUST: Final[frozenset[str]] = frozenset("just only merely simply".split())
_DENYING_VERBS: Final[frozenset[str]] = frozenset(
    "is are was were 's has have had does do did will would".split()
)


def denied_after(after: list[str]) -> bool:
    """Whether the words after a need cue deny it ("harassment isn't an issue in my team").

    An auxiliary, then a negation, then within three words a word of :data:`DENIALS`; a
    second need joined by "and"/"or" may stand between ("bullying and harassment are not
    tolerated"), and "not just/only" denies nothing ("isn't just a problem, it's the culture").
    """
    if after[:1] and after[0] in ("and", "or"):
        verb = next((i for i, w in enumerate(after[:4]) if w in _DENYING_VERBS), None)
        after = after[verb:] if verb is not None else []
    if len(after) < 3 or after[0] not in _DENYING_VERBS:
        return False
    rest = after[1:5]
    neg = next((i for i, w in enumerate(rest) if w in lexicon.NEGATIONS), None)
    if neg is None or neg > 1 or has_any(rest[neg + 1 : neg + 2], _NOT_JUST):
        return False
    return has_any(rest[neg + 1 : neg + 4], DENIALS)


CONTRASTS: Final[frozenset[tuple[str, str]]] = frozenset(
    {("instead", "of"), ("rather", "than"), ("as", "opposed")}
)
"""Word pairs that say the behaviour after them is not what happens."""


ASKING: Final[frozenset[str]] = frozenset(
    "would should could wish want wants need needs please".split()
)
"""Words that make a clause a wish or request."""


def contrasted(before: list[str], opening: list[str], qkind: QuestionKind) -> bool:
    """Whether the cue follows "instead of"/"rather than" ("talks at us instead of listening").

    One softener may stand between ("rather than just shouting"). In advice, a wish or
    an answer to "what could be improved?" the contrast names what happens now ("deal
    with complaints instead of sweeping them under the carpet"), so it denies nothing.
    """
    if (
        qkind in (QuestionKind.IMPROVE, QuestionKind.ADVICE)
        or has_any(opening, ASKING)
        or imperative_opens(opening)
    ):
        return False
    tail = before[-4:]
    while tail and tail[-1] in ("just", "actually", "simply"):
        tail = tail[:-1]
    return tuple(tail[-2:]) in CONTRASTS


SUBORDINATORS: Final[frozenset[str]] = frozenset("when whenever if anytime".split())
_ASIDE_NEEDS: Final[frozenset[str]] = frozenset("need needs needed want".split())
_ASIDE_SUBJECTS: Final[frozenset[str]] = frozenset("you we i they anyone staff people".split())


def hedges(before: list[str]) -> bool:
    """Whether a hedge stands before a cue, outside a staff's-need aside.

    "there when you need her and fights for us": the need is the staff's, and the
    strength stands.
    """
    return any(
        w in lexicon.HEDGES
        and not (
            w in _ASIDE_NEEDS
            and i >= 2
            and before[i - 1] in _ASIDE_SUBJECTS
            and before[i - 2] in SUBORDINATORS
        )
        for i, w in enumerate(before)
    )


def too_much_to(before: list[str]) -> bool:
    """Whether the words before a cue say "too <something> to": "too important to care".

    The cue then names what does not happen, whatever stands between "too" and "to"
    ("too wrapped up in themselves to notice").
    """
    if "to" not in before[-2:]:
        return False
    to = len(before) - 1 - before[::-1].index("to")
    span = before[max(0, to - 5) : to]
    # "too many managers to know who to listen to" counts, it does not refuse
    return "too" in span and span[span.index("too") + 1 : span.index("too") + 2] not in (
        ["many"],
        ["much"],
        ["few"],
    )


def cue_polarity(
    kind: str,
    before: list[str],
    after: list[str],
    inside: list[str],
    opening: list[str],
    *,
    contrast: bool = False,
) -> str | None:
    """Polarity of one cue match from its kind and the words around it.

    ``before`` is the window of :data:`WINDOW` words before the cue in its clause,
    ``opening`` the whole clause up to the cue; ``contrast`` says the cue follows
    "instead of" (:func:`contrasted`), which denies it like a negation.
    """
    if kind == "pos" and before[-1:] == ["only"]:
        return None  # "only praises her favourites", "only cares about targets"
    # "no thank you", "aren't treated equally"; the next word shows an idiom ("no matter")
    negated = negates(before) or negates(inside, following=after[0] if after else "") or contrast
    hedged = hedges(before) or has_any(after[:3], frozenset({"more", "better"}))
    if kind == "pos":  # a refused strength is missing: "refused to listen"
        if too_much_to(before):  # "too proud to listen"; "never too busy to help" is a strength
            return "pos" if negates(before) else "neg"
        too_busy = "busy" in before and "too" in before  # "too busy with targets to help"
        refused = has_any(before, REFUSALS)
        return (
            "neg"
            if negated or hedged or too_busy or refused or wished(after, strength=True)
            else "pos"
        )
    if kind == "neg":  # "never micromanages"; but "if you're not one of the favourites"
        # a negation does not reach a need across "and": "didn't thank anyone and played favourites"
        scope = before[len(before) - before[::-1].index("and") :] if "and" in before else before
        # "can't speak up without being shouted at": two negations leave the need standing
        double = "without" in scope and negates(scope[: scope.index("without")])
        flips = (
            (negates(scope) or contrast)
            and not double
            and not negates(inside)
            and not has_any(opening, CONDITIONS)
        )
        if flips and inside[:2] == ["in", "front"]:
            return None  # a negation elsewhere: "told I'm not good enough in front of the team"
        return "pos" if flips or denied_after(after) else "neg"
    predicate = predicate_words(after)
    near = before + predicate
    if negated or has_any(near, lexicon.NEG_EVAL):
        return "neg"
    if hedged or wished(after):
        return "neg"  # "communication needs work", "if they communicated it would help"
    if has_any(near, lexicon.POS_EVAL):  # "communication is not good"
        return "neg" if has_any(predicate, lexicon.NEGATIONS) else "pos"
    return None


KNOWING: Final[frozenset[str]] = frozenset("know knows knew knowing".split())
"""Before a praise word, these make it a claim, not praise ("they think they know best")."""


def praises(words: list[str]) -> bool:
    """Whether a praise word stands in ``words`` other than in "know best"."""
    return any(
        w in lexicon.POS_EVAL and (i == 0 or words[i - 1] not in KNOWING)
        for i, w in enumerate(words)
    )


def carried_judgements(words: list[str]) -> set[str]:
    """Verdicts whose subject is a pronoun standing for managers named just before.

    "Management? They're clueless." and "Some managers are great, others are awful": the
    clause with the verdict names no manager, the clause before it does.
    """
    found: set[str] = set()
    previous_names_manager = False
    start = 0
    for end in [*(i for i, w in enumerate(words) if w in lexicon.CLAUSE_BREAKS), len(words)]:
        clause = words[start:end]
        names_manager = any(map(is_management, clause))
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
                negated = has_any(head, lexicon.NEGATIONS)
                if word in lexicon.NEG_VERDICT:
                    found.add("pos" if negated else "neg")
                else:
                    found.add("neg" if negated or has_any(head, lexicon.HEDGES) else "pos")
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


def writer_acts(opening: list[str]) -> bool:
    """Whether the clause before a cue ends with the writer as its subject ("we really")."""
    rest = list(opening)
    while rest and rest[-1] in ADVERBS:
        rest.pop()
    return bool(rest) and rest[-1] in WRITERS


OPENERS: Final[frozenset[str]] = frozenset(
    "please just and maybe perhaps actually also then simply so".split()
)
"""Words that may stand before the verb of an imperative ("please just listen", "maybe say")."""


def imperative_opens(opening: list[str]) -> bool:
    """Whether the clause up to a cue opens with an imperative ("notice when people ...")."""
    rest = [w for w in opening[:4] if w not in OPENERS]
    if rest[:2] in (["thank", "you"], ["thank", "u"]):
        return False  # "Thank you for supporting me": the writer's thanks, not advice
    return bool(rest) and rest[0] in IMPERATIVES


SENTENCE_ENDS: Final[frozenset[str]] = frozenset([*". ! ? ;".split(), "\n"])
"""Tokens that end a sentence."""
LABEL_MARKS: Final[frozenset[str]] = frozenset(": - – —".split())
"""Tokens after which a verdict labels the topic before them ("Management: poor")."""


def detached_predicate(words: list[str], end: int, c_end: int) -> list[str]:
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


def named_as_missing(words: list[str], qkind: QuestionKind) -> bool:
    """Whether a short noun phrase answering "what could be improved?" names what is missing.

    "Realistic targets." or "Supportive managers" (at most four words, no verb of being, not
    "Nothing, great manager") asks for the strength: a need.
    """
    return (
        qkind is QuestionKind.IMPROVE
        and len(words) <= 4
        and bool(words)
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
ASKED: Final[frozenset[str]] = (
    lexicon.HEDGES | lexicon.MUST | lexicon.NEGATIONS | frozenset({"would", "to", "of"})
)
"""Up to five words before a change word, these ask for it ("could do with a lot of
improvement")."""


def improved(near: list[str]) -> bool:
    """Whether the only verdicts in ``near`` report an improvement rather than ask for one."""
    verdicts = [i for i, w in enumerate(near) if w in lexicon.NEG_VERDICT]
    if not verdicts or any(near[i] not in CHANGE for i in verdicts):
        return False
    first = verdicts[0]
    # not "has a lot to improve", "could do with a lot of improvement"
    return has_any(near[max(0, first - 3) : first], REPORTED) and not has_any(
        near[max(0, first - 5) : first], ASKED
    )


def inside_longer(starts: dict[int, int], start: int, end: int) -> bool:
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


def bare_mention(clause: list[str]) -> bool:
    """Whether a clause only names management ("Management, as always", "Upper management.")."""
    return any(map(is_management, clause)) and all(
        is_management(w) or w in lexicon.BARE_MANAGEMENT for w in clause
    )
