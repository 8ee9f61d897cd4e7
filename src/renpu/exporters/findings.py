"""The findings export: a contract other tools rely on.

The first columns are exactly ``FINDINGS_COLUMNS``, in this order; one row per
finding (a finding involving several records repeats per record).  CSV is
UTF-8 with a BOM so that Excel opens the Chinese text correctly.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .xlsx import SheetWriter, neutralise, open_workbook

FINDINGS_COLUMNS = ("code", "village_code", "canvass_key", "source", "source_file", "source_row",
                    "id_number", "name", "method", "score", "evidence", "action")
EXTRA_COLUMNS = ("village_name", "state", "first_seen")
CHINESE_HEADERS = {
    "code": "发现类别", "village_code": "村(居)代码", "canvass_key": "摸排记录编号", "source": "部门",
    "source_file": "部门文件", "source_row": "部门文件行号", "id_number": "公民身份号码", "name": "姓名",
    "method": "匹配方法", "score": "匹配分", "evidence": "依据", "action": "建议处理",
    "village_name": "村(居)委会", "state": "状态", "first_seen": "首次发现",
}


def write_findings(path: Path, rows: Iterable[Mapping[str, Any]]) -> int:
    """Write .csv or .xlsx by the file's suffix; returns the number of rows."""
    columns = [*FINDINGS_COLUMNS, *EXTRA_COLUMNS]
    if path.suffix.lower() == ".xlsx":
        return _xlsx(path, columns, rows)
    return _csv(path, columns, rows)


def write_contract(path: Path, rows: Iterable[Mapping[str, Any]]) -> int:
    """CSV of the contract's columns alone (the province's findings for a county: no state, no village name)."""
    return _csv(path, list(FINDINGS_COLUMNS), rows)


def _csv(path: Path, columns: list[str], rows: Iterable[Mapping[str, Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([neutralise(_text(row.get(c))) for c in columns])
            count += 1
    return count


def _xlsx(path: Path, columns: list[str], rows: Iterable[Mapping[str, Any]]) -> int:
    workbook = open_workbook(str(path))
    try:
        # One header row with the contract's names (as in the CSV); a second sheet gives them in Chinese.
        sheet = SheetWriter(workbook, "比对发现", columns)
        for row in rows:
            sheet.write([_cell(row.get(c)) for c in columns])
        count = sheet.finish()
        legend = SheetWriter(workbook, "列说明", ["列", "含义"])
        legend.write_all([c, CHINESE_HEADERS[c]] for c in columns)
        legend.finish()
    finally:
        workbook.close()
    return count


def _cell(value: Any) -> Any:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else _text(value)


def _text(value: Any) -> str:
    return "" if value is None else str(value)
