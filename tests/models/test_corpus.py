"""The project's labelled training corpus under models/corpus (models.corpus)."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from models.corpus import (
    CORPUS_DIR,
    DEV_SHARE,
    HELDOUT_SHARE,
    Example,
    label_matrix,
    load_corpus,
    read_jsonl,
    split,
)
from models.taxonomy import LABEL_INDEX, LABELS


@pytest.fixture(scope="module")
def corpus() -> list[Example]:
    return load_corpus()


@pytest.fixture(scope="module")
def raw_records() -> list[tuple[str, int, dict]]:
    """Every record as stored (before de-duplication and label sorting)."""
    out = []
    for path in sorted(CORPUS_DIR.glob("*.jsonl")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                out.append((path.name, lineno, json.loads(line)))
    return out


def test_corpus_lives_in_models_corpus_not_shared_eval():
    assert Path(__file__).resolve().parents[2] / "models" / "corpus" == CORPUS_DIR
    assert sorted(CORPUS_DIR.glob("*.jsonl"))


def test_corpus_has_at_least_2000_comments(corpus):
    assert len(corpus) >= 2000


def test_at_least_40_percent_of_comments_have_no_label(corpus):
    share = sum(not ex.labels for ex in corpus) / len(corpus)
    assert share >= 0.40, f"only {share:.1%} of comments have no label"


def test_every_label_has_at_least_60_examples(corpus):
    counts = Counter(lab for ex in corpus for lab in ex.labels)
    thin = {lab: counts[lab] for lab in LABELS if counts[lab] < 60}
    assert not thin, f"labels with fewer than 60 examples: {thin}"


def test_ids_are_unique_across_all_files(raw_records):
    counts = Counter(rec["id"] for _, _, rec in raw_records)
    repeated = {i: n for i, n in counts.items() if n > 1}
    assert not repeated


def test_records_have_exactly_id_question_text_labels(raw_records):
    bad = [
        (name, line)
        for name, line, rec in raw_records
        if set(rec) != {"id", "question", "text", "labels"}
        or not isinstance(rec["text"], str)
        or not rec["text"].strip()
        or not isinstance(rec["labels"], list)
    ]
    assert not bad


def test_stored_labels_are_valid_unique_and_in_codebook_order(raw_records):
    bad = [
        (name, line, rec["labels"])
        for name, line, rec in raw_records
        if any(lab not in LABEL_INDEX for lab in rec["labels"])
        or rec["labels"] != sorted(set(rec["labels"]), key=LABEL_INDEX.get)
    ]
    assert not bad, bad[:5]


def test_loaded_examples_have_labels_in_codebook_order(corpus):
    for ex in corpus:
        assert list(ex.labels) == sorted(ex.labels, key=LABEL_INDEX.__getitem__)


def test_load_corpus_drops_repeated_text_with_same_question(corpus):
    keys = [(ex.question, ex.text.strip().lower()) for ex in corpus]
    assert len(keys) == len(set(keys))


def test_splits_are_disjoint_and_cover_the_corpus(corpus):
    parts = split(corpus)
    assert set(parts) == {"train", "dev", "heldout"}
    ids = {name: {ex.id for ex in part} for name, part in parts.items()}
    assert not ids["train"] & ids["dev"]
    assert not ids["train"] & ids["heldout"]
    assert not ids["dev"] & ids["heldout"]
    assert sum(len(p) for p in parts.values()) == len(corpus)


def test_split_sizes_are_near_the_configured_shares(corpus):
    parts = split(corpus)
    n = len(corpus)
    assert abs(len(parts["heldout"]) / n - HELDOUT_SHARE) < 0.03
    assert abs(len(parts["dev"]) / n - DEV_SHARE) < 0.03


def test_split_is_stable_across_order_and_growth(corpus):
    """The split depends only on each id's hash, not on order or on other comments."""
    before = {ex.id: name for name, part in split(corpus).items() for ex in part}
    shuffled = list(reversed(corpus))[::2]
    extra = [Example(f"new-{i}", None, f"new comment {i}", ()) for i in range(50)]
    after = {ex.id: name for name, part in split(shuffled + extra).items() for ex in part}
    assert all(after[i] == before[i] for i in after if i in before)


