import pytest

from renpu.importers import read_canvass
from renpu.importers.headers import detect, normalise_header, vocabulary

from .helpers import PERSON_HEADER, TODAY, VILLAGES, ZJW, make_id, person_row, write_xlsx

VALID = make_id("42112619900101123")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("*姓名", "姓名"),
        ("姓 名", "姓名"),
        ("公民身份\n号码", "公民身份号码"),
        ("村（居）委会", "村(居)委会"),
        ("【备注】", "(备注)"),
        ("出生日期：", "出生日期"),
        ("ＩＤ", "ID"),
    ],
)
def test_normalise_header(raw, clean):
    assert normalise_header(raw) == clean


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("身份证号", "id_number"), ("公民身份号码", "id_number"), ("身份证号码", "id_number"),
        ("证件号码", "id_number"), ("身份证", "id_number"), ("户主关系", "relationship"),
        ("与户主关系", "relationship"), ("关系", "relationship"), ("文化程度", "education"),
        ("学历", "education"), ("电话", "phone"), ("手机", "phone"), ("手机号码", "phone"),
        ("联系方式", "phone"), ("组别", "group"), ("村民小组", "group"), ("小组", "group"),
        ("出生年月", "birth_date"), ("出生日期", "birth_date"), ("村(居)委会", "village_name"),
        ("村名", "village_name"), ("村居", "village_name"), ("村代码", "village_code"),
        ("区划代码", "village_code"), ("村(居)代码", "village_code"),
    ],
)
def test_person_header_variants(header, field):
    assert vocabulary()["family_person"][normalise_header(header)] == field


def test_headers_with_markers_and_remarks_map(tmp_path):
    header = ["*户编号", "村（居）\n代码", "姓 名*", "身份证号(18位)", "1.性别"]
    match = detect([header], 0, [], ["Sheet1", "x"])
    assert [c.field for c in match.columns] == ["household_key", "village_code", "name", "id_number", "sex"]
    assert [c.header for c in match.columns][1] == "村（居）\n代码"


def test_title_rows_above_the_header(tmp_path):
    path = write_xlsx(
        tmp_path / "p.xlsx",
        {"Sheet1": [
            ["蕲州镇张家湾村家庭户个人信息表"], ["填报单位：张家湾村", "", "", "填报日期：2026年11月"], [],
            PERSON_HEADER, person_row("H001", "张三", VALID),
        ]},
        merges={"Sheet1": [(0, 0, 0, 9, "蕲州镇张家湾村家庭户个人信息表")]},
    )
    result = read_canvass(path, VILLAGES, today=TODAY)
    assert result.ok, result.issues
    (record,) = result.tables["family_person"]
    assert record["_row"] == 5 and record["_sheet"] == "Sheet1"


def test_two_row_header_with_merged_group_label(tmp_path):
    top = ["户编号", "村(居)代码", "姓名", "户口登记地", "", "离开户口登记地", ""]
    bottom = ["", "", "", "代码", "地址", "时间", "原因"]
    merges = [(1, c, 2, c, text) for c, text in enumerate(top[:3])]
    merges += [(1, 3, 1, 4, "户口登记地"), (1, 5, 1, 6, "离开户口登记地")]
    path = write_xlsx(
        tmp_path / "p.xlsx",
        {"家庭户": [["标题"], top, bottom, ["H001", ZJW, "张三", "本村", "张家湾1号", "没有离开", ""]]},
        merges={"家庭户": merges},
    )
    result = read_canvass(path, VILLAGES, today=TODAY)
    assert result.ok, result.issues
    (record,) = result.tables["family_person"]
    assert record["_row"] == 4
    assert record["registration_place"] == "1"
    assert record["registration_address"] == "张家湾1号"
    assert record["time_away"] == "1"


def test_two_row_header_without_merge_information():
    rows = [["户编号", "姓名", "户口登记地", "", "电话"], ["", "", "类型", "地址", ""]]
    match = detect(rows, 0, [], ["p", "p"])
    assert match.header_rows == (0, 1)
    assert [c.field for c in match.columns] == ["household_key", "name", "registration_place", "phone"]
    assert [c.header for c in match.unmapped] == ["地址"]


@pytest.mark.parametrize(
    ("sheet", "table"),
    [("家庭户个人信息表", "family_person"), ("集体户", "collective_person"), ("Sheet1", "family_person")],
)
def test_person_table_kind_from_the_sheet_name(sheet, table):
    match = detect([PERSON_HEADER], 0, [], [sheet, "file"])
    assert match.table.name == table


def test_undecided_person_table_is_a_warning(tmp_path):
    path = write_xlsx(tmp_path / "p.xlsx", {"Sheet1": [PERSON_HEADER, person_row("H1", "张三", VALID)]})
    result = read_canvass(path, VILLAGES, today=TODAY)
    assert result.ok
    assert any("同样符合" in i.message and i.severity == "warning" for i in result.issues)


@pytest.mark.parametrize(
    ("header", "table"),
    [
        (["户编号", "户别", "户主姓名", "现住地址", "村(居)代码"], "household"),
        (["空宅编号", "地址", "房主姓名", "空置原因", "村(居)代码"], "vacant_dwelling"),
        (["空挂户编号", "姓名", "身份证号", "空挂原因", "村(居)代码"], "absent_household"),
        (["楼盘小区名称", "物业公司", "楼栋数", "村(居)代码"], "complex"),
        (["姓名", "身份证号", "外出地址", "外出时间", "村(居)代码"], "person_away"),
        (["区划代码", "名称", "级别"], "geography"),
    ],
)
def test_each_table_is_recognised_by_its_headers(header, table):
    assert detect([header], 0, [], ["Sheet1", "file"]).table.name == table


def test_unmapped_header_is_a_warning_and_kept_in_extra(tmp_path):
    path = write_xlsx(
        tmp_path / "p.xlsx",
        {"家庭户": [[*PERSON_HEADER, "宗教信仰"], [*person_row("H1", "张三", VALID), "无"]]},
    )
    result = read_canvass(path, VILLAGES, today=TODAY)
    assert result.ok
    (warning,) = [i for i in result.issues if "不认识的列" in i.message]
    assert (warning.sheet, warning.row, warning.column, warning.header) == ("家庭户", 1, "K", "宗教信仰")
    assert result.tables["family_person"][0]["extra"] == {"宗教信仰": "无"}


def test_missing_required_column_is_an_error(tmp_path):
    header = [h for h in PERSON_HEADER if h != "户编号"]
    path = write_xlsx(tmp_path / "p.xlsx", {"家庭户": [["标题"], header, person_row("H1", "张三", VALID)[1:]]})
    result = read_canvass(path, VILLAGES, today=TODAY)
    assert not result.ok
    (error,) = [i for i in result.issues if i.severity == "error"]
    assert (error.file, error.sheet, error.row) == ("p.xlsx", "家庭户", 2)
    assert error.message == "缺少必填列“户编号”：请在表头中加上这一列（家庭户个人信息表）"


def test_a_sheet_that_is_no_table_is_skipped_with_a_warning(tmp_path):
    path = write_xlsx(
        tmp_path / "p.xlsx",
        {"填表说明": [["1. 身份证号请以文本格式填写"]], "家庭户": [PERSON_HEADER, person_row("H1", "张三", VALID)]},
    )
    result = read_canvass(path, VILLAGES, today=TODAY)
    assert result.ok
    assert result.sheets == {"填表说明": "", "家庭户": "family_person"}
    assert any(i.sheet == "填表说明" and "已跳过" in i.message for i in result.issues)
