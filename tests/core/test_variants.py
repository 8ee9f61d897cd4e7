"""Code values written the ways clerks write them, generated here independently of core.variants.

This file's generator writes a label the way a clerk might (brackets kept,
dropped or half kept, 村/居/社区, 委会/委员会, traditional characters by OpenCC,
full-width punctuation, spaces, the code before or after, a note after it) and
checks that every such variant of every label of every code list reads as its
own code — never as another one.
"""

from __future__ import annotations

import re

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renpu.core import codes, variants

LABELS = [(code_list, code, label) for code_list in codes.ALL_CODE_LISTS.values() for code, label in code_list.items]
_TRADITIONAL = [opencc.OpenCC(config) for config in ("s2t.json", "s2tw.json", "s2hk.json")]
_NOTES = ("已核实", "2020年登记", "见备注", "据本人说", "村干部提供")
_BRACKET = re.compile(r"(.)[(（]([^()（）]+)[)）]")


@st.composite
def _brackets(draw: st.DrawFn, label: str) -> str:
    """Each 'word(a、b)' of the label: kept, dropped, part kept, joined, or one alternative for the word."""
    def rewrite(match: re.Match[str]) -> str:
        word, inside = match[1], re.split("[、，,/]", match[2])
        kept = [a for a in inside if draw(st.booleans())] or inside[:1]
        separator = draw(st.sampled_from(("、", "，", "/")))
        choice = draw(st.sampled_from(("all", "none", "part", "joined", "alternative")))
        if choice == "all":
            return f"{word}({separator.join(inside)})"
        if choice == "none":
            return word
        if choice == "part":
            return f"{word}({separator.join(kept)})"
        if choice == "joined":
            return word + "".join(kept)
        return draw(st.sampled_from(inside))

    return _BRACKET.sub(rewrite, label)


@st.composite
def _village(draw: st.DrawFn, text: str) -> str:
    if "村(居)委会" in text or "村委会" in text or "居委会" in text:
        text = text.replace("村(居)委会", draw(st.sampled_from(
            ("村(居)委会", "村委会", "居委会", "村民委员会", "居民委员会", "村", "社区", "村(社区)", "村(居)委员会"))))
    return text


@st.composite
def _years(draw: st.DrawFn, text: str) -> str:
    if "年" in text and draw(st.booleans()):
        text = text.translate(str.maketrans({"一": "1", "二": "2", "三": "3", "四": "4", "五": "5"})).replace("十年", "10年")
    if "不满" in text:
        text = text.replace("不满", draw(st.sampled_from(("不满", "不足", "未满"))))
    return text


@st.composite
def _alternative(draw: st.DrawFn, label: str) -> str:
    """随同离开/投亲靠友 and 岳父母或公婆: a clerk may write one of them."""
    parts = re.split("[/或]", label)
    return draw(st.sampled_from(parts)) if len(parts) > 1 and "(" not in label and draw(st.booleans()) else label


def _width(text: str, full: bool) -> str:
    if not full:
        return text
    return text.translate(str.maketrans({"(": "（", ")": "）", "/": "／", ",": "，", "-": "－", ":": "："}))


@st.composite
def written(draw: st.DrawFn, code: str, label: str) -> str:
    text = draw(_alternative(label))
    text = draw(_brackets(text))
    text = draw(_village(text))
    text = draw(_years(text))
    if draw(st.booleans()):
        text = draw(st.sampled_from(_TRADITIONAL)).convert(text)
    how = draw(st.sampled_from(("plain", "code first", "code after", "note")))
    if how == "code first":
        text = draw(st.sampled_from((f"{code} {text}", f"{code}-{text}", f"{code}.{text}", f"({code}){text}",
                                     f"{code}、{text}")))
    elif how == "code after":
        text = draw(st.sampled_from((f"{text}({code})", f"{text}-{code}")))
    elif how == "note":
        note = draw(st.sampled_from(_NOTES))
        text = draw(st.sampled_from((f"{text}({note})", f"{text} {note}", f"{text}-{note}", f"{text}：{note}")))
    text = _width(text, draw(st.booleans()))
    if draw(st.booleans()):  # spaces anywhere
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from((" ", "\u3000", "  "))) + text[at:]
    return text


@st.composite
def labelled_variant(draw: st.DrawFn) -> tuple[codes.CodeList, str, str]:
    code_list, code, label = draw(st.sampled_from(LABELS))
    return code_list, code, draw(written(code, label))


@settings(max_examples=1500, deadline=None)
@given(labelled_variant())
def test_every_variant_of_every_label_reads_as_its_own_code(case):
    code_list, code, text = case
    assert code_list.parse(text) == code, (code_list.name, text, code_list.read(text))


@pytest.mark.parametrize(("code_list", "code", "label"), LABELS, ids=[f"{c.name}-{k}" for c, k, _ in LABELS])
def test_no_form_of_a_label_belongs_to_two_codes(code_list, code, label):
    for form in variants.label_forms(label):
        assert code_list.forms()[form] == {code}, form
        known = code_list._exact().get(form)
        assert known is None or known[0] == code, (form, known)


@pytest.mark.parametrize(
    ("code_list", "text", "candidates"),
    [
        (codes.REGISTRATION_PLACE, "2 本村", ("1", "2")),
        (codes.REGISTRATION_PLACE, "本村(2)", ("1", "2")),
        (codes.REGISTRATION_PLACE, "本村/其他县", ("1", "4")),
        (codes.PERSON_STATUS, "在住、外出", ("1", "2")),
        (codes.PERSON_STATUS, "外出（已死亡）", ("2", "3")),
    ],
)
def test_a_value_naming_two_codes_is_read_as_neither(code_list, text, candidates):
    reading = code_list.read(text)
    assert reading.code is None and reading.candidates == candidates


@pytest.mark.parametrize(
    ("code_list", "text"),
    [(codes.EDUCATION, "初中未毕业"), (codes.REGISTRATION_PLACE, "本地"), (codes.RELATIONSHIP, "户主本人"),
     (codes.REGISTRATION_PLACE, "9 本村"), (codes.SEX, "1 xyz")],
)
def test_a_value_naming_no_code_is_read_as_none(code_list, text):
    reading = code_list.read(text)
    assert reading.code is None and not reading.candidates


def test_the_rules_say_which_rule_read_a_value():
    place = codes.REGISTRATION_PLACE
    assert place.read("本村(居)委会").rule == variants.EXACT
    assert place.read("本乡（镇）其他村").rule == variants.FORM
    assert place.read("1 本村").rule == variants.CODE_LABEL
    assert place.read("本村（已核实）").rule == variants.NOTE
    assert place.read("外省").rule == variants.SYNONYM
    assert place.read("本鄉(鎮、街道)其他村(居)委會").rule == variants.FORM  # traditional: read, and said


def test_the_rules_give_what_the_old_synonym_lists_spelled_out():
    old = {"本村": "1", "本居委会": "1", "本村委会": "1", "本乡镇其他村": "2", "本乡其他村": "2",
           "本镇其他村": "2", "本县其他乡镇": "3", "其他县": "4"}
    for text, code in old.items():
        assert codes.REGISTRATION_PLACE.read(text) == variants.Reading(code, variants.FORM)
    for text, code in {"投亲靠友": "3", "搬家": "4", "拆迁": "4", "养老": "9"}.items():
        assert codes.REASON_AWAY.read(text).code == code
