import csv
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

import pipelines
import pipelines.sources.complaints as complaints_module
from pipelines.directorates import DirectorateReference, load_reference
from pipelines.schema import SURVEY_COLUMNS
from pipelines.sources import (
    SOURCE_COLUMNS,
    BatchError,
    SourceUnavailableError,
    detect_encoding,
    mask_url,
    read_complaint_cases,
    read_survey_exports,
)

CONFIG = Path(pipelines.__file__).parent / "config" / "directorates.yaml"
Q1 = ("Q1", "What does your manager do well?")
Q2 = ("Q2", "What could your manager do better?")

ROWS = [
    ["R1", "2025-06", "2025-06-03 09:15:00", "Housing", *Q1, "Always listens \u2013 café chats"],
    ["R1", "2025-06", "2025-06-03 09:15:00", "Housing", *Q2, "The \u00a325 parking permit"],
    ["R2", "2025-06", "2025-06-04 10:00:00", "Childrens Services", *Q1, "\u201cOpen door\u201d"],
    ["R2", "2025-06", "2025-06-04 10:00:00", "Childrens Services", *Q2, ""],
    ["R3", "2025-06", "2025-07-02 08:30:00", "Corporate Misc", *Q1, "Never tells us anything"],
    ["R3", "2025-06", "2025-07-02 08:30:00", "Corporate Misc", *Q2, "   "],
]


@pytest.fixture(scope="module")
def reference() -> DirectorateReference:
    return load_reference(CONFIG)


def write_csv(path: Path, rows: list[list[str]], encoding: str, header=SURVEY_COLUMNS) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_one(folder: Path, reference: DirectorateReference) -> pd.DataFrame:
    frame = read_survey_exports(folder, reference)
    assert list(frame.columns) == list(SOURCE_COLUMNS)
    return frame


# --- encodings and formats ---------------------------------------------------


def test_utf8_bom_csv_is_read_with_text_intact(tmp_path: Path, reference) -> None:
    path = write_csv(tmp_path / "surveys" / "wave_2025-06.csv", ROWS, "utf-8-sig")
    assert detect_encoding(path.read_bytes()) == "utf-8-sig"
    frame = read_one(path.parent, reference)
    first = frame.iloc[0]
    assert first["record_id"] == "survey:R1:Q1"
    assert first["text"] == "Always listens \u2013 café chats"
    assert first["provenance"] == "surveys/wave_2025-06.csv:row 1"
    assert first["source"] == "survey"
    assert (first["period"], first["batch_period"]) == ("2025-06", "2025-06")
    assert first["question"] == "What does your manager do well?"
    assert frame.loc[1, "text"] == "The \u00a325 parking permit"
    assert frame["occurred_at"].dtype == "datetime64[ns]"


def test_cp1252_csv_is_detected_not_assumed(tmp_path: Path, reference) -> None:
    rows = [list(r) for r in ROWS]
    rows[0][2] = "03/06/2025 09:15"  # UK day-first dates, as Excel writes them
    path = write_csv(tmp_path / "surveys" / "wave_2025-06.csv", rows, "cp1252")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    assert detect_encoding(path.read_bytes()) == "cp1252"
    frame = read_one(path.parent, reference)
    assert frame.loc[1, "text"] == "The \u00a325 parking permit"
    assert frame.loc[2, "text"] == "\u201cOpen door\u201d"
    assert frame.loc[0, "text"] == "Always listens \u2013 café chats"
    assert frame.loc[0, "occurred_at"] == pd.Timestamp("2025-06-03 09:15")


def test_xlsx_export_with_date_cells_and_empty_comment_cells(tmp_path: Path, reference) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(SURVEY_COLUMNS))
    for row in ROWS:
        sheet.append([*row[:2], datetime.fromisoformat(row[2]), *row[3:6], row[6] or None])
    (tmp_path / "surveys").mkdir()
    workbook.save(tmp_path / "surveys" / "wave_2025-06.xlsx")

    frame = read_one(tmp_path / "surveys", reference)
    assert len(frame) == len(ROWS)
    assert frame["parse_error"].isna().all()
    assert frame.loc[0, "text"] == "Always listens \u2013 café chats"
    assert frame.loc[3, "text"] is None
    assert frame.loc[5, "text"] == "   "
    assert frame.loc[0, "occurred_at"] == pd.Timestamp("2025-06-03 09:15")
    assert frame.loc[0, "provenance"] == "surveys/wave_2025-06.xlsx:row 1"


