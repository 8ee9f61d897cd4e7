import datetime as dt

from renpu.importers import read_canvass
from renpu.importers.issues import LIMIT_PER_COLUMN

from .helpers import (
    PERSON_HEADER,
    TODAY,
    VILLAGES,
    ZJW,
    bad_checksum,
    make_id,
    person_row,
    write_xlsx,
)

HEAD = make_id("42112619800101123")
WIFE = make_id("42112619820202124")
CHILD = make_id("42112620100303125")


def _family(tmp_path, rows, name="张家湾村家庭户个人信息表.xlsx", sheet="家庭户", title=True):
    lines = [["蕲州镇张家湾村家庭户个人信息表"]] if title else []
    return write_xlsx(tmp_path / name, {sheet: [*lines, PERSON_HEADER, *rows]})


def _errors(result):
    return [i for i in result.issues if i.severity == "error"]


def test_happy_path(tmp_path):
    path = _family(tmp_path, [
        person_row("H001", "张三", HEAD, birth="1980-01-01"),
        person_row("H001", "李芳", WIFE, sex="女", relationship="1", birth="1982/2/2", education="大专"),
        person_row("H001", "张小明", CHILD, relationship="儿子", birth=dt.date(2010, 3, 3), group=2.0),
        person_row("H002", "王五", "421126800101123", birth="1980年1月1日", phone=13900139000.0),
        person_row("H002", "王六", bad_checksum(CHILD), birth="20100303", relationship="子女"),
    ])
    result = read_canvass(path, VILLAGES, today=TODAY)
    assert result.ok, _errors(result)
    assert len(result.sha256) == 64
    persons = result.tables["family_person"]
    assert [p["person_key"] for p in persons] == ["H001-01", "H001-02", "H001-03", "H002-01", "H002-02"]
    assert [p["_row"] for p in persons] == [3, 4, 5, 6, 7]
    assert {p["_sheet"] for p in persons} == {"家庭户"}
    head, wife, child, old, typo = persons
    assert head["sex"] == "1" and head["relationship"] == "0" and head["education"] == "4"
    assert head["village_code"] == ZJW and head["group"] == "3"
    assert wife["education"] == "6" and wife["birth_date"] == dt.date(1982, 2, 2)
    assert child["relationship"] == "2" and child["group"] == "2"
    assert old["id_number"] == make_id("42112619800101123") and old["id_problem"] == ""
    assert old["phone"] == "13900139000"
    assert typo["id_number"] == bad_checksum(CHILD) and typo["id_problem"] == "checksum"
    assert head["id_problem"] == ""
    warnings = {(i.row, i.column) for i in result.issues if i.severity == "warning"}
    assert (7, "D") in warnings and (6, "D") in warnings
    assert {i.severity for i in result.issues} == {"warning", "info"}
    # how 儿子 and 大专 were read is said once each, not silently
    readings = {i.value: i.message for i in result.issues if i.severity == "info"}
    assert "2 子女" in readings["儿子"] and "6 大学专科" in readings["大专"]


def test_generated_keys_are_stable_across_reads(tmp_path):
    path = _family(tmp_path, [person_row("H1", "甲", HEAD), person_row("H2", "乙", WIFE), person_row("H1", "丙", CHILD)])
    first = read_canvass(path, VILLAGES, today=TODAY)
    second = read_canvass(path, VILLAGES, today=TODAY)
    keys = [p["person_key"] for p in first.tables["family_person"]]
    assert keys == ["H1-01", "H2-01", "H1-02"]
    assert keys == [p["person_key"] for p in second.tables["family_person"]]
    assert first.sha256 == second.sha256


def test_excel_mangled_ids_are_errors_with_their_place(tmp_path):
    path = _family(tmp_path, [
        person_row("H1", "甲", 4.21126199001012e17),
        person_row("H1", "乙", 421126199001012000.0),
        person_row("H1", "丙", "4.21126E+17"),
    ])
    result = read_canvass(path, VILLAGES, today=TODAY)
    assert not result.ok
    errors = _errors(result)
    assert [(e.file, e.sheet, e.row, e.column, e.header) for e in errors] == [
        ("张家湾村家庭户个人信息表.xlsx", "家庭户", row, "D", "公民身份号码") for row in (3, 4, 5)
    ]
    assert errors[0].value == "421126199001012000"
    assert errors[0].message == (
        "公民身份号码 '421126199001012000' 被 Excel 存成了数字，末几位已丢失："
        "请把该列设为“文本”格式后按原件重新录入"
    )
    assert "4.21126E+17" in errors[2].message


def test_unparseable_date(tmp_path):
    result = read_canvass(_family(tmp_path, [person_row("H1", "甲", HEAD, birth="1985-13-45")]), VILLAGES, today=TODAY)
    (error,) = _errors(result)
    assert (error.sheet, error.row, error.column, error.header, error.value) == ("家庭户", 3, "F", "出生日期", "1985-13-45")
    assert error.message == "出生日期 '1985-13-45' 不是有效日期，请按 1985-03-12 格式填写"


