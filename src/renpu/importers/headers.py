"""Find the header row of a sheet, map its headers to fields, and tell which table it is.

Real canvass files put one to several title rows above the header ("蕲州镇XX村
家庭户个人信息表", "填报单位：…"), spell headers in many ways (身份证号 /
公民身份号码 / 证件号码…), mark required columns with ``*``, wrap text, and use
two-row headers whose top row is a merged group label ("户口登记地" over
"地址" | "代码").  The known spellings are data (``header_aliases.csv``); beyond
them a header is matched by rules, in this order, and the rule is kept with the
column so that every decision can be shown (``RULE_LABELS``):

1. the label or an alias, after NFKC, traditional characters, spaces, ``*`` marks;
2. the same without a unit or note in brackets or a leading number (身份证号(18位), 3.性别);
3. 是否… / …情况 / …状况 / …状态 / …信息 forms (是否居无定所, 现状情况);
4. one or two characters off a known spelling (公民身分号码, 离开户口登记地的时间);
5. a known spelling inside the header, or the header inside one (家庭成员姓名);
   not when another person is named first (户主姓名 is not the member's 姓名).

A header that fits two fields equally is not guessed.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rapidfuzz.distance import Levenshtein

from renpu.core.hanzi import simplified
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


# How a column was matched (rule → Chinese, for the import's summary and --check).
LABEL, ALIAS, NORMALISED, FORM, NEAR, CONTAINED, JOINED = (
    "label", "alias", "normalised", "form", "near", "contained", "joined")
RULE_LABELS = {
    LABEL: "标准列名", ALIAS: "常用列名", NORMALISED: "去掉括号中的单位或说明、序号后",
    FORM: "是否…/…情况/…状态 等写法", NEAR: "相差一两个字", CONTAINED: "包含标准列名", JOINED: "两行表头合并",
}
BY_NAME = (LABEL, ALIAS)  # matched by a known spelling; the others are "by rule"

# The words that make a header "about" a field: a column whose header holds one but
# that is not imported is an error (unless the user says to ignore it), never a quiet loss.
KEY_WORDS: dict[str, tuple[str, ...]] = {
    "person_key": ("个人编号", "人员编号"), "household_key": ("户编号", "户号"),
    "village_code": ("区划代码", "村代码", "村(居)代码"), "village_name": ("村(居)", "村委", "居委", "社区"),
    "group": ("小组", "组别"), "name": ("姓名", "名字"), "id_number": ("身份", "证件号"),
    "sex": ("性别",), "birth_date": ("出生",), "ethnicity": ("民族",), "relationship": ("关系",),
    "registration_place": ("户口登记地", "户籍地", "户口所在", "户籍所在", "户口类型"),
    "registration_address": ("户籍地址", "户口地址", "户籍详址", "户口详址"),
    "time_away": ("离开",), "reason_away": ("原因",), "education": ("文化", "学历", "教育"),
    "status": ("现状", "状态", "在住", "去向"), "status_date": ("变动",),
    "phone": ("电话", "手机", "联系方式"), "no_fixed_abode": ("居无定所",), "unregistered": ("落户", "无户口"),
    "special_area": ("特殊地域",), "multiple_dwellings": ("多宅",), "fact_source": ("来源",),
    "kind": ("户别", "户类"), "enumeration_area": ("普查小区",), "building_code": ("建筑物", "楼栋号"),
    "dwelling_number": ("住房单元", "房号"), "dwelling_label": ("住宅标识",), "address": ("地址", "住址"),
    "head_name": ("户主",), "head_id_number": ("户主身份",), "collective_name": ("集体户名", "单位名称"),
    "residence_type": ("住所", "住房类型"), "police_household_number": ("户口簿", "户籍户号", "公安户号"),
    "owner_name": ("房主",), "owner_id_number": ("房主身份",), "owner_household_key": ("房主户",),
    "reason": ("原因",), "member_key": ("空挂人员",), "absent_household_key": ("空挂户", "寄挂户"),
    "registered_address": ("户籍地址",), "lead": ("线索",), "manager": ("物业",), "buildings": ("楼栋",),
    "dwellings": ("单元数", "总户数"), "occupied": ("入住",), "vacant": ("空置",), "contact": ("联系人",),
    "away_key": ("外出编号",), "away_place": ("外出地",), "away_address": ("外出地址", "现居住地"),
    "away_since": ("外出时间",), "info_source": ("来源",), "complex_key": ("小区编号", "楼盘编号"),
    "vacant_key": ("空宅编号",), "remarks": ("备注",),
}

# A header that names another person first is about that person (户主姓名, 母亲身份证号).
_OTHER_PERSON = ("户主", "房主", "母亲", "父亲", "配偶", "监护人", "联系人", "法人", "负责人")
_PREFIXES = ("是否",)
_SUFFIXES = ("情况", "状况", "状态", "信息")


@dataclass(frozen=True)
class MappedColumn:
    index: int  # position in the row lists of the sheet
    field: str  # "" when the header is not recognised
    header: str  # as written in the file ("户口登记地/地址" for two-row headers)
    letter: str  # Excel column letter
    rule: str = ""  # how the header was matched (RULE_LABELS)
    matched: str = ""  # the known spelling it was matched to

    @property
    def by_rule(self) -> bool:
        return bool(self.field) and self.rule not in BY_NAME

    def decision(self, label: str = "") -> str:
        """“身份证号(18位) → 公民身份号码（去掉括号中的单位或说明、序号后）”, for people to check."""
        if not self.field:
            return f"{self.header} → 未对应"
        how = RULE_LABELS[self.rule] + (f"：{self.matched}" if self.rule in (NEAR, CONTAINED, FORM) else "")
        return f"{self.header} → {label or self.field}（{how}）"


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
    """NFKC, simplified characters, no spaces or line breaks, no required markers, ASCII brackets."""
    value = simplified(unicodedata.normalize("NFKC", str(text or "")))
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


class Vocabulary:
    """A table's known header spellings (normalised → (field, LABEL | ALIAS)), and the rules over them."""

    def __init__(self, words: dict[str, tuple[str, str]]) -> None:
        self.words = words
        self._matched: dict[str, tuple[str, str, str]] = {}  # header text → match (headers repeat)

    def __getitem__(self, spelling: str) -> str:
        return self.words[spelling][0]

    def match(self, text: str, near: bool = True) -> tuple[str, str, str]:
        """(field, rule, known spelling) for one header, or ("", "", "") when no rule gives one field.

        ``near=False`` leaves out rules 4 and 5, which compare with every spelling: finding
        the header row among title and data rows needs only the cheap ones.
        """
        for spelling, rule in _spellings(text):
            found = self.words.get(spelling)
            if found:
                return found[0], rule or found[1], spelling
        if not near:
            return "", "", ""
        matched = self._matched.get(text)
        if matched is None:
            matched = self._matched[text] = _by_comparison(self.words, text)
        return matched


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Vocabulary]:
    """table name → its Vocabulary; labels win over aliases, table-specific aliases over "*"."""
    aliases: list[tuple[str, str, str]] = []
    with resources.files(__package__).joinpath("header_aliases.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            aliases.append((row["table_or_*"].strip(), row["field"].strip(), row["alias"]))
    result: dict[str, Vocabulary] = {}
    for table in KNOWN_TABLES:
        fields = set(table.fields)
        words: dict[str, tuple[str, str]] = {}
        for scope in ("*", table.name):
            for name, field_name, alias in aliases:
                if name == scope and field_name in fields:
                    words[normalise_header(alias)] = (field_name, ALIAS)
        for column in table.columns:
            words[normalise_header(column.label)] = (column.field, LABEL)
        result[table.name] = Vocabulary(words)
    return result


@lru_cache(maxsize=100_000)  # header cells repeat; data cells in the first rows are tried for every table
def _spellings(text: str) -> tuple[tuple[str, str], ...]:
    """(spelling, rule) to look up, in order: as written (rule ""), normalised, 是否…/…情况 forms."""
    variants = _variants(text)
    if not variants:
        return ()
    return ((variants[0], ""), *((v, NORMALISED) for v in variants[1:]), *((f, FORM) for f in _forms(variants[-1])))


def _by_comparison(words: dict[str, tuple[str, str]], text: str) -> tuple[str, str, str]:
    """Rules 4 and 5: near a known spelling, or containing one (not for another person's field)."""
    variants = _variants(text)
    if not variants:
        return "", "", ""
    core = variants[-1]
    other = next((who for who in _OTHER_PERSON if core.startswith(who)), "")
    if other:  # 户主公民身分号码 may be near 户主公民身份号码, never the member's own 公民身份号码
        words = {spelling: found for spelling, found in words.items() if spelling.startswith(other)}
    return _near(words, core) or _contained(words, core) or ("", "", "")


def resembled_fields(table: Table, header: str) -> list[str]:
    """The fields of ``table`` whose key word the header holds (in table order)."""
    text = normalise_header(header)
    return [c.field for c in table.columns if any(word in text for word in KEY_WORDS.get(c.field, ()))]


def _forms(text: str) -> list[str]:
    """是否居无定所 → 居无定所; 现状情况 → 现状."""
    forms = []
    for prefix in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix) + 1:
            forms.append(text[len(prefix):])
    for base in [text, *forms]:
        for suffix in _SUFFIXES:
            if base.endswith(suffix) and len(base) > len(suffix) + 1:
                forms.append(base[: -len(suffix)])
    return forms