def test_parquet_export(tmp_path: Path, reference) -> None:
    frame = pd.DataFrame(ROWS, columns=list(SURVEY_COLUMNS))
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"])
    (tmp_path / "surveys").mkdir()
    frame.to_parquet(tmp_path / "surveys" / "wave_2025-06.parquet", index=False)

    out = read_one(tmp_path / "surveys", reference)
    assert out["record_id"].tolist()[:2] == ["survey:R1:Q1", "survey:R1:Q2"]
    assert out.loc[2, "text"] == "\u201cOpen door\u201d"
    assert out.loc[0, "occurred_at"] == pd.Timestamp("2025-06-03 09:15")


# --- mess comes through for validation -----------------------------------------


def test_messy_rows_all_come_through(tmp_path: Path, reference) -> None:
    rows = [*ROWS, ROWS[0]]  # the platform exported R1/Q1 twice
    frame = read_one(
        write_csv(tmp_path / "s" / "wave_2025-06.csv", rows, "utf-8-sig").parent, reference
    )

    assert len(frame) == len(rows)
    assert frame["record_id"].duplicated().sum() == 1
    assert frame.loc[3, "text"] is None  # blank answer
    assert frame.loc[5, "text"] == "   "  # whitespace kept for validation to judge
    assert frame.loc[2, "directorate"] == "Children's Services"  # alias
    assert frame.loc[2, "raw_directorate"] == "Childrens Services"
    assert frame.loc[4, "directorate"] is None  # unknown: never guessed
    assert frame.loc[4, "raw_directorate"] == "Corporate Misc"
    outside = frame["occurred_at"].dt.strftime("%Y-%m") != frame["batch_period"]
    assert frame.loc[outside, "record_id"].tolist() == ["survey:R3:Q1", "survey:R3:Q2"]


def test_stray_delimiter_row_is_kept_with_a_parse_error(tmp_path: Path, reference) -> None:
    path = write_csv(tmp_path / "s" / "wave_2025-06.csv", ROWS[:2], "utf-8-sig")
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(
            "R9,2025-06,2025-06-05 11:00:00,Housing,Q3,Any other comments?,"
            "Pay is poor, parking is worse\r\n"
        )
        handle.write(
            "R9,2025-06,2025-06-05 11:00:00,Housing,Q1,What does your manager do well?,Fair\r\n"
        )

    frame = read_one(path.parent, reference)
    assert len(frame) == 4
    bad = frame.iloc[2]
    assert bad["parse_error"] == "row has 8 fields, expected 7"
    assert bad["text"] is None
    assert bad["record_id"] == "survey:R9:Q3"
    assert bad["provenance"] == "s/wave_2025-06.csv:row 3"
    assert frame.loc[[0, 1, 3], "parse_error"].isna().all()
    assert frame.loc[3, "text"] == "Fair"


def test_unparseable_submission_time_becomes_nat(tmp_path: Path, reference) -> None:
    rows = [[*ROWS[0][:2], "last Tuesday", *ROWS[0][3:]]]
    frame = read_one(
        write_csv(tmp_path / "s" / "wave_2025-06.csv", rows, "utf-8").parent, reference
    )
    assert pd.isna(frame.loc[0, "occurred_at"])


def test_wave_comes_from_the_column_when_the_file_name_has_none(tmp_path: Path, reference) -> None:
    frame = read_one(write_csv(tmp_path / "s" / "june_export.csv", ROWS, "utf-8").parent, reference)
    assert set(frame["batch_period"]) == {"2025-06"}


