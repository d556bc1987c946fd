"""Redaction benchmark: quality on the planted-PII test set, and throughput.

Run with ``.venv/bin/python -m pipelines.privacy.bench`` (``--n`` comments,
100,000 by default). Prints:

* recall and precision per placeholder type on the planted-PII test set, for
  Presidio's defaults (its own recognizers and spaCy NER on every comment) and
  for coachlens' configuration; and person recall on the stress set (held-out
  names in lowercase or ALL CAPS, no target);
* redaction throughput on ``--n`` realistic comments (mixed corpus sentences,
  ``models.bench.generate_comments``) of which ``--pii-share`` carry planted
  PII, with the share that the prefilter sends to each analysis;
* redact + classify throughput with the default classifier.

Presidio's defaults run ~100 comments/s, so their throughput is measured on
``--default-n`` comments only. Figures on a shared 2-core machine are pessimistic.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Sequence

from pipelines.privacy.engine import Finding
from pipelines.privacy.pii_testset import Example, build_stress_set, build_testset
from pipelines.privacy.scoring import TypeScore, missed_variants, score

DEFAULT_MAP = {
    "PERSON": "PERSON",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "URL": "URL",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "UK_NINO": "UK_NINO",
    "UK_NHS": "UK_NHS",
    "UK_POSTCODE": "UK_POSTCODE",
}
"""Presidio default entity types that have a coachlens placeholder."""


def presidio_defaults() -> Callable[[Sequence[str]], list[list[Finding]]]:
    """Presidio's default analyzer on the full spaCy pipeline (no coachlens rules)."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from pipelines.privacy.engine import resolve
    from pipelines.privacy.offline import SPACY_MODEL, force_offline_tldextract

    force_offline_tldextract()
    nlp = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": SPACY_MODEL}])
    analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    supported = set(analyzer.get_supported_entities("en"))
    entities = [e for e in DEFAULT_MAP if e in supported]

    def find(texts: Sequence[str]) -> list[list[Finding]]:
        return [resolve(analyzer.analyze(t, language="en", entities=entities)) for t in texts]

    return find


def _print_scores(title: str, scores: dict[str, TypeScore]) -> None:
    print(title)
    for name, s in scores.items():
        print(
            f"  {name:15s} recall {s.recall:5.3f} ({s.found}/{s.planted})  "
            f"precision {s.precision:5.3f} ({s.correct}/{s.predicted})"
        )


def realistic_comments(n: int, pii_share: float, seed: int = 0) -> list[str]:
    """``n`` corpus-sentence comments; ``pii_share`` of them get a planted-PII sentence."""
    from models.bench import generate_comments

    texts, _ = generate_comments(n, seed=seed)
    rng = random.Random(seed)  # noqa: S311 - reproducible sampling, not security
    pii = [e.text for e in build_testset(seed=seed + 1) if e.spans]
    for i in rng.sample(range(n), int(n * pii_share)):
        texts[i] = f"{texts[i]} {rng.choice(pii)}"
    return texts


def _quality(examples: list[Example], stress: list[Example], default_n: int) -> None:
    from pipelines.redact import get_redactor

    texts = [e.text for e in examples]
    defaults = presidio_defaults()
    start = time.perf_counter()
    found = defaults(texts)
    rate = len(texts) / (time.perf_counter() - start)
    _print_scores(
        f"Presidio defaults on the test set ({len(texts)} comments)", score(examples, found)
    )
    print(f"  missed: {dict(missed_variants(examples, found).most_common(8))}")
    sample = realistic_comments(default_n, 0.02)
    start = time.perf_counter()
    defaults(sample)
    print(
        f"  throughput {default_n / (time.perf_counter() - start):,.0f} comments/s "
        f"on {default_n:,} realistic comments ({rate:,.0f}/s on the test set)"
    )
    redactor = get_redactor()
    found = redactor.find(texts)
    _print_scores("coachlens configuration on the test set", score(examples, found))
    print(f"  missed: {dict(missed_variants(examples, found))}")
    stress_scores = score(stress, redactor.find([e.text for e in stress]))["[PERSON]"]
    print(
        f"stress set (held-out names, lowercase / ALL CAPS; no target): person recall "
        f"{stress_scores.recall:.3f} ({stress_scores.found}/{stress_scores.planted}), "
        f"precision {stress_scores.precision:.3f}"
    )


def _throughput(n: int, pii_share: float) -> None:
    from models.bench import generate_comments
    from models.predict import ThemeClassifier, classify_texts
    from pipelines.redact import get_redactor
    from pipelines.settings import get_settings

    texts = realistic_comments(n, pii_share)
    _, questions = generate_comments(n)
    redactor = get_redactor()
    needs = [redactor.prefilter.needs(t) for t in texts]
    print(
        f"prefilter on {n:,} realistic comments ({pii_share:.0%} with planted PII): "
        f"structured {sum(x.structured for x in needs) / n:.2%}, "
        f"rules {sum(x.rules for x in needs) / n:.2%}, NER {sum(x.ner for x in needs) / n:.2%}, "
        f"untouched {sum(not x.any for x in needs) / n:.2%}"
    )
    start = time.perf_counter()
    redacted, counts = redactor.redact(texts)
    redact_s = time.perf_counter() - start
    changed = sum(1 for c in counts if c)
    print(
        f"redact: {n / redact_s:,.0f} comments/s ({redact_s:.1f} s), {changed:,} comments changed"
    )
    clf = ThemeClassifier.load(get_settings().artefact_dir)
    start = time.perf_counter()
    classify_texts(redacted, questions, classifier=clf)
    classify_s = time.perf_counter() - start
    print(f"classify: {n / classify_s:,.0f} comments/s ({classify_s:.1f} s)")
    total = redact_s + classify_s
    print(f"redact + classify: {n / total:,.0f} comments/s ({total:.1f} s); target >= 2,000")


def main(argv: list[str] | None = None) -> None:
    """Print quality and throughput figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--pii-share", type=float, default=0.02)
    parser.add_argument("--default-n", type=int, default=1_000)
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args(argv)
    _quality(build_testset(), build_stress_set(), args.default_n)
    print("targets: recall 1.00 structured, >= 0.95 person; precision >= 0.90 overall")
    if not args.skip_throughput:
        _throughput(args.n, args.pii_share)


if __name__ == "__main__":
    main()
