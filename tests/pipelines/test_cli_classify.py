"""``coachlens classify``: comment files in, label files out (typer CliRunner)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from models.predict import ThemeClassifier
from models.taxonomy import LABEL_INDEX, LABELS, join_labels
from pipelines.cli import app

IMPROVE = "What could be improved?"
GOOD = "What is good about working here?"

COMMENTS = [
    ("c1", "My manager never listens to us.", IMPROVE),
    ("c2", "Pay is low and the car park is always full.", IMPROVE),
    ("c3", "Managers have favourites and micromanage the rest of us.", IMPROVE),
    ("c4", "Supportive and makes expectations clear.", GOOD),
    ("c5", "", IMPROVE),
]


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, artefact_dir: Path, tmp_path: Path) -> CliRunner:
    """A runner whose settings point at the trained artefacts and a scratch home."""
    monkeypatch.setenv("COACHLENS_MODEL_DIR", str(artefact_dir))
    monkeypatch.setenv("COACHLENS_HOME", str(tmp_path / "home"))
    return CliRunner()


def write_csv(path: Path, header: list[str], rows: list[tuple[str, ...]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def classify(runner: CliRunner, src: Path, out: Path, *extra: str):
    return runner.invoke(app, ["classify", "--input", str(src), "--output", str(out), *extra])


def assert_codebook_ordered(labels: list[str]) -> None:
    assert set(labels) <= set(LABELS)
    assert labels == sorted(set(labels), key=LABEL_INDEX.__getitem__)


def test_classify_csv_in_writes_csv_with_id_and_joined_labels(runner, tmp_path, classifier):
    src = write_csv(tmp_path / "comments.csv", ["id", "text", "question"], COMMENTS)
    out = tmp_path / "out" / "labels.csv"
    result = classify(runner, src, out)
    assert result.exit_code == 0, result.output
    assert "classified 5 comments" in result.output
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["id", "labels"]
    assert [r[0] for r in rows[1:]] == ["c1", "c2", "c3", "c4", "c5"]
    for _, cell in rows[1:]:
        assert_codebook_ordered(cell.split(";") if cell else [])
    expected = classifier.predict([t for _, t, _ in COMMENTS], [q for _, _, q in COMMENTS])
    assert [r[1] for r in rows[1:]] == [join_labels(labs) for labs in expected]
    assert "listening:neg" in rows[1][1].split(";")
    assert rows[2][1] == ""  # pay and parking: no label
    assert rows[5][1] == ""  # empty comment
    assert not list(out.parent.glob("*.tmp"))


def test_classify_jsonl_in_writes_jsonl_with_id_and_label_list(runner, tmp_path, classifier):
    records = [{"id": i, "text": t, "question": q} for i, t, q in COMMENTS]
    records[0]["id"] = 101  # numeric ids come back as strings
    src = write_jsonl(tmp_path / "comments.jsonl", records)
    out = tmp_path / "labels.jsonl"
    result = classify(runner, src, out)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [set(rec) for rec in lines] == [{"id", "labels"}] * len(COMMENTS)
    assert [rec["id"] for rec in lines] == ["101", "c2", "c3", "c4", "c5"]
    for rec in lines:
        assert isinstance(rec["labels"], list)
        assert_codebook_ordered(rec["labels"])
    expected = classifier.predict([t for _, t, _ in COMMENTS], [q for _, _, q in COMMENTS])
    assert [rec["labels"] for rec in lines] == expected
    assert lines[1]["labels"] == []


def test_classify_csv_without_question_column_works(runner, tmp_path):
    src = write_csv(tmp_path / "c.csv", ["id", "text"], [("1", "My manager never listens.")])
    out = tmp_path / "labels.csv"
    result = classify(runner, src, out, "--model", "rules")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines() == ["id,labels", "1,listening:neg"]


def test_classify_model_rules_works(runner, tmp_path, artefact_dir):
    src = write_csv(tmp_path / "comments.csv", ["id", "text", "question"], COMMENTS)
    out = tmp_path / "labels.jsonl"
    result = classify(runner, src, out, "--model", "rules")
    assert result.exit_code == 0, result.output
    got = [json.loads(line)["labels"] for line in out.read_text(encoding="utf-8").splitlines()]
    rules = ThemeClassifier.load(artefact_dir, "rules")
    assert got == rules.predict([t for _, t, _ in COMMENTS], [q for _, _, q in COMMENTS])
    assert got[0] == ["listening:neg"]
    assert got[1] == []


def test_classify_missing_text_column_exits_2_naming_file_and_column(runner, tmp_path):
    src = write_csv(tmp_path / "no_text.csv", ["id", "comment"], [("1", "never listens")])
    out = tmp_path / "labels.csv"
    result = classify(runner, src, out, "--model", "rules")
    assert result.exit_code == 2
    assert str(src) in result.stderr
    assert "missing required column 'text'" in result.stderr
    assert not out.exists()


def test_classify_missing_text_key_in_jsonl_exits_2(runner, tmp_path):
    src = write_jsonl(tmp_path / "no_text.jsonl", [{"id": "1", "comment": "never listens"}])
    result = classify(runner, src, tmp_path / "labels.jsonl", "--model", "rules")
    assert result.exit_code == 2
    assert str(src) in result.stderr
    assert "'text'" in result.stderr


def test_classify_unsupported_extension_is_a_clear_error(runner, tmp_path):
    src = tmp_path / "comments.xlsx"
    src.write_bytes(b"PK\x03\x04 not really a workbook")
    result = classify(runner, src, tmp_path / "labels.csv", "--model", "rules")
    assert result.exit_code == 2
    assert str(src) in result.stderr
    assert "unsupported file type '.xlsx'" in result.stderr
    assert ".csv or .jsonl" in result.stderr
    assert "Traceback" not in result.output


def test_classify_missing_input_file_exits_2(runner, tmp_path):
    src = tmp_path / "nowhere.csv"
    result = classify(runner, src, tmp_path / "labels.csv", "--model", "rules")
    assert result.exit_code == 2
    assert f"{src}: file not found" in result.stderr


def test_classify_unknown_model_is_a_usage_error(runner, tmp_path):
    src = write_csv(tmp_path / "c.csv", ["id", "text"], [("1", "x")])
    result = classify(runner, src, tmp_path / "labels.csv", "--model", "bert")
    assert result.exit_code == 2
    assert "choose one of ensemble, sklearn, spacy, rules" in result.output


def test_classify_without_trained_models_exits_2_saying_make_train(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("COACHLENS_MODEL_DIR", str(tmp_path / "empty"))
    src = write_csv(tmp_path / "c.csv", ["id", "text"], [("1", "x")])
    result = classify(runner, src, tmp_path / "labels.csv")
    assert result.exit_code == 2
    assert "make train" in result.stderr


def test_classify_csv_neutralises_formula_like_ids(runner, tmp_path):
    src = write_csv(tmp_path / "c.csv", ["id", "text"], [("=HYPERLINK(1)", "Pay is low.")])
    out = tmp_path / "labels.csv"
    result = classify(runner, src, out, "--model", "rules")
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as fh:
        assert list(csv.reader(fh))[1] == ["'=HYPERLINK(1)", ""]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_classify_with_some_questions_missing_works(runner, tmp_path, fmt):
    if fmt == "csv":
        src = write_csv(
            tmp_path / "c.csv",
            ["id", "text", "question"],
            [("1", "My manager never listens.", IMPROVE), ("2", "Pay is low.", "")],
        )
    else:
        src = write_jsonl(
            tmp_path / "c.jsonl",
            [
                {"id": "1", "text": "My manager never listens.", "question": IMPROVE},
                {"id": "2", "text": "Pay is low."},
            ],
        )
    result = classify(runner, src, tmp_path / "labels.csv", "--model", "rules")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.output
