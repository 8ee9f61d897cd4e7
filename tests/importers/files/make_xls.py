"""How small.xls was made (run once; xlwt is not a project dependency).

    pip install --target /tmp/xlwtlib xlwt==1.3.0
    PYTHONPATH=/tmp/xlwtlib python tests/importers/files/make_xls.py

A title row, a two-row header whose top row is merged ("户口登记地" over
"类型" | "地址"), ID numbers as text, one as a number, and a date cell.
"""

import datetime as dt
from pathlib import Path

import xlwt  # type: ignore[import-not-found]

book = xlwt.Workbook(encoding="utf-8")
sheet = book.add_sheet("家庭户")
sheet.write_merge(0, 0, 0, 7, "张家湾村家庭户个人信息表")
for col, text in enumerate(["户编号", "村(居)代码", "姓名", "身份证号码", "出生日期"]):
    sheet.write_merge(1, 2, col, col, text)
sheet.write_merge(1, 1, 5, 6, "户口登记地")
sheet.write(2, 5, "类型")
sheet.write(2, 6, "地址")
sheet.write_merge(1, 2, 7, 7, "电话")
date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
rows = [
    ["H001", "421126102201", "张三", "421126199001011233", dt.date(1990, 1, 1), "本村", "张家湾1号", 13800138000],
    ["H001", "421126102201", "李四", 421126199001012000.0, "1991/2/3", "1", "张家湾1号", ""],
]
for r, row in enumerate(rows, start=3):
    for c, value in enumerate(row):
        if isinstance(value, dt.date):
            sheet.write(r, c, value, date_style)
        elif value != "":
            sheet.write(r, c, value)
book.save(str(Path(__file__).with_name("small.xls")))