def test_unknown_code_label(tmp_path):
    result = read_canvass(_family(tmp_path, [person_row("H1", "甲", HEAD, relationship="邻居")]), VILLAGES, today=TODAY)
    (error,) = _errors(result)
    assert (error.row, error.column, error.header) == (3, "G", "与户主关系")
    assert "'邻居' 不是可用的代码或名称" in error.message and "0 户主" in error.message


def test_empty_required_cell(tmp_path):
    result = read_canvass(_family(tmp_path, [person_row("H1", "", HEAD)]), VILLAGES, today=TODAY)
    (error,) = _errors(result)
    assert (error.row, error.column, error.message) == (3, "C", "“姓名”不能为空")


def test_duplicated_typed_keys(tmp_path):
    header = ["户编号", "村(居)代码", "户别", "户主姓名"]
    path = write_xlsx(tmp_path / "户表.xlsx", {"户表": [header, ["H1", ZJW, "家庭户", "甲"], ["H2", ZJW, "1", "乙"], ["H1", ZJW, "1", "丙"]]})
    result = read_canvass(path, VILLAGES, today=TODAY)
    (error,) = _errors(result)
    assert (error.sheet, error.row, error.column, error.header, error.value) == ("户表", 4, "A", "户编号", "H1")
    assert error.message == "户编号 'H1' 与第 2 行重复：同一文件中户编号不能重复，请改正"


def test_generated_key_colliding_with_a_typed_one(tmp_path):
    header = ["个人编号", *PERSON_HEADER]
    path = write_xlsx(tmp_path / "p.xlsx", {"家庭户": [header, ["H1-02", *person_row("H1", "甲", HEAD)], ["", *person_row("H1", "乙", WIFE)]]})
    (error,) = _errors(read_canvass(path, VILLAGES, today=TODAY))
    assert error.row == 3 and "自动生成的个人编号 'H1-02'" in error.message


def test_duplicate_person_keys_across_sheets(tmp_path):
    header = ["个人编号", *PERSON_HEADER]
    path = write_xlsx(tmp_path / "p.xlsx", {
        "家庭户": [header, ["P1", *person_row("H1", "甲", HEAD)]],
        "集体户": [header, ["P1", *person_row("J1", "乙", WIFE)]],
    })
    result = read_canvass(path, VILLAGES, today=TODAY)
    assert result.sheets == {"家庭户": "family_person", "集体户": "collective_person"}
    (error,) = _errors(result)
    assert (error.sheet, error.row) == ("集体户", 2)
    assert "与工作表“家庭户”第 2 行重复" in error.message


def test_village_code_from_the_name_and_from_the_title(tmp_path):
    header = ["户编号", "村(居)委会", "姓名"]
    path = write_xlsx(tmp_path / "p.xlsx", {"家庭户": [header, ["H1", "张家湾村", "甲"], ["H2", "李家湾村委会", "乙"], ["H3", "新街村", "丙"]]})
    result = read_canvass(path, VILLAGES, today=TODAY)
    persons = result.tables["family_person"]
    assert [p["village_code"] for p in persons[:2]] == [ZJW, "421126102202"]
    (error,) = _errors(result)
    assert (error.row, error.column) == (4, "B") and "对应多个村(居)" in error.message
    titled = write_xlsx(tmp_path / "t.xlsx", {"Sheet1": [["蕲州镇李家湾村家庭户个人信息表"], ["户编号", "姓名", "身份证号"], ["H1", "甲", HEAD]]})
    result = read_canvass(titled, VILLAGES, today=TODAY)
    assert result.ok, result.issues
    assert result.tables["family_person"][0]["village_code"] == "421126102202"


def test_no_village_anywhere_is_one_sheet_error(tmp_path):
    path = write_xlsx(tmp_path / "p.xlsx", {"家庭户": [["户编号", "姓名", "身份证号"], ["H1", "甲", HEAD], ["H1", "乙", WIFE]]})
    (error,) = _errors(read_canvass(path, VILLAGES, today=TODAY))
    assert error.row == 1 and "没有“村(居)代码”" in error.message


def test_unknown_village_code_says_to_import_geography(tmp_path):
    result = read_canvass(_family(tmp_path, [person_row("H1", "甲", HEAD, village="421126999201")]), VILLAGES, today=TODAY)
    (error,) = _errors(result)
    assert error.column == "B" and "不在已导入的区划代码中" in error.message
    result = read_canvass(_family(tmp_path, [person_row("H1", "甲", HEAD)]), {}, today=TODAY)
    assert "请先导入区划代码表" in _errors(result)[0].message


def test_blank_and_footer_rows_are_ignored(tmp_path):
    path = _family(tmp_path, [person_row("H1", "甲", HEAD), [], ["", "  "], ["合计", "", "1人"], ["填表人：张三", "", "", "审核人：李四"]])
    result = read_canvass(path, VILLAGES, today=TODAY)
    assert result.ok, result.issues
    assert len(result.tables["family_person"]) == 1