def expected_part(example_id: str) -> str:
    """The documented rule: the first 8 bytes of sha256(id) as a fraction of 2**64."""
    bucket = int.from_bytes(hashlib.sha256(example_id.encode()).digest()[:8], "big") / 2**64
    if bucket < HELDOUT_SHARE:
        return "heldout"
    return "dev" if bucket < HELDOUT_SHARE + DEV_SHARE else "train"


def test_split_is_the_sha256_of_the_id_on_every_machine(corpus):
    parts = split(corpus)
    got = {ex.id: name for name, part in parts.items() for ex in part}
    assert got == {ex.id: expected_part(ex.id) for ex in corpus}


def test_label_matrix_is_codebook_ordered_indicator(corpus):
    examples = [
        Example("a", None, "x", ("listening:neg", "overall:pos")),
        Example("b", None, "y", ()),
    ]
    y = label_matrix(examples)
    assert y.shape == (2, 18)
    assert y[0].tolist() == [int(lab in ("listening:neg", "overall:pos")) for lab in LABELS]
    assert y[1].sum() == 0
    assert label_matrix(corpus).sum() == sum(len(ex.labels) for ex in corpus)


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD_LINE = json.dumps(
    {"id": "t-1", "question": "Q?", "text": "Listens.", "labels": ["overall:pos", "listening:pos"]}
)


def test_read_jsonl_sorts_labels_and_skips_blank_lines(tmp_path):
    path = write(tmp_path / "ok.jsonl", GOOD_LINE, "", "   ")
    assert read_jsonl(path) == [Example("t-1", "Q?", "Listens.", ("listening:pos", "overall:pos"))]


def test_read_jsonl_null_labels_and_missing_question_are_allowed(tmp_path):
    path = write(tmp_path / "ok.jsonl", json.dumps({"id": 7, "text": "Pay.", "labels": None}))
    assert read_jsonl(path) == [Example("7", None, "Pay.", ())]


@pytest.mark.parametrize(
    "bad_line",
    [
        "{not json",
        json.dumps({"id": "t-2", "question": None, "labels": []}),  # no text
        json.dumps({"question": None, "text": "x", "labels": []}),  # no id
        json.dumps({"id": "t-2", "question": None, "text": "x", "labels": ["pay:neg"]}),
        json.dumps({"id": "t-2", "question": None, "text": "x", "labels": 5}),
        json.dumps({"id": "t-2", "question": None, "text": "x", "labels": "support:neg"}),
    ],
)
def test_read_jsonl_error_names_file_and_line(tmp_path, bad_line):
    path = write(tmp_path / "broken.jsonl", GOOD_LINE, "", bad_line)
    with pytest.raises(ValueError) as info:
        read_jsonl(path)
    assert f"{path}:3:" in str(info.value)


@pytest.mark.parametrize("bad_line", ['["a", "list"]', '"just a string"', "42"])
def test_read_jsonl_non_object_line_error_names_file_and_line(tmp_path, bad_line):
    path = write(tmp_path / "broken.jsonl", GOOD_LINE, bad_line)
    with pytest.raises(ValueError, match=re.escape(f"{path}:2:")):
        read_jsonl(path)


def test_load_corpus_rejects_id_used_twice(tmp_path):
    a = write(tmp_path / "a.jsonl", GOOD_LINE)
    b = write(tmp_path / "b.jsonl", GOOD_LINE.replace("Listens.", "Other text."))
    with pytest.raises(ValueError, match="'t-1' is used twice"):
        load_corpus([a, b])


def test_load_corpus_rejects_empty_input(tmp_path):
    empty = write(tmp_path / "empty.jsonl", "")
    with pytest.raises(ValueError, match="no labelled comments"):
        load_corpus([empty])