def test_periods_select_waves_by_file(tmp_path: Path, reference) -> None:
    july = [["R7", "2025-07", "2025-07-03 09:00:00", "Housing", *Q1, "Fair"]]
    write_csv(tmp_path / "s" / "wave_2025-06.csv", ROWS, "utf-8")
    write_csv(tmp_path / "s" / "wave_2025-07.csv", july, "utf-8")
    frame = read_survey_exports(tmp_path / "s", reference, periods={"2025-07"})
    assert frame["record_id"].tolist() == ["survey:R7:Q1"]
    assert read_survey_exports(tmp_path / "s", reference, periods={"2024-01"}).empty


# --- batch errors ------------------------------------------------------------------


def test_missing_required_column_is_named(tmp_path: Path, reference) -> None:
    header = [c for c in SURVEY_COLUMNS if c != "comment"]
    path = write_csv(tmp_path / "s" / "wave_2025-06.csv", [r[:6] for r in ROWS], "utf-8", header)
    with pytest.raises(BatchError, match="comment") as caught:
        read_survey_exports(path.parent, reference)
    error = caught.value
    assert error.file == "s/wave_2025-06.csv"
    assert "missing required column" in error.problem
    assert error.fix and error.fix in str(error) and error.file in str(error)


@pytest.mark.parametrize("content", [b"", ",".join(SURVEY_COLUMNS).encode() + b"\r\n"])
def test_empty_file_is_a_batch_error(tmp_path: Path, reference, content: bytes) -> None:
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "wave_2025-06.csv").write_bytes(content)
    with pytest.raises(BatchError, match=r"empty|no data rows"):
        read_survey_exports(tmp_path / "s", reference)


@pytest.mark.parametrize("name", ["notes.txt", "wave_2025-06.json"])
def test_unsupported_file_type_is_a_batch_error(tmp_path: Path, reference, name: str) -> None:
    write_csv(tmp_path / "s" / "wave_2025-05.csv", ROWS, "utf-8")
    (tmp_path / "s" / name).write_text("{}", encoding="utf-8")
    with pytest.raises(BatchError, match="unsupported file type") as caught:
        read_survey_exports(tmp_path / "s", reference)
    assert caught.value.file == f"s/{name}"


def test_corrupt_workbook_is_a_batch_error(tmp_path: Path, reference) -> None:
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "wave_2025-06.xlsx").write_bytes(b"not a zip file")
    with pytest.raises(BatchError, match="not a readable XLSX"):
        read_survey_exports(tmp_path / "s", reference)


def test_missing_folder_is_a_batch_error(tmp_path: Path, reference) -> None:
    with pytest.raises(BatchError, match="does not exist"):
        read_survey_exports(tmp_path / "nowhere", reference)


def test_batch_error_message_holds_no_comment_text(tmp_path: Path, reference) -> None:
    header = [c for c in SURVEY_COLUMNS if c != "directorate"]
    rows = [[*r[:3], *r[4:]] for r in ROWS]
    path = write_csv(tmp_path / "s" / "wave_2025-06.csv", rows, "utf-8", header)
    with pytest.raises(BatchError) as caught:
        read_survey_exports(path.parent, reference)
    assert "parking" not in str(caught.value)


# --- complaints database -------------------------------------------------------------


def make_case_db(path: Path, cases: list[tuple[str, str, str, str]]) -> str:
    url = f"sqlite:///{path}"
    engine = sa.create_engine(url)
    metadata = sa.MetaData()
    table = sa.Table(
        "cases",
        metadata,
        sa.Column("case_id", sa.String, primary_key=True),
        sa.Column("opened_at", sa.DateTime),
        sa.Column("directorate", sa.String),
        sa.Column("category", sa.String),
        sa.Column("status", sa.String),
        sa.Column("summary", sa.Text),
    )
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            table.insert(),
            [
                {
                    "case_id": case_id,
                    "opened_at": datetime.fromisoformat(opened),
                    "directorate": directorate,
                    "category": "bullying",
                    "status": "open",
                    "summary": summary,
                }
                for case_id, opened, directorate, summary in cases
            ],
        )
    engine.dispose()
    return url