def _unique(hits: list[tuple[str, str]], rule: str) -> tuple[str, str, str] | None:
    fields = {f for f, _ in hits}
    if len(fields) != 1:
        return None
    return next(iter(fields)), rule, hits[0][1]


def _near(words: dict[str, tuple[str, str]], text: str) -> tuple[str, str, str] | None:
    """A known spelling of four characters or more, one (or, from eight, two) characters off."""
    if len(text) < 4:
        return None
    limit = 1 if len(text) < 8 else 2
    hits = [(found[0], spelling) for spelling, found in words.items()
            if len(spelling) >= 4 and abs(len(spelling) - len(text)) <= limit
            and Levenshtein.distance(spelling, text, score_cutoff=limit) <= limit]
    return _unique(hits, NEAR) if hits else None


def _contained(words: dict[str, tuple[str, str]], text: str) -> tuple[str, str, str] | None:
    """The longest known spelling (two characters or more) inside the header, or the header inside one."""
    inside = [(found[0], spelling) for spelling, found in words.items() if len(spelling) >= 2 and spelling in text]
    if inside:
        longest = max(len(spelling) for _, spelling in inside)
        return _unique([h for h in inside if len(h[1]) == longest], CONTAINED)
    if len(text) >= 3:
        around = [(found[0], spelling) for spelling, found in words.items() if text in spelling]
        if around:
            return _unique(around, CONTAINED)
    return None


