import pytest

from renpu.core import codes


@pytest.mark.parametrize(
    ("code_list", "value", "code"),
    [
        (codes.RELATIONSHIP, "2", "2"),
        (codes.RELATIONSHIP, 2, "2"),
        (codes.RELATIONSHIP, 2.0, "2"),
        (codes.RELATIONSHIP, "子女", "2"),
        (codes.RELATIONSHIP, " 户 主 ", "0"),
        (codes.RELATIONSHIP, "儿子", "2"),
        (codes.SEX, "女", "2"),
        (codes.SEX, "２", "2"),
        (codes.ETHNICITY, "汉族", "01"),
        (codes.ETHNICITY, "汉", "01"),
        (codes.ETHNICITY, "1", "01"),
        (codes.ETHNICITY, "土家族", "15"),
        (codes.ETHNICITY, "外国人入籍", "98"),
        (codes.EDUCATION, "大专", "6"),
        (codes.REASON_AWAY, "10", "10"),
        (codes.REGISTRATION_PLACE, "户口待定", "5"),
        (codes.TIME_AWAY, "十年以上", "9"),
    ],
)
def test_parse_accepts_code_label_or_synonym(code_list, value, code):
    assert code_list.parse(value) == code


@pytest.mark.parametrize("value", ["", None, "火星人", "11"])
def test_parse_unknown_gives_none(value):
    assert codes.RELATIONSHIP.parse(value) is None


def test_all_56_ethnic_groups_plus_two():
    assert len(codes.ETHNICITY.items) == 58
    assert codes.ETHNICITY.label_of("56") == "基诺族"
    assert len(set(codes.ETHNICITY.codes())) == 58


def test_every_list_has_unique_codes_and_labels():
    for code_list in codes.ALL_CODE_LISTS.values():
        assert len(set(code_list.codes())) == len(code_list.items)
        assert len({label for _, label in code_list.items}) == len(code_list.items)
        for code, label in code_list.items:
            assert code_list.parse(label) == code