CASES = [
    ("C-000003", "2025-07-01 00:00:00", "Environment", "Manager shouted at the complainant."),
    ("C-000001", "2025-06-02 09:00:00", "ASC", "Employee A alleges favouritism."),
    ("C-000002", "2025-06-30 17:59:59", "Dept 14", "Grievance about overtime allocation."),
    ("C-000004", "2025-07-15 12:00:00", "Housing", None),
]


def test_cases_are_read_in_opened_at_window_and_order(tmp_path: Path, reference) -> None:
    url = make_case_db(tmp_path / "complaints.sqlite", CASES)
    frame = read_complaint_cases(
        url, reference, since=datetime(2025, 6, 1), until=datetime(2025, 7, 1), chunk_size=1
    )
    assert list(frame.columns) == list(SOURCE_COLUMNS)
    assert frame["record_id"].tolist() == ["complaint:C-000001", "complaint:C-000002"]
    assert frame["provenance"].tolist() == ["cases:case_id=C-000001", "cases:case_id=C-000002"]
    assert frame["directorate"].tolist() == ["Adult Social Care", None]
    assert frame["raw_directorate"].tolist() == ["ASC", "Dept 14"]
    assert set(frame["question"]) == {"Complaint summary"}
    assert set(frame["period"]) == set(frame["batch_period"]) == {"2025-06"}
    assert frame["parse_error"].isna().all()
    assert frame.loc[0, "occurred_at"] == pd.Timestamp("2025-06-02 09:00")


def test_next_window_starts_where_the_last_ended(tmp_path: Path, reference) -> None:
    url = make_case_db(tmp_path / "complaints.sqlite", CASES)
    frame = read_complaint_cases(url, reference, since=datetime(2025, 7, 1), chunk_size=2)
    assert frame["record_id"].tolist() == ["complaint:C-000003", "complaint:C-000004"]
    assert frame.loc[1, "text"] is None
    assert frame["batch_period"].tolist() == ["2025-07", "2025-07"]
    everything = read_complaint_cases(url, reference)
    assert len(everything) == len(CASES)


def test_unreachable_database_is_retried_then_reported(
    tmp_path: Path, reference, monkeypatch
) -> None:
    attempts: list[int] = []
    real_create_engine = sa.create_engine

    def counting_create_engine(url: str, **kwargs):
        engine = real_create_engine(url, **kwargs)
        sa.event.listen(engine, "do_connect", lambda *args: attempts.append(1))
        return engine

    monkeypatch.setattr(complaints_module.sa, "create_engine", counting_create_engine)
    url = f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'complaints.sqlite'}"
    with pytest.raises(SourceUnavailableError) as caught:
        read_complaint_cases(url, reference, max_attempts=3, wait_seconds=0)
    assert len(attempts) == 3
    assert caught.value.attempts == 3
    assert "complaints.sqlite" in str(caught.value) and "Fix:" in str(caught.value)


def test_password_is_masked_in_errors(reference) -> None:
    url = "postgresql://coach:s3cret@127.0.0.1:1/cases"
    assert "s3cret" not in mask_url(url)
    with pytest.raises(SourceUnavailableError) as caught:
        read_complaint_cases(url, reference, max_attempts=2, wait_seconds=0)
    assert "s3cret" not in str(caught.value)
    assert "***" in caught.value.url


def test_missing_table_is_a_batch_error(tmp_path: Path, reference) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'other.sqlite'}")
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE tickets (id TEXT)"))
    engine.dispose()
    with pytest.raises(BatchError, match="table does not exist"):
        read_complaint_cases(f"sqlite:///{tmp_path / 'other.sqlite'}", reference)


def test_missing_case_column_is_named(tmp_path: Path, reference) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'c.sqlite'}")
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "CREATE TABLE cases (case_id TEXT, opened_at TIMESTAMP, directorate TEXT, "
                "category TEXT, status TEXT)"
            )
        )
    engine.dispose()
    with pytest.raises(BatchError, match="summary"):
        read_complaint_cases(f"sqlite:///{tmp_path / 'c.sqlite'}", reference)
