import datetime as dt

import pytest

from renpu.core.codes import EDUCATION, REGISTRATION_PLACE, RELATIONSHIP, YES_NO
from renpu.core.tables import FAMILY_PERSON
from renpu.importers.places import Places
from renpu.importers.values import code_parser, date_parser, id_parser, parser_for, village_parser

from .helpers import TODAY, VILLAGES, bad_checksum, make_id

parse_date = date_parser("出生日期", TODAY)


@pytest.mark.parametrize(
    "cell",
    [
        "1985-03-12", "1985/3/12", "1985.03.12", "19850312", "1985年3月12日", " 1985-03-12 ",
        "1985-03-12 00:00:00", "１９８５－０３－１２", dt.date(1985, 3, 12),
        dt.datetime(1985, 3, 12, 0, 0), 31118.0, 31118, 19850312.0,
    ],
)
def test_every_date_format(cell):
    assert parse_date(cell) == (dt.date(1985, 3, 12), None)


@pytest.mark.parametrize("cell", ["1985-3", "1985年3月", "1985.03", "198503", 1985.03, 198503.0])
def test_year_month_is_the_first_with_a_note(cell):
    value, problem = parse_date(cell)
    assert value == dt.date(1985, 3, 1)
    assert problem is not None and problem.severity == "warning" and problem.note
    assert "只填了年月" in problem.message


def test_excel_serial_dates_use_the_1900_system():
    assert parse_date(1.0)[0] == dt.date(1900, 1, 1)
    assert parse_date(59.0)[0] == dt.date(1900, 2, 28)
    assert parse_date(61.0)[0] == dt.date(1900, 3, 1)
    assert parse_date(45000.5)[0] == dt.date(2023, 3, 15)  # a time of day is dropped


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("1985-13-45", "不是有效日期，请按 1985-03-12 格式填写"),
        ("1985-02-30", "不是有效日期"),
        ("85-3-12", "不是有效日期"),
        ("不详", "不是有效日期"),
        (1985.1, "无法判断月份"),
        (1985.0, "只有年份"),
        ("2099-01-01", "不在合理范围"),
        ("1850-01-01", "不在合理范围"),
        (True, "不是有效日期"),
    ],
)
def test_bad_dates_are_errors_that_say_what_to_type(cell, words):
    value, problem = parse_date(cell)
    assert problem is not None and problem.severity == "error"
    assert words in problem.message


def test_bad_date_message_quotes_the_value():
    assert parse_date("1985-13-45")[1].message == "出生日期 '1985-13-45' 不是有效日期，请按 1985-03-12 格式填写"


def test_codes_accept_code_label_synonym_and_number_cells():
    parse = code_parser(RELATIONSHIP, "与户主关系")
    assert parse("户主") == ("0", None)
    assert parse("2") == ("2", None)
    assert parse(2.0) == ("2", None)
    assert parse("配 偶") == ("1", None)
    code, said = parse("儿子")
    assert code == "2" and said.severity == "info" and said.note and "读作 2 子女" in said.message
    education = code_parser(EDUCATION, "文化程度")
    assert education("大专")[0] == "6"


@pytest.mark.parametrize(
    ("value", "code"),
    [("本乡（镇）其他村", "2"), ("本镇其他村（居）", "2"), ("1 本村(居)委会", "1"), ("1-本村", "1"),
     ("本村（已核实）", "1"), ("本鄉(鎮、街道)其他村(居)委會", "2"), ("其他县（市）", "4")],
)
def test_codes_written_another_way_are_read_and_said(value, code):
    parsed, said = code_parser(REGISTRATION_PLACE, "户口登记地")(value)
    assert parsed == code and said.severity == "info" and said.note


def test_a_value_that_could_be_two_codes_is_an_error_naming_both():
    value, problem = code_parser(REGISTRATION_PLACE, "户口登记地")("2 本村")
    assert value == "2 本村" and problem.severity == "error"
    assert "可能是 1 本村(居)委会、2 本乡(镇、街道)其他村(居)委会" in problem.message
    assert "5 户口待定" in problem.message  # and what may be typed


