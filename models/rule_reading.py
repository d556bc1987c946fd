"""How the rules read one cue match: its polarity, an ``overall`` verdict, and its scope.

:func:`models.rules.score_words` finds the cue matches of a comment and, for
each, asks the pure functions here three questions in turn:

1. :func:`read_polarity`: need or strength, after negation, hedges, advice
   and the question ("Don't micromanage!" under advice is a need);
2. :func:`read_verdict`: for a judgement of management ("poor management",
   "Management, in my opinion, is awful"), which way it goes;
3. :func:`out_of_scope`: whether outsiders act ("patients don't listen"), so
   the codebook gives no label.

Each takes a :class:`CueSite`, the words of the comment around one match.
"""

from __future__ import annotations

from dataclasses import dataclass

from models import lexicon
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
    clause_bounds,
    contrasted,
    cue_polarity,
    detached_predicate,
    has_any,
    imperative_opens,
    improved,
    is_management,
    is_outsider,
    named_as_missing,
    praises,
    writer_acts,
)
from models.rule_lexicon import IMPERATIVES
from models.taxonomy import QuestionKind

Reading = tuple[str | None, float]
"""A polarity (``"neg"``, ``"pos"``, or ``None`` when still open) and a confidence."""

_UNDERGONE: frozenset[str] = frozenset("feel felt feels am 'm was get got been".split())
"""First words of a cue the writer undergoes rather than does ("I feel supported")."""
_DONT: tuple[list[str], ...] = (["do", "n't"], ["do", "not"], ["do", "nt"])
_MUST_AFTER: tuple[list[str], ...] = (["has", "to"], ["have", "to"])
QUESTION_VERDICT = 0.8
"""Confidence of a verdict the question decides: management named bare, as the answer
("Management." under "what is good?"). The answer is the judgement; the trained models,
which read the question only as a feature, must not turn it round."""


@dataclass(frozen=True, slots=True)
class CueSite:
    """The words of a comment around one cue match.

    Attributes:
        words: The comment's lower-cased words.
        start: First word of the cue.
        end: One past the cue's last word.
        c_start: First word of the cue's clause.
        c_end: One past the clause's last word.
        before: Up to :data:`~models.rule_context.WINDOW` clause words before the cue.
        after: The clause words after the cue.
        qkind: The question the comment answers.
    """

    words: list[str]
    start: int
    end: int
    c_start: int
    c_end: int
    before: list[str]
    after: list[str]
    qkind: QuestionKind

    @classmethod
    def at(cls, words: list[str], start: int, end: int, qkind: QuestionKind) -> CueSite:
        """The site of ``words[start:end]``, with its clause found."""
        c_start, c_end = clause_bounds(words, start, end)
        before = words[max(c_start, start - WINDOW) : start]
        return cls(words, start, end, c_start, c_end, before, words[end:c_end], qkind)


def in_compound(words: list[str], start: int, end: int) -> bool:
    """Whether a one-word cue is part of a compound ("blood pressure", "pressure washer")."""
    if end - start != 1 or words[start] not in lexicon.COMPOUNDS:
        return False
    firsts, seconds = lexicon.COMPOUNDS[words[start]]
    return (start > 0 and words[start - 1] in firsts) or (
        end < len(words) and words[end] in seconds
    )


def not_said_of_staff(aspect: str, kind: str, site: CueSite, praised: set[int]) -> bool:
    """Whether a cue's words do not describe how staff are treated.

    "I really appreciate the free lunches" is the writer's own thanks, not
    recognition; "I support my team" is the writer's own care, not support;
    "thanks people in front of the team" (a clause in ``praised``, the starts
    of clauses holding a praise cue) is no public humiliation.
    """
    words, start = site.words, site.start
    if (
        aspect == "support"
        and kind == "pos"
        and words[start] not in _UNDERGONE
        and writer_acts(words[site.c_start : start])
    ):
        return True  # "I support my team as best I can", "we care about our patients"
    if aspect == "recognition" and kind == "pos":
        return has_any(words[start : start + 2], GRATITUDE) and writer_acts(
            words[site.c_start : start]
        )
    return (
        aspect == "conduct"
        and words[start : start + 2] == ["in", "front"]
        and (site.c_start in praised)
    )


