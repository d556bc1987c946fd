"""Fast scoring with spaCy's bag-of-n-grams ``textcat_multilabel``, from token hashes.

``spacy.TextCatBOW.v3`` is ``extract_ngrams >> sparse_linear >> logistic``.
Its first layer reads nothing of a ``Doc`` but ``doc.to_array([ORTH])``,
and then, per document, hashes every 1..n-gram and counts them with
``numpy.unique`` (20,000 small calls per 20,000 comments). Here that first
layer runs once per batch, vectorised, giving the same arrays, and the
trained ``sparse_linear`` and ``logistic`` layers run as they are; no
``doc.cats`` are written. The scores are those of ``nlp.pipe``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, cast

import numpy as np
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from thinc.api import Model
from thinc.types import Ints1d

from models.taxonomy import LABELS

COMPONENT: Final[str] = "textcat_multilabel"
BOW_MODEL: Final[str] = "with_cpu(extract_ngrams>>resizable(sparse_linear))>>with_cpu(logistic)"


class BowScorer:
    """The trained layers of a bag-of-n-grams text classifier, called directly.

    Attributes:
        ngram_size: Longest n-gram the model hashes.
    """

    def __init__(self, extract: Model[Any, Any], linear: Model[Any, Any], output: Model[Any, Any]):
        self._extract = extract
        self._linear = linear
        self._output = output
        self.ngram_size: int = extract.attrs["ngram_size"]

    @classmethod
    def of(cls, nlp: Language) -> BowScorer | None:
        """The scorer of a pipeline that is exactly one BOW ``textcat_multilabel`` on ``ORTH``.

        Args:
            nlp: A loaded pipeline.

        Returns:
            The scorer, or ``None`` for any other pipeline.
        """
        if nlp.pipe_names != [COMPONENT]:
            return None
        textcat = nlp.get_pipe(COMPONENT)
        if not isinstance(textcat, TextCategorizer):
            return None
        model = textcat.model
        if model.name != BOW_MODEL or list(textcat.labels) != list(LABELS):
            return None
        extract, linear = model.layers[0].layers[0].layers
        if extract.attrs.get("attr") != ORTH:
            return None
        return cls(extract, linear, model.layers[1].layers[0])

    def ngram_features(self, orths: Sequence[np.ndarray]) -> tuple[np.ndarray, ...]:
        """What ``extract_ngrams`` returns for docs with these ``ORTH`` arrays.

        Per document: the sorted distinct hashes of its 1..n-grams (thinc's
        ``ops.ngrams`` over the concatenated batch, keeping n-grams inside one
        document) and their counts; plus the number of distinct hashes per document.

        Args:
            orths: Each document's ``doc.to_array([ORTH])`` (uint64, non-empty).

        Returns:
            ``(keys uint64, counts float32, lengths int32)``.
        """
        ops = self._extract.ops
        sizes = np.fromiter(map(len, orths), dtype=np.int64, count=len(orths))
        tokens = np.ascontiguousarray(np.concatenate(orths), dtype=np.uint64)
        # small ints sort stably by radix sort: keep batch numbers in int16 when they fit
        numbers = np.int16 if len(orths) < 2**15 else np.int64
        doc_of = np.repeat(np.arange(len(orths), dtype=numbers), sizes)
        position = np.arange(len(tokens)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        keys = [tokens]
        docs = [doc_of]
        for n in range(2, self.ngram_size + 1):
            inside = (position <= sizes[doc_of] - n)[: max(0, len(tokens) - n + 1)]
            keys.append(np.asarray(ops.ngrams(n, cast(Ints1d, tokens)))[inside])
            docs.append(doc_of[: len(inside)][inside])
        all_keys, all_docs = np.concatenate(keys), np.concatenate(docs)
        by_key = np.argsort(all_keys)
        order = by_key[np.argsort(all_docs[by_key], kind="stable")]  # by document, then key
        all_keys, all_docs = all_keys[order], all_docs[order]
        first = np.ones(len(all_keys), dtype=bool)
        first[1:] = (all_keys[1:] != all_keys[:-1]) | (all_docs[1:] != all_docs[:-1])
        starts = np.flatnonzero(first)
        counts = np.diff(np.append(starts, len(all_keys)))
        lengths = np.bincount(all_docs[starts], minlength=len(orths))
        return (
            all_keys[starts],
            np.asarray(counts, dtype="f"),
            np.asarray(lengths, dtype="int32"),
        )

    def scores(self, orths: Sequence[np.ndarray], batch_size: int = 512) -> np.ndarray:
        """Probabilities ``(n, 18)`` in codebook order, batched as ``nlp.pipe`` batches.

        Args:
            orths: Each document's ``ORTH`` array (uint64, non-empty).
            batch_size: Documents per batch.

        Returns:
            A float32 array.
        """
        out = np.zeros((len(orths), len(LABELS)), dtype=np.float32)
        for start in range(0, len(orths), batch_size):
            batch = orths[start : start + batch_size]
            hidden = self._linear.predict(self.ngram_features(batch))
            out[start : start + len(batch)] = self._output.predict(hidden)
        return out
