"""An ".xls" that is really an HTML page of tables, as many government systems export.

Such a file opens in Excel, so clerks never notice, but it is not a workbook
(calamine refuses it).  Each ``<table>`` becomes a sheet of text cells; a
cell's ``colspan``/``rowspan`` become a merged range (so multi-row headers are
read as in a real workbook) with the spanned cells left empty.  The parser is
the standard library's (``html.parser``): no scripts run, no URL is fetched,
entities are decoded once.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

Row = list[str]
MergedRange = tuple[tuple[int, int], tuple[int, int]]  # as readers.MergedRange

_SNIFF = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|table|meta|head|body|style)", re.I | re.S)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


def looks_like_html(head: bytes) -> bool:
    """True when the first bytes of a file are an HTML page (after an optional BOM)."""
    for bom in (b"\xef\xbb\xbf",):
        if head.startswith(bom):
            head = head[len(bom):]
    return bool(_SNIFF.match(head))


def declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[list[Row], list[MergedRange]]] = []
        self._rows: list[Row] | None = None
        self._merged: list[MergedRange] = []
        self._spans: dict[tuple[int, int], bool] = {}  # cells covered by an earlier rowspan/colspan
        self._cell: list[str] | None = None
        self._column = 0
        self._span = (1, 1)
        self._depth = 0  # nested tables are read as text of their cell

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self._rows, self._merged, self._spans = [], [], {}
        elif self._depth != 1 or self._rows is None:
            return
        elif tag == "tr":
            self._end_cell()
            self._rows.append([])
            self._column = 0
        elif tag in ("td", "th"):
            self._end_cell()
            if not self._rows:
                self._rows.append([])
            values = dict(attrs)
            self._span = (_span(values.get("rowspan")), _span(values.get("colspan")))
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            if self._depth == 1 and self._rows is not None:
                self._end_cell()
                self.tables.append((_rectangular(self._rows), self._merged))
                self._rows = None
            self._depth = max(self._depth - 1, 0)
        elif self._depth == 1 and tag in ("td", "th", "tr"):
            self._end_cell()

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def _end_cell(self) -> None:
        if self._cell is None or self._rows is None:
            return
        row_index = len(self._rows) - 1
        row = self._rows[row_index]
        while (row_index, self._column) in self._spans:  # skip cells covered from rows above
            row.append("")
            self._column += 1
        text = " ".join("".join(self._cell).replace("\xa0", " ").split())
        row.append(text)
        rows, columns = self._span
        if rows > 1 or columns > 1:
            first = (row_index, self._column)
            self._merged.append((first, (row_index + rows - 1, self._column + columns - 1)))
            for r in range(row_index, row_index + rows):
                for c in range(self._column, self._column + columns):
                    if (r, c) != first:
                        self._spans[(r, c)] = True
            row.extend([""] * (columns - 1))
        self._column += columns
        self._cell = None


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), 1000)  # a hostile colspan of 10⁹ must not allocate 10⁹ cells
    except ValueError:
        return 1


def _rectangular(rows: list[Row]) -> list[Row]:
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def read_tables(text: str) -> list[tuple[list[Row], list[MergedRange]]]:
    """Every top-level table of the page: its rows of text cells and its merged ranges."""
    parser = _Tables()
    parser.feed(text)
    parser.close()
    return [t for t in parser.tables if any(any(c for c in row) for row in t[0])]
