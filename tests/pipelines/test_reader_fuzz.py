"""Property-based fuzzing of the input readers, down to validation.

Hypothesis writes real survey exports (CSV in several encodings and
delimiters, XLSX, Parquet) and real SQLite case tables full of malformed
rows: wrong column counts, embedded delimiters, quotes and newlines, 100k-
character fields, NUL bytes and control characters, bad dates, unknown
directorates and empty rows. The property: nothing crashes; a file may only
be refused as a whole with a :class:`BatchError` naming it, the problem and
the fix when its bytes contradict their declared encoding; otherwise every
data row written is read, and every row read is either passed or quarantined
with a reason (``read = passed + quarantined``), rows of the wrong width
under ``parse_error``.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import pipelines
from pipelines.directorates import DirectorateReference, load_reference
from pipelines.schema import CASE_COLUMNS, SURVEY_COLUMNS
from pipelines.sources import BatchError, read_complaint_cases, read_survey_file
from pipelines.validate import validate_records

CONFIG = Path(pipelines.__file__).parent / "config" / "directorates.yaml"
WIDTH = len(SURVEY_COLUMNS)
HUGE = ("words and more words " * 5_000)[:100_000]
FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI cannot flake
    phases=(Phase.explicit, Phase.reuse, Phase.generate),  # no shrinking: each example validates
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NASTY = [",", ";", "\t", "|", '"', '""', "\n", "\r\n", "\r", "\x00", "\x1b", "\x0b\x0c", "a,b;c"]
NASTY += ['she said "no"', "line one\nline two", '"quoted, with comma"', "=1+1", HUGE, " ", ""]


def _text() -> st.SearchStrategy[str]:
    chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufeff")
    return st.one_of(st.text(chars, max_size=40), st.sampled_from(NASTY))


DATES = st.sampled_from(
    ["2025-06-03 09:15:00", "14/06/2025 09:31", "2025-06-30", "2025-13-45", "yesterday", "",
     "31/02/2025", "0000-00-00", "9999-12-31 23:59:59", "2025-06-03T09:15:00+01:00", "\x00"]
)  # fmt: skip
DIRECTORATES = st.sampled_from(
    ["Housing", "ASC", "childrens services", "HR & OD", "Narnia", "", " ", "Housing\x00",
     "Dept 14", "It was awful, truly", HUGE[:300]]
)  # fmt: skip


@st.composite
def survey_row(draw: st.DrawFn) -> tuple[str, list[Any]]:
    """One data row: (kind, cells); kind is ``ok``, ``short``, ``long`` or ``empty``."""
    text = _text()
    cells: list[Any] = [
        draw(st.one_of(st.sampled_from(["R1", "R2", "R3", ""]), text)),
        draw(st.sampled_from(["2025-06", "2025-6", "", "June"])),
        draw(DATES),
        draw(DIRECTORATES),
        draw(st.sampled_from(["Q1", "Q2", ""])),
        draw(st.sampled_from(["What could be improved?", "What is good about working here?", ""])),
        draw(text),
    ]
    kind = draw(st.sampled_from(["ok", "ok", "ok", "short", "long", "empty"]))
    if kind == "short":
        cells = cells[: draw(st.integers(1, WIDTH - 1))]
    elif kind == "long":
        cells += draw(st.lists(st.sampled_from(["x", "extra", "9"]), min_size=1, max_size=3))
    elif kind == "empty":
        cells = [""] * WIDTH
    return kind, cells


@pytest.fixture(scope="module")
def reference() -> DirectorateReference:
    return load_reference(CONFIG)


def _check(path: Path, expected_rows: int, bad_widths: set[int], reference: DirectorateReference,
           *, may_refuse: bool = False) -> None:  # fmt: skip
    """Read ``path``; assert the row accounting down to validation."""
    try:
        frame = read_survey_file(path, reference)
    except BatchError as exc:
        assert may_refuse, f"a readable file was refused: {exc.problem}"
        assert path.name in str(exc) and exc.problem and exc.fix
        return
    assert len(frame) == expected_rows
    outcome = validate_records(frame, directorates=list(reference.names), run_id="fuzz")
    survey = outcome.counts.set_index("source").loc["survey"]
    assert survey["read"] == expected_rows == survey["passed"] + survey["quarantined"]
    assert len(outcome.passed) + len(outcome.quarantine) == expected_rows
    quarantine = outcome.quarantine
    assert quarantine["reason"].map(lambda r: isinstance(r, str) and len(r) > 10).all()
    assert not quarantine["reason"].astype(str).str.contains("words and more words").any()
    parse_rows = {
        int(p.rsplit(" ", 1)[1])
        for p in quarantine.loc[quarantine["rule"] == "parse_error", "provenance"]
    }
    assert parse_rows == bad_widths


@given(
    rows=st.lists(survey_row(), min_size=1, max_size=12),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1"]),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    unquoted=st.booleans(),
)
@FUZZ
def test_csv_exports_account_for_every_row(
    tmp_path_factory: pytest.TempPathFactory,
    reference: DirectorateReference,
    rows: list[tuple[str, list[Any]]],
    encoding: str,
    delimiter: str,
    unquoted: bool,
) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(SURVEY_COLUMNS)
    bad = set()
    for number, (kind, cells) in enumerate(rows, start=1):
        if unquoted and kind == "ok" and number == 1:
            # a stray delimiter in an unquoted comment: one field too many
            plain = [str(c).translate({ord(x): None for x in '"\r\n' + delimiter}) for c in cells]
            buffer.write(delimiter.join([*plain[:-1], f"before{delimiter}after"]) + "\r\n")
            bad.add(number)
            continue
        writer.writerow(cells)
        if len(cells) != WIDTH:
            bad.add(number)
    path = tmp_path_factory.mktemp("csv") / "wave_2025-06.csv"
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    _check(path, len(rows), bad, reference)


@given(
    rows=st.lists(survey_row(), min_size=1, max_size=8),
    declared=st.sampled_from(["utf-8-bom+cp1252", "utf-16-bom+odd", "utf-8-bom+latin-1"]),
)
@FUZZ
def test_csv_with_a_wrong_declared_encoding_is_refused_by_name_or_read_whole(
    tmp_path_factory: pytest.TempPathFactory,
    reference: DirectorateReference,
    rows: list[tuple[str, list[Any]]],
    declared: str,
) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SURVEY_COLUMNS)
    writer.writerows(cells for _, cells in rows)
    text = buffer.getvalue() + "caf\u00e9 \u00a325\n"  # a last line with non-ASCII for sure
    if declared == "utf-16-bom+odd":
        data = b"\xff\xfe" + text.encode("utf-16-le") + b"\x00"
    else:
        data = b"\xef\xbb\xbf" + text.encode(declared.split("+")[1], errors="replace")
    path = tmp_path_factory.mktemp("enc") / "wave_2025-06.csv"
    path.write_bytes(data)
    bad = {n for n, (_, cells) in enumerate(rows, start=1) if len(cells) != WIDTH} | {len(rows) + 1}
    _check(path, len(rows) + 1, bad, reference, may_refuse=True)


@given(rows=st.lists(survey_row(), min_size=1, max_size=8))
@FUZZ
def test_xlsx_exports_account_for_every_row(
    tmp_path_factory: pytest.TempPathFactory,
    reference: DirectorateReference,
    rows: list[tuple[str, list[Any]]],
) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(list(SURVEY_COLUMNS))
    # XLSX cannot hold control characters; a spreadsheet has no "row of empty
    # cells" (blank rows are not data rows) and missing trailing cells read as
    # empty, so only extra filled cells make a row malformed
    legal = [[ILLEGAL_CHARACTERS_RE.sub("", c) for c in cells] for _, cells in rows]
    kept = [cells for cells in legal if any(c != "" for c in cells)]
    for cells in kept:
        sheet.append([c if c != "" else None for c in cells])
    path = tmp_path_factory.mktemp("xlsx") / "wave_2025-06.xlsx"
    workbook.save(path)
    bad = {n for n, cells in enumerate(kept, start=1) if len(cells) > WIDTH}
    if not kept:
        with pytest.raises(BatchError, match="no data rows"):
            read_survey_file(path, reference)
        return
    _check(path, len(kept), bad, reference)


@given(rows=st.lists(survey_row(), min_size=1, max_size=12), nulls=st.booleans())
@FUZZ
def test_parquet_exports_account_for_every_row(
    tmp_path_factory: pytest.TempPathFactory,
    reference: DirectorateReference,
    rows: list[tuple[str, list[Any]]],
    nulls: bool,
) -> None:
    padded = [(cells + [None] * WIDTH)[:WIDTH] for _, cells in rows]
    frame = pd.DataFrame(padded, columns=list(SURVEY_COLUMNS), dtype=object)
    if nulls:
        frame = frame.where(frame != "", None)
    path = tmp_path_factory.mktemp("parquet") / "wave_2025-06.parquet"
    frame.to_parquet(path)
    _check(path, len(rows), set(), reference)


CASE_VALUE = st.one_of(
    st.none(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=True),
    _text(),
    st.binary(max_size=20),
)


@st.composite
def case_row(draw: st.DrawFn) -> tuple[Any, ...]:
    """A cases row; SQLite keeps any type in any column, so every cell is fuzzed."""
    return (
        draw(st.one_of(st.sampled_from(["C-1", "C-2", "C-3"]), CASE_VALUE)),
        draw(st.one_of(DATES, CASE_VALUE)),
        draw(st.one_of(DIRECTORATES, CASE_VALUE)),
        draw(st.one_of(st.sampled_from(["bullying", "other", "Bullying "]), CASE_VALUE)),
        draw(st.one_of(st.sampled_from(["open", "closed"]), CASE_VALUE)),
        draw(CASE_VALUE),
    )


@given(rows=st.lists(case_row(), min_size=1, max_size=12))
@FUZZ
def test_case_rows_account_for_every_row(
    tmp_path_factory: pytest.TempPathFactory,
    reference: DirectorateReference,
    rows: list[tuple[Any, ...]],
) -> None:
    path = tmp_path_factory.mktemp("cases") / "cases.sqlite"
    with sqlite3.connect(path) as con:  # untyped columns: any value goes in
        con.execute(f"CREATE TABLE cases ({', '.join(CASE_COLUMNS)})")
        con.executemany(f"INSERT INTO cases VALUES ({', '.join('?' * len(CASE_COLUMNS))})", rows)
    con.close()
    frame = read_complaint_cases(f"sqlite:///{path}", reference)
    assert len(frame) == len(rows)
    outcome = validate_records(frame, directorates=list(reference.names), run_id="fuzz")
    cases = outcome.counts.set_index("source").loc["complaint"]
    assert cases["read"] == len(rows) == cases["passed"] + cases["quarantined"]
    assert outcome.quarantine["reason"].map(lambda r: isinstance(r, str) and len(r) > 10).all()
    assert not outcome.quarantine["reason"].astype(str).str.contains("words and more words").any()


# --------------------------------------------------------------------------- what fuzzing found


def test_dates_beyond_nanosecond_range_are_unparseable_not_a_crash() -> None:
    from pipelines.sources.frame import parse_timestamps

    raw = pd.Series(["9999-12-31 23:59:59", "0001-01-01", "31/12/9999 10:00", "2025-06-03"])
    parsed = parse_timestamps(raw)
    assert parsed.isna().tolist() == [True, True, True, False]
    assert str(parsed.dtype) == "datetime64[ns]"


def test_bom_contradicted_by_the_bytes_is_a_batch_error_naming_the_file(
    tmp_path: Path, reference: DirectorateReference
) -> None:
    path = tmp_path / "wave_2025-06.csv"
    body = ",".join(SURVEY_COLUMNS) + "\nR1,2025-06,2025-06-03,Housing,Q1,Q,caf\u00e9\n"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("cp1252"))
    with pytest.raises(BatchError, match=r"wave_2025-06\.csv") as err:
        read_survey_file(path, reference)
    assert "byte-order mark" in err.value.problem and "UTF-8" in err.value.fix


def test_undetectable_single_byte_text_falls_back_to_cp1252(tmp_path: Path) -> None:
    from pipelines.sources import detect_encoding

    data = ("\x04II\x98\x87\x11\u00f0\u00e8\x1b" * 3).encode("cp1252", errors="replace")
    assert detect_encoding(data) in {"cp1252", "latin-1"}
    data.decode(str(detect_encoding(data)))


def test_blob_and_number_cells_in_a_sqlite_case_table_are_rows_not_an_outage(
    tmp_path: Path, reference: DirectorateReference
) -> None:
    path = tmp_path / "cases.sqlite"
    with sqlite3.connect(path) as con:
        con.execute(f"CREATE TABLE cases ({', '.join(CASE_COLUMNS)})")
        rows = [
            ("C-1", b"2\xff\xfe", "Housing", "other", "open", "fine text"),
            ("C-2", "2025-06-03", 42, "other", "open", 3.5),
            (7, "2025-06-04", b"Housing", "other", "open", b"\xffsummary"),
        ]
        con.executemany("INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?)", rows)
    con.close()
    frame = read_complaint_cases(f"sqlite:///{path}", reference)
    assert len(frame) == 3
    by_id = frame.set_index("record_id")  # read in opened_at order: BLOBs sort last
    assert by_id["occurred_at"].isna().to_dict() == {
        "complaint:C-1": True,
        "complaint:C-2": False,
        "complaint:7": False,
    }
    assert by_id.loc["complaint:C-2", "text"] == "3.5"
    assert by_id.loc["complaint:7", "text"] == "\ufffdsummary"
    assert by_id.loc["complaint:7", "directorate"] == "Housing"


# ----------------------------------------------------------------- XLSX: calamine reads as openpyxl


def _xlsx(path: Path, rows: list[list[Any]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(list(SURVEY_COLUMNS))
    for cells in rows:
        sheet.append(cells)
    workbook.save(path)
    return path


def _read_with_openpyxl(
    path: Path, reference: DirectorateReference, monkeypatch: pytest.MonkeyPatch
) -> pd.DataFrame:
    import pipelines.sources.xlsx as xlsx

    with monkeypatch.context() as patched:
        patched.setattr(xlsx, "_needs_openpyxl", lambda _path: True)
        return read_survey_file(path, reference)


@given(rows=st.lists(survey_row(), min_size=1, max_size=8))
@FUZZ
def test_xlsx_read_by_calamine_equals_openpyxl(
    tmp_path_factory: pytest.TempPathFactory,
    reference: DirectorateReference,
    rows: list[tuple[str, list[Any]]],
) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # whitespace-only strings are read with openpyxl anyway (see the next test)
    legal = [
        [c if (c := ILLEGAL_CHARACTERS_RE.sub("", v)).strip() or c == "" else "x" for v in cells]
        for _, cells in rows
    ]
    kept = [[c if c != "" else None for c in cells] for cells in legal if any(cells)]
    if not kept:
        return
    path = _xlsx(tmp_path_factory.mktemp("xlsx") / "wave_2025-06.xlsx", kept)
    import pipelines.sources.xlsx as xlsx

    assert not xlsx._needs_openpyxl(path)
    with pytest.MonkeyPatch.context() as monkeypatch:
        expected = _read_with_openpyxl(path, reference, monkeypatch)
    pd.testing.assert_frame_equal(read_survey_file(path, reference), expected)


def test_xlsx_typed_cells_read_by_calamine_as_by_openpyxl(
    tmp_path: Path, reference: DirectorateReference, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date, datetime

    rows: list[list[Any]] = [
        [17, "2025-06", datetime(2025, 6, 3), "Housing", 1, "Q", "ok"],  # midnight: a date
        [18.0, "2025-06", date(2025, 6, 4), "Housing", 2.5, "Q", True],
        ["R3", "2025-06", datetime(2025, 6, 5, 9, 30), "Housing", "Q1", "Q", "a  b", None, "x"],
        [None, None, None, None, None, None, None],  # a blank row is not a data row
        ["R4", None, None, "Finance"],  # trailing empty cells
    ]
    path = _xlsx(tmp_path / "wave_2025-06.xlsx", rows)
    frame = read_survey_file(path, reference)
    pd.testing.assert_frame_equal(frame, _read_with_openpyxl(path, reference, monkeypatch))
    assert frame["record_id"].tolist()[:2] == ["survey:17:1", "survey:18:2.5"]
    assert frame["occurred_at"].tolist()[:2] == [
        pd.Timestamp("2025-06-03"),
        pd.Timestamp("2025-06-04"),
    ]
    assert frame["parse_error"].tolist()[2] == "row has 9 fields, expected 7"
    assert len(frame) == 4


def test_xlsx_error_and_whitespace_only_cells_keep_their_rows(
    tmp_path: Path, reference: DirectorateReference
) -> None:
    # calamine reads both as empty; openpyxl (the file's reader then) keeps the values
    path = _xlsx(
        tmp_path / "wave_2025-06.xlsx",
        [
            [" ", None, None, "\t", None, None, " "],
            ["R2", "2025-06", None, "Housing", "Q1", "Q", "#N/A"],
        ],
    )
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook.active["G3"].data_type = "e"
    workbook.save(path)
    frame = read_survey_file(path, reference)
    assert len(frame) == 2
    assert frame["text"].tolist() == [" ", "#N/A"]
    outcome = validate_records(frame, directorates=list(reference.names), run_id="fuzz")
    assert len(outcome.passed) + len(outcome.quarantine) == 2
