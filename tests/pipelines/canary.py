"""Canary helpers: plant unique tokens and personal data in demo inputs, then find them.

:func:`plant` rewrites the generated demo inputs (CSV in both encodings, XLSX,
Parquet, the SQLite ``cases`` table) so that many comments carry a unique
canary word and some carry personal data of every kind the redactor must
catch. :func:`scan` searches every file below some folders for those strings,
in the raw bytes, in base64 runs (pickled Prefect results) and in the decoded
contents of Parquet, DuckDB, SQLite, zip (XLSX) and gzip files. A
:class:`Hit` names the file, where in it and which needle matched (by kind
and number), never the text around it.
"""

from __future__ import annotations

import base64
import binascii
import csv
import gzip
import io
import re
import shutil
import sqlite3
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
from openpyxl import load_workbook

from pipelines.demo_data.writers import write_parquet
from pipelines.demo_data.xlsx import write_xlsx
from pipelines.schema import SURVEY_COLUMNS

OUTSIDE_DATE = pd.Timestamp("2019-01-15 10:30:00")
UNKNOWN_DIRECTORATE = "Directorate Of Nowhere"


def nhs_number(first_nine: str) -> str:
    """Complete nine digits into a valid NHS number (modulus 11 check digit)."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    if check == 10:
        raise ValueError(f"{first_nine} has no valid check digit")
    return f"{first_nine}{check}"


def _spaced_nhs(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}"


@dataclass(frozen=True)
class Pii:
    """One planted piece of personal data.

    Attributes:
        kind: Entity kind (``person``, ``email``, ``url``, ``phone``, ``ni_number``,
            ``nhs_number``, ``postcode``, ``employee_id``).
        value: The exact planted string.
        sentence: The sentence appended to a comment (contains ``value``).
        needles: Strings searched for: the value and distinctive parts of it
            (a surname, the digits without spaces).
    """

    kind: str
    value: str
    sentence: str
    needles: tuple[str, ...]


def _pii(kind: str, value: str, template: str, *extra: str) -> Pii:
    squashed = "".join(value.split())
    needles = tuple(dict.fromkeys([value, *([squashed] if squashed != value else []), *extra]))
    return Pii(kind, value, template.format(value), needles)


_NHS_A = nhs_number("943476591")
_NHS_B = nhs_number("401023213")

PII_ITEMS: tuple[Pii, ...] = (
    _pii(
        "person", "Mrs Lorna Quenby", "My manager {} shouts at people in team meetings.", "Quenby"
    ),
    _pii(
        "person", "pauline aldersey", "nobody listens to {} when she raises workload.", "Aldersey"
    ),
    _pii("person", "BRENDAN TREVATHAN", "{} takes credit for everything we do.", "Trevathan"),
    _pii("person", "Ifeoma Okonkwo-Leigh", "{} was the only one who supported me.", "Okonkwo"),
    _pii("person", "Dr Hallworth", "I reported it to {} and nothing happened.", "Hallworth"),
    _pii("email", "marek.dunsby@example.gov.uk", "Email me at {} for details.", "dunsby"),
    _pii("email", "B.FENWICKE@EXAMPLE.ORG", "Contact {} about the rota.", "fenwicke"),
    _pii("url", "https://intranet.example.org/staff/tpellow", "See {} for proof.", "tpellow"),
    _pii("url", "www.example.com/people/rgarside", "His page {} says he coaches.", "rgarside"),
    _pii("phone", "07700 900582", "Ring me on {} after six."),
    _pii("phone", "+44 7700 900618", "My mobile is {} if anyone cares."),
    _pii("phone", "020 7946 0321", "Call the office on {} to check."),
    _pii("ni_number", "JT 48 29 17 B", "My NI number {} was on the printout left out."),
    _pii("ni_number", "HN317405D", "They emailed my NI number {} to the whole team."),
    _pii("nhs_number", _spaced_nhs(_NHS_A), "My NHS number {} was read out in the office."),
    _pii("nhs_number", _NHS_B, "Occupational health wrote NHS number {} on the form."),
    _pii("postcode", "LS6 2UE", "He even knows I live at {} and turned up there."),
    _pii("postcode", "EH12 9DN", "Post it to {} please."),
    _pii("employee_id", "EMP482913", "My employee id is {} if you want to check."),
    _pii("employee_id", "EMP730154", "The manager of {} bullies the whole team."),
)
"""Invented personal data of every kind, each in a sentence (reserved numbers and domains).

