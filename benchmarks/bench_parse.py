"""Parsing speed of the canvass importer, beside the floor of reading the same file.

The floor is Python's csv module reading every cell of the same file in the
same process; renpu's parse (headers, code values, ID numbers, dates, checks)
is reported as rows per CPU-second and as a ratio to that floor, so the figure
does not depend on how busy the machine is that day.

    python benchmarks/bench_parse.py [--rows 50000]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from stdnum.cn import ric

from renpu.importers import read_canvass

HEADER = "户编号,村(居)代码,村民小组,姓名,公民身份号码,性别,出生日期,民族,与户主关系,受教育程度,现状,联系电话"
VILLAGES = {"421126102201": "张家湾村委会", "421126102": "蕲州镇"}


def id_number(first17: str) -> str:
    return first17 + ric.calc_check_digit(first17 + "0")


def write_file(path: Path, rows: int) -> None:
    rnd = random.Random(7)
    lines = [HEADER]
    for i in range(rows):
        born = dt.date(1930, 1, 1) + dt.timedelta(days=rnd.randrange(33_000))
        number = id_number(f"421126{born:%Y%m%d}{rnd.randrange(1000):03d}")
        lines.append(
            f"H{i // 3},421126102201,{i % 9 + 1}组,张伟,{number},{'男女'[i % 2]},{born.isoformat()},"
            f"汉族,{['户主', '配偶', '子女'][i % 3]},初中,在住,138{rnd.randrange(10**8):08d}"
        )
    path.write_text("\n".join(lines), encoding="utf-8")


def cpu_seconds(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "speed.csv"
        write_file(path, args.rows)
        floor = cpu_seconds(lambda: sum(len(row) for row in csv.reader(path.open(encoding="utf-8"))))
        result = None

        def parse() -> None:
            nonlocal result
            result = read_canvass(path, VILLAGES, today=dt.date(2020, 11, 1))

        parsed = cpu_seconds(parse)
    assert result is not None and result.ok and result.record_count == args.rows
    print(f"csv.reader floor {floor:6.2f} CPU-s   renpu parse {parsed:6.2f} CPU-s "
          f"({args.rows / parsed:,.0f} rows/s, {parsed / floor:.1f}× the floor)")


if __name__ == "__main__":
    main()
