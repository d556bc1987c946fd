"""models.cue_matcher gives exactly the PhraseMatcher's matches, in its order.

The reference is :func:`models.rules.build_matcher` itself (seconds to build):
the rule pipeline's own, or one built once for the module on its vocabulary.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from models import lexicon
from models.bench import generate_comments
from models.corpus import load_corpus
from models.cue_matcher import (
    CueMatcher,
    Slot,
    _map_order,
    build_cue_matcher,
    cue_slots,
    lexicon_rules,
)
from models.rules import RULES_FACTORY, build_matcher, compile_cue, rule_pipeline

RULES = lexicon_rules()
CUES: list[tuple[Slot, ...]] = [slots for _, cues in RULES for slots in cues]
WORDS = sorted({w for slots in CUES for slot in slots for w in slot.words})
NOISE = sorted({*lexicon.CLAUSE_BREAKS, *lexicon.NEGATIONS, *lexicon.HEDGES, "and", "xyzzy"})
NOISE.remove("\n")


@pytest.fixture(scope="module")
def make_doc() -> Callable[[str, str | None], Doc]:
    return rule_pipeline()[1]


@pytest.fixture(scope="module")
def vocab() -> Vocab:
    return rule_pipeline()[0].vocab


@pytest.fixture(scope="module")
def reference(vocab: Vocab) -> PhraseMatcher:
    """The pipeline's own PhraseMatcher while it has one, else a new one (same vocab)."""
    matcher = rule_pipeline()[0].get_pipe(RULES_FACTORY).matcher
    return matcher if isinstance(matcher, PhraseMatcher) else build_matcher(vocab)


@pytest.fixture(scope="module")
def cue_matcher(vocab: Vocab) -> CueMatcher:
    return build_cue_matcher(vocab)


def assert_same(docs: list[Doc], reference: PhraseMatcher, cue_matcher: CueMatcher) -> int:
    """Identical match lists on every doc; returns how many docs had two rules on one span."""
    shared = 0
    for doc in docs:
        expected = reference(doc)
        assert cue_matcher(doc) == expected, doc.text
        shared += len({(s, e) for _, s, e in expected}) < len(expected)
    return shared


def test_same_rule_names_and_ids(vocab: Vocab, reference: PhraseMatcher) -> None:
    names = {name for name, _ in RULES}
    assert len(names) == len(reference)
    assert all(name in reference for name in names)
    assert {vocab.strings[vocab.strings[n]] for n in names} == names  # ids resolve to names


def test_every_corpus_comment(make_doc, reference, cue_matcher) -> None:
    docs = [make_doc(ex.text, ex.question) for ex in load_corpus()]
    shared = assert_same(docs, reference, cue_matcher)
    assert shared > 0  # spans two rules share, so their order was checked too


def test_generated_comments(make_doc, reference, cue_matcher) -> None:
    texts, questions = generate_comments(5000)
    docs = [make_doc(t, q) for t, q in zip(texts, questions, strict=True)]
    assert_same(docs, reference, cue_matcher)


def test_empty_doc(vocab: Vocab, reference, cue_matcher) -> None:
    doc = Doc(vocab, words=[])
    assert cue_matcher(doc) == reference(doc) == []


def test_sampled_phrases_of_every_cue(vocab, reference, cue_matcher) -> None:
    rng = random.Random(0)
    docs = []
    for kinds in lexicon.CUES.values():
        for cues in kinds.values():
            for cue in cues:
                phrases = compile_cue(cue)
                for words in [phrases[0], phrases[-1], *rng.sample(phrases, min(5, len(phrases)))]:
                    docs.append(Doc(vocab, words=["so", *words, *words[:2], "."]))
    assert_same(docs, reference, cue_matcher)


@pytest.mark.slow
def test_every_phrase_of_every_cue(vocab, reference, cue_matcher) -> None:
    """All ~176,000 phrases of the cartesian product, each as its own doc."""
    for kinds in lexicon.CUES.values():
        for cues in kinds.values():
            for cue in cues:
                docs = [Doc(vocab, words=words) for words in compile_cue(cue)]
                assert_same(docs, reference, cue_matcher)


@st.composite
def realisation(draw: st.DrawFn) -> list[str]:
    """One cue written out, skipping optional slots at random and sometimes a required one."""
    words = []
    for slot in draw(st.sampled_from(CUES)):
        skip = draw(st.booleans()) if slot.optional else draw(st.integers(0, 9)) == 0
        if not skip and slot.words:
            words.append(draw(st.sampled_from(sorted(slot.words))))
    return words


word = st.one_of(st.sampled_from(WORDS), st.sampled_from(NOISE))
fragment = st.one_of(realisation(), st.lists(word, min_size=1, max_size=3))
casing = st.sampled_from([str.lower, str.upper, str.title])


@st.composite
def token_sequences(draw: st.DrawFn) -> list[str]:
    words: list[str] = []
    for part in draw(st.lists(fragment, max_size=6)):
        words += part * draw(st.integers(1, 2))  # repeats: "listens listens"
    return [draw(casing)(w) for w in words]


@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,  # the same examples on every run
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(words=token_sequences())
def test_random_token_sequences(words: list[str], vocab, reference, cue_matcher) -> None:
    doc = Doc(vocab, words=words)
    assert cue_matcher(doc) == reference(doc)


@pytest.mark.parametrize("seed", range(20))
def test_key_order_on_a_shared_span_follows_preshed(seed: int) -> None:
    rng = random.Random(seed)
    names = [f"rule{rng.randrange(10**9)}" for _ in range(rng.randint(2, 24))]
    vocab = spacy.blank("en").vocab  # a bare Vocab() has no LOWER (all 0)
    reference = PhraseMatcher(vocab, attr="LOWER")
    for name in names:
        reference.add(name, [Doc(vocab, words=["shared"])])
    cues = CueMatcher(vocab, [(name, [(Slot(frozenset({"shared"}), False),)]) for name in names])
    doc = Doc(vocab, words=["Shared"])
    assert cues(doc) == reference(doc)
    assert [key for key, _, _ in cues(doc)] == list(_map_order(vocab.strings[n] for n in names))


def test_cue_slots_optional_and_errors() -> None:
    slots = cue_slots(r"(called|seen) (as)? [a] fool")
    assert [s.optional for s in slots] == [False, True, True, False]
    assert slots[1].words == {"as"}
    with pytest.raises(ValueError, match="unbalanced"):
        cue_slots(r"(no (say|voice)")
