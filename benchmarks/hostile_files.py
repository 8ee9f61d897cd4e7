"""Hostile and odd files: build each, import it with `renpu import canvass`, say what held.

Every case must be imported, or refused with a clear Chinese message, within
bounded time and memory, and a refusal must leave the database as it was.

    python benchmarks/hostile_files.py [--small] [--out DIR] [--case NAME]...

prints one line per case: the outcome, the first line of the message, wall time,
the import process's peak memory (its own ``ru_maxrss``) and whether the
database was unchanged.  Full size builds the real thing (a 1 GiB zip bomb, a
sheet of 1,048,576 rows, a 10 MB cell); ``--small`` the same files small, as
``tests/importers/test_hostile_files.py`` does in-process with lowered limits.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
from stdnum.cn import ric

VILLAGE = "421126102201"
VILLAGE_NAME = "张家湾村委会"
HEADER = ["户编号", "村(居)代码", "姓名", "公民身份号码", "性别", "出生日期", "与户主关系", "村民小组", "备注"]
TRADITIONAL_HEADER = ["戶編號", "村(居)代碼", "姓名", "公民身份號碼", "性別", "出生日期", "與戶主關係", "村民小組", "備註"]


def make_id(index: int, birth: dt.date = dt.date(1980, 1, 1)) -> str:
    first17 = f"421126{birth:%Y%m%d}{index % 1000:03d}"
    return first17 + ric.calc_check_digit(first17 + "0")


def person(index: int, name: str = "", **values: Any) -> list[Any]:
    """One family member's row under HEADER; households of three."""
    household = f"H{index // 3 + 1:06d}"
    relationship = "户主" if index % 3 == 0 else "子女"
    return [
        household, VILLAGE, name or f"张{index}", values.get("id", make_id(index)),
        "男" if index % 2 == 0 else "女", values.get("birth", "1980-01-01"), relationship, "3组",
        values.get("remarks", ""),
    ]


def people(count: int, start: int = 0) -> list[list[Any]]:
    return [person(start + i) for i in range(count)]


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[Any]]], big: bool = False) -> Path:
    options = {"strings_to_numbers": False, "strings_to_formulas": False, "constant_memory": big}
    with xlsxwriter.Workbook(str(path), options) as workbook:
        for name, rows in sheets.items():
            sheet = workbook.add_worksheet(name)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value not in ("", None):
                        sheet.write_string(r, c, str(value))
    return path


# --- the cases ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path, bool], Path]  # (folder, small) → the file
    imported: bool  # True: must be imported; False: must be refused
    says: str  # a phrase the Chinese message (or the report) must contain
    label: str  # what it is, for the note


def zip_bomb(folder: Path, small: bool) -> Path:
    """A valid workbook whose sheet unpacks to 1 GiB of blanks (20 MiB small) from ~1 MB."""
    path = write_xlsx(folder / "zipbomb.xlsx", {"户表": [HEADER, person(0)]})
    size = (20 if small else 1024) << 20
    bombed = folder / "压缩炸弹.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bombed, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                with target.open(item.filename, "w", force_zip64=True) as handle:
                    head, tail = data.split(b"<sheetData>")
                    handle.write(head + b"<sheetData>")
                    block = b" " * (1 << 20)
                    for _ in range(size >> 20):
                        handle.write(block)
                    handle.write(tail)
            else:
                target.writestr(item, data)
    path.unlink()
    return bombed


def excel_full(folder: Path, small: bool) -> Path:
    """Every one of Excel's 1,048,576 rows used (the tail of an export cut off by Excel)."""
    rows = 1_048_576 if not small else 2_000
    path = folder / "满行.xlsx"
    with xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False}) as workbook:
        sheet = workbook.add_worksheet("户表")
        sheet.write_row(0, 0, HEADER)
        for r in range(1, rows):
            sheet.write_row(r, 0, person(r))
        if small:  # the same sheet small: its last row, Excel's 1,048,576th, is used
            sheet.write_row(1_048_575, 0, person(rows))
    return path