def _advised(site: CueSite) -> bool:
    """Whether a strength cue is really advice that the behaviour is missing."""
    words, qkind, c_start = site.words, site.qkind, site.c_start
    if not (
        qkind in (QuestionKind.ADVICE, QuestionKind.IMPROVE)
        or (  # "Speak to staff with respect." with no question: still advice
            qkind is QuestionKind.OTHER
            and (c_start == 0 or words[c_start - 1] in SENTENCE_ENDS)
            and words[c_start] in IMPERATIVES
            and words[c_start + 1 : c_start + 2] != ["me"]  # "trust me", "let me"
            and not has_any(words[c_start : site.end], KEEP_GOING)
        )
    ):
        return False
    return (
        (qkind is QuestionKind.ADVICE and not has_any(site.before + site.after, KEEP_GOING))
        or (
            words[site.start] in IMPERATIVES
            and (site.start == c_start or words[site.start - 1] in ("please", "just", "and"))
        )
        or imperative_opens(words[c_start : site.end])  # "be fair", "maybe say well done"
        or has_any(site.before, WISHES)
        or named_as_missing(words, qkind)  # "Realistic targets." answering improve
    )


def _warned_off(site: CueSite) -> bool:
    """Whether a negated need cue is advice not to ("Don't micromanage!")."""
    qkind, opening = site.qkind, site.words[site.c_start : site.c_start + 2]
    return (
        qkind is QuestionKind.ADVICE
        or (qkind is QuestionKind.IMPROVE and opening[0] in PROHIBITIONS)
        # "Do not talk to us like we are stupid." (not "dont get micromanaged :)")
        or (qkind is not QuestionKind.GOOD and opening in _DONT)
    )


def read_polarity(aspect: str, kind: str, site: CueSite) -> Reading | None:
    """Polarity and confidence of one cue match, or ``None`` when it says nothing.

    Args:
        aspect: The cue's aspect.
        kind: ``neg``, ``pos`` or ``topic`` (a neutral mention).
        site: Where the cue stands.

    Returns:
        The reading; an ``overall`` cue may come back with polarity ``None``
        for :func:`read_verdict` to decide.
    """
    words, qkind = site.words, site.qkind
    cue, opening = words[site.start : site.end], words[site.c_start : site.start]
    contrast = contrasted(site.before, opening, qkind)
    polarity = cue_polarity(kind, site.before, site.after, cue, opening, contrast=contrast)
    confidence = 0.9 if kind != "topic" else 0.75
    if kind == "pos" and polarity == "pos" and _advised(site):
        polarity, confidence = "neg", 0.7  # advice / imperative: the behaviour is missing
    if kind == "neg" and polarity == "pos" and _warned_off(site):
        polarity = "neg"  # "Don't micromanage!": advice not to is a need, not a strength
    if polarity is None and aspect != "overall" and len(words) <= SHORT_ANSWER:
        if kind == "topic" and qkind in (QuestionKind.IMPROVE, QuestionKind.ADVICE):
            return "neg", 0.6
        if kind == "topic" and qkind is QuestionKind.GOOD:
            return "pos", 0.6
        return None
    if (
        polarity is None
        and kind == "topic"
        and qkind in (QuestionKind.IMPROVE, QuestionKind.ADVICE)
        and imperative_opens(words[site.c_start : site.start])
        and not has_any(words[site.c_start : site.start], KEEP_GOING)  # "keep the comms going"
    ):
        return "neg", 0.7  # "Treat staff with respect", "Show some respect"
    if polarity is None and aspect != "overall":
        return None
    return polarity, confidence


