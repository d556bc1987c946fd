"""Read comment files and write label files for ``coachlens classify`` (pure I/O)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd

from models.taxonomy import join_labels

REQUIRED = ("id", "text")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class InputFileError(ValueError):
    """A comment file that cannot be classified; the message names file and fix."""


def safe_cell(value: object) -> object:
    """Neutralise a text cell that a spreadsheet would run as a formula.

    Args:
        value: Any cell value.

    Returns:
        The value, with a leading ``'`` when it is a string starting with
        ``=``, ``+``, ``-``, ``@``, tab or carriage return.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def read_comments(path: Path) -> pd.DataFrame:
    """Read ``id``, ``text`` and optional ``question`` from CSV or JSONL.

    Args:
        path: A ``.csv`` or ``.jsonl`` file.

    Returns:
        A frame with columns ``id``, ``text``, ``question`` (ids as strings).

    Raises:
        InputFileError: Unknown extension, unreadable file or a missing column.
    """
    if not path.exists():
        raise InputFileError(f"{path}: file not found")
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        elif suffix in (".jsonl", ".ndjson"):
            frame = pd.read_json(path, lines=True, dtype=False)
        else:
            raise InputFileError(f"{path}: unsupported file type {suffix!r}; use .csv or .jsonl")
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        if isinstance(exc, InputFileError):
            raise
        raise InputFileError(
            f"{path}: cannot be parsed ({type(exc).__name__}); "
            "save it as UTF-8 CSV with a header row, or as JSON Lines"
        ) from exc
    for column in REQUIRED:
        if column not in frame.columns:
            raise InputFileError(
                f"{path}: missing required column {column!r} (found {list(frame.columns)}); "
                "add a header with columns id,text[,question]"
            )
    if "question" not in frame.columns:
        frame["question"] = None
    frame["id"] = frame["id"].astype(str)
    questions = frame["question"].astype(object)
    frame["question"] = questions.where(questions.map(lambda q: isinstance(q, str) and bool(q)))
    frame["question"] = frame["question"].astype(object).where(frame["question"].notna(), None)
    return frame[["id", "text", "question"]]


def write_labels(ids: list[str], labels: list[list[str]], path: Path) -> Path:
    """Write predictions as CSV (``id,labels`` joined by ``;``) or JSONL.

    The file is written to a temporary name and renamed, so a crash never
    leaves a half-written output.

    Args:
        ids: Comment ids.
        labels: Label lists in codebook order.
        path: ``.csv`` or ``.jsonl`` output.

    Returns:
        ``path``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            for i, labs in zip(ids, labels, strict=True):
                fh.write(json.dumps({"id": i, "labels": labs}) + "\n")
        else:
            writer = csv.writer(fh)
            writer.writerow(["id", "labels"])
            for i, labs in zip(ids, labels, strict=True):
                writer.writerow([safe_cell(i), join_labels(labs)])
    tmp.replace(path)
    return path
