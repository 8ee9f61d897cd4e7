"""``renpu import province-findings``: the province's findings for this county become its villages' tasks.

The file is what ``renpu province compare`` wrote for the county
(``county=<code>/findings.csv``, the findings contract); given the whole
findings folder, the county's own file is taken.  Each file is checked whole
before anything is kept (all or nothing): every row's code must be a province
code, its village one of this county's, its canvass key a person of the
canvass.  Keeping is ``verification.service.keep``'s, as for the county's own
comparisons: a re-import duplicates nothing, a resolved finding stays resolved.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from renpu.core.comparisons.base import Finding
from renpu.exporters.findings import FINDINGS_COLUMNS
from renpu.web.canvass.models import Person, Village
from renpu.web.verification import service

from .exporting import county_code

CODES = ("province.duplicate_person", "province.lives_elsewhere", "province.registered_elsewhere",
         "province.deceased_listed")
FILE_NAME = "findings.csv"


class ImportRefused(ValueError):
    """The file cannot be kept as it is (the message names file, row, column and what to do)."""


@dataclass
class Imported:
    file: Path
    rows: int
    new: int
    seen_again: int
    codes: dict[str, int] = field(default_factory=dict)


def findings_file(path: Path) -> Path:
    """``path`` itself, or this county's file in a province findings folder."""
    if path.is_file():
        return path
    county = county_code()
    own = path / f"county={county}" / FILE_NAME
    if not own.is_file():
        raise ImportRefused(f"{path}：没有本县（{county}）的 county={county}/{FILE_NAME}；请确认这是全省比对的输出目录")
    return own


def import_province_findings(path: Path) -> Imported:
    file = findings_file(path)
    findings = _read(file)
    kept = service.keep(findings, "province", {"file": str(file), "rows": len(findings)})
    codes: dict[str, int] = {}
    for finding in findings:
        codes[finding.code] = codes.get(finding.code, 0) + 1
    return Imported(file, len(findings), kept.new, kept.seen_again, codes)


def _read(file: Path) -> list[Finding]:
    try:
        with file.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in FINDINGS_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ImportRefused(f"{file.name}：缺少列 {'、'.join(missing)}；请导入 renpu province compare 写出的 {FILE_NAME}")
            rows = list(reader)
    except (OSError, UnicodeDecodeError) as error:
        raise ImportRefused(f"{file.name}：读不出（{error}）；应为 UTF-8 的 CSV 文件") from error
    villages = set(Village.objects.values_list("code", flat=True))
    keys = {r["canvass_key"] for r in rows if r["canvass_key"]}
    persons = set(Person.objects.filter(person_key__in=keys).values_list("person_key", flat=True)) if keys else set()
    return [_finding(file.name, number, row, villages, persons) for number, row in enumerate(rows, start=2)]


def _finding(name: str, line: int, row: dict[str, str], villages: set[str], persons: set[str]) -> Finding:
    def refuse(column: str, why: str) -> ImportRefused:
        return ImportRefused(f"{name} 第 {line} 行 {column} 列（{row.get(column)!r}）：{why}；本文件未导入，请用本县的全省比对结果")

    if row["code"] not in CODES:
        raise refuse("code", f"不是全省比对的发现类别（{'、'.join(CODES)}）")
    if row["village_code"] not in villages:
        raise refuse("village_code", "不是本县的村(居)代码")
    if row["canvass_key"] and row["canvass_key"] not in persons:
        raise refuse("canvass_key", "摸排表中没有这个个人编号")
    try:
        evidence: dict[str, Any] = json.loads(row["evidence"] or "{}")
        score = float(row["score"]) if row["score"] else None
        source_row = int(row["source_row"]) if row["source_row"] else None
    except ValueError as error:
        raise refuse("evidence/score/source_row", f"格式不对（{error}）") from error
    return Finding(row["code"], row["village_code"], row["action"], canvass_table="person" if row["canvass_key"] else "",
                   canvass_key=row["canvass_key"], source=row["source"], source_file=row["source_file"],
                   source_row=source_row, id_number=row["id_number"], name=row["name"], method=row["method"],
                   score=score, evidence=evidence)
