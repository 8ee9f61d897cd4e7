"""A minimal, fast, deterministic .xlsx writer (inline strings, no cell references).

xlsxwriter writes about 250 k cells/s here; a county of 1 M persons has ~30 M
canvass cells, so we render the sheet XML ourselves (~1.2 M cells/s).  Rows and
cells carry no ``r`` attribute (valid OOXML; Excel, calamine and openpyxl read
them positionally), which also lets workers render rows before the final row
number is known.  Zip entries carry a fixed timestamp so bytes are reproducible.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

from renpu.core import census

EXCEL_EPOCH = dt.date(1899, 12, 30)
_FIXED_TIME = census.STANDARD_TIME_POINT.timetuple()[:6]  # every workbook's time stamp: reproducible files

Cell = str | int | float | dt.date | None

STYLE_DATE, STYLE_TITLE, STYLE_HEADER, STYLE_TEXT = 1, 2, 3, 4

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_STYLES = (
    _HEAD + f"<styleSheet {_NS}>"
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="3"><font><sz val="11"/><name val="宋体"/></font>'
    '<font><b/><sz val="16"/><name val="宋体"/></font>'
    '<font><b/><sz val="11"/><name val="宋体"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
    '<alignment horizontal="center"/></xf>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def escape(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def text_row(values: Sequence[str]) -> str:
    """XML of one row of text cells (the hot path: no type dispatch)."""
    joined = "".join(values)
    if "&" in joined or "<" in joined or ">" in joined:
        values = [escape(v) for v in values]
    return "<row>" + "".join(
        [f'<c t="inlineStr"><is><t>{v}</t></is></c>' if v else "<c/>" for v in values]
    ) + "</row>"


def mixed_row(values: Sequence[Cell], style: int = 0) -> str:
    """XML of one row whose cells may be numbers or real Excel dates."""
    parts = []
    style_attr = f' s="{style}"' if style else ""
    for v in values:
        if v is None or v == "":
            parts.append("<c/>")
        elif isinstance(v, str):
            parts.append(f'<c t="inlineStr"{style_attr}><is><t>{escape(v)}</t></is></c>')
        elif isinstance(v, dt.date):
            parts.append(f'<c s="{STYLE_DATE}"><v>{(v - EXCEL_EPOCH).days}</v></c>')
        else:
            parts.append(f"<c><v>{v}</v></c>")
    return "<row>" + "".join(parts) + "</row>"


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class SheetStream:
    """One worksheet being written: call ``write`` with row XML, then ``close``."""

    def __init__(self, handle: IO[bytes], widths: Sequence[float] = ()) -> None:
        self._handle = handle
        self._merges: list[str] = []
        self._buffer: list[str] = []
        cols = "".join(
            f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>'
            for i, w in enumerate(widths)
        )
        self._handle.write(
            (_HEAD + f"<worksheet {_NS} {_RNS}>" + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>").encode()
        )

    def merge(self, ref: str) -> None:
        self._merges.append(ref)

    def write(self, row_xml: str) -> None:
        self._buffer.append(row_xml)
        if len(self._buffer) >= 2000:
            self.flush()

    def write_bytes(self, blob: bytes) -> None:
        self.flush()
        self._handle.write(blob)

    def flush(self) -> None:
        if self._buffer:
            self._handle.write("".join(self._buffer).encode())
            self._buffer = []

    def close(self) -> None:
        self.flush()
        tail = "</sheetData>"
        if self._merges:
            refs = "".join(f'<mergeCell ref="{r}"/>' for r in self._merges)
            tail += f'<mergeCells count="{len(self._merges)}">{refs}</mergeCells>'
        self._handle.write((tail + "</worksheet>").encode())
        self._handle.close()


class Workbook:
    """Sheets are written one after another (a zip entry is open at a time)."""

    def __init__(self, path: Path, compresslevel: int = 1) -> None:
        self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
        self._level = compresslevel
        self._names: list[str] = []

    def _entry(self, name: str) -> IO[bytes]:
        info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        # The per-entry level attribute is private and renamed in 3.13.
        slot = "compress_level" if "compress_level" in zipfile.ZipInfo.__slots__ else "_compresslevel"
        setattr(info, slot, self._level)
        return self._zip.open(info, "w", force_zip64=True)

    def add_sheet(self, name: str, widths: Sequence[float] = ()) -> SheetStream:
        self._names.append(name)
        return SheetStream(self._entry(f"xl/worksheets/sheet{len(self._names)}.xml"), widths)

    def close(self) -> None:
        n = len(self._names)
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, n + 1)
        )
        self._put(
            "[Content_Types].xml",
            _HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' + overrides + "</Types>",
        )
        self._put(
            "_rels/.rels",
            _HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        sheets = "".join(
            f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, name in enumerate(self._names, start=1)
        )
        self._put("xl/workbook.xml", _HEAD + f"<workbook {_NS} {_RNS}><sheets>{sheets}</sheets></workbook>")
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        rels += (
            f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/styles" Target="styles.xml"/>'
        )
        self._put(
            "xl/_rels/workbook.xml.rels",
            _HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + rels + "</Relationships>",
        )
        self._put("xl/styles.xml", _STYLES)
        self._zip.close()

    def _put(self, name: str, text: str) -> None:
        with self._entry(name) as handle:
            handle.write(text.encode())


def write_table(path: Path, sheet: str, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> None:
    """A one-sheet workbook: bold header in row 1, then the rows."""
    book = Workbook(path)
    stream = book.add_sheet(sheet, [14.0] * len(header))
    stream.write(mixed_row(header, STYLE_HEADER))
    for row in rows:
        stream.write(mixed_row(row))
    stream.close()
    book.close()
