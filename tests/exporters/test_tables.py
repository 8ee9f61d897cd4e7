import datetime as dt

import openpyxl

from renpu.core.tables import TABLES
from renpu.exporters import neutralise, write_tables

PERSON = {
    "person_key": "421126100201-0001-01", "household_key": "421126100201-0001",
    "village_code": "421126100201", "village_name": "张家湾村", "group": "1", "name": "张三",
    "id_number": "421126198503121611", "sex": "1", "birth_date": dt.date(1985, 3, 12),
    "ethnicity": "01", "relationship": "0", "education": "4", "phone": "13800000000",
    "remarks": "=HYPERLINK(\"http://evil\")",
}


def test_nine_sheets_chinese_headers_text_ids_and_no_formulas(tmp_path):
    path = tmp_path / "一套表.xlsx"
    written = write_tables(path, {"family_person": [PERSON]})
    assert written["family_person"] == 1
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [t.label for t in TABLES]
    sheet = book["家庭户个人信息表"]
    headers = [c.value for c in sheet[1]]
    assert headers[:6] == ["个人编号", "户编号", "村(居)代码", "村(居)委会", "村民小组", "姓名"]
    row = {h: c for h, c in zip(headers, sheet[2], strict=True)}
    assert row["公民身份号码"].value == "421126198503121611"
    assert row["公民身份号码"].data_type == "s"
    assert row["联系电话"].data_type == "s"
    assert row["与户主关系"].value == "户主"
    assert row["民族"].value == "汉族"
    assert row["受教育程度"].value == "初中"
    assert row["出生日期"].value == dt.datetime(1985, 3, 12)
    assert row["备注"].value.startswith("'=")
    assert row["备注"].data_type == "s"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width >= 10


def test_neutralise():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("+86 138") == "'+86 138"
    assert neutralise("-3") == "'-3"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("张三") == "张三"
    assert neutralise(5) == 5