def _long_text(small: bool) -> str:
    """40,000 characters (small) or 10 MB of varied characters: a repeated one would be caught as a zip bomb."""
    chosen = random.Random(3).choices(range(0x4E00, 0x9FA5), k=40_000 if small else (10 << 20) // 3)
    return "".join(map(chr, chosen))


def big_cell_xlsx(folder: Path, small: bool) -> Path:
    """A 10 MB name (40,000 characters small): not from Excel, which stops at 32,767."""
    marker = "占位姓名XYZ"
    path = write_xlsx(folder / "cell.xlsx", {"户表": [HEADER, person(0, marker), person(1)]})
    long_text = _long_text(small).encode()
    target = folder / "超长单元格.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            out.writestr(item, data.replace(marker.encode(), long_text))
    path.unlink()
    return target


def big_cell_csv(folder: Path, small: bool) -> Path:
    path = folder / "超长单元格.csv"
    rows = [HEADER, person(0, _long_text(small)), person(1)]
    _write_csv(path, rows)
    return path


def garbage_xlsx(folder: Path, small: bool) -> Path:
    path = folder / "乱码.xlsx"
    path.write_bytes(random.Random(1).randbytes(10_000 if small else 5 << 20))
    return path


def garbage_csv(folder: Path, small: bool) -> Path:
    path = folder / "乱码.csv"
    path.write_bytes(random.Random(2).randbytes(10_000 if small else 5 << 20))
    return path


def utf16_text(folder: Path, small: bool) -> Path:
    """Excel's "Unicode 文本": UTF-16 with a BOM, tab-separated."""
    path = folder / "张家湾村_Unicode文本.txt"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", lineterminator="\r\n").writerows([HEADER, *people(30 if small else 3000)])
    path.write_bytes(buffer.getvalue().encode("utf-16"))
    return path


def nul_bytes(folder: Path, small: bool) -> Path:
    path = folder / "空字符.csv"
    rows = [HEADER, *people(10), person(10, "王\x00五")]
    _write_csv(path, rows)
    return path


def html_xls(folder: Path, small: bool) -> Path:
    """What a government system's "导出Excel" sends: an HTML table in GBK, named .xls."""
    count = 30 if small else 20_000
    cells = "".join(
        "<tr>" + "".join(f"<td style=\"mso-number-format:'\\@'\">{value}</td>" for value in row) + "</tr>\n"
        for row in people(count)
    )
    page = (
        "<html><head><meta http-equiv=Content-Type content=\"text/html; charset=gbk\"></head><body>"
        f"<table border=1><tr><td colspan={len(HEADER)}>蕲州镇张家湾村家庭户个人信息表</td></tr>"
        "<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>\n" + cells + "</table></body></html>"
    )
    path = folder / "系统导出_张家湾村.xls"
    path.write_bytes(page.encode("gbk"))
    return path


def many_sheets(folder: Path, small: bool) -> Path:
    sheets = {f"第{n}组": [HEADER, *people(3, start=n * 3)] for n in range(200)}
    return write_xlsx(folder / "二百张表.xlsx", sheets)


def formulas(folder: Path, small: bool) -> Path:
    """=HYPERLINK and a DDE =cmd|… as formulas (Excel shows their cached value) and as typed text."""
    path = folder / "公式.xlsx"
    with xlsxwriter.Workbook(str(path), {"strings_to_numbers": False}) as workbook:
        sheet = workbook.add_worksheet("户表")
        sheet.write_row(0, 0, HEADER)
        for r in range(1, 7):
            sheet.write_row(r, 0, person(r - 1))
        sheet.write_formula(1, 2, '=HYPERLINK("http://example.invalid/x","张链接")', None, "张链接")
        sheet.write_formula(2, 8, "=cmd|' /C calc'!A0", None, "0")
        sheet.write_string(3, 8, "=cmd|' /C calc'!A0")
        sheet.write_string(4, 8, '=HYPERLINK("http://example.invalid","点我")')
        sheet.write_string(5, 8, "@SUM(1+1)*cmd|' /C calc'!A0")
        sheet.write_string(6, 8, "+1+1")
    return path


def odd_name(folder: Path, small: bool) -> Path:
    """Quotes, a ../ spelled into the name, spaces and a semicolon (as browsers and mail send them)."""
    return write_xlsx(folder / "张家湾村 \"摸排\" '表'; ..%2F..%2Fetc 副本(1).xlsx", {"户表": [HEADER, *people(6)]})


def rare_characters(folder: Path, small: bool) -> Path:
    """Extension-B characters (𠀀 𪚥 𤭢) and emoji in names."""
    rows = [HEADER, person(0, "王𠀀"), person(1, "𪚥𤭢"), person(2, "李😀"), person(3, "赵👨‍👩‍👧")]
    return write_xlsx(folder / "生僻字𠀀.xlsx", {"户表": rows})


def traditional_headers(folder: Path, small: bool) -> Path:
    rows = [TRADITIONAL_HEADER, *people(9)]
    for row in rows[1:]:
        row[6] = {"户主": "戶主", "子女": "子女"}[row[6]]
    return write_xlsx(folder / "繁體表頭.xlsx", {"家庭戶": rows})


def header_mid_data(folder: Path, small: bool) -> Path:
    """Two villages' sheets pasted one under the other: the header again at row 8."""
    return write_xlsx(folder / "重复表头.xlsx", {"户表": [HEADER, *people(6), HEADER, *people(6, start=6)]})


def year_2200(folder: Path, small: bool) -> Path:
    rows = [HEADER, *people(3), person(3, birth="2200-01-01")]
    return write_xlsx(folder / "2200年.xlsx", {"户表": rows})


def long_name(folder: Path, small: bool) -> Path:
    rows = [HEADER, *people(3), person(3, "张" * 500)]
    return write_xlsx(folder / "五百字姓名.xlsx", {"户表": rows})


def _write_csv(path: Path, rows: Sequence[Sequence[Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


CASES = [
    Case("zip_bomb", zip_bomb, False, "压缩", "zip bomb .xlsx (1 GiB of blanks in ~1 MB)"),
    Case("rows_1048576", excel_full, False, "行", "1,048,576 rows (Excel's limit, a cut-off export)"),
    Case("cell_10mb_xlsx", big_cell_xlsx, False, "超过", "a 10 MB cell in an .xlsx"),
    Case("cell_10mb_csv", big_cell_csv, False, "超过", "a 10 MB cell in a .csv"),
    Case("garbage_xlsx", garbage_xlsx, False, "损坏", "binary garbage named .xlsx"),
    Case("garbage_csv", garbage_csv, False, "", "binary garbage named .csv"),
    Case("utf16_text", utf16_text, True, "", "UTF-16 tab-separated text (Excel's Unicode 文本)"),
    Case("nul_bytes", nul_bytes, False, "NUL", "a CSV with a NUL byte in a name"),
    Case("html_xls", html_xls, True, "", "an .xls that is an HTML table in GBK"),
    Case("sheets_200", many_sheets, True, "", "200 sheets"),
    Case("formulas", formulas, True, "", "=HYPERLINK, =cmd|… as formulas and as text"),
    Case("odd_name", odd_name, True, "", "a file name with quotes, ../ and ;"),
    Case("rare_characters", rare_characters, True, "", "Extension-B characters and emoji in names"),
    Case("traditional_headers", traditional_headers, True, "", "traditional-Chinese headers"),
    Case("header_mid_data", header_mid_data, True, "", "the header repeated mid-data"),
    Case("year_2200", year_2200, False, "合理范围", "a birth date in 2200"),
    Case("long_name", long_name, False, "超过该项上限", "a 500-character name"),
]
CASES_BY_NAME = {case.name: case for case in CASES}


# --- running them with the real command ------------------------------------------------------


@dataclass
class Outcome:
    case: Case
    imported: bool
    message: str
    seconds: float
    peak_mb: float
    unchanged: bool | None  # after a refusal: the database as before (None when imported)

    @property
    def held(self) -> bool:
        said = self.case.says in self.message
        return self.imported == self.case.imported and said and self.unchanged is not False

    def line(self) -> str:
        verdict = "held" if self.held else "FAILED"
        outcome = "imported" if self.imported else "refused"
        same = "" if self.unchanged is None else (" db unchanged" if self.unchanged else " DB CHANGED")
        return (f"{self.case.name:20} {verdict:6} {outcome:8} {self.seconds:7.2f} s {self.peak_mb:7.0f} MB{same}"
                f"  {self.message[:110]}")


def fingerprint(database: Path) -> dict[str, int]:
    """Row count of every table: what a refused import must not change."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        # the shared cache (dashboard figures, refreshed by any process after a change) is not the store
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables
                if t != "renpu_cache"}


def renpu(home: Path, *args: str, timeout: float = 900) -> tuple[int, str, float, float]:
    """Run the real command; its exit code, output, wall seconds and peak memory (MB)."""
    command = [sys.executable, "-m", "renpu", "--db", str(home / "renpu.sqlite3"), "--home", str(home), *args]
    # The store is this home's SQLite file, whatever database the caller's environment names.
    env = {k: v for k, v in os.environ.items() if not k.startswith("RENPU_")} | {"RENPU_SECRET_KEY": "hostile-files-benchmark"}
    start = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    return os.waitstatus_to_exitcode(status), text, seconds, usage.ru_maxrss / 1024


def prepare_home(home: Path) -> None:
    """A store with the village and one imported household, so "unchanged" means something."""
    home.mkdir(parents=True, exist_ok=True)
    geography = write_xlsx(home / "区划代码.xlsx", {"区划": [["区划代码", "名称"], ["421126102", "蕲州镇"],
                                                           [VILLAGE, VILLAGE_NAME]]})
    base = write_xlsx(home / "底册.xlsx", {"户表": [HEADER, *people(3, start=900)]})
    for args in (("import", "geography", str(geography)), ("import", "canvass", str(base))):
        code, text, _, _ = renpu(home, *args)
        if code:
            raise SystemExit(f"preparing the store failed: {text}")


def run_case(case: Case, folder: Path, home: Path, small: bool) -> Outcome:
    path = case.build(folder, small)
    before = fingerprint(home / "renpu.sqlite3")
    code, text, seconds, peak = renpu(home, "import", "canvass", "--user", "hostile", str(path))
    after = fingerprint(home / "renpu.sqlite3")
    message = " ".join(line.strip() for line in text.splitlines() if line.strip() and "WARNING" not in line)
    imported = code == 0
    return Outcome(case, imported, message, seconds, peak, None if imported else before == after)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="small files (what the tests build)")
    parser.add_argument("--out", type=Path, help="keep the files and the store here (default: a temporary folder)")
    parser.add_argument("--case", action="append", choices=sorted(CASES_BY_NAME), help="only these cases")
    options = parser.parse_args(argv)
    folder = options.out or Path(tempfile.mkdtemp(prefix="renpu-hostile-"))
    files, home = folder / "files", folder / "home"
    files.mkdir(parents=True, exist_ok=True)
    prepare_home(home)
    failed = 0
    for case in [CASES_BY_NAME[n] for n in options.case] if options.case else CASES:
        outcome = run_case(case, files, home, options.small)
        print(outcome.line(), flush=True)
        failed += not outcome.held
        for built in files.iterdir():  # a 1 GiB-row file is not kept around
            built.unlink()
    if options.out is None:
        shutil.rmtree(folder)
    print(f"{len(CASES) - failed if not options.case else len(options.case) - failed} held, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
