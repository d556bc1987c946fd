import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

import pipelines
from models.taxonomy import LABELS
from pipelines.demo_data import DemoSummary, generate_demo_data
from pipelines.directorates import DirectorateReference, load_reference
from pipelines.schema import SURVEY_COLUMNS
from pipelines.sources import detect_encoding, read_complaint_cases, read_survey_exports

CONFIG = Path(pipelines.__file__).parent / "config" / "directorates.yaml"
SMALL = {"months": 3, "scale": 0.05, "seed": 7}


@pytest.fixture(scope="module")
def reference() -> DirectorateReference:
    return load_reference(CONFIG)


@pytest.fixture(scope="module")
def small(tmp_path_factory, reference) -> DemoSummary:
    return generate_demo_data(tmp_path_factory.mktemp("demo"), reference=reference, **SMALL)


@pytest.fixture(scope="module")
def default_run(tmp_path_factory, reference) -> DemoSummary:
    return generate_demo_data(tmp_path_factory.mktemp("default"), reference=reference)


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def ground_truth(summary: DemoSummary) -> dict:
    return json.loads(summary.ground_truth_path.read_text(encoding="utf-8"))


def test_same_seed_gives_identical_files(small: DemoSummary, tmp_path: Path, reference) -> None:
    again = generate_demo_data(tmp_path / "again", reference=reference, **SMALL)
    assert digests(again.out_dir) == digests(small.out_dir)
    assert len(digests(small.out_dir)) == 3 + 4  # 3 waves + db, truth, labels, register


def test_other_seed_gives_other_data(small: DemoSummary, tmp_path: Path, reference) -> None:
    other = generate_demo_data(tmp_path / "other", reference=reference, **{**SMALL, "seed": 8})
    assert digests(other.out_dir) != digests(small.out_dir)


def test_waves_rotate_export_formats(small: DemoSummary) -> None:
    names = [p.name for p in small.survey_files]
    assert names == ["wave_2025-06.csv", "wave_2025-07.csv", "wave_2025-08.xlsx"]
    assert detect_encoding(small.survey_files[0].read_bytes()) == "utf-8-sig"
    header = small.survey_files[1].read_bytes().split(b"\r\n", 1)[0].decode("cp1252")
    assert header.split(",") == list(SURVEY_COLUMNS)


def test_ground_truth_records_patterns_stationary_cells_and_register(small: DemoSummary) -> None:
    truth = ground_truth(small)
    patterns = {p["name"]: p for p in truth["patterns"]}
    assert set(patterns) == {
        "housing_pressure_doubles",
        "asc_coaching_listening_falls",
        "environment_bullying_hotspot",
        "environment_bullying_hotspot_survey",
    }
    housing = patterns["housing_pressure_doubles"]
    assert (housing["directorate"], housing["label"], housing["source"]) == (
        "Housing",
        "pressure:neg",
        "survey",
    )
    assert housing["start_period"] == "2025-12" and housing["end_period"] is None
    assert housing["planted_rate"] == pytest.approx(2 * housing["baseline_rate"])
    assert housing["in_run"] is False  # a 3-month run ends before the change
    hotspot = patterns["environment_bullying_hotspot"]
    assert (hotspot["start_period"], hotspot["end_period"]) == ("2026-03", "2026-06")
    stationary = {(s["source"], s["directorate"]): s["labels"] for s in truth["stationary"]}
    assert "pressure:neg" not in stationary[("survey", "Housing")]
    assert "conduct:neg" not in stationary[("survey", "Environment")]
    assert stationary[("survey", "Finance")] == list(LABELS)
    assert truth["coaching_register"] == [
        {
            "directorate": "Adult Social Care",
            "cohort": "ASC Leading Teams cohort 1",
            "start_period": "2025-11",
        }
    ]
    assert (small.out_dir / "coaching_register.csv").read_text().startswith("directorate,cohort")