def test_month_only_dates_are_one_note_per_column(tmp_path):
    rows = [person_row(f"H{i}", "甲", "", birth="1985年3月") for i in range(5)]
    result = read_canvass(_family(tmp_path, rows), VILLAGES, today=TODAY)
    assert result.ok
    (note,) = [i for i in result.issues if "只填了年月" in i.message]
    assert note.row == 3 and note.severity == "warning" and "共 5 处" in note.message


def test_repeated_errors_are_capped_but_counted(tmp_path):
    count = LIMIT_PER_COLUMN + 20
    rows = [person_row(f"H{i}", "甲", 421126199001012000.0 + i * 1000) for i in range(count)]
    result = read_canvass(_family(tmp_path, rows), VILLAGES, today=TODAY)
    assert result.error_count == count
    listed = [i for i in result.issues if i.column == "D"]
    assert len(listed) == LIMIT_PER_COLUMN + 1
    assert "另有 20 处错误未逐条列出" in listed[-1].message


def test_the_other_tables_and_their_generated_keys(tmp_path):
    path = write_xlsx(tmp_path / "张家湾村.xlsx", {
        "户表": [["户编号", "村(居)代码", "户别", "户主姓名", "户主身份证号"], ["H1", ZJW, "家庭户", "甲", HEAD]],
        "空宅表": [["村(居)代码", "建筑物编号", "地址", "房主"], [ZJW, "B01", "张家湾3号", "丁"], [ZJW, "B01", "张家湾3号", "丁"]],
        "空挂户表": [["空挂户编号", "村(居)代码", "姓名", "身份证号"], ["K1", ZJW, "戊", WIFE], ["K1", ZJW, "己", CHILD]],
        "楼盘小区": [["楼盘小区名称", "村(居)代码", "楼栋数"], ["江景花园", ZJW, 12.0]],
        "外出人员表": [["户编号", "姓名", "身份证号", "外出地址", "外出时间", "村(居)代码"], ["H1", "甲", HEAD, "武汉", "2020-05", ZJW]],
    })
    result = read_canvass(path, VILLAGES, today=TODAY)
    assert result.ok, _errors(result)
    tables = result.tables
    assert tables["household"][0]["head_id_number"] == HEAD and tables["household"][0]["kind"] == "1"
    assert tables["household"][0]["head_id_number_problem"] == ""
    vacant = [r["vacant_key"] for r in tables["vacant_dwelling"]]
    assert vacant[0].startswith(f"KZ-{ZJW}-") and len(vacant[0]) == len(f"KZ-{ZJW}-") + 10
    assert vacant[1] == vacant[0] + "-2"
    assert any("内容相同" in i.message and i.row == 3 and i.sheet == "空宅表" for i in result.issues)
    assert [r["member_key"] for r in tables["absent_household"]] == ["K1-01", "K1-02"]
    assert tables["complex"][0]["complex_key"].startswith(f"LP-{ZJW}-") and tables["complex"][0]["buildings"] == 12
    away = tables["person_away"][0]
    assert away["away_key"].startswith(f"WC-{ZJW}-") and away["away_since"] == dt.date(2020, 5, 1)
    again = read_canvass(path, VILLAGES, today=TODAY).tables
    assert [r["vacant_key"] for r in again["vacant_dwelling"]] == vacant


def test_geography_none_skips_the_village_check(tmp_path):
    result = read_canvass(_family(tmp_path, [person_row("H1", "甲", HEAD, village="421126999201")]), None, today=TODAY)
    assert result.ok


def test_header_variants_end_to_end(tmp_path):
    header = ["户号", "村名", "组别", "姓 名", "*身份证号码", "性别", "出生年月", "户主关系", "文化程度", "手机号码"]
    row = ["H9", "张家湾", "第二组", "赵一", HEAD, "女", "1980.01", "本人", "学历不详", 13800138000.0]
    path = write_xlsx(tmp_path / "张家湾村家庭户.xlsx", {"Sheet1": [header, row]})
    result = read_canvass(path, VILLAGES, today=TODAY)
    (error,) = _errors(result)
    assert (error.row, error.column, error.header) == (2, "I", "文化程度")
    record = result.tables["family_person"][0]
    assert record["village_code"] == ZJW and record["group"] == "2" and record["name"] == "赵一"
    assert record["sex"] == "2" and record["birth_date"] == dt.date(1980, 1, 1)
    assert record["relationship"] == "0" and record["phone"] == "13800138000"


def test_gbk_csv_with_title_and_scientific_id(tmp_path):
    lines = ["张家湾村家庭户个人信息表,,,", ",".join(PERSON_HEADER), ",".join(person_row("H1", "甲", "4.21126E+17"))]
    path = tmp_path / "张家湾.csv"
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    (error,) = _errors(read_canvass(path, VILLAGES, today=TODAY))
    assert (error.file, error.sheet, error.row, error.column) == ("张家湾.csv", "张家湾", 3, "D")
    assert "被 Excel 存成了数字" in error.message
