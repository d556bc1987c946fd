"""Specific redaction cases: every format, near-misses, determinism, settings, offline."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.privacy.pii_values import NEAR_MISSES
from pipelines.redact import PLACEHOLDER_TYPES, get_redactor, redact_frame, redact_text
from pipelines.settings import Settings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call +44 20 7946 0958 today", "Call [PHONE] today"),
        ("Call 020 7946 0958 today", "Call [PHONE] today"),
        ("mobile 07700 900123 please", "mobile [PHONE] please"),
        ("ring (01632) 960 001 now", "ring [PHONE] now"),
        ("US office +1 415 555 0100.", "US office [PHONE]."),
        ("NI QQ 12 34 56 C on file", "NI [NI_NUMBER] on file"),
        ("NI QQ123456C on file", "NI [NI_NUMBER] on file"),
        ("NI JT-48-29-17-B on file", "NI [NI_NUMBER] on file"),
        ("see http://10.0.0.1/hr/case for it", "see [URL] for it"),
        ("on http://intranet/people/jo now", "on [URL] now"),
        ("NHS 943 476 5919 on file", "NHS [NHS_NUMBER] on file"),
        ("lives in SW1A 1AA now", "lives in [POSTCODE] now"),
        ("lives in SW1A1AA now", "lives in [POSTCODE] now"),
        ("mail jo.bloggs@example.co.uk today", "mail [EMAIL] today"),
        ("see https://example.org/hr/x?id=3 for it", "see [URL] for it"),
        ("staff EMP123456 complained", "staff [EMPLOYEE_ID] complained"),
        ("case HR-2024-00123 was closed", "case [CASE_ID] was closed"),
        ("I told Mr Patel twice.", "I told [PERSON] twice."),
        ("I told Dr. Okafor twice.", "I told [PERSON] twice."),
        ("i told dr okafor twice", "i told [PERSON] twice"),
        ("priya raman shouted at me", "[PERSON] shouted at me"),
        ("PRIYA RAMAN SHOUTED AT ME", "[PERSON] SHOUTED AT ME"),
        ("Siobhan O'Neill-Barker was rude.", "[PERSON] was rude."),
        ("Talk to Adewale Ogunleye about it.", "Talk to [PERSON] about it."),
        ("i spoke to pauline aldersey about it", "i spoke to [PERSON] about it"),
        ("priya said no", "[PERSON] said no"),
    ],
)
def test_each_format_becomes_its_placeholder(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_stay_as_they_are(text: str) -> None:
    assert redact_text(text) == text


def test_an_nhs_number_with_a_bad_check_digit_is_not_an_nhs_number() -> None:
    out = redact_text("NHS 943 476 5918 on file") or ""
    assert "[NHS_NUMBER]" not in out


def test_every_directorate_name_and_alias_stays() -> None:
    from pipelines.directorates import load_reference

    reference = load_reference(Settings().directorates_file)
    for d in reference.directorates:
        for spelling in (d.name, *d.aliases):
            text = f"Staff in {spelling} said the restructure was rushed."
            assert redact_text(text) == text


def test_redaction_is_deterministic_and_idempotent() -> None:
    text = "Mr Patel (EMP123456) told priya raman to ring 07700 900123."
    once = redact_text(text)
    assert once == redact_text(text)
    assert redact_text(once) == once


def test_empty_and_missing_text_pass_through() -> None:
    assert redact_text(None) is None
    assert redact_text("") == ""


def test_redact_frame_counts_replacements_per_type_as_numbers_only() -> None:
    frame = pd.DataFrame(
        {
            "record_id": ["a", "b", "c", "d"],
            "text": ["Mr Patel and Dr Okafor", "email a.b@example.org", None, "all fine"],
        },
        index=[10, 11, 12, 13],
    )
    out, counts = redact_frame(frame)
    assert set(counts) == set(PLACEHOLDER_TYPES)
    assert all(isinstance(n, int) for n in counts.values())
    assert counts["[PERSON]"] == 2 and counts["[EMAIL]"] == 1 and counts["[PHONE]"] == 0
    texts = out["text"].tolist()
    assert texts[:2] + texts[3:] == ["[PERSON] and [PERSON]", "email [EMAIL]", "all fine"]
    assert pd.isna(texts[2])
    assert out.index.tolist() == [10, 11, 12, 13]
    assert frame["text"].iloc[0] == "Mr Patel and Dr Okafor"  # the input is not changed


def test_id_patterns_come_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACHLENS_REDACT_ID_PATTERNS", r'["\\bSTAFF\\d{4}\\b"]')
    redactor = get_redactor(Settings())
    out, counts = redactor.redact(["badge STAFF1234 and EMP123456"])
    assert out == ["badge [EMPLOYEE_ID] and EMP123456"]
    assert counts[0]["[EMPLOYEE_ID]"] == 1


def test_the_engine_never_reaches_for_the_network() -> None:
    import tldextract.tldextract as tld_module

    get_redactor()
    extractor = tld_module.TLD_EXTRACTOR
    assert extractor.suffix_list_urls == ()
    assert extractor.fallback_to_snapshot
    assert tld_module.extract("someone@example.co.uk").suffix == "co.uk"


def test_ner_off_still_finds_identifiers_and_gazetteer_names() -> None:
    out, _ = get_redactor().redact(["Hosuing: Priya Raman, 07700 900123"], ner=False)
    assert out == ["Hosuing: [PERSON], [PHONE]"]
