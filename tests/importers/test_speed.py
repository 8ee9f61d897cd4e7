"""Parsing must keep up with a county: ≥ 40,000 rows per CPU-second after reading.

CSV is used so that making the file costs little; for .xlsx, python-calamine
adds about 17 CPU-s per million 20-column rows on top (measured 2026-11-29:
read_canvass on a 100k-row .xlsx took 2.7 CPU-s in all, 1.6 of it calamine).
"""

import datetime as dt
import random
import time

import pytest

from renpu.importers import read_canvass

from .helpers import TODAY, VILLAGES, make_id

HEADER = "户编号,村(居)代码,村民小组,姓名,公民身份号码,性别,出生日期,民族,与户主关系,受教育程度,现状,联系电话"


@pytest.mark.slow
def test_parse_speed(tmp_path):
    rows = 50_000
    rnd = random.Random(7)
    lines = [HEADER]
    for i in range(rows):
        born = dt.date(1930, 1, 1) + dt.timedelta(days=rnd.randrange(33_000))
        number = make_id(f"421126{born:%Y%m%d}{rnd.randrange(1000):03d}")
        lines.append(
            f"H{i // 3},421126102201,{i % 9 + 1}组,张伟,{number},{'男女'[i % 2]},{born.isoformat()},"
            f"汉族,{['户主', '配偶', '子女'][i % 3]},初中,在住,138{rnd.randrange(10**8):08d}"
        )
    path = tmp_path / "speed.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    started = time.process_time()
    result = read_canvass(path, VILLAGES, today=TODAY)
    seconds = time.process_time() - started
    assert result.ok and result.record_count == rows
    print(f"{rows / seconds:,.0f} rows/s")
    assert rows / seconds >= 40_000, f"{rows / seconds:,.0f} rows/s"
