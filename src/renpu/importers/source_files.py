"""Departments' extracts → checked source records, with the canvass import's rules.

Same readers, header normalisation, value parsers and issue report as the
canvass import; the columns each department must have come from
``renpu.core.sources``.  A file with the wrong kind of content (a death list
imported as births) lacks required columns and is refused with their names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from renpu.core import idnumber
from renpu.core.sources import SOURCE_SPECS, SourceField, SourceSpec
from renpu.core.tables import Column

from . import headers, values
from .canvass import file_sha256
from .issues import ImportIssue, IssueLog, column_letter
from .places import Places
from .readers import FileReadError, Row, Sheet, iter_sheets

HEAD_ROWS = 15


@dataclass
class SourceImport:
    source: str
    file: str
    sha256: str = ""
    records: list[dict[str, Any]] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return self.error_count == 0


def read_source(source: str, path: Path | str, geography: Mapping[str, str] | None = None,
                today: dt.date | None = None) -> SourceImport:
    spec = SOURCE_SPECS[source]
    path = Path(path)
    log = IssueLog(path.name)
    result = SourceImport(source, path.name)
    try:
        result.sha256 = file_sha256(path)
        for sheet in iter_sheets(path):
            _read_sheet(spec, sheet, Places(geography), today or dt.date.today(), log, result)
    except FileReadError as error:
        log.add(str(error))
    except OSError as error:
        log.add(f"文件打不开：{error.strerror or error}")
    if not result.records and not log.error_count:
        needed = "、".join(f.label for f in spec.required)
        log.add(f"文件中没有找到{spec.label}数据：表头应包括 {needed}")
    result.issues = log.finish()
    result.error_count = log.error_count
    return result


@cache
def _vocabulary(spec: SourceSpec) -> headers.Vocabulary:
    """A department's header spellings, matched by the same rules as the canvass headers."""
    words = {}
    for source_field in spec.fields:
        for number, header in enumerate(reversed(source_field.all_headers)):  # the label last: it wins
            kind = headers.LABEL if number == len(source_field.all_headers) - 1 else headers.ALIAS
            words[headers.normalise_header(header)] = (source_field.field, kind)
    return headers.Vocabulary(words)


def _map_row(spec: SourceSpec, row: Row, near: bool) -> dict[int, tuple[SourceField, str]]:
    vocab = _vocabulary(spec)
    by_field = {f.field: f for f in spec.fields}
    mapped: dict[int, tuple[SourceField, str]] = {}
    taken: set[str] = set()
    for position, cell in enumerate(row):
        if cell in (None, "") or len(str(cell)) > 40:
            continue
        found = vocab.match(str(cell), near)[0]
        if found and found not in taken:
            taken.add(found)
            mapped[position] = (by_field[found], str(cell))
    return mapped


def _find_header(spec: SourceSpec, head: list[Row]) -> tuple[int, dict[int, tuple[SourceField, str]]] | None:
    best: tuple[int, dict[int, tuple[SourceField, str]]] | None = None
    for index, row in enumerate(head):
        mapped = _map_row(spec, row, near=False)
        if len(mapped) >= 2 and (best is None or len(mapped) > len(best[1])):
            best = (index, mapped)
    if best is None:
        return None
    return best[0], _map_row(spec, head[best[0]], near=True)  # the header row found: now every rule


def _read_sheet(spec: SourceSpec, sheet: Sheet, places: Places, today: dt.date, log: IssueLog,
                result: SourceImport) -> None:
    head: list[Row] = []
    rows = iter(sheet.rows)
    for row in rows:
        head.append(row)
        if len(head) >= HEAD_ROWS:
            break
    found = _find_header(spec, head)
    if found is None:
        return
    header_index, mapped = found
    present = {f.field for f, _ in mapped.values()}
    missing = [f.label for f in spec.required if f.field not in present]
    if missing:
        log.add(f"工作表“{sheet.name}”缺少{spec.label}的必需列：{'、'.join(missing)}。请确认导入的是{spec.label}数据，"
                f"或把表头改为这些名称", sheet=sheet.name)
        return
    parsers = {i: values.parser_for(Column(f.field, f.label, f.kind, f.code_list), header, places, today)
               for i, (f, header) in mapped.items()}
    kind = "student" if present & {"student_number", "grade"} else "staff"
    data_rows = [*head[header_index + 1:], *rows]
    for offset, row in enumerate(data_rows):
        excel_row = header_index + 2 + offset  # header at Excel row header_index + 1
        record = _record(row, parsers, mapped, sheet, excel_row, log)
        if record is not None:
            record["_sheet"], record["_row"] = sheet.name, excel_row
            if spec.name == "education":
                record["kind"] = kind
            _place(record, places, spec.name in _VILLAGE_FROM_ADDRESS)
            _derive_from_id(record)
            result.records.append(record)


def _record(row: Row, parsers: dict[int, values.Parser], mapped: dict[int, tuple[SourceField, str]],
            sheet: Sheet, excel_row: int, log: IssueLog) -> dict[str, Any] | None:
    if all(cell in (None, "") for cell in row):
        return None
    record: dict[str, Any] = {}
    for position, parse in parsers.items():
        cell = row[position] if position < len(row) else None
        value, problem = parse(cell)
        source_field, header = mapped[position]
        record[source_field.field] = value
        if problem is not None:
            if problem.flag:
                record[f"{source_field.field}_problem"] = problem.flag
            letter = column_letter(sheet.first_column + position)
            if problem.note:
                log.note(problem.message, sheet.name, excel_row, letter, header, cell, problem.severity)
            else:
                log.add(problem.message, problem.severity, sheet.name, excel_row, letter, header, cell)
    return record


def _derive_from_id(record: dict[str, Any]) -> None:
    """Sources without 出生日期/性别 columns (grid, insurance): take them from a valid ID number."""
    number = record.get("id_number")
    if not number or record.get("id_number_problem") or len(str(number)) != 18:
        return
    if record.get("birth_date") is None:
        record["birth_date"] = idnumber.birth_date_of(str(number))
    if not record.get("sex"):
        record["sex"] = idnumber.sex_of(str(number))


# Birth and death records have no village column; their address names the village (few records: cheap).
_VILLAGE_FROM_ADDRESS = ("civil", "health")


def _place(record: dict[str, Any], places: Places, from_address: bool = False) -> None:
    """Resolve 所属村(居)委会 to a village code when the name fits one village (or the address says which).

    Grid codes here begin with the village's 12-digit code; that is used when no village column exists.
    """
    grid_village = str(record.get("grid_code") or "")[:12]
    if not record.get("village_code") and grid_village in places.villages:
        record["village_code"] = grid_village
    if from_address and not record.get("village_code") and not record.get("village_name"):
        # no village column (death and birth records): the address names the village, if one alone
        address = str(record.get("registered_address") or record.get("address") or "")
        record["village_code"] = places.find_in_text(address) if address and places.villages else None
        return
    if record.get("village_code") or not record.get("village_name"):
        return
    code, candidates = places.code_for_name(str(record["village_name"]))
    if code is None and candidates:
        # The same village name in two townships: the address names the township.
        address = str(record.get("registered_address") or record.get("address") or "")
        fitting = [c for c in candidates if places.townships.get(c[:9], "\0") in address]
        code = fitting[0] if len(fitting) == 1 else None
    record["village_code"] = code