def test_mess_counts_match_what_the_sources_read(small: DemoSummary, reference) -> None:
    mess = ground_truth(small)["mess"]
    survey = read_survey_exports(small.out_dir / "surveys", reference)
    assert len(survey) == small.survey_rows

    parsed = survey["parse_error"].isna()
    text = survey["text"].fillna("")
    assert (parsed & (text.str.strip() == "")).sum() == mess["survey"]["blank_comments_total"]
    whitespace = survey["text"].notna() & (text.str.strip() == "")
    assert set(survey.loc[whitespace, "record_id"]) == set(
        mess["survey"]["whitespace_comments"]["record_ids"]
    )
    duplicated = survey.loc[survey["record_id"].duplicated(), "record_id"]
    assert sorted(duplicated) == sorted(mess["survey"]["duplicate_rows"]["record_ids"])
    unknown = survey["directorate"].isna()
    assert set(survey.loc[unknown, "record_id"]) == set(
        mess["survey"]["unknown_directorate"]["record_ids"]
    )
    assert set(survey.loc[unknown, "raw_directorate"]) <= set(
        mess["survey"]["unknown_directorate"]["spellings"]
    )
    variant = ~unknown & (survey["raw_directorate"] != survey["directorate"])
    assert variant.sum() == mess["survey"]["directorate_variants"]["count"] > 0
    outside = survey["occurred_at"].dt.strftime("%Y-%m") != survey["batch_period"]
    assert set(survey.loc[outside, "record_id"]) == set(
        mess["survey"]["outside_wave_dates"]["record_ids"]
    )
    stray = mess["survey"]["stray_delimiter"]
    bad = survey[~parsed]
    assert bad["record_id"].tolist() == stray["record_ids"]
    assert bad["parse_error"].tolist() == ["row has 8 fields, expected 7"]
    row = stray["rows"][0]
    assert bad["provenance"].tolist() == [f"{row['file']}:row {row['row']}"]

    leaks = {
        leak["record_id"]: leak["value"] for leak in mess["survey"]["personal_data"]["records"]
    }
    assert len(leaks) == 3
    by_id = survey.drop_duplicates("record_id").set_index("record_id")["text"]
    assert all(value in by_id[record_id] for record_id, value in leaks.items())

    cases = read_complaint_cases(small.complaints_url, reference)
    assert len(cases) == small.cases
    assert cases["directorate"].isna().sum() == mess["complaint"]["unknown_directorate"]["count"]
    assert set(cases.loc[cases["text"].isna(), "record_id"]) == set(
        mess["complaint"]["blank_summaries"]["record_ids"]
    )
    case_text = cases.set_index("record_id")["text"]
    for leak in mess["complaint"]["personal_data"]["records"]:
        assert leak["value"] in case_text[leak["record_id"]]


def test_true_labels_cover_every_record_the_sources_read(small: DemoSummary, reference) -> None:
    truth = pd.read_parquet(small.true_labels_path)
    survey = read_survey_exports(small.out_dir / "surveys", reference)
    cases = read_complaint_cases(small.complaints_url, reference)
    assert set(truth["record_id"]) == set(survey["record_id"]) | set(cases["record_id"])
    assert truth["record_id"].is_unique
    assert {label for labels in truth["labels"] for label in labels} <= set(LABELS)
    blank = truth["text"].isna()
    assert truth.loc[blank, "labels"].map(len).eq(0).all()


def test_rerun_into_the_same_folder_leaves_no_stale_waves(tmp_path: Path, reference) -> None:
    generate_demo_data(tmp_path, reference=reference, months=3, scale=0.02)
    summary = generate_demo_data(tmp_path, reference=reference, months=2, scale=0.02)
    assert sorted(p.name for p in (tmp_path / "surveys").iterdir()) == [
        p.name for p in summary.survey_files
    ]


def test_bad_arguments_are_rejected(tmp_path: Path, reference) -> None:
    with pytest.raises(ValueError, match="scale"):
        generate_demo_data(tmp_path, reference=reference, scale=0)
    with pytest.raises(ValueError, match="months"):
        generate_demo_data(tmp_path, reference=reference, months=0)


def test_default_run_has_the_promised_volume(default_run: DemoSummary) -> None:
    assert default_run.survey_comments >= 60_000
    assert default_run.cases >= 1_500
    assert len(default_run.periods) == 18
    assert 0.40 <= default_run.no_label_share <= 0.50


def rate(truth: pd.DataFrame, directorate: str, label: str, periods: list[str]) -> float:
    rows = truth[
        (truth["directorate"] == directorate)
        & truth["period"].isin(periods)
        & truth["text"].notna()
    ]
    return float(rows["labels"].map(lambda labels: label in labels).mean())


def test_planted_patterns_are_visible_in_the_true_labels(default_run: DemoSummary) -> None:
    truth = pd.read_parquet(default_run.true_labels_path)
    periods = list(default_run.periods)
    survey = truth[truth["source"] == "survey"]
    before, after = periods[:6], periods[6:]
    housing_before = rate(survey, "Housing", "pressure:neg", before)
    assert rate(survey, "Housing", "pressure:neg", after) > 1.6 * housing_before
    asc_before = rate(survey, "Adult Social Care", "listening:neg", periods[:5])
    assert rate(survey, "Adult Social Care", "listening:neg", periods[8:]) < 0.65 * asc_before
    finance = [rate(survey, "Finance", "pressure:neg", p) for p in (before, after)]
    assert finance[1] == pytest.approx(finance[0], rel=0.3)

    cases = truth[(truth["source"] == "complaint") & (truth["directorate"] == "Environment")]
    conduct = cases[cases["labels"].map(lambda labels: "conduct:neg" in labels)]
    per_month = conduct.groupby("period").size().reindex(periods, fill_value=0)
    hotspot = per_month.iloc[9:13].mean()
    elsewhere = pd.concat([per_month.iloc[:9], per_month.iloc[13:]]).mean()
    assert hotspot > 2 * elsewhere
