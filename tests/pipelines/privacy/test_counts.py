"""Per-run redaction counts (numbers only)."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from pipelines.privacy.counts import REDACTION_COUNT_COLUMNS, redaction_counts


def test_counts_are_summed_per_period_directorate_source_and_type() -> None:
    records = pd.DataFrame(
        {
            "period": ["2025-01"] * 4,
            "directorate": ["Housing", "Housing", "Finance", "Housing"],
            "source": ["survey", "survey", "survey", "complaint"],
        }
    )
    per_row = [
        Counter({"[PERSON]": 2}),
        Counter({"[PERSON]": 1, "[EMAIL]": 1}),
        Counter(),
        Counter({"[PHONE]": 1}),
    ]
    out = redaction_counts(records, per_row, "run-1")
    assert tuple(out.columns) == REDACTION_COUNT_COLUMNS
    got = {(r.directorate, r.source, r.entity_type): r.n for r in out.itertuples()}
    assert got == {
        ("Housing", "survey", "PERSON"): 3,
        ("Housing", "survey", "EMAIL"): 1,
        ("Housing", "complaint", "PHONE"): 1,
    }
    assert set(out["run_id"]) == {"run-1"}
    assert out["n"].dtype == "int64"


def test_no_redactions_give_an_empty_typed_frame() -> None:
    records = pd.DataFrame(
        {"period": ["2025-01"], "directorate": ["Housing"], "source": ["survey"]}
    )
    out = redaction_counts(records, [Counter()], "run-1")
    assert out.empty and tuple(out.columns) == REDACTION_COUNT_COLUMNS
    assert out["n"].dtype == "int64" and out["directorate"].dtype == "string"