def _field_of(words: Vocabulary, candidates: Sequence[str], near: bool = True) -> tuple[str, str, str]:
    """(field, rule, spelling) of the first spelling of a column (joined, lower, upper) that matches."""
    for number, candidate in enumerate(candidates):
        found = words.match(candidate, near)
        if found[0]:
            return (found[0], JOINED, found[2]) if number == 0 and len(candidates) == 3 and found[1] in BY_NAME \
                else found
    return "", "", ""


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


def _score(labels: Sequence[tuple[str, ...]], near: bool = False) -> dict[str, int]:
    """Fields recognised per table (``near``: with the rules that compare with every spelling)."""
    if near:
        words = vocabulary()
        return {t.name: len({f for f, _, _ in (_field_of(words[t.name], c) for c in labels) if f})
                for t in KNOWN_TABLES}
    found: dict[str, set[str]] = {t.name: set() for t in KNOWN_TABLES}
    for candidates in labels:  # the first spelling of a column that fits a table decides for that table
        decided: set[str] = set()
        for candidate in candidates:
            for table, field_name in _cheap_fields(candidate).items():
                if table not in decided:
                    decided.add(table)
                    found[table].add(field_name)
    return {name: len(fields) for name, fields in found.items()}


@lru_cache(maxsize=100_000)  # every cell of a sheet's first rows, for all tables at once
def _cheap_fields(text: str) -> dict[str, str]:
    """table → field that rules 1–3 give one cell's text (most cells: none)."""
    fields: dict[str, str] = {}
    words = vocabulary()
    for spelling, _ in _spellings(text):
        for table in KNOWN_TABLES:
            found = words[table.name].words.get(spelling)
            if found and table.name not in fields:
                fields[table.name] = found[0]
    return fields


def _joins(labels: Sequence[tuple[str, ...]]) -> bool:
    """True if some column is recognised only by joining its two header cells."""
    words = vocabulary()
    return any(
        len(candidates) == 3 and any(_field_of(words[t.name], candidates[:1], False)[0] for t in KNOWN_TABLES)
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
    if max(single) < MIN_SCORE:  # every header written its own way: try the costlier rules too
        single = [max(_score([(t,) for t in line if 0 < len(t) <= 30], near=True).values()) for line in grid]
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
    table, undecided = _choose_table(_score(labels, near=True), [hints[0], title, *hints[1:]])
    match = HeaderMatch(table, header_rows, [], title=title, undecided=undecided)
    vocab = vocabulary()[table.name]
    seen: dict[str, MappedColumn] = {}
    for index, ((top, bottom), candidates) in enumerate(zip(pairs, labels, strict=True)):
        text = _header_text(top, bottom)
        if not text:
            continue
        field_name, rule, spelling = _field_of(vocab, candidates)
        column = MappedColumn(index, field_name, text, column_letter(first_column + index), rule, spelling)
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