def _topic_verdict(site: CueSite, confidence: float) -> tuple[str, float] | None:
    """Which way a mention of management goes ("Management, as always.").

    ``confidence`` is the cue's own, kept when an evaluative word decides.
    """
    words, qkind, before, after = site.words, site.qkind, site.before, site.after
    near_words = words[max(site.c_start, site.start - 3) : min(site.c_end, site.end + 8)]
    if detached := detached_predicate(words, site.end, site.c_end):
        after = detached  # "Management, in my opinion, is awful", "Management: poor."
        near_words = before[-3:] + detached
    if site.end < len(words) and words[site.end] in lexicon.NOT_MANAGEMENT_AFTER:
        return None  # "case management system", "management course"
    if (
        site.end - site.start == 1
        and site.start > 0
        and words[site.start - 1] in lexicon.NOT_MANAGEMENT_BEFORE
    ):
        return None  # "stock management is poor", "time management"
    if (
        qkind in (QuestionKind.IMPROVE, QuestionKind.ADVICE)
        and len(words) <= SHORT_ANSWER
        and has_any(before[-2:], WISHED_FOR)
        and not has_any(words, lexicon.COPULAS)
    ):
        return "neg", 0.6  # "New management.", "Competent managers."
    if has_any(near_words, lexicon.NEG_VERDICT):
        if improved(near_words):
            return "pos", confidence  # "management has improved massively", "much better"
        return ("neg" if not has_any(before, lexicon.NEGATIONS) else "pos"), confidence
    if praises(near_words):
        # a negation before the praise word counts too: "managers are not very good"
        praise = next((i for i, w in enumerate(after) if w in lexicon.POS_EVAL), 0)
        # and a hedge: "managers could be more organised"
        negated = has_any(before + after[:praise], lexicon.NEGATIONS) or has_any(
            after[:praise] + before[-2:], lexicon.HEDGES
        )
        return ("neg" if negated else "pos"), confidence
    if (after[:1] and after[0] in lexicon.MUST) or after[:2] in _MUST_AFTER:
        return "neg", 0.6  # "management needs to get a grip"
    if not (
        bare_mention(words[site.c_start : site.c_end])
        or (
            len(words) <= SHORT_ANSWER  # a list of topics, not a sentence about them
            and not has_any(before[-1:], STAFFING)
            and not has_any(words, lexicon.COPULAS)
        )
    ):
        return None
    if qkind in (QuestionKind.IMPROVE, QuestionKind.ADVICE):
        return "neg", QUESTION_VERDICT  # "Management, as always."
    if qkind is QuestionKind.GOOD:
        return "pos", QUESTION_VERDICT  # "My manager." answering "what is good?"
    return None


def read_verdict(kind: str, reading: Reading, site: CueSite) -> tuple[str, float] | None:
    """Polarity and confidence of a judgement of management, or ``None``.

    A verdict may stand further from the word "management" than the three
    words a specific cue looks at ("management at this store is clueless"),
    so an ``overall`` topic cue decides from the wider clause.

    Args:
        kind: The ``overall`` cue's kind.
        reading: What :func:`read_polarity` made of it.
        site: Where the cue stands.

    Returns:
        The verdict, or ``None`` when the mention judges nothing.
    """
    polarity, confidence = reading
    if kind == "topic":
        return _topic_verdict(site, confidence)
    return None if polarity is None else (polarity, confidence)


COLLEAGUES: frozenset[str] = frozenset(
    "colleague colleagues coworker coworkers workmate workmates teammate teammates peers".split()
)
"""Words naming colleagues, whose conduct is in scope like a manager's."""
_ANYONE: frozenset[str] = frozenset("man men woman women guy guys bloke blokes kids youths".split())
"""Outsider words that may as well name the writer or a colleague ("I'm a woman on nights")."""
_WATCHING: frozenset[str] = frozenset("front presence sight earshot".split())
_COORDINATORS: frozenset[str] = frozenset(", and & or".split())
_TEAM: frozenset[str] = frozenset("team teams".split())
_SUBJECT_AFTER: frozenset[str] = frozenset("is are was were 's who have has".split())
"""After "team", words that make it the subject ("the team is supportive")."""


Person = tuple[int, str] | None
"""Where a person is named and who: ``(index, "staff" | "outsider")``, or ``None``."""


def _person_kind(words: list[str], i: int) -> str | None:
    """Whether ``words[i]`` names staff (a manager or colleague), an outsider, or no one.

    People only watching ("in front of customers", "in public") and words that may
    name anyone ("a man", "a woman") name no one here.
    """
    w = words[i]
    if is_management(w) or w in COLLEAGUES:
        return "staff"
    if (
        is_outsider(w)
        and w not in _ANYONE
        and words[i - 1 : i] != ["in"]  # "in public"
        and not has_any(words[max(0, i - 5) : i], _WATCHING)
    ):
        return "outsider"
    return None


