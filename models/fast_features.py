"""Bit-identical, fast replacements for fitted ``TfidfVectorizer.transform`` calls.

scikit-learn's analyzers build every n-gram string of every document in
Python and count them in a dict, which made the TF-IDF features the slowest
part of the ensemble. This module computes the same count matrix faster and
hands it to the vectoriser's own fitted ``TfidfTransformer``, so the
features are bit-identical:

* ``char_wb``: sklearn pads and slices each whitespace-separated word on its
  own, so a document's n-grams are the concatenation of its words' n-grams.
  Each distinct word is mapped once to its in-vocabulary n-grams (cached),
  and the counts are (documents x words) @ (words x n-grams).
* ``word``: the vectoriser's own preprocessor and tokenizer; tokens are
  numbered, n-grams of numbers made distinct with numpy, and only each
  distinct n-gram is joined into sklearn's string and looked up.

Counts become the same sorted CSR matrix ``CountVectorizer`` builds.
Vectorisers configured in ways not covered here (custom analyzers, stop
words, file inputs, ...) fall back to their own ``transform``.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain
from typing import Any, Final

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

WORD_CACHE_LIMIT: Final[int] = 500_000
"""Distinct words remembered per vectoriser before the cache starts afresh (bounds memory)."""


def char_wb_word_ngrams(word: str, min_n: int, max_n: int) -> list[str]:
    """The ``char_wb`` n-grams sklearn emits for one whitespace-free word.

    A line-for-line copy of the body of sklearn's ``_char_wb_ngrams`` loop,
    including its quirk that a word shorter than ``n`` is counted once, whole.

    Args:
        word: One token of ``document.split()``.
        min_n: Smallest n-gram length.
        max_n: Largest n-gram length.

    Returns:
        The n-grams in sklearn's order.
    """
    padded = " " + word + " "
    w_len = len(padded)
    ngrams: list[str] = []
    for n in range(min_n, max_n + 1):
        offset = 0
        ngrams.append(padded[offset : offset + n])
        while offset + n < w_len:
            offset += 1
            ngrams.append(padded[offset : offset + n])
        if offset == 0:  # a short word (w_len <= n) counts once
            break
    return ngrams


class _WordFeatures(dict[str, tuple[int, ...]]):
    """Word -> its in-vocabulary ``char_wb`` feature indices, computed on first use."""

    def __init__(self, vocabulary: dict[str, int], min_n: int, max_n: int) -> None:
        super().__init__()
        self.vocabulary = vocabulary
        self.min_n = min_n
        self.max_n = max_n

    def __missing__(self, word: str) -> tuple[int, ...]:
        get = self.vocabulary.get
        found = (get(g) for g in char_wb_word_ngrams(word, self.min_n, self.max_n))
        indices = tuple(i for i in found if i is not None)
        if len(self) >= WORD_CACHE_LIMIT:
            self.clear()
        self[word] = indices
        return indices


class _Ids(dict[str, int]):
    """Numbers strings in order of first appearance."""

    def __missing__(self, key: str) -> int:
        value = self[key] = len(self)
        return value


def count_matrix(
    rows: np.ndarray, columns: np.ndarray, shape: tuple[int, int], dtype: Any
) -> sp.csr_matrix:
    """The CSR count matrix ``CountVectorizer`` builds: duplicates summed, indices sorted.

    Args:
        rows: Document of every n-gram occurrence.
        columns: Feature index of every occurrence; negative ones (not in the
            vocabulary) are dropped.
        shape: ``(documents, features)``.
        dtype: The vectoriser's ``dtype``.

    Returns:
        The matrix of counts.
    """
    known = columns >= 0
    rows, columns = rows[known], columns[known]
    ones = np.ones(len(columns), dtype=dtype)
    counts = sp.csr_matrix((ones, (rows, columns)), shape=shape, dtype=dtype)
    counts.sum_duplicates()  # also sorts the indices of every row
    return counts


def _numbered(documents: Iterable[list[str]]) -> tuple[np.ndarray, np.ndarray, list[str], int]:
    """Tokens as numbers, the document of each, the token of each number, how many documents."""
    ids = _Ids()
    number = ids.__getitem__
    tokens = array("i")
    lengths = array("q")
    for words in documents:
        tokens.extend(map(number, words))
        lengths.append(len(words))
    numbers = np.frombuffer(tokens, dtype=np.intc).astype(np.int64)
    doc_of = np.repeat(np.arange(len(lengths)), np.frombuffer(lengths, dtype=np.int64))
    return numbers, doc_of, list(ids), len(lengths)


class FastTfidf:
    """Fast ``transform`` for one fitted ``TfidfVectorizer``.

    Attributes:
        vectorizer: The fitted vectoriser (its vocabulary and IDF are used as is).
        exact: Whether the fast path applies (otherwise sklearn's own transform runs).
        vocabulary: The vectoriser's ``vocabulary_`` when the fast path applies.
    """

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        vec = self.vectorizer = vectorizer
        self.vocabulary: dict[str, int] = getattr(vec, "vocabulary_", {})
        self.exact = (
            vec.input == "content"
            and vec.stop_words is None
            and vec.preprocessor is None
            and vec.tokenizer is None
            and vec.vocabulary is None
            and 1 <= vec.ngram_range[0] <= vec.ngram_range[1]
            and vec.analyzer in ("char_wb", "word")
        )
        if self.exact:
            self._preprocess = vec.build_preprocessor()
            self._tokenize = str.split if vec.analyzer == "char_wb" else vec.build_tokenizer()
            self._words = _WordFeatures(self.vocabulary, *vec.ngram_range)

    def counts(self, docs: Iterable[str]) -> sp.csr_matrix:
        """Term counts, equal to ``CountVectorizer.transform(docs)``.

        Args:
            docs: Documents.

        Returns:
            A CSR matrix with sorted indices.

        Raises:
            ValueError: If the vectoriser is not supported by the fast path.
        """
        if not self.exact:
            raise ValueError("this vectoriser is not supported by the fast path")
        preprocess, tokenize = self._preprocess, self._tokenize
        # char_wb: sklearn collapses whitespace runs, then split()s, which ignores them anyway
        tokens, doc_of, names, n_docs = _numbered(tokenize(preprocess(doc)) for doc in docs)
        if self.vectorizer.analyzer == "char_wb":
            counts = self._char_wb(tokens, doc_of, names, n_docs)
        else:
            counts = self._word_ngrams(tokens, doc_of, names, n_docs)
        if self.vectorizer.binary:
            counts.data.fill(1)
        return counts

    def _char_wb(
        self, tokens: np.ndarray, doc_of: np.ndarray, names: list[str], n_docs: int
    ) -> sp.csr_matrix:
        dtype = self.vectorizer.dtype
        per_doc = count_matrix(doc_of, tokens, (n_docs, len(names)), dtype)
        features = [self._words[w] for w in names]
        word_of = np.repeat(np.arange(len(names)), [len(f) for f in features])
        columns = np.fromiter(chain.from_iterable(features), dtype=np.int64, count=len(word_of))
        per_word = count_matrix(word_of, columns, (len(names), len(self.vocabulary)), dtype)
        counts = (per_doc @ per_word).tocsr()
        counts.sort_indices()
        return counts

    def _word_ngrams(
        self, tokens: np.ndarray, doc_of: np.ndarray, names: list[str], n_docs: int
    ) -> sp.csr_matrix:
        """Every n-gram of ``min_n..max_n`` tokens inside one document, counted."""
        min_n, max_n = self.vectorizer.ngram_range
        get = self.vocabulary.get
        sizes = np.bincount(doc_of, minlength=n_docs)
        starts = np.cumsum(sizes) - sizes
        left = sizes[doc_of] - (np.arange(len(tokens)) - starts[doc_of])  # tokens from here on
        codes, strings, n_names = tokens, names, len(names)
        rows, columns = [], []
        for n in range(1, max_n + 1):
            valid = left >= n  # an n-gram starts here
            if n > 1:  # number the distinct (n-1)-gram + token pairs
                at = np.flatnonzero(valid)
                pairs = codes[at] * n_names + tokens[at + n - 1]
                distinct, codes_at = np.unique(pairs, return_inverse=True)
                codes = np.full(len(tokens), -1, dtype=np.int64)
                codes[at] = codes_at
                strings = [
                    strings[p // n_names] + " " + names[p % n_names] for p in distinct.tolist()
                ]
            if n >= min_n:
                feature = np.fromiter((get(s, -1) for s in strings), np.int64, len(strings))
                rows.append(doc_of[valid])
                columns.append(feature[codes[valid]])
        shape = (n_docs, len(self.vocabulary))
        return count_matrix(
            np.concatenate(rows), np.concatenate(columns), shape, self.vectorizer.dtype
        )

    def transform(self, docs: Sequence[str]) -> Any:
        """TF-IDF features, equal to ``vectorizer.transform(docs)``."""
        if not self.exact:
            return self.vectorizer.transform(docs)
        return self.vectorizer._tfidf.transform(self.counts(docs), copy=False)


class FastColumnTfidf:
    """Fast ``transform`` for a fitted ``ColumnTransformer`` of TF-IDF vectorisers.

    Supports what :mod:`models.sk_model` builds: every transformer a
    ``TfidfVectorizer`` reading one named text column, stacked into a sparse
    matrix. Anything else is reported by :attr:`exact` being false.
    """

    def __init__(self, transformer: Any) -> None:
        self.transformer = transformer
        self._fitted = getattr(transformer, "transformers_", [])
        self.parts: list[tuple[str, FastTfidf]] = []
        supported = bool(getattr(transformer, "sparse_output_", False))
        for name, vectorizer, column in self._fitted:
            if vectorizer == "drop" or (name == "remainder" and not len(column)):
                continue
            if not isinstance(vectorizer, TfidfVectorizer) or not isinstance(column, str):
                supported = False
                continue
            fast = FastTfidf(vectorizer)
            supported = supported and fast.exact
            self.parts.append((column, fast))
        self.exact = supported and bool(self.parts)

    def is_current(self) -> bool:
        """Whether the transformer and its vectorisers still hold what this was built from."""
        return getattr(self.transformer, "transformers_", None) is self._fitted and all(
            getattr(fast.vectorizer, "vocabulary_", None) is fast.vocabulary
            for _, fast in self.parts
        )

    def transform(self, views: Mapping[str, Sequence[str]]) -> Any:
        """Features equal to ``transformer.transform(DataFrame(views))``.

        Args:
            views: The text columns by name.

        Returns:
            A CSR matrix (the column transformer's sparse stacking).

        Raises:
            ValueError: If the transformer is not supported (see :attr:`exact`).
        """
        if not self.exact:
            raise ValueError("this column transformer is not supported by the fast path")
        blocks = [fast.transform(views[column]) for column, fast in self.parts]
        return sp.hstack(blocks).tocsr()
