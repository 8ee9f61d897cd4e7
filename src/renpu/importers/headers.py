"""Find the header row of a sheet, map its headers to fields, and tell which table it is.

Real canvass files put one to several title rows above the header ("蕲州镇XX村
家庭户个人信息表", "填报单位：…"), spell headers in many ways (身份证号 /
公民身份号码 / 证件号码…), mark required columns with ``*``, wrap text, and use
two-row headers whose top row is a merged group label ("户口登记地" over
"地址" | "代码").  The accepted spellings are data: ``header_aliases.csv``.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from renpu.core.tables import TEXT, TYPED_TABLES, Column, Table

from .issues import column_letter
from .readers import MergedRange, Row

HEAD_ROWS = 15  # the header must be within the first rows of a sheet
MIN_SCORE = 2  # fewer recognised headers than this: not one of our tables

GEOGRAPHY = Table(
    "geography",
    "区划代码表",
    0,
    None,
    (
        Column("code", "区划代码", TEXT, required=True),
        Column("name", "名称", TEXT, required=True),
        Column("level", "级别"),
    ),
)
KNOWN_TABLES: tuple[Table, ...] = (*TYPED_TABLES, GEOGRAPHY)

# Words in a sheet name, title or file name that say which table it is;
# the more specific first ("空挂户表" also contains "户表").
_KEYWORDS = (
    ("空挂", "absent_household"),
    ("寄挂", "absent_household"),
    ("空宅", "vacant_dwelling"),
    ("楼盘", "complex"),
    ("外出", "person_away"),
    ("集体户", "collective_person"),
    ("家庭户", "family_person"),
    ("户表", "household"),
    ("区划", "geography"),
)

_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "[": "(", "]": ")"})
_MARKERS = re.compile(r"[*※★△▲]")
_PARENTHESES = re.compile(r"\([^()]*\)")
_NUMBERING = re.compile(r"^(?:[A-Z]?[0-9]{1,2}[.、)]?)(?=[^0-9])")


@dataclass(frozen=True)
class MappedColumn:
    index: int  # position in the row lists of the sheet
    field: str  # "" when the header is not recognised
    header: str  # as written in the file ("户口登记地/地址" for two-row headers)
    letter: str  # Excel column letter


@dataclass
class HeaderMatch:
    table: Table
    header_rows: tuple[int, ...]  # 0-based sheet rows holding the header
    columns: list[MappedColumn]
    unmapped: list[MappedColumn] = field(default_factory=list)
    duplicated: list[tuple[MappedColumn, MappedColumn]] = field(default_factory=list)
    missing_required: list[Column] = field(default_factory=list)
    title: str = ""  # text of the rows above the header
    undecided: tuple[str, ...] = ()  # table names that fitted equally well

    @property
    def data_start(self) -> int:
        return self.header_rows[-1] + 1


def normalise_header(text: object) -> str:
    """NFKC, no spaces or line breaks, no required markers, ASCII brackets."""
    value = unicodedata.normalize("NFKC", str(text or ""))
    value = "".join(value.split()).translate(_BRACKETS)
    return _MARKERS.sub("", value).strip(":：")


@lru_cache(maxsize=100_000)  # the same header cells recur in every sheet and every table's scoring
def _variants(text: str) -> tuple[str, ...]:
    """The header itself, then without remarks in brackets, then without numbering."""
    first = normalise_header(text)
    if not first:
        return ()
    without_remarks = _PARENTHESES.sub("", first)
    without_number = _NUMBERING.sub("", without_remarks)
    return tuple(dict.fromkeys(v for v in (first, without_remarks, without_number) if v))


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, dict[str, str]]:
    """table name → {normalised header or alias → field}; labels win over aliases."""
    aliases: list[tuple[str, str, str]] = []
    with resources.files(__package__).joinpath("header_aliases.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            aliases.append((row["table_or_*"].strip(), row["field"].strip(), row["alias"]))
    result: dict[str, dict[str, str]] = {}
    for table in KNOWN_TABLES:
        fields = set(table.fields)
        words: dict[str, str] = {}
        for scope in ("*", table.name):  # table-specific aliases override "*"
            for name, field_name, alias in aliases:
                if name == scope and field_name in fields:
                    words[normalise_header(alias)] = field_name
        for column in table.columns:
            words[normalise_header(column.label)] = column.field
        result[table.name] = words
    return result


def _field_of(words: dict[str, str], candidates: Sequence[str]) -> str:
    for candidate in candidates:
        for variant in _variants(candidate):
            found = words.get(variant)
            if found:
                return found
    return ""


# --- the header grid ---------------------------------------------------------


def _text_grid(rows: Sequence[Row], first_column: int, merged: Sequence[MergedRange]) -> list[list[str]]:
    """Head rows as text, with each merged cell's value copied over its whole range."""
    width = max((len(r) for r in rows), default=0)
    grid = [[_cell_text(c) for c in r] + [""] * (width - len(r)) for r in rows]
    for (r1, c1), (r2, c2) in merged:
        if r1 >= len(grid):
            continue
        value = grid[r1][c1 - first_column] if 0 <= c1 - first_column < width else ""
        for r in range(r1, min(r2, len(grid) - 1) + 1):
            for c in range(max(c1 - first_column, 0), min(c2 - first_column, width - 1) + 1):
                grid[r][c] = value
    return grid


