"""The fast spaCy and rule paths, and the ensemble built on them, score as the slow ones did.

References: ``nlp.pipe`` with ``doc.cats``, spaCy's own ``extract_ngrams``
layer, ``Token.lower_``, a ``PhraseMatcher`` built from ``Doc`` objects and
the ensemble computed component by component through those paths.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from models import lexicon, sk_model, spacy_model
from models.bench import generate_comments
from models.corpus import load_corpus
from models.fast_bow import BowScorer
from models.predict import ThemeClassifier, combine
from models.rule_lexicon import _OVERALL_MGMT, run_on_starts
from models.rules import (
    RULES_FACTORY,
    build_matcher,
    compile_cue,
    correct_transposition,
    expand,
    lower_words,
    repaired_doc,
    rule_pipeline,
    rule_scores,
    rule_scores_and_tokens,
)
from models.taxonomy import LABELS
from models.text import clean_text, model_input

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,  # the same examples on every run
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
QUESTIONS = [None, "What could be improved?", "What does your manager do well?", "Complaint"]
WORDS = st.one_of(
    st.sampled_from(sorted({w for ex in load_corpus()[:300] for w in ex.text.split()})),
    st.sampled_from(["lsitens", "managment", "don't", "can’t", "U.K.", ":)", "e-mail", "ΣΑΣ"]),
    st.text(max_size=10),
)
TEXTS = st.one_of(st.lists(WORDS, max_size=25).map(" ".join), st.text(max_size=60))
BATCH = st.lists(st.tuples(TEXTS, st.sampled_from(QUESTIONS)), min_size=1, max_size=10)


def _corpus_and_generated() -> tuple[list[str], list[str | None]]:
    examples = load_corpus()
    texts, questions = generate_comments(1500)
    return [e.text for e in examples] + texts, [e.question for e in examples] + questions


@pytest.fixture(scope="module")
def nlp(artefact_dir: Path) -> Language:
    return spacy_model.load(artefact_dir / "spacy")


def _slow_spacy(nlp: Language, texts: list[str], questions: list[str | None]) -> np.ndarray:
    """``spacy_model.predict_proba`` as it was: ``nlp.pipe``, then ``doc.cats``."""
    inputs = [model_input(t, q) for t, q in zip(texts, questions, strict=True)]
    return np.array(
        [[doc.cats[lab] for lab in LABELS] for doc in nlp.pipe(inputs, batch_size=512)],
        dtype=np.float32,
    ).reshape(len(texts), len(LABELS))


def test_trained_spacy_model_is_scored_by_the_bow_scorer(nlp: Language) -> None:
    assert BowScorer.of(nlp) is not None
    assert spacy_model.reuses_tokens(nlp, rule_pipeline()[0])
    other = spacy.blank("en")
    other.add_pipe("sentencizer")
    assert BowScorer.of(other) is None


def _assert_spacy_paths_match_pipe(
    nlp: Language, texts: list[str], questions: list[str | None]
) -> None:
    """Both fast spaCy paths (own tokens, the rules' tokens) equal ``nlp.pipe`` exactly."""
    expected = _slow_spacy(nlp, texts, questions)
    np.testing.assert_array_equal(spacy_model.predict_proba(nlp, texts, questions), expected)
    _, tokens = rule_scores_and_tokens(texts, questions)
    from_tokens = spacy_model.predict_proba_from_tokens(nlp, tokens, questions)
    np.testing.assert_array_equal(from_tokens, expected)


def test_spacy_scores_are_identical_on_corpus_and_generated_comments(nlp: Language) -> None:
    raw, questions = _corpus_and_generated()
    texts = [clean_text(t) for t in raw]
    _assert_spacy_paths_match_pipe(nlp, texts, questions)


@SETTINGS
@given(batch=BATCH)
def test_spacy_scores_are_identical_on_any_cleaned_text(nlp: Language, batch) -> None:
    texts = [clean_text(t) for t, _ in batch]
    questions = [q for _, q in batch]
    _assert_spacy_paths_match_pipe(nlp, texts, questions)


@SETTINGS
@given(texts=st.lists(TEXTS, min_size=1, max_size=12))
def test_ngram_features_are_extract_ngrams_output(nlp: Language, texts: list[str]) -> None:
    docs = [nlp.make_doc(model_input(clean_text(t), None)) for t in texts]
    scorer = BowScorer.of(nlp)
    assert scorer is not None
    expected = scorer._extract.predict(docs)
    fast = scorer.ngram_features([doc.to_array([ORTH]) for doc in docs])
    for mine, theirs in zip(fast, expected, strict=True):
        assert mine.dtype == theirs.dtype
        np.testing.assert_array_equal(mine, theirs)


def _matcher_from_docs(vocab) -> PhraseMatcher:
    """``build_matcher`` as it was: one ``Doc`` per phrase."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for aspect, kinds in lexicon.CUES.items():
        for kind, cues in kinds.items():
            phrases = [words for cue in cues for words in compile_cue(cue)]
            if phrases:
                matcher.add(f"{aspect}/{kind}", [Doc(vocab, words=w) for w in phrases])
    management = expand(_OVERALL_MGMT.pattern[1:-1])
    matcher.add("overall/topic", [Doc(vocab, words=[w]) for w in management])
    return matcher


def test_matcher_built_from_hashes_holds_the_same_phrases() -> None:
    vocab = spacy.blank("en").vocab
    fast, slow = build_matcher(vocab), _matcher_from_docs(vocab)
    # PhraseMatcher pickles as (vocab, {rule: {phrase as LOWER hashes}}, callbacks, attr)
    assert fast.__reduce__()[1][1:] == slow.__reduce__()[1][1:]


def _slow_repaired(nlp: Language, text: str) -> Doc:
    """The typo repair of ``rule_pipeline``'s doc builder, token by token, with a full
    stop before each run-on item (:func:`run_on_starts`, tested in test_run_on.py)."""
    doc = nlp.make_doc(text)
    lowered = [t.lower_ for t in doc]
    repaired = [correct_transposition(w) for w in lowered]
    starts = set(run_on_starts(doc))
    if repaired == lowered and not starts:
        return doc
    words: list[str] = []
    spaces: list[bool] = []
    for i, t in enumerate(doc):
        if i in starts:
            spaces[-1] = False
            words.append(".")
            spaces.append(True)
        words.append(repaired[i])
        spaces.append(bool(t.whitespace_))
    return Doc(nlp.vocab, words=words, spaces=spaces)


@SETTINGS
@given(text=TEXTS)
def test_lower_words_and_repaired_doc_are_unchanged(text: str) -> None:
    nlp = rule_pipeline()[0]
    doc = nlp.make_doc(text)
    assert lower_words(doc) == [t.lower_ for t in doc]
    repaired, words = repaired_doc(doc)
    slow = _slow_repaired(nlp, text)
    assert [(t.text, t.whitespace_) for t in repaired] == [(t.text, t.whitespace_) for t in slow]
    assert words == [t.lower_ for t in slow]


@SETTINGS
@given(batch=BATCH)
def test_rule_scores_equal_the_spacy_component_on_any_text(batch) -> None:
    nlp, make_doc = rule_pipeline()
    component = nlp.get_pipe(RULES_FACTORY)
    texts, questions = [t for t, _ in batch], [q for _, q in batch]
    scores, tokens = rule_scores_and_tokens(texts, questions)
    for i, (text, question) in enumerate(batch):
        np.testing.assert_array_equal(scores[i], component(make_doc(text, question))._.rule_scores)
        np.testing.assert_array_equal(tokens[i], nlp.make_doc(text).to_array([ORTH]))
    np.testing.assert_array_equal(rule_scores(texts, questions), scores)


def test_ensemble_scores_are_the_slow_components_combined(classifier: ThemeClassifier) -> None:
    raw, questions = _corpus_and_generated()
    texts = [clean_text(t) for t in raw]
    keep = [i for i, t in enumerate(texts) if t]
    texts, questions = [texts[i] for i in keep], [questions[i] for i in keep]
    sk = np.asarray(
        classifier._sk.predict_proba(sk_model._as_frame(texts, questions)),
        dtype=np.float32,
    )
    sp = _slow_spacy(classifier._nlp, texts, questions)
    expected = combine(rule_scores(texts, questions), (sk + sp) / 2)
    np.testing.assert_array_equal(classifier.scores(texts, questions), expected)
