"""The parent's side: stream village parts into the county-wide files, in village order."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import IO

from renpu.core import census
from renpu.synth import sources, xlsx
from renpu.synth.counties import QICHUN
from renpu.synth.geography import VillagePlan
from renpu.synth.truth import FINDING_COLUMNS, PERSON_COLUMNS, SUMMARY_FIELDS, Finding
from renpu.synth.village import VillageResult

_STREAMED_XLSX = ("pension", "grid")
_SMALL_XLSX = ("students", "staff", "births", "deaths")
_SHEET_NAMES = {"pension": "参保人员", "grid": "实有人口", "students": "学生名册", "staff": "教职工名册",
                "births": "出生医学证明", "deaths": "死亡登记"}


class Assembler:
    def __init__(self, outdir: Path, plans: list[VillagePlan]) -> None:
        self.outdir = outdir
        self.plans = {p.code: p for p in plans}
        self.county = plans[0].county
        self.headers = sources.WILD_HEADERS if self.county.wild else sources.HEADERS
        self.offsets: Counter[str] = Counter()
        self.findings: list[Finding] = []
        self.persons = 0
        self.eas: dict[str, list[str]] = {}
        self.village_rows: list[list[str]] = []
        self.group_rows: list[list[str]] = []
        self.csv: dict[str, IO[bytes]] = {}
        for source, encoding in sources.CSV_ENCODING.items():
            handle = (outdir / sources.FILES[source]).open("wb")
            bom = b"\xef\xbb\xbf" if encoding == "utf-8" else b""
            handle.write(bom + sources.csv_line(self.headers[source]).encode(encoding))
            self.csv[source] = handle
        self.books: dict[str, tuple[xlsx.Workbook, xlsx.SheetStream]] = {}
        for source in _STREAMED_XLSX:
            book = xlsx.Workbook(outdir / sources.FILES[source])
            sheet = book.add_sheet(_SHEET_NAMES[source], [16.0] * len(self.headers[source]))
            sheet.write(xlsx.mixed_row(self.headers[source], xlsx.STYLE_HEADER))
            self.books[source] = (book, sheet)
        self.small: dict[str, list[bytes]] = {s: [] for s in _SMALL_XLSX}
        self.truth = (outdir / "truth" / "persons.csv").open("wb")
        self.truth.write(b"\xef\xbb\xbf" + sources.csv_line(PERSON_COLUMNS).encode())
        self.files: list[str] = []

    def add(self, result: VillageResult) -> None:
        for finding in result.findings:
            if isinstance(finding.row, tuple):
                source, index = finding.row
                finding.row = 2 + self.offsets[source] + index
            self.findings.append(finding)
        for source, (blob, rows) in result.parts.items():
            if source in self.csv:
                self.csv[source].write(blob)
            elif source in self.books:
                self.books[source][1].write_bytes(blob)
            else:
                self.small[source].append(blob)
            self.offsets[source] += rows
        self.truth.write(result.truth)
        self.persons += result.persons
        self.eas[result.code] = result.eas
        self.files.append(result.canvass_file)
        plan = self.plans[result.code]
        self.village_rows.append([plan.township_name, plan.code, plan.name, *map(str, (result.village_counts[f] for f in SUMMARY_FIELDS))])
        for group in sorted(result.group_counts):
            counts = result.group_counts[group]
            self.group_rows.append([plan.township_name, plan.code, plan.name, str(group), *(str(counts[f]) for f in SUMMARY_FIELDS)])

    def close(self, seed: int) -> dict[str, int]:
        for handle in self.csv.values():
            handle.close()
        for book, sheet in self.books.values():
            sheet.close()
            book.close()
        for source, blobs in self.small.items():
            book = xlsx.Workbook(self.outdir / sources.FILES[source])
            sheet = book.add_sheet(_SHEET_NAMES[source], [16.0] * len(self.headers[source]))
            sheet.write(xlsx.mixed_row(self.headers[source], xlsx.STYLE_HEADER))
            for blob in blobs:
                sheet.write_bytes(blob)
            sheet.close()
            book.close()
        self.truth.close()
        self._findings()
        self._summaries()
        self._geography()
        self._readme(seed)
        self.files = sorted(self.files) + sorted(sources.FILES.values()) + [
            "区划代码.xlsx", "README.txt", "truth/persons.csv", "truth/findings.csv",
            "truth/summary_village.csv", "truth/summary_group.csv",
        ]
        return dict(sorted(Counter(f.code for f in self.findings).items()))

    def _write_csv(self, name: str, header: list[str], rows: list[list[str]]) -> None:
        text = sources.csv_line(header) + "".join(sources.csv_line(r) for r in rows)
        (self.outdir / "truth" / name).write_bytes(b"\xef\xbb\xbf" + text.encode())

    def _findings(self) -> None:
        rows = [[f.code, f.village_code, f.canvass_key, f.source, f.source_file,
                 "" if f.row is None else str(f.row), f.id_number, f.name] for f in self.findings]
        self._write_csv("findings.csv", FINDING_COLUMNS, rows)

    def _summaries(self) -> None:
        base = ["township_name", "village_code", "village_name"]
        self.village_rows.sort(key=lambda r: r[1])
        self.group_rows.sort(key=lambda r: (r[1], int(r[3])))
        self._write_csv("summary_village.csv", base + SUMMARY_FIELDS, self.village_rows)
        self._write_csv("summary_group.csv", [*base, "group", *SUMMARY_FIELDS], self.group_rows)

    def _geography(self) -> None:
        used = {code[:9] for code in self.plans}
        rows: list[list[xlsx.Cell]] = [[code, name, "乡镇"] for code, name, _ in self.county.townships if code in used]
        for code in sorted(self.plans):
            rows.append([code, self.plans[code].name, "村(居)"])
            rows.extend([ea, f"{self.plans[code].name}第{ea[-3:]}普查小区", "普查小区"] for ea in self.eas.get(code, []))
        rows.sort(key=lambda r: str(r[0]))
        xlsx.write_table(self.outdir / "区划代码.xlsx", "区划代码", ["区划代码", "名称", "级别"], rows)

    def _readme(self, seed: int) -> None:
        county = self.county
        if county.wild:
            wild = WILD_README.format(seed=seed, villages=len(self.plans), persons=self.persons)
            (self.outdir / "README.txt").write_text(wild, encoding="utf-8")
            return
        text = README.format(seed=seed, villages=len(self.plans), persons=self.persons, county=county.name,
                             code=county.code, county_en="Qichun" if county is QICHUN else county.code,
                             census_day=census.census_day(), year_start=census.year_before_census(),
                             year_end=census.census_day() - dt.timedelta(days=1))
        (self.outdir / "README.txt").write_text(text, encoding="utf-8")


README = """{county}（{code}）第七次人口普查摸底数据 —— 合成数据（renpu.synth 生成，种子 {seed}）
Synthetic canvass and department records of {county_en} county (renpu.synth, seed {seed}).
全部人员、身份证号、电话、地址均为虚构。All persons, ID numbers, phones and addresses are invented.