def _cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _candidates(top: str, bottom: str) -> tuple[str, ...]:
    """Spellings to try for one column of a two-row header: joined, lower, upper."""
    if not top or top == bottom:
        return (bottom,)
    if not bottom:
        return (top,)
    return (top + bottom, bottom, top)


def _header_text(top: str, bottom: str) -> str:
    if not top or top == bottom:
        return bottom
    return f"{top}/{bottom}" if bottom else top


def _score(labels: Sequence[tuple[str, ...]]) -> dict[str, int]:
    words = vocabulary()
    scores = {}
    for table in KNOWN_TABLES:
        vocab = words[table.name]
        scores[table.name] = len({f for f in (_field_of(vocab, c) for c in labels) if f})
    return scores


def _joins(labels: Sequence[tuple[str, ...]]) -> bool:
    """True if some column is recognised only by joining its two header cells."""
    words = vocabulary()
    return any(
        len(candidates) == 3 and any(_field_of(words[t.name], candidates[:1]) for t in KNOWN_TABLES)
        for candidates in labels
    )


def _has_horizontal_merge(merged: Sequence[MergedRange], row: int) -> bool:
    return any(r1 <= row <= r2 and c2 > c1 for (r1, c1), (r2, c2) in merged)


def _two_row_plausible(grid: list[list[str]], top: int, merged: Sequence[MergedRange]) -> bool:
    """A group label merged across columns, or sub-headers under blank top cells."""
    if _has_horizontal_merge(merged, top):
        return True
    return any(not t and b for t, b in zip(grid[top], grid[top + 1], strict=True))


def detect(
    rows: Sequence[Row],
    first_column: int,
    merged: Sequence[MergedRange],
    hints: Sequence[str],
) -> HeaderMatch | None:
    """The header of a sheet given its first rows, or None if it is none of our tables.

    ``hints`` are the sheet name and the file name, most specific first.
    """
    head = list(rows[:HEAD_ROWS])
    if not head:
        return None
    grid = _text_grid(head, first_column, merged)
    single = [max(_score([(t,) for t in line]).values()) for line in grid]
    best_row = max(range(len(grid)), key=lambda r: (single[r], -r))
    # (score, joined labels recognised, rows): a two-row reading must recognise more
    # columns, or as many with some of them only as "top + bottom" (户口登记地+类型).
    options: list[tuple[int, bool, tuple[int, ...]]] = [(single[best_row], False, (best_row,))]
    for top in (best_row - 1, best_row):
        if top >= 0 and top + 1 < len(grid) and _two_row_plausible(grid, top, merged):
            labels = [_candidates(t, b) for t, b in zip(grid[top], grid[top + 1], strict=True)]
            options.append((max(_score(labels).values()), _joins(labels), (top, top + 1)))
    score, _, header_rows = max(options, key=lambda o: (o[0], o[1], -len(o[2])))
    if score < MIN_SCORE:
        return None
    return _match(grid, header_rows, first_column, hints)


def _match(
    grid: list[list[str]], header_rows: tuple[int, ...], first_column: int, hints: Sequence[str]
) -> HeaderMatch:
    top_line = grid[header_rows[0]]
    bottom_line = grid[header_rows[-1]]
    if len(header_rows) == 1:
        pairs = [("", b) for b in bottom_line]
    else:
        pairs = list(zip(top_line, bottom_line, strict=True))
    labels = [_candidates(t, b) for t, b in pairs]
    title = " ".join(t for line in grid[: header_rows[0]] for t in line if t)
    table, undecided = _choose_table(_score(labels), [hints[0], title, *hints[1:]])
    match = HeaderMatch(table, header_rows, [], title=title, undecided=undecided)
    vocab = vocabulary()[table.name]
    seen: dict[str, MappedColumn] = {}
    for index, ((top, bottom), candidates) in enumerate(zip(pairs, labels, strict=True)):
        text = _header_text(top, bottom)
        if not text:
            continue
        column = MappedColumn(index, _field_of(vocab, candidates), text, column_letter(first_column + index))
        if not column.field:
            match.unmapped.append(column)
        elif column.field in seen:
            match.duplicated.append((column, seen[column.field]))
        else:
            seen[column.field] = column
            match.columns.append(column)
    match.missing_required = [c for c in table.columns if c.required and c.field not in seen]
    return match


def _choose_table(scores: dict[str, int], hints: Sequence[str]) -> tuple[Table, tuple[str, ...]]:
    """The best-scoring table; a name/title keyword decides ties and near-ties."""
    best = max(scores.values())
    keyword = keyword_table(hints)
    if keyword and scores.get(keyword, 0) >= max(MIN_SCORE, 0.75 * best):
        return table_named(keyword), ()
    tied = tuple(name for name, s in scores.items() if s == best)
    return table_named(tied[0]), tied if len(tied) > 1 else ()


def keyword_table(hints: Sequence[str]) -> str | None:
    for hint in hints:
        text = normalise_header(hint)
        for word, name in _KEYWORDS:
            if word in text:
                return name
    return None


def table_named(name: str) -> Table:
    return next(t for t in KNOWN_TABLES if t.name == name)
