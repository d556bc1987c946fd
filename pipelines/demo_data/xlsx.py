"""Write a one-sheet XLSX workbook directly, fast and byte-for-byte reproducibly.

A minimal SpreadsheetML package (inline strings, one date style) that Excel,
openpyxl and pandas read. Written without openpyxl's cell-by-cell writer,
which takes minutes for the largest demo waves and stamps the wall clock
into the file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Final
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from pipelines.schema import SURVEY_COLUMNS

FIXED_ZIP_TIME: Final[tuple[int, int, int, int, int, int]] = (2025, 1, 1, 0, 0, 0)
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHEETML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_PARTS: Final[dict[str, str]] = {
    "[Content_Types].xml": (
        f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_SHEETML}.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        f'ContentType="{_SHEETML}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_SHEETML}.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'{_XML}<Relationships xmlns="{_RELS}">'
        f'<Relationship Id="rId1" Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
        '<sheets><sheet name="Responses" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'{_XML}<Relationships xmlns="{_RELS}">'
        f'<Relationship Id="rId1" Type="{_DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_DOC_RELS}/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        f'{_XML}<styleSheet xmlns="{_MAIN}">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        '</cellStyleXfs><cellXfs count="2">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
        "</cellStyles></styleSheet>"
    ),
}
_EXCEL_EPOCH: Final = np.datetime64("1899-12-30T00:00:00", "s")
_ROWS_PER_WRITE: Final[int] = 2000


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _text_cell(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def _rows(frame: pd.DataFrame) -> list[str]:
    letters = [chr(ord("A") + i) for i in range(len(SURVEY_COLUMNS))]
    date_column = SURVEY_COLUMNS.index("submitted_at")
    stamps = frame["submitted_at"].to_numpy(dtype="datetime64[s]")
    serials: list[float] = ((stamps - _EXCEL_EPOCH).astype(np.int64) / 86400.0).tolist()
    values = frame.loc[:, list(SURVEY_COLUMNS)].astype(object).to_numpy().tolist()
    header = "".join(_text_cell(f"{c}1", h) for c, h in zip(letters, SURVEY_COLUMNS, strict=True))
    lines = [f'<row r="1">{header}</row>']
    for i, (row, serial) in enumerate(zip(values, serials, strict=True), start=2):
        cells = []
        for j, value in enumerate(row):
            if j == date_column:
                cells.append(f'<c r="{letters[j]}{i}" s="1"><v>{serial!r}</v></c>')
            elif isinstance(value, str) and value != "":
                cells.append(_text_cell(f"{letters[j]}{i}", value))
        lines.append(f'<row r="{i}">{"".join(cells)}</row>')
    return lines


def write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """Write a survey wave as a one-sheet workbook; empty comments are empty cells.

    Args:
        frame: Rows with :data:`pipelines.schema.SURVEY_COLUMNS`
            (``submitted_at`` a datetime column, written as an Excel date).
        path: Output file.
    """
    lines = _rows(frame)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, xml in _PARTS.items():
            archive.writestr(_zip_info(name), xml)
        with archive.open(_zip_info("xl/worksheets/sheet1.xml"), "w") as sheet:
            sheet.write(f'{_XML}<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
            for start in range(0, len(lines), _ROWS_PER_WRITE):
                sheet.write("".join(lines[start : start + _ROWS_PER_WRITE]).encode("utf-8"))
            sheet.write(b"</sheetData></worksheet>")
