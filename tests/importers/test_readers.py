import datetime as dt
from pathlib import Path

import pytest

from renpu.importers import read_canvass
from renpu.importers.readers import FileReadError, decode_csv, iter_sheets

from .helpers import PERSON_HEADER, TODAY, VILLAGES, ZJW, make_id, person_row, write_xlsx

FILES = Path(__file__).parent / "files"
VALID = make_id("42112619900101123")


def _csv_text() -> str:
    rows = [",".join(PERSON_HEADER), ",".join(person_row("H001", "张三", VALID))]
    return "\r\n".join(rows) + "\r\n"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_csv_in_every_encoding_reads_the_same(tmp_path, encoding):
    path = tmp_path / "张家湾村家庭户.csv"
    path.write_bytes(_csv_text().encode(encoding))
    result = read_canvass(path, VILLAGES, today=TODAY)
    assert result.ok, result.issues
    (record,) = result.tables["family_person"]
    assert record["name"] == "张三"
    assert record["id_number"] == VALID
    assert record["household_key"] == "H001"  # no BOM left in the first header


def test_gbk_bytes_are_not_utf8():
    assert decode_csv("张三".encode("gbk"), "x.csv") == "张三"


def test_undecodable_csv_names_the_file(tmp_path):
    path = tmp_path / "乱码.csv"
    path.write_bytes(b"\x81\x30\xff\xfe\x81\x30")  # no UTF-16 BOM (that is read as UTF-16), no NUL
    result = read_canvass(path, VILLAGES)
    assert not result.ok
    (issue,) = result.issues
    assert issue.file == "乱码.csv"
    assert "既不是 UTF-8 也不是 GBK" in issue.message


def test_csv_cells_stay_text_so_long_ids_survive(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(_csv_text(), encoding="utf-8")
    sheet = next(iter_sheets(path))
    rows = list(sheet.rows)
    assert rows[1][3] == VALID


def test_excel_cells_keep_their_type(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", {"S": [["a", 1.5, 421126199001012000.0, dt.date(1985, 3, 12), True]]})
    (sheet,) = list(iter_sheets(path))
    (row,) = list(sheet.rows)
    assert row == ["a", 1.5, 421126199001012000.0, dt.date(1985, 3, 12), True]


def test_rows_start_at_excel_row_one_and_columns_at_the_first_used(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", {"S": [["", "", "x"]]}, start_row={"S": 3})
    (sheet,) = list(iter_sheets(path))
    rows = list(sheet.rows)
    assert len(rows) == 4 and rows[3] == ["x"]
    assert sheet.first_column == 2


def test_xls_file_with_two_row_header():
    result = read_canvass(FILES / "small.xls", VILLAGES, today=TODAY)
    assert result.sheets == {"家庭户": "family_person"}
    first, second = result.tables["family_person"]
    assert first["_row"] == 4 and first["name"] == "张三"
    assert first["birth_date"] == dt.date(1990, 1, 1)
    assert first["registration_place"] == "1"  # "户口登记地" over "类型"
    assert first["registration_address"] == "张家湾1号"  # "户口登记地" over "地址"
    assert first["phone"] == "13800138000"
    assert second["birth_date"] == dt.date(1991, 2, 3)
    errors = [i for i in result.issues if i.severity == "error"]
    assert [(e.sheet, e.row, e.column, e.header) for e in errors] == [("家庭户", 5, "D", "身份证号码")]
    assert "421126199001012000" in errors[0].message and "末几位已丢失" in errors[0].message


def test_truncated_xlsx_is_a_clear_error(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", {"S": [PERSON_HEADER, person_row("H1", "张三", VALID)]})
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    result = read_canvass(broken, VILLAGES)
    assert not result.ok
    (issue,) = result.issues
    assert issue.file == "broken.xlsx" and issue.severity == "error"
    assert "文件已损坏或不完整" in issue.message


def test_not_a_spreadsheet_at_all(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("hello", encoding="utf-8")
    (issue,) = read_canvass(path, VILLAGES).issues
    assert "文件已损坏或不完整" in issue.message


@pytest.mark.parametrize("name", ["empty.xlsx", "empty.csv"])
def test_empty_files(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    result = read_canvass(path, VILLAGES)
    assert not result.ok
    (issue,) = result.issues
    assert issue.file == name
    assert "空的" in issue.message or "没有可导入的数据" in issue.message


def test_workbook_with_only_empty_sheets(tmp_path):
    path = write_xlsx(tmp_path / "blank.xlsx", {"Sheet1": []})
    (issue,) = read_canvass(path, VILLAGES).issues
    assert "没有可导入的数据" in issue.message


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "p.docx"
    path.write_bytes(b"x")
    with pytest.raises(FileReadError, match="不支持的文件类型"):
        list(iter_sheets(path))


def test_zjw_constant_is_a_known_village():
    assert ZJW in VILLAGES
