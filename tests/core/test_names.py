import pytest

from renpu.core import names


@pytest.mark.parametrize(
    ("name", "key"),
    [("单雄信", "shanxiongxin"), ("曾国藩", "zengguofan"), ("解缙", "xiejin"), ("仇英", "qiuying"),
     ("区志明", "ouzhiming"), ("查良镛", "zhaliangyong"), ("欧阳娜娜", "ouyangnana"), ("尉迟恭", "yuchigong"),
     ("吕布", "lvbu"), ("张 晓明", "zhangxiaoming")],
)
def test_surnames_read_as_surnames(name, key):
    assert names.pinyin_key(name) == key


def test_homophone_typos_share_a_key():
    assert names.same_pinyin("张晓明", "张小明")
    assert names.same_pinyin("王丽", "王莉")
    assert not names.same_pinyin("王丽", "王芳")


def test_given_name_not_read_across_surname_boundary():
    # the phrase 叶韵 would read 叶 as xié; per-character reading keeps yè
    assert names.pinyin_key("叶韵明").startswith("yeyun")


def test_normalise_minority_name_dots_and_width():
    assert names.normalise_name("阿依古丽・买买提") == "阿依古丽·买买提"
    assert names.normalise_name(" 张\u200b三 ") == "张三"
    assert names.split_name("欧阳娜娜") == ("欧阳", "娜娜")
    assert names.split_name("欧阳") == ("欧", "阳")


@pytest.mark.parametrize("name, initials", [
    ("张小明", "zxm"), ("单雄信", "sxx"), ("曾国藩", "zgf"), ("欧阳娜娜", "oynn"),
    ("尉迟恭", "ycg"), ("张 小明", "zxm"), ("", ""),
])
def test_pinyin_initials_are_what_people_type(name, initials):
    assert names.pinyin_initials(name) == initials