Every item has its own distinctive needle (a surname, a user name), so a hit names one item.
"""


@dataclass(repr=False)
class Planted:
    """What :func:`plant` put into the inputs.

    Attributes:
        canaries: Every canary word planted.
        quarantined: Canaries planted only in rows validation must quarantine.
        pii: Personal data planted, plus the generator's own leaked values.
        files: Input files rewritten.
    """

    canaries: list[str] = field(default_factory=list)
    quarantined: list[str] = field(default_factory=list)
    pii: list[Pii] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def __repr__(self) -> str:
        """Counts only: a failing test must not print planted text."""
        return f"Planted({len(self.canaries)} canaries, {len(self.pii)} personal data items)"

    def needles(self) -> list[tuple[str, str]]:
        """Every searched string with its label (``canary#3``, ``pii:phone#1``)."""
        out = [(f"canary#{i}", c) for i, c in enumerate(self.canaries)]
        for i, item in enumerate(self.pii):
            out += [(f"pii:{item.kind}#{i}", n) for n in item.needles]
        return out


def new_canary() -> str:
    """A unique lowercase word no text or redactor can produce by chance (letters only).

    Short (18 characters), so a message that clips a value at 60 characters still
    shows it whole when it starts the value.
    """
    letters = uuid.uuid4().hex[:12].translate(str.maketrans("0123456789", "qrstuvwxyz"))
    return f"canary{letters}"


class _Planter:
    """Hands out canaries and PII sentences, recording them."""

    def __init__(self, planted: Planted) -> None:
        self.planted = planted
        self._pii = 0

    def canary(self, *, quarantined: bool = False) -> str:
        token = new_canary()
        self.planted.canaries.append(token)
        if quarantined:
            self.planted.quarantined.append(token)
        return token

    def pii_sentence(self) -> str | None:
        if self._pii >= len(PII_ITEMS):
            return None
        item = PII_ITEMS[self._pii]
        self._pii += 1
        self.planted.pii.append(item)
        return item.sentence


def _append(text: object, addition: str) -> str:
    base = "" if text is None or (isinstance(text, float) and np.isnan(text)) else str(text)
    base = base.rstrip()
    if base and base[-1] not in ".!?":
        base += "."
    return f"{base} {addition}".strip()


def _plant_rows(frame: pd.DataFrame, planter: _Planter, n_canary: int, n_pii: int) -> pd.DataFrame:
    """Plant canaries and PII in answered comments; make some rows fail validation.

    Args:
        frame: Survey rows (``SURVEY_COLUMNS``, text cells) of one wave.
        planter: Where canaries and PII come from.
        n_canary: Comments (expected to pass) that get a canary.
        n_pii: Comments that get a PII sentence (and a canary).

    Returns:
        The frame with planted text.
    """
    out = frame.copy()
    comment = out["comment"].astype(object)
    answered = [int(i) for i in np.flatnonzero(comment.fillna("").str.strip().ne("").to_numpy())]
    keys = out["response_id"].astype(str) + ":" + out["question_id"].astype(str)
    dup_keys = set(keys[keys.duplicated(keep=False)])
    singles = [i for i in answered if keys.iloc[i] not in dup_keys]
    for i in singles[:n_canary]:
        out.at[i, "comment"] = _append(out.at[i, "comment"], f"Also {planter.canary()} again.")
    for i in singles[n_canary : n_canary + n_pii]:
        sentence = planter.pii_sentence()
        if sentence is not None:
            out.at[i, "comment"] = _append(out.at[i, "comment"], f"{sentence} {planter.canary()}")
    rest = singles[n_canary + n_pii :]
    unknown, outside = rest[0], rest[1]
    out.at[unknown, "directorate"] = UNKNOWN_DIRECTORATE
    out.at[unknown, "comment"] = _append(
        out.at[unknown, "comment"], planter.canary(quarantined=True)
    )
    out.at[outside, "submitted_at"] = OUTSIDE_DATE
    out.at[outside, "comment"] = _append(
        out.at[outside, "comment"], planter.canary(quarantined=True)
    )
    # a comment that landed in the directorate column (a shifted export)
    shifted = rest[2]
    out.at[shifted, "directorate"] = (
        f"{planter.canary(quarantined=True)} honestly nobody listens to us here at all"
    )
    for key in sorted(dup_keys)[:1]:  # both copies: the first passes, the second is quarantined
        token = planter.canary()
        for copy in np.flatnonzero((keys == key).to_numpy()).tolist():
            out.at[copy, "comment"] = _append(out.at[copy, "comment"], token)
    return out


def _csv_plant(path: Path, planter: _Planter, n_canary: int, n_pii: int) -> None:
    data = path.read_bytes()
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "cp1252"
    rows = list(csv.reader(io.StringIO(data.decode(encoding), newline="")))
    header, body = rows[0], [r for r in rows[1:] if r]
    good = [r for r in body if len(r) == len(header)]
    frame = pd.DataFrame(good, columns=header, dtype=object)
    frame["submitted_at"] = frame["submitted_at"].astype(object)
    planted = _plant_rows(frame, planter, n_canary, n_pii)
    planted["submitted_at"] = [
        v.strftime("%Y-%m-%d %H:%M:%S") if isinstance(v, pd.Timestamp) else v
        for v in planted["submitted_at"]
    ]
    replaced = iter(planted.loc[:, header].astype(str).to_numpy().tolist())
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in body:
        writer.writerow(next(replaced) if len(row) == len(header) else row)
    path.write_bytes(buffer.getvalue().encode(encoding))


def _xlsx_plant(path: Path, planter: _Planter, n_canary: int, n_pii: int) -> None:
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        values = list(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()
    header = [str(h) for h in values[0]]
    padded = [[*v, *[None] * (len(header) - len(v))][: len(header)] for v in values[1:]]
    frame = pd.DataFrame(padded, columns=header, dtype=object)
    planted = _plant_rows(frame, planter, n_canary, n_pii)
    planted["submitted_at"] = pd.to_datetime(planted["submitted_at"])
    write_xlsx(planted.loc[:, list(SURVEY_COLUMNS)], path)


def _parquet_plant(path: Path, planter: _Planter, n_canary: int, n_pii: int) -> None:
    frame = pd.read_parquet(path).astype({"comment": object, "directorate": object})
    planted = _plant_rows(frame, planter, n_canary, n_pii)
    planted["submitted_at"] = pd.to_datetime(planted["submitted_at"])
    write_parquet(planted, path)


_PLANTERS = {".csv": _csv_plant, ".xlsx": _xlsx_plant, ".parquet": _parquet_plant}


def _plant_cases(database: Path, planter: _Planter, per_month: int) -> None:
    con = sqlite3.connect(database)
    try:
        cases = con.execute(
            "SELECT case_id, substr(opened_at, 1, 7), summary FROM cases "
            "WHERE summary IS NOT NULL ORDER BY opened_at, case_id"
        ).fetchall()
        by_month: dict[str, list[tuple[str, str]]] = {}
        for case_id, month, summary in cases:
            by_month.setdefault(month, []).append((case_id, summary))
        for month_cases in by_month.values():
            for k, (case_id, summary) in enumerate(month_cases[: per_month + 2]):
                if k == per_month:  # quarantined: unknown directorate
                    token = planter.canary(quarantined=True)
                    con.execute(
                        "UPDATE cases SET directorate = ?, summary = ? WHERE case_id = ?",
                        (UNKNOWN_DIRECTORATE, _append(summary, token), case_id),
                    )
                    continue
                addition = planter.canary()
                if k == per_month + 1:
                    addition = f"{planter.pii_sentence() or ''} {addition}"
                con.execute(
                    "UPDATE cases SET summary = ? WHERE case_id = ?",
                    (_append(summary, addition.strip()), case_id),
                )
        con.commit()
    finally:
        con.close()


def _generator_leaks(demo_dir: Path) -> list[Pii]:
    """Personal data the demo generator itself leaks into comments (ground truth)."""
    import json

    truth = json.loads((demo_dir / "ground_truth.json").read_text(encoding="utf-8"))
    found: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if {"kind", "value", "record_id"} <= node.keys():
                found[str(node["value"])] = str(node["kind"])
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(truth)
    return [_pii(kind, value, "{}") for value, kind in sorted(found.items())]


def plant(demo_dir: Path, *, n_canary: int = 6, n_pii: int = 4) -> Planted:
    """Plant canaries and personal data into every survey wave and the cases table.

    Args:
        demo_dir: Output folder of :func:`pipelines.demo_data.generate_demo_data`.
        n_canary: Passing comments per wave that get a canary.
        n_pii: Comments per wave that get a PII sentence.

    Returns:
        What was planted where.
    """
    planted = Planted()
    planter = _Planter(planted)
    for path in sorted((demo_dir / "surveys").iterdir()):
        _PLANTERS[path.suffix](path, planter, n_canary, n_pii)
        planted.files.append(path)
    _plant_cases(demo_dir / "complaints.sqlite", planter, per_month=2)
    planted.files.append(demo_dir / "complaints.sqlite")
    if len(planted.pii) != len(PII_ITEMS):
        raise AssertionError("not every PII item was planted: raise n_pii")
    planted.pii += _generator_leaks(demo_dir)
    return planted


# --- scanning --------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """One needle found in one place; holds no text from the file.

    Attributes:
        file: The file, relative to the scanned root it was found under.
        where: ``raw bytes`` or the decoded part (``duckdb table quarantine``).
        needle: Label of the needle (``canary#3``, ``pii:phone#9``).
    """

    file: str
    where: str
    needle: str

    def __str__(self) -> str:
        return f"{self.needle} in {self.file} [{self.where}]"


def _decoded_parts(path: Path, head: bytes) -> Iterator[tuple[str, str]]:
    """Yield (where, text) for the decoded contents of structured files."""
    if head.startswith(b"PAR1"):
        table = pq.read_table(path)
        for name in table.column_names:
            yield f"parquet column {name}", "\n".join(map(str, table.column(name).to_pylist()))
    elif head.startswith(b"SQLite format 3\x00"):
        yield from _sqlite_parts(path)
    elif head[8:12] == b"DUCK":
        yield from _duckdb_parts(path)
    elif head.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                yield f"zip member {name}", archive.read(name).decode("utf-8", "replace")
    elif head.startswith(b"\x1f\x8b"):
        yield "gzip content", gzip.decompress(path.read_bytes()).decode("utf-8", "replace")


def _sqlite_parts(path: Path) -> Iterator[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:  # a copy (with its WAL) is never locked or changed
        copy = Path(tmp) / path.name
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{path}{suffix}").exists():
                shutil.copyfile(f"{path}{suffix}", f"{copy}{suffix}")
        con = sqlite3.connect(copy)
        try:
            tables = [
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ]
            for table in tables:
                cells = [
                    v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)
                    for row in con.execute(f'SELECT * FROM "{table}"')
                    for v in row
                ]
                yield f"sqlite table {table}", "\n".join(cells)
        finally:
            con.close()


def _duckdb_parts(path: Path) -> Iterator[tuple[str, str]]:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        listed = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        for (table,) in listed:
            rows = con.execute(f'SELECT * FROM "{table}"').fetchall()
            yield f"duckdb table {table}", "\n".join(str(v) for row in rows for v in row)


@dataclass
class ScanResult:
    """Hits and how many files were looked at."""

    hits: list[Hit]
    files: int


def scan(roots: dict[str, Path], needles: Sequence[tuple[str, str]]) -> ScanResult:
    """Search every file below each root for every needle (case-insensitive).

    Args:
        roots: Label -> folder (or single file) to search.
        needles: (label, string) pairs.

    Returns:
        Every hit (file relative to its root, prefixed with the root's label)
        and the number of files scanned.
    """
    lowered = [(label, needle.lower()) for label, needle in needles]
    hits: list[Hit] = []
    files = 0
    for root_label, root in roots.items():
        for path in _files(root):
            files += 1
            name = f"{root_label}/{path.relative_to(root)}" if root.is_dir() else root_label
            hits += _scan_file(path, name, lowered)
    return ScanResult(sorted(set(hits), key=str), files)


def _files(root: Path) -> Iterable[Path]:
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


_BASE64_RUN = re.compile(rb"[A-Za-z0-9+/]{4}(?:[A-Za-z0-9+/=]|\r?\n){28,}")
"""A run that may be base64 (Prefect stores pickled results and exceptions that way)."""


def _base64_decoded(data: bytes) -> bytes:
    """Concatenate the decoding of every base64-looking run (others decode to noise)."""
    chunks = []
    for match in _BASE64_RUN.finditer(data):
        run = b"".join(match.group().split())
        run = run[: len(run) - len(run) % 4]
        try:
            chunks.append(base64.b64decode(run))
        except binascii.Error:
            continue
    return b"\n".join(chunks)


def _scan_file(path: Path, name: str, needles: Sequence[tuple[str, str]]) -> list[Hit]:
    data = path.read_bytes()
    raw = data.lower()
    hits = [Hit(name, "raw bytes", label) for label, n in needles if n.encode() in raw]
    decoded = _base64_decoded(data).lower()
    hits += [Hit(name, "base64 run", label) for label, n in needles if n.encode() in decoded]
    try:
        parts = list(_decoded_parts(path, data[:16]))
    except Exception as exc:  # an unreadable structured file is a finding, not a crash
        return [*hits, Hit(name, f"could not decode ({type(exc).__name__})", "undecodable")]
    for where, text in parts:
        low = text.lower()
        hits += [Hit(name, where, label) for label, n in needles if n in low]
    return hits
