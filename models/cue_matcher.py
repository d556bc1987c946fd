"""Lexicon cues matched slot by slot, without expanding them into phrases.

:func:`models.rules.build_matcher` expands every cue into the cartesian
product of its slots' words: 176,500 phrase ``Doc`` objects for a
``PhraseMatcher`` that holds 150 MB or more and takes seconds to build in
every process. Here a cue stays a short sequence of slots (a set of
lower-case words and an optional flag), and all cues compile into one
automaton of about 1,800 nodes over LOWER hashes (under 1 MB, under half a
second), in which most tokens cost one dictionary miss. Matching costs about
twice the ``PhraseMatcher``'s C loop (~20 against ~11 µs per comment), small
beside tokenising and scoring.

:class:`CueMatcher` returns exactly what the ``PhraseMatcher`` returns,
in the same order: every match, overlapping ones included, as
``(rule_hash, start, end)`` sorted by start, then end; one match per rule
and span however many cues or phrases of the rule produce it; rules sharing
a span in the order the ``PhraseMatcher``'s hash map holds them (open
addressing with linear probing, keys inserted in ``add`` order).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, NamedTuple

from spacy.attrs import LOWER
from spacy.tokens import Doc
from spacy.vocab import Vocab

from models import lexicon
from models.rule_lexicon import _OVERALL_MGMT, expand

Match = tuple[int, int, int]
"""``(match_id, start, end)``, as the ``PhraseMatcher`` returns it."""

_LITERAL: Final = re.compile(r"[\w']+")
"""A token regex without metacharacters: it matches itself only (no need for ``expand``)."""
_MAP_START: Final[int] = 8
"""Initial size of a ``preshed`` hash map (the ``PhraseMatcher``'s trie nodes)."""


class Slot(NamedTuple):
    """One token position of a cue."""

    words: frozenset[str]
    """The lower-case words it accepts."""
    optional: bool
    """Whether the cue may skip it (``[x]``, or a regex that matches the empty string)."""


_State = tuple[dict[int, "_State"], tuple[int, ...]]
"""A node of the compiled automaton: next node per LOWER hash, and the rule keys it completes."""


def cue_slots(cue: str, words_of: dict[str, list[str]] | None = None) -> tuple[Slot, ...]:
    """Parse one lexicon cue as :func:`models.rules.compile_cue` does, without the product.

    Args:
        cue: Space-separated token regexes; ``[x]`` marks an optional token.
        words_of: A cache from token regex to its words, shared across cues.

    Returns:
        The slots, in order.

    Raises:
        ValueError: If a token has unbalanced brackets or is too broad.
    """
    cache = {} if words_of is None else words_of
    slots: list[Slot] = []
    for part in cue.split():
        if part.count("(") != part.count(")"):
            raise ValueError(f"cue {cue!r}: token {part!r} has unbalanced brackets")
        optional = part.startswith("[") and part.endswith("]")
        regex = part[1:-1] if optional else part
        if regex not in cache:
            cache[regex] = [regex] if _LITERAL.fullmatch(regex) else expand(regex)
        words = frozenset(cache[regex])
        # compile_cue drops empty words from a phrase, so "(as)?" is optional too
        slots.append(Slot(words - {""}, optional or "" in words))
    return tuple(slots)


def _map_order(keys: Iterable[int]) -> tuple[int, ...]:
    """The order ``preshed``'s ``map_iter`` yields ``keys`` in, inserted in this order."""
    cells = [0] * _MAP_START
    for key in keys:
        cells = _map_insert(cells, key)
    return tuple(k for k in cells if k)


def _map_insert(cells: list[int], key: int) -> list[int]:
    """``preshed.maps.map_set``: linear probing, doubling once 60% full."""
    mask = len(cells) - 1
    i = key & mask
    while cells[i] not in (0, key):
        i = (i + 1) & mask
    cells[i] = key
    if (sum(1 for k in cells if k) + 1) * 5 >= len(cells) * 3:
        bigger = [0] * (2 * len(cells))
        for old in cells:
            if old:
                bigger = _map_insert(bigger, old)
        return bigger
    return cells


class CueMatcher:
    """Drop-in for the rules' ``PhraseMatcher``: ``matcher(doc)`` -> ``[(id, start, end)]``.

    The cues are compiled into one deterministic automaton over LOWER hashes
    (subset construction of the slot sequences): a node is the set of
    ``(cue, slot)`` positions the tokens read so far can reach, so words of
    one slot share a node where the ``PhraseMatcher``'s trie has one per
    phrase. Matching walks it from every token, as the ``PhraseMatcher``
    walks its trie.
    """

    def __init__(self, vocab: Vocab, rules: Iterable[tuple[str, Iterable[tuple[Slot, ...]]]]):
        """Compile rules, in the order the ``PhraseMatcher`` would have ``add``-ed them.

        Args:
            vocab: The pipeline's vocabulary; rule names are added to its strings.
            rules: ``(name, cues)`` pairs, one per ``add`` call; a name may repeat.
        """
        self.vocab = vocab
        strings = vocab.strings
        groups: list[int] = []  # per cue: the add call its phrases went into
        keys: list[int] = []  # per cue: its rule's hash
        cues: list[tuple[tuple[frozenset[int], bool], ...]] = []
        for group, (name, rule_cues) in enumerate(rules):
            key = strings.add(name)
            for slots in rule_cues:
                groups.append(group)
                keys.append(key)
                cues.append(
                    tuple(
                        (frozenset(strings[w.lower()] for w in s.words), s.optional) for s in slots
                    )
                )

        def closure(positions: Iterable[tuple[int, int]]) -> frozenset[tuple[int, int]]:
            todo, seen = list(positions), set()
            while todo:
                cue, k = todo.pop()
                if (cue, k) not in seen:
                    seen.add((cue, k))
                    if k < len(cues[cue]) and cues[cue][k][1]:
                        todo.append((cue, k + 1))
            return frozenset(seen)

        orders: dict[tuple[int, ...], tuple[int, ...]] = {}
        nodes: dict[frozenset[tuple[int, int]], _State] = {}

        def node(positions: frozenset[tuple[int, int]]) -> _State:
            if positions in nodes:
                return nodes[positions]
            first: dict[int, int] = {}  # rule key -> first add group among completed cues
            steps: dict[int, list[tuple[int, int]]] = {}
            for cue, k in positions:
                if k == len(cues[cue]):
                    first[keys[cue]] = min(first.get(keys[cue], groups[cue]), groups[cue])
                else:
                    for word in cues[cue][k][0]:
                        steps.setdefault(word, []).append((cue, k + 1))
            by_group = tuple(sorted(first, key=first.__getitem__))
            accept = orders.setdefault(by_group, _map_order(by_group))
            state: _State = ({}, accept)
            nodes[positions] = state
            for word, targets in steps.items():
                state[0][word] = node(closure(targets))
            return state

        self._root = node(closure((cue, 0) for cue in range(len(cues))))[0]
        self._count = len(nodes)

    def __len__(self) -> int:
        """Number of automaton nodes."""
        return self._count

    def __call__(self, doc: Doc) -> list[Match]:
        """All cue matches in ``doc``, exactly as the ``PhraseMatcher`` lists them.

        Args:
            doc: A tokenised document.

        Returns:
            ``(rule_hash, start, end)`` tuples by start, then end.
        """
        if len(doc) == 0:
            return []
        tokens: list[int] = doc.to_array(LOWER).tolist()
        n = len(tokens)
        get = self._root.get
        matches: list[Match] = []
        start = -1
        for token in tokens:  # most tokens open no cue: one dictionary miss
            start += 1
            state = get(token)
            if state is None:
                continue
            end = start + 1
            while True:
                following, accept = state
                for key in accept:
                    matches.append((key, start, end))
                if end == n:
                    break
                state = following.get(tokens[end])
                if state is None:
                    break
                end += 1
        return matches


def lexicon_rules(
    words_of: dict[str, list[str]] | None = None,
) -> list[tuple[str, list[tuple[Slot, ...]]]]:
    """The rules :func:`models.rules.build_matcher` adds, in its order, as slot sequences.

    Args:
        words_of: A cache from token regex to its words.

    Returns:
        ``(rule name, cues)`` pairs, one per ``add`` call.
    """
    cache: dict[str, list[str]] = {} if words_of is None else words_of
    rules: list[tuple[str, list[tuple[Slot, ...]]]] = []
    for aspect, kinds in lexicon.CUES.items():
        for kind, cues in kinds.items():
            if cues:
                rules.append((f"{aspect}/{kind}", [cue_slots(cue, cache) for cue in cues]))
    management = frozenset(expand(_OVERALL_MGMT.pattern[1:-1]))
    rules.append(("overall/topic", [(Slot(management, False),)]))
    return rules


def build_cue_matcher(vocab: Vocab) -> CueMatcher:
    """The compact equivalent of :func:`models.rules.build_matcher`.

    Args:
        vocab: The pipeline's vocabulary.

    Returns:
        A matcher with the same rule names and the same matches.
    """
    return CueMatcher(vocab, lexicon_rules())
