"""Recall and precision of redaction findings against the planted spans, per placeholder type.

A planted span is *found* when findings of its own type cover every
non-space character of it. A finding is *correct* when it overlaps a planted
span of its own type; any other finding (in a near-miss, or of the wrong
type) is a false positive.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pipelines.privacy.engine import Finding
from pipelines.privacy.pii_testset import Example
from pipelines.privacy.recognizers import PLACEHOLDERS


@dataclass(frozen=True)
class TypeScore:
    """Counts and rates for one placeholder type.

    Attributes:
        planted: Planted spans of the type.
        found: Planted spans fully covered.
        predicted: Findings of the type.
        correct: Findings that overlap a planted span of the type.
    """

    planted: int
    found: int
    predicted: int
    correct: int

    @property
    def recall(self) -> float:
        """Share of planted spans found (1.0 when none were planted)."""
        return self.found / self.planted if self.planted else 1.0

    @property
    def precision(self) -> float:
        """Share of findings that are correct (1.0 when nothing was predicted)."""
        return self.correct / self.predicted if self.predicted else 1.0


def _covered(text: str, start: int, end: int, findings: Sequence[Finding]) -> bool:
    return all(
        text[i].isspace() or any(f.start <= i < f.end for f in findings) for i in range(start, end)
    )


def score(
    examples: Sequence[Example], findings: Sequence[Sequence[Finding]]
) -> dict[str, TypeScore]:
    """Score findings per placeholder type, plus ``overall`` (all types pooled).

    Args:
        examples: The labelled comments.
        findings: Findings per comment (same order).

    Returns:
        Placeholder (e.g. ``[PERSON]``) or ``overall`` -> score.
    """
    counts: dict[str, Counter[str]] = {}
    for ex, found in zip(examples, findings, strict=True):
        for span in ex.spans:
            same = [f for f in found if PLACEHOLDERS[f.entity] == span.placeholder]
            c = counts.setdefault(span.placeholder, Counter())
            c["planted"] += 1
            c["found"] += _covered(ex.text, span.start, span.end, same)
        for f in found:
            placeholder = PLACEHOLDERS[f.entity]
            c = counts.setdefault(placeholder, Counter())
            c["predicted"] += 1
            c["correct"] += any(
                s.placeholder == placeholder and f.start < s.end and s.start < f.end
                for s in ex.spans
            )
    total: Counter[str] = sum(counts.values(), Counter())
    out = {
        k: TypeScore(c["planted"], c["found"], c["predicted"], c["correct"])
        for k, c in counts.items()
    }
    out["overall"] = TypeScore(
        total["planted"], total["found"], total["predicted"], total["correct"]
    )
    return dict(sorted(out.items()))


def missed_variants(
    examples: Sequence[Example], findings: Sequence[Sequence[Finding]]
) -> Counter[str]:
    """How many planted spans of each ``placeholder/variant`` were missed (no text)."""
    missed: Counter[str] = Counter()
    for ex, found in zip(examples, findings, strict=True):
        for span in ex.spans:
            same = [f for f in found if PLACEHOLDERS[f.entity] == span.placeholder]
            if not _covered(ex.text, span.start, span.end, same):
                missed[f"{span.placeholder}/{span.variant}"] += 1
    return missed
