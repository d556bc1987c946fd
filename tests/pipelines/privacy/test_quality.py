"""Quality targets on the planted-PII test set (a quality assert, not a timing)."""

from __future__ import annotations

import functools

import pytest

from pipelines.privacy.engine import Finding
from pipelines.privacy.pii_testset import Example, build_stress_set, build_testset
from pipelines.privacy.scoring import TypeScore, score
from pipelines.redact import get_redactor

STRUCTURED = (
    "[EMAIL]",
    "[URL]",
    "[PHONE]",
    "[NI_NUMBER]",
    "[NHS_NUMBER]",
    "[POSTCODE]",
    "[EMPLOYEE_ID]",
    "[CASE_ID]",
)


@functools.cache
def scored() -> dict[str, TypeScore]:
    examples = build_testset()
    return score(examples, get_redactor().find([e.text for e in examples]))


def test_the_test_set_plants_every_type_and_variant() -> None:
    examples = build_testset()
    planted = {s.placeholder for e in examples for s in e.spans}
    assert planted == {*STRUCTURED, "[PERSON]"}
    variants = {s.variant for e in examples for s in e.spans if s.placeholder == "[PERSON]"}
    assert {"lowercase", "all_caps", "titled", "hyphenated", "title_case_held_out"} <= variants
    assert any(e.kind == "near_miss" for e in examples)
    for e in examples:  # spans point at real text, never at a template slot
        for s in e.spans:
            assert e.text[s.start : s.end].strip() and "{" not in e.text


def test_the_test_set_is_deterministic() -> None:
    assert build_testset(seed=3) == build_testset(seed=3)
    assert build_testset(seed=3) != build_testset(seed=4)


@pytest.mark.parametrize("placeholder", STRUCTURED)
def test_structured_identifiers_are_all_found(placeholder: str) -> None:
    result = scored()[placeholder]
    assert result.planted > 0
    assert result.recall == 1.0, result


def test_person_recall_meets_the_target() -> None:
    assert scored()["[PERSON]"].recall >= 0.95, scored()["[PERSON]"]


def test_overall_precision_meets_the_target() -> None:
    assert scored()["overall"].precision >= 0.90, scored()["overall"]


def test_scoring_counts_partial_cover_as_a_miss_and_stray_findings_as_errors() -> None:
    from pipelines.privacy.pii_testset import Span

    ex = Example("call Priya Raman now", (Span(5, 16, "[PERSON]", "title_case"),), "pii")
    partial = [Finding(5, 10, "PERSON"), Finding(0, 4, "PHONE_NUMBER")]
    result = score([ex], [partial])
    assert result["[PERSON]"].recall == 0.0
    assert result["[PHONE]"].precision == 0.0
    assert score([ex], [[Finding(5, 16, "PERSON")]])["[PERSON]"].recall == 1.0


def test_stress_names_are_held_out_of_the_gazetteer() -> None:
    from pipelines.privacy.lexicon import lexicon

    names = lexicon().names
    for e in build_stress_set(size=30):
        for s in e.spans:
            words = e.text[s.start : s.end].lower().split()
            assert not any(w in names for w in words[-1:]), e.text