def test_unknown_code_lists_the_allowed_labels():
    value, problem = code_parser(EDUCATION, "文化程度")("博士后")
    assert value == "博士后"
    assert problem.severity == "error"
    assert "文化程度 '博士后' 不是可用的代码或名称" in problem.message
    assert "9 博士研究生" in problem.message


def test_boolean_cells_in_yes_no_columns():
    parse = code_parser(YES_NO, "一户多宅")
    assert parse(True) == ("1", None)
    assert parse(False) == ("0", None)
    assert parse(1.0) == ("1", None)  # typed=True: True and 1.0 do not share a cache entry


parse_id = id_parser("身份证号", TODAY)
VALID = make_id("42112619900101123")


def test_valid_id_text_is_kept():
    assert parse_id(VALID) == (VALID, None)
    assert parse_id(f" {VALID[:-1]}x ".replace("x", VALID[-1])) == (VALID, None)


def test_lowercase_x_and_full_width_digits_are_normalised():
    number = next(
        make_id(f"4211262005031510{d}") for d in range(10) if make_id(f"4211262005031510{d}").endswith("X")
    )
    assert parse_id(number.lower()) == (number, None)
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in number)
    assert parse_id(full_width) == (number, None)


def test_fifteen_digit_id_is_upgraded_with_a_note():
    value, problem = parse_id("421126800101123")
    assert value == make_id("42112619800101123")
    assert problem.severity == "warning" and problem.note and problem.flag == ""


def test_invalid_checksum_is_kept_as_typed_and_flagged():
    typed = bad_checksum(VALID)
    value, problem = parse_id(typed)
    assert value == typed
    assert problem.severity == "warning"
    assert problem.flag == "checksum"
    assert "校验位" in problem.message and "已按原样保留" in problem.message


def test_scientific_text_is_an_error():
    value, problem = parse_id("4.21126E+17")
    assert problem.severity == "error" and problem.flag == "scientific"
    assert "被 Excel 存成了数字" in problem.message and "文本" in problem.message


@pytest.mark.parametrize("cell", [4.21126199001012e17, 421126199001012000.0, 421126199001012000])
def test_numeric_id_cell_is_an_error(cell):
    value, problem = parse_id(cell)
    assert value == "421126199001012000"
    assert problem.severity == "error"
    assert "被 Excel 存成了数字，末几位已丢失" in problem.message


def test_numeric_fifteen_digit_id_loses_nothing_and_is_accepted():
    value, problem = parse_id(421126800101123.0)
    assert value == make_id("42112619800101123")


def _column_parser(field):
    return parser_for(FAMILY_PERSON.column(field), field, Places(VILLAGES), TODAY)


def test_phone_numbers_stay_text_and_numeric_mobiles_convert():
    phone = _column_parser("phone")
    assert phone("0713-7654321") == ("0713-7654321", None)
    assert phone(13800138000.0) == ("13800138000", None)
    assert phone(1.23456789012345678e18)[1].severity == "error"


def test_groups_and_keys_from_number_cells():
    assert _column_parser("group")(3.0) == ("3", None)
    assert _column_parser("group")("第三组") == ("3", None)
    assert _column_parser("household_key")(1001.0) == ("1001", None)
    value, problem = _column_parser("household_key")(4.21126102201001e17)
    assert problem.severity == "error" and "超过15位" in problem.message


def test_int_columns():
    from renpu.core.tables import COMPLEX

    parse = parser_for(COMPLEX.column("buildings"), "楼栋数", Places(None), TODAY)
    assert parse(12.0) == (12, None)
    assert parse("1,200") == (1200, None)
    assert parse("12.5")[1].message == "楼栋数 '12.5' 应为不小于 0 的整数"
    assert parse(12.5)[1] is not None


def test_village_codes():
    parse = village_parser("村代码", Places(VILLAGES))
    assert parse("421126102201") == ("421126102201", None)
    assert parse(421126102201.0) == ("421126102201", None)  # 12 digits are exact in a float
    assert "应为 12 位" in parse("42112610220")[1].message
    unknown = parse("421126999201")[1]
    assert unknown.severity == "error" and "不在已导入的区划代码中" in unknown.message
    nothing_imported = village_parser("村代码", Places({}))("421126102201")[1]
    assert "请先导入区划代码表" in nothing_imported.message
    assert village_parser("村代码", Places(None))("421126999201") == ("421126999201", None)
