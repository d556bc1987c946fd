"""The fast TF-IDF features and text helpers give bit-identical results to the slow ones.

References are scikit-learn's own ``TfidfVectorizer.transform`` and the
fitted pipeline's ``predict_proba``, and the pre-optimisation text helpers.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from typing import Any

import ftfy
import joblib
import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.pipeline import Pipeline

from models import sk_model
from models.bench import generate_comments
from models.corpus import label_matrix, load_corpus, split
from models.fast_features import FastColumnTfidf, FastTfidf, char_wb_word_ngrams
from models.text import MAX_CHARS, NEGATION_CUES, clean_text, negation_marked

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # the same examples on every run
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ODD = [
    "",
    " ",
    "  ",
    "\t",
    "\n",
    "\u00a0",
    "\u2003",
    "\x1c",
    "'",
    "’",
    "n't",
    "don’t",
    "-",
    "...",
    "É",
    "é",
    "ß",
    "İ",
    "ı",
    "Σ",
    "ΣΑΣ",
    "ς",
    "ﬁ",
    "😀",
    "a\u0301",
    "x" * 40,
    "qqimprove",
]
CORPUS_WORDS = sorted({w for ex in load_corpus()[:400] for w in ex.text.split()})
WORDS = st.one_of(st.sampled_from(CORPUS_WORDS), st.sampled_from(ODD), st.text(max_size=12))
TEXTS = st.one_of(
    st.lists(WORDS, max_size=30).map(" ".join),
    st.lists(WORDS, max_size=12).map("".join),
    st.text(max_size=80),
)
DOCS = st.lists(TEXTS, min_size=1, max_size=12)


def assert_same_matrix(fast: Any, slow: Any) -> None:
    fast, slow = sp.csr_matrix(fast), sp.csr_matrix(slow)
    assert fast.shape == slow.shape
    assert fast.dtype == slow.dtype
    np.testing.assert_array_equal(fast.indptr, slow.indptr)
    np.testing.assert_array_equal(fast.indices, slow.indices)
    np.testing.assert_array_equal(fast.data, slow.data)  # exact, not approximate


def _fitted(**params: Any) -> TfidfVectorizer:
    docs = [ex.text for ex in load_corpus()[:600]] + [" ".join(ODD), "ΣΑΣ σας ΣΑΣ. İstanbul ﬁne"]
    return TfidfVectorizer(min_df=1, sublinear_tf=True, **params).fit(docs)


VECTORISERS = {
    "model chars": _fitted(analyzer="char_wb", ngram_range=(3, 5), dtype=np.float32),
    "model words": _fitted(ngram_range=(1, 2), token_pattern=r"\S+", lowercase=False),
    "short chars, binary": _fitted(analyzer="char_wb", ngram_range=(1, 3), binary=True),
    "accents stripped": _fitted(analyzer="char_wb", ngram_range=(2, 4), strip_accents="unicode"),
    "word trigrams": _fitted(ngram_range=(1, 3)),
    "bigrams only": _fitted(ngram_range=(2, 2), lowercase=False),
}


@pytest.mark.parametrize("name", list(VECTORISERS))
@SETTINGS
@given(docs=DOCS)
def test_fast_tfidf_equals_sklearn_transform(name: str, docs: list[str]) -> None:
    vectorizer = VECTORISERS[name]
    fast = FastTfidf(vectorizer)
    assert fast.exact
    assert_same_matrix(fast.counts(docs), CountVectorizer.transform(vectorizer, docs))
    assert_same_matrix(fast.transform(docs), vectorizer.transform(docs))


@pytest.mark.parametrize("name", list(VECTORISERS))
def test_fast_tfidf_equals_sklearn_on_corpus_and_generated_comments(name: str) -> None:
    docs = [ex.text for ex in load_corpus()] + generate_comments(2000)[0]
    assert_same_matrix(
        FastTfidf(VECTORISERS[name]).transform(docs), VECTORISERS[name].transform(docs)
    )


@SETTINGS
@given(word=st.text(min_size=1, max_size=30).filter(lambda w: not any(c.isspace() for c in w)))
def test_char_wb_word_ngrams_are_sklearns(word: str) -> None:
    vectorizer = VECTORISERS["model chars"]
    for low, high in [(3, 5), (1, 3), (2, 2), (4, 9)]:
        vectorizer.ngram_range = (low, high)
        expected = vectorizer._char_wb_ngrams(word)
        assert char_wb_word_ngrams(word, low, high) == expected
    vectorizer.ngram_range = (3, 5)


def test_str_split_is_sklearns_whitespace_handling_for_every_code_point() -> None:
    # char_wb runs re.sub(r"\s\s+", " ") then str.split(); the word view's pattern is \S+
    spaces = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert bool(spaces.match(char)) == char.isspace() == (char.split() == [])


@pytest.mark.parametrize(
    "params", [{"analyzer": "char"}, {"stop_words": "english"}, {"analyzer": str.split}]
)
def test_unsupported_vectorisers_fall_back_to_sklearn(params: dict[str, Any]) -> None:
    vectorizer = _fitted(**params)
    fast = FastTfidf(vectorizer)
    assert not fast.exact
    docs = ["My manager never listens.", "", "ΣΑΣ"]
    assert_same_matrix(fast.transform(docs), vectorizer.transform(docs))
    with pytest.raises(ValueError, match="not supported"):
        fast.counts(docs)


@pytest.fixture(scope="module")
def trained_pipe(artefact_dir: Path) -> Pipeline:
    return joblib.load(artefact_dir / "sklearn.joblib")


def _slow_proba(pipe: Pipeline, texts: list[str], questions: list[str | None]) -> np.ndarray:
    frame = sk_model._as_frame(texts, questions)
    return np.asarray(pipe.predict_proba(frame), dtype=np.float32)


def test_trained_pipeline_takes_the_fast_path_with_identical_features(trained_pipe) -> None:
    examples = load_corpus()
    texts, questions = [clean_text(e.text) for e in examples], [e.question for e in examples]
    fast = sk_model.fast_features(trained_pipe)
    assert isinstance(fast, FastColumnTfidf)
    slow = trained_pipe.steps[0][1].transform(sk_model._as_frame(texts, questions))
    assert_same_matrix(fast.transform(sk_model.features_frame(texts, questions)), slow)
    expected = _slow_proba(trained_pipe, texts, questions)
    np.testing.assert_array_equal(sk_model.predict_proba(trained_pipe, texts, questions), expected)


@SETTINGS
@given(texts=DOCS, question=st.sampled_from([None, "What could be improved?", "Good things?"]))
def test_trained_pipeline_probabilities_are_identical_on_any_text(trained_pipe, texts, question):
    cleaned = [clean_text(t) for t in texts]
    questions = [question] * len(texts)
    expected = _slow_proba(trained_pipe, cleaned, questions)
    np.testing.assert_array_equal(
        sk_model.predict_proba(trained_pipe, cleaned, questions), expected
    )


def test_a_label_without_examples_falls_back_to_sklearns_predict_proba() -> None:
    examples = split(load_corpus())["train"][:150]
    texts, questions = [clean_text(e.text) for e in examples], [e.question for e in examples]
    y = label_matrix(examples)
    y[:, 3] = 0  # one-vs-rest keeps a constant predictor for this label, not a regression
    pipe = sk_model.fit(texts, questions, y)
    probe = [clean_text(t) for t in generate_comments(200)[0]]
    expected = _slow_proba(pipe, probe, [None] * len(probe))
    np.testing.assert_array_equal(
        sk_model.predict_proba(pipe, probe, [None] * len(probe)), expected
    )


def test_refitting_a_pipeline_in_place_rebuilds_its_fast_path() -> None:
    examples = split(load_corpus())["train"][:300]
    texts, questions = [clean_text(e.text) for e in examples], [e.question for e in examples]
    y = label_matrix(examples)
    pipe = sk_model.fit(texts[:150], questions[:150], y[:150])
    probe = [clean_text(t) for t in generate_comments(100)[0]]
    nones: list[str | None] = [None] * len(probe)
    before = sk_model.predict_proba(pipe, probe, nones)
    pipe.fit(sk_model._as_frame(texts[150:], questions[150:]), y[150:])
    after = sk_model.predict_proba(pipe, probe, nones)
    np.testing.assert_array_equal(after, _slow_proba(pipe, probe, nones))
    assert not np.array_equal(before, after)


_OLD_SPACE = re.compile(r"\s+")
_OLD_WORD = re.compile(r"[a-z][a-z'’]*|[0-9]+|[^\sa-z0-9]", re.I)
_OLD_SCOPE_END = {".", ",", ";", ":", "!", "?", "but", "however", "although", "though"}
_OLD_SCOPE_END |= {"and", "-", "\n"}


def _old_negation_marked(text: str) -> str:
    """``negation_marked`` before its per-word cache, kept as the oracle."""
    out: list[str] = []
    negated = 0
    for raw in _OLD_WORD.findall(text.lower()):
        tok = raw.replace("'", "").replace("’", "")
        if tok in _OLD_SCOPE_END:
            negated = 0
            out.append(tok)
            continue
        if negated:
            out.append("neg_" + tok)
            negated -= 1
        else:
            out.append(tok)
        if tok in NEGATION_CUES or (tok.endswith("nt") and raw.endswith(("n't", "n’t"))):
            negated = 4
    return " ".join(out)


NEGATION_TEXT = st.lists(
    st.one_of(st.sampled_from([*NEGATION_CUES, *_OLD_SCOPE_END, "isn't", "won’t", "'"]), WORDS),
    max_size=30,
).map(" ".join)


@SETTINGS
@given(text=st.one_of(NEGATION_TEXT, TEXTS))
def test_negation_marked_is_unchanged(text: str) -> None:
    assert negation_marked(text) == _old_negation_marked(text)


def _old_clean_text(text: object) -> str:
    """``clean_text`` before whitespace was collapsed with ``split``, kept as the oracle."""
    if not isinstance(text, str) or not text:
        return ""
    text = text[: MAX_CHARS * 2]
    if "<" in text:
        text = re.sub(r"<[^>]{0,200}>", " ", text)
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = ftfy.fix_text(text)
    return _OLD_SPACE.sub(" ", text).strip()[:MAX_CHARS].rstrip()


SPACEY = st.lists(st.sampled_from([*ODD[:12], "a", "b", "<i>", "&amp;", "&nbsp;"])).map("".join)


@SETTINGS
@given(text=st.one_of(TEXTS, SPACEY))
def test_clean_text_is_unchanged(text: str) -> None:
    assert clean_text(text) == _old_clean_text(text)


@pytest.mark.parametrize("filler", [" ", "  \t", "é "])
def test_clean_text_is_unchanged_at_the_length_cut(filler: str) -> None:
    for offset in range(3):
        text = "x" * offset + ("ab" + filler) * (MAX_CHARS // 2)
        assert clean_text(text) == _old_clean_text(text)
