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


@pytest.mark.parametrize(
    ("header", "field", "rule"),
    [
        ("公民身份号码", "id_number", "label"),
        ("身份证号", "id_number", "alias"),
        ("戶口登記地", "registration_place", "label"),  # traditional characters
        ("身份证号(18位)", "id_number", "normalised"),  # a note in brackets
        ("出生日期（年月日）", "birth_date", "normalised"),
        ("3.性别", "sex", "normalised"),
        ("是否居无定所", "no_fixed_abode", "form"),
        ("现状情况", "status", "form"),
        ("受教育程度状况", "education", "form"),
        ("公民身分号码", "id_number", "near"),  # one character off
        ("离开户口登记地的时间", "time_away", "near"),
        ("家庭成员姓名", "name", "contained"),
        ("人员现状", "status", "contained"),
        ("户主姓名", "", ""),  # another person's name is not the member's
        ("母亲身份证号", "", ""),
        ("宗教信仰", "", ""),
        ("日期", "", ""),  # in two fields' spellings: not guessed
    ],
)
def test_header_rules_and_the_rule_that_decided(header, field, rule):
    found, how, _ = vocabulary()["family_person"].match(header)
    assert (found, how) == (field, rule)


def test_another_persons_header_is_matched_only_among_that_persons_fields():
    household = vocabulary()["household"]
    assert household.match("户主公民身分号码")[:2] == ("head_id_number", "near")
    assert household.match("户主的姓名")[0] == "head_name"


def test_every_decision_is_shown():
    match = detect([["户编号", "姓名", "公民身分号码", "是否居无定所", "宗教信仰"]], 0, [], ["家庭户", "f"])
    decisions = [c.decision() for c in match.columns]
    assert "户编号 → household_key（标准列名）" in decisions
    assert "公民身分号码 → id_number（相差一两个字：公民身份号码）" in decisions
    assert [c.header for c in match.columns if c.by_rule] == ["公民身分号码", "是否居无定所"]
    assert match.unmapped[0].decision() == "宗教信仰 → 未对应"


def _sheet(tmp_path, extra_header, values):
    rows = [[*PERSON_HEADER, extra_header]]
    rows += [[*person_row(f"H{i}", f"张{i}", VALID), value] for i, value in enumerate(values)]
    return write_xlsx(tmp_path / "p.xlsx", {"家庭户": rows})


def test_a_column_whose_values_are_a_fields_codes_is_never_dropped_quietly(tmp_path):
    path = _sheet(tmp_path, "在册情况", ["在住", "外出", "在住", "死亡"])
    result = read_canvass(path, VILLAGES, today=TODAY)
    assert not result.ok
    (error,) = [i for i in result.issues if i.severity == "error"]
    assert (error.sheet, error.row, error.column, error.header) == ("家庭户", 1, "K", "在册情况")
    assert "像是 “现状”" in error.message and "在住" in error.message and "--ignore-column 在册情况" in error.message
    told = read_canvass(path, VILLAGES, today=TODAY, ignore_columns=["在册情况"])
    assert told.ok
    assert any("按要求未导入" in i.message and i.severity == "warning" for i in told.issues)
    assert told.tables["family_person"][0]["extra"] == {"在册情况": "在住"}  # still kept with the record


def test_a_column_whose_header_holds_a_fields_key_word_is_an_error(tmp_path):
    result = read_canvass(_sheet(tmp_path, "户主姓名", ["张0", "张0", "李四", "李四"]), VILLAGES, today=TODAY)
    (error,) = [i for i in result.issues if i.severity == "error"]
    assert error.column == "K" and "像是 “姓名”" in error.message


def test_an_empty_column_that_looks_like_a_field_is_only_a_warning(tmp_path):
    result = read_canvass(_sheet(tmp_path, "人员去向", ["", "", ""]), VILLAGES, today=TODAY)
    assert result.ok
    assert any("没有内容" in i.message and i.column == "K" for i in result.issues)


def test_a_second_column_of_a_field_must_say_the_same(tmp_path):
    same = read_canvass(_sheet(tmp_path, "姓名", ["张0", "张1"]), VILLAGES, today=TODAY)
    assert same.ok and any("内容相同" in i.message for i in same.issues)
    different = read_canvass(_sheet(tmp_path, "姓名", ["张0", "王五"]), VILLAGES, today=TODAY)
    (error,) = [i for i in different.issues if i.severity == "error"]
    assert error.column == "K" and "第一处在第 3 行" in error.message


def test_the_files_summary_line_counts_rule_mappings_and_left_out_columns(tmp_path):
    header = ["户编号", "村(居)代码", "姓名", "身份证号(18位)", "性别", "户口登记地", "序号"]
    rows = [header, ["H1", ZJW, "张三", VALID, "男", "本乡（镇）其他村", 1.0],
            ["H1", ZJW, "李四", VALID[:-1] + "0", "女", "本乡（镇）其他村", 2.0]]
    result = read_canvass(write_xlsx(tmp_path / "p.xlsx", {"家庭户": rows}), VILLAGES, today=TODAY)
    assert result.ok, result.issues
    summary = result.column_summary()
    assert "按规则对应 1 列（身份证号(18位) → 公民身份号码（去掉括号中的单位或说明、序号后）" in summary
    assert "未导入 1 列（序号）" in summary
    assert "2 个值按规则读作代码" in summary
    assert f"警告 {result.warning_count} 条" in summary
    (reading,) = result.readings
    assert reading.table == "family_person" and reading.data_rows == 2
    registration = next(c for c in reading.columns if c.field == "registration_place")
    assert reading.samples[registration.index][0] == ("本乡（镇）其他村", "2")
