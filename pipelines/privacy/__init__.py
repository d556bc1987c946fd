"""Residual-PII redaction: Presidio on spaCy with coachlens recognizers, rules and a gazetteer.

The public entry points are in :mod:`pipelines.redact`; this package holds the
engine (:mod:`~pipelines.privacy.engine`), its recognizers, word lists,
prefilter, the planted-PII test set and the benchmark
(``python -m pipelines.privacy.bench``).
"""