村(居)数 villages: {villages}    摸底登记人数 persons listed: {persons}
标准时点 reference date: {census_day}（“近一年” = {year_start} 至 {year_end}）

区划代码.xlsx                 乡镇、村(居)、普查小区代码（文本）/ geography codes as text
canvass/<乡镇>/<村代码><村名>.xlsx  各村一套表（7张表，每表一个工作表）/ the 7 typed tables per village
sources/police_公安户籍.csv     公安户籍（GB18030 编码 CSV）/ police household register
sources/pension_养老保险.xlsx   养老保险参保 / pension insurance
sources/medical_医保参保.csv    医保参保（UTF-8 带 BOM 的 CSV，百万级时 xlsx 太慢）/ medical insurance
sources/grid_网格实有人口.xlsx  网格实有人口 / grid management residents
sources/education_学生.xlsx, education_教职工.xlsx  教育：学生、教职工 / students, staff
sources/health_出生医学证明.xlsx  卫健：出生 2019-11..2020-10 / births
sources/civil_死亡登记.xlsx     民政：死亡登记 / deaths
sources/mapping_建筑物.csv      标绘系统建筑物（UTF-8 带 BOM）/ mapped buildings
truth/persons.csv             每个真实人员一行 / one row per real person (true ID, name, keys, flags)
truth/findings.csv            比对应发现的问题 / what each comparison must find (source_row = Excel 行号 / CSV 行号，表头为第1行)
truth/summary_village.csv, summary_group.csv  按摸底表原样计数的汇总 / summary counts of the canvass as written

各村表格有标题行、表头别名、日期格式混杂、少数村用数字代码填写，均属真实数据常见情况。
Canvass workbooks have title rows, header variants, mixed date formats and, in a few villages, numeric codes.
"""

WILD_README = """修水县（360424）第七次人口普查摸底数据 —— 合成数据（renpu.synth --profile wild 生成，种子 {seed}）
Synthetic canvass and department records of a county renpu was not built on (renpu.synth, profile wild, seed {seed}).
全部人员、身份证号、电话、地址均为虚构；乡镇名取自修水县，区划代码按统计用区划代码规则编造。
All persons, ID numbers, phones and addresses are invented; township names after 修水县, codes invented in the NBS pattern.

村(居)数 villages: {villages}    摸底登记人数 persons listed: {persons}
标准时点 reference date: 2020-11-01（“近一年” = 2019-11-01 至 2020-10-31）

各村表格由几位填表人分别填写，各有习惯：表头写法、代码的写法（名称、简称、代码加名称、繁体、全角括号、附注）、
日期格式、附加的列；三代同堂、一户几位母亲、没有身份证号的死亡登记、只有公安知道的空挂户、换了写法又没有身份证号的人。
Each village's workbook was filled in by several clerks with their own habits; households and records vary as real ones do.
文件清单与 --profile default 相同，见 truth/ 下的各文件。 Files as in the default profile; see truth/.
"""
