"""Whether a comment tells of life outside work, where no one in the organisation acts.

Reports of harassment reach a people team from street-safety and complaint
forms alike: "two men followed me from the bus stop", "my teacher touched me
when I was in school". The codebook puts harassment by strangers out of scope
("unless management failed to act on it"), yet such an account reads like a
complaint about conduct, so the trained models flag it. :func:`outside_work`
recognises the account from its setting and its actors, and only when it
names no one at work: a manager, a colleague, staff or HR anywhere in the
comment keeps it in scope, and the per-cue reading of who acts
(:func:`models.rule_reading.out_of_scope`) decides instead.
"""

from __future__ import annotations

from typing import Final

from models.rule_context import is_management
from models.rule_reading import COLLEAGUES

WORKPLACE_PEOPLE: Final[frozenset[str]] = COLLEAGUES | frozenset(
    "colleague's co staff staffs employee employees employer worker workers workforce "
    "hr personnel teammate crew co-worker co-workers".split()
)
"""Words naming people at work besides management ("co - workers" is tokenised apart)."""

PUBLIC_PLACES: Final[frozenset[str]] = frozenset(
    "street streets road roads bus buses train trains metro tram subway auto rickshaw "
    "autorickshaw cab taxi station platform market marketplace mall park crowd footpath "
    "pavement sidewalk alley lane signal traffic bazaar temple concert stadium beach "
    "colony locality neighbourhood neighborhood scooty scooter bike bicycle cycle cinema "
    "wedding hostel tuition escalator crossing highway flyover ferry flight".split()
)
"""Places and vehicles of the street and the commute, read after :data:`_PLACE_LEADS`."""

_PLACE_LEADS: Final[frozenset[str]] = frozenset(
    "the a an on in at near by from to into crowded local busy public main my her "
    "our empty dark nearby".split()
)
"""Words before a place that make it a place ("on the train"), not a verb ("train staff")."""

STRANGERS: Final[frozenset[str]] = frozenset(
    "stranger strangers passerby passersby goons goondas thugs hooligans eve-teasers "
    "neighbour neighbours neighbor neighbors landlord classmate classmates uncle aunty "
    "auntie aunt cousin cousins relative relatives in-laws ex ex-boyfriend ex-husband "
    "stepfather".split()
)
"""People who are not at work with the writer, named alone: strangers, neighbours, family."""

_GROUP_LEADS: Final[frozenset[str]] = frozenset(
    "some two three four few several group gang bunch couple lot".split()
)
_GROUP: Final[frozenset[str]] = frozenset(
    "men boys youths teenagers minors drunks strangers".split()
)
"""A group of unnamed men ("some boys", "a gang of youths") acting in public; "lads" and
"guys" are as often the writer's colleagues ("a group of lads on the line")."""

_STUDENT_SETTINGS: Final[tuple[tuple[str, str], ...]] = (
    ("my", "teacher"),
    ("our", "teacher"),
    ("my", "professor"),
    ("my", "lecturer"),
    ("my", "tutor"),
    ("school", "bus"),
)
"""The writer as a pupil or student; a teacher's own review says "at my school"."""
_STUDENT_YEARS: Final[frozenset[str]] = frozenset("school college university".split())
"""Read after "was in" or "was at": "when I was in school" (not "like being at school")."""


_MARKERS: Final[frozenset[str]] = (
    STRANGERS | PUBLIC_PLACES | _GROUP | _STUDENT_YEARS | {w for _, w in _STUDENT_SETTINGS}
)
"""Every word that can set a scene outside work, to skip comments with none at once."""


def names_workplace_people(words: list[str]) -> bool:
    """Whether any word names management or people at work."""
    return any(is_management(w) or w in WORKPLACE_PEOPLE for w in words)


def outside_setting(words: list[str]) -> bool:
    """Whether the words set the scene in public, at school, or among strangers.

    Args:
        words: Lower-cased words of the comment.
    """
    if _MARKERS.isdisjoint(words):  # most comments: one set operation, no loop
        return False
    for i, w in enumerate(words):
        if w not in _MARKERS:
            continue
        prev = words[i - 1] if i else ""
        if w in STRANGERS:
            return True
        if w in PUBLIC_PLACES and prev in _PLACE_LEADS:
            return True
        if w in _GROUP and (prev in _GROUP_LEADS or prev == "of"):
            return True
        if (prev, w) in _STUDENT_SETTINGS:
            return True
        if w in _STUDENT_YEARS and prev in ("in", "at") and words[i - 2 : i - 1] == ["was"]:
            return True
    return False


def outside_work(words: list[str]) -> bool:
    """Whether a comment tells of something outside work, with no one from work in it.

    "Some boys passed comments at me near the station" is; "my supervisor
    followed me to the station" is not (a manager acts), nor is "nobody
    trains you" ("trains" after no article is a verb, not a place).

    Args:
        words: Lower-cased words of the comment.

    Returns:
        True when the comment names a public, school or stranger setting and
        no manager, colleague, staff or HR anywhere.
    """
    return outside_setting(words) and not names_workplace_people(words)