def named_people(words: list[str]) -> list[Person]:
    """For every position ``i``, the last person named in ``words[:i]``.

    One pass, so that resolving who acts stays linear in a long comment.
    "A tenant followed me to my car. He then ...": the clause's "he" is most likely
    that tenant.
    """
    out: list[Person] = []
    last: Person = None
    for i in range(len(words)):
        out.append(last)
        kind = _person_kind(words, i)
        if kind is not None:
            last = (i, kind)
    out.append(last)
    return out


def out_of_scope(
    aspect: str, polarity: str, site: CueSite, people: list[Person] | None = None
) -> bool:
    """Whether people outside the organisation do what the cue describes.

    Harassment by customers is not ``conduct``; "patients don't listen" is not
    ``listening``. Only ``support`` keeps outsiders ("customers swear at us and
    nobody does anything" is a need).

    Args:
        aspect: The cue's aspect.
        polarity: Its polarity.
        site: Where it stands.
        people: :func:`named_people` of the comment (computed when not given).
    """
    words, clause = site.words, site.words[site.c_start : site.c_end]
    if aspect == "support" and polarity == "pos" and _peers_act(site, clause):
        return True  # "colleagues are kind and helpful": only conduct counts colleagues
    if aspect == "conduct" and polarity == "neg":
        # who acts: the nearest person named before the cue in its clause ("when the
        # customer threatened me my manager laughed"), else anyone in the clause, else
        # the last person named before it; outsiders only watching do not act
        people = named_people(words) if people is None else people
        subject = people[site.start]
        if subject is not None and subject[0] >= site.c_start:
            return subject[1] == "outsider"
        actors = [t for i, t in enumerate(clause) if "front" not in clause[max(0, i - 4) : i]]
        if any(map(is_management, clause)) or has_any(clause, COLLEAGUES):
            return False
        earlier = people[site.c_start]
        return any(map(is_outsider, actors)) or (earlier is not None and earlier[1] == "outsider")
    if aspect == "support":
        return False
    if site.end - site.start == 1 and _describes_outsiders(words, site.end):
        return True  # "impatient customers", "demanding and rude clients"
    return any(map(is_outsider, words[site.c_start : site.start])) and not any(
        map(is_management, clause)
    )


def _peers_act(site: CueSite, clause: list[str]) -> bool:
    """Whether colleagues, and no manager, are the subject of the cue's clause.

    "The team is supportive" and "lovely colleagues who'd do anything for you" are;
    "praises the team" and "raised it at team meetings" are not.
    """
    before = site.words[site.c_start : site.start]
    subject = any(
        w in COLLEAGUES
        or (w in _TEAM and before[i + 1 : i + 2] and before[i + 1] in _SUBJECT_AFTER)
        for i, w in enumerate(before)
    )
    return subject and not any(map(is_management, clause))


def _describes_outsiders(words: list[str], end: int) -> bool:
    """Whether the one-word cue ending at ``end`` is an adjective of outsiders after it."""
    nxt = words[end : end + 3]
    if nxt[:1] and nxt[0] != "public" and is_outsider(nxt[0]):  # not "made public"
        return True
    return len(nxt) == 3 and nxt[0] in _COORDINATORS and is_outsider(nxt[2])


ALLOCATIONS: frozenset[str] = frozenset(
    "promotion promotions promoted promote hiring hire hires hired recruitment recruiting "
    "selection pay salary salaries raises bonus bonuses allocation allocated allocating "
    "practices practice policies policy opportunities opportunity shifts rota rotas "
    "overtime progression appraisal appraisals roles jobs posts acting-up".split()
)
"""What managers hand out; discrimination in handing it out is unfair allocation."""


def aspect_of(aspect: str, site: CueSite) -> str:
    """The aspect a cue speaks to at its site: discrimination in allocation is fairness.

    "Discriminatory promotion practices" and "discrimination in who gets overtime" are
    the codebook's unfair allocation (``fairness``); discrimination told as treatment
    ("age discrimination, she says we should retire") stays ``conduct``.
    """
    if (
        aspect == "conduct"
        and site.words[site.start].startswith("discriminat")
        and has_any(site.words[site.c_start : site.c_end], ALLOCATIONS)
    ):
        return "fairness"
    return aspect
