"""The lexicon stays small enough to check exhaustively.

A cue with many optional slots expands to a cartesian product of phrases;
``tests/models/test_cue_matcher.py`` checks the rule matcher against spaCy's
``PhraseMatcher`` over every one of them, which costs about 1.1 KB of memory
per phrase (3.3 million phrases: 3.7 GB peak and 150 s here). One careless
cue ("[a|b|c] [d|e|f] ..." ten times) can reach billions of phrases and
exhaust the machine, so the budget is checked here, from slot sizes alone,
before anything is expanded.
"""

from __future__ import annotations

import math

from models import lexicon
from models.cue_matcher import cue_slots

MAX_PHRASES_PER_CUE = 120_000
"""The largest cue (split it, or drop filler slots such as [really|just|always], beyond this)."""
MAX_PHRASES = 3_500_000
"""The whole lexicon (test_cue_matcher then needs about 4 GB)."""


def phrase_count(cue: str) -> int:
    """How many phrases a cue expands to: the product of its slot sizes (+1 when optional)."""
    return math.prod(len(slot.words) + slot.optional for slot in cue_slots(cue))


def test_no_cue_expands_beyond_the_budget():
    over = [
        (aspect, kind, n, cue[:80])
        for aspect, kinds in lexicon.CUES.items()
        for kind, cues in kinds.items()
        for cue in cues
        if (n := phrase_count(cue)) > MAX_PHRASES_PER_CUE
    ]
    assert not over, f"cues over {MAX_PHRASES_PER_CUE:,} phrases: {over}"


def test_the_lexicon_expands_within_the_budget():
    total = sum(
        phrase_count(cue)
        for kinds in lexicon.CUES.values()
        for cues in kinds.values()
        for cue in cues
    )
    assert 100_000 < total <= MAX_PHRASES, f"{total:,} phrases"


def test_phrase_count_is_the_product_of_slot_sizes():
    assert phrase_count("(a|b) [c|d] e") == 2 * 3 * 1
