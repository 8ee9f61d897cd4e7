"""How clerks write a code's label: the rules that read what they type as one code.

The labels are the census form's (本乡(镇、街道)其他村(居)委会); clerks write them in
many shapes, and a longer list of spellings would never be long enough, so
values are read by rules:

* width and script: full-width or half-width punctuation and brackets,
  traditional characters (``core.hanzi``), spaces anywhere;
* a part in brackets present, dropped, partly kept, joined to the word before
  it, or standing for that word: 乡(镇、街道) is 乡, 乡(镇), 乡镇, 乡/镇, 镇 or 街道;
* alternatives: 随同离开/投亲靠友 is either, and so is 岳父母或公婆;
* village words: 村 / 居 / 社区, 委会 / 委员会 / 村民委员会, or 委会 left out (本村);
* years: 一年以上不满二年 as 1年以上不满2年 or 一年以上不足两年; 已 before a label (已迁出);
* the code with its label: ``1 本村(居)委会``, ``1-本村``, ``(1)本村``, ``本村(1)`` —
  the code and the label must agree;
* a label followed by a note after a bracket, a separator or a space:
  本村（已核实）, 外出 广东 — unless the note itself names another code.

A value that fits exactly one code is read as that code, and ``Reading.rule``
says how, so the import can count it; a value that could be two codes, or none,
is not read (``Reading.code`` is None, ``candidates`` lists the codes it fits).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations, product

from .hanzi import TO_SIMPLIFIED

# How a value was read (rule → Chinese, for the import report).
EXACT, NUMBER, SYNONYM, FORM, CODE_LABEL, NOTE = "exact", "number", "synonym", "form", "code_label", "note"
RULE_LABELS = {
    EXACT: "标准名称", NUMBER: "代码", SYNONYM: "常用说法", FORM: "按规则（括号、简称、繁体等）",
    CODE_LABEL: "代码加名称", NOTE: "名称后附说明",
}

_INVISIBLE = dict.fromkeys([0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, *range(0xFE00, 0xFE10)], None)
_PUNCTUATION = str.maketrans({
    **dict.fromkeys("【〔[{〈《「『<", "("), **dict.fromkeys("】〕]}〉》」』>", ")"),
    **dict.fromkeys("、,;|\\", "/"), **dict.fromkeys("‐‑‒–—―~〜", "-"),
})
_GROUP = re.compile(r"(.)\(([^()]+)\)")  # a word and, in brackets after it, what may stand for it
_YEARS = re.compile(r"([一二两三四五六七八九十])(?=年)")
_DIGITS = {"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7",
           "八": "8", "九": "9", "十": "10"}
_SHORT_OF = ("不满", "不足", "未满")
_CODE_FIRST = re.compile(r"\(?([0-9]{1,2})\)?(?:[-.:/_]+|(?=[^0-9]))(.+)", re.ASCII | re.DOTALL)
_CODE_LAST = re.compile(r"([^0-9].*?)(?:\(([0-9]{1,2})\)|[-:/]([0-9]{1,2}))", re.ASCII | re.DOTALL)
_NOTE_STARTS = "(/-:"


@dataclass(frozen=True, slots=True)
class Reading:
    """What a typed value says: one code (and by which rule), or the codes it could be."""

    code: str | None
    rule: str = ""
    candidates: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.code is None and len(self.candidates) > 1


NOTHING = Reading(None)


def _folded_chars(text: str) -> str:
    value = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(TO_SIMPLIFIED)
    return value.translate(_PUNCTUATION)


def fold(value: object) -> str:
    """One spelling for the ways a label is typed: NFKC, simplified, ASCII brackets and '/', no spaces."""
    if value is None:
        return ""
    return "".join(_folded_chars(str(value)).split())


def fold_with_breaks(value: object) -> tuple[str, frozenset[int]]:
    """``fold`` plus the positions (in the folded text) where the typist left a space."""
    chars: list[str] = []
    breaks: set[int] = set()
    for char in _folded_chars("" if value is None else str(value)).strip():
        if char.isspace():
            breaks.add(len(chars))
        else:
            chars.append(char)
    return "".join(chars), frozenset(breaks)


# --- the forms a label takes ---------------------------------------------------


def _group_options(word: str, alternatives: list[str]) -> set[str]:
    """乡(镇/街道) → 乡, 乡(镇), 乡镇, 乡/镇, 镇, 街道, … (subsets keep their order)."""
    options = {word, *alternatives}
    for size in range(1, len(alternatives) + 1):
        for subset in combinations(alternatives, size):
            options.update((f"{word}({'/'.join(subset)})", word + "".join(subset), word + "/" + "/".join(subset)))
    return options


def _bracket_forms(label: str) -> set[str]:
    pieces: list[set[str]] = []
    position = 0
    for match in _GROUP.finditer(label):
        pieces.append({label[position : match.start()]})
        pieces.append(_group_options(match[1], match[2].split("/")))
        position = match.end()
    pieces.append({label[position:]})
    return {"".join(choice) for choice in product(*pieces)}


def _village_words(form: str) -> set[str]:
    """村(居)委会 is also 村委会 / 村民委员会 / 居委会 / 社区 / 本村 …"""
    forms = {form}
    if "委会" in form:
        forms.add(form.replace("委会", "委员会"))
        forms.add(form.replace("村委会", "村民委员会").replace("居委会", "居民委员会"))
        forms.add(re.sub("(?<=[村居)])委会", "", form))
    for known in list(forms):
        if "居" in known:
            forms.add(known.replace("居委会", "社区居委会").replace("居民委员会", "社区居民委员会"))
            forms.add(re.sub("居(?!民)", "社区", known.replace("居委会", "居")))
    return forms


def _year_words(form: str) -> set[str]:
    forms = {form, form.replace("二年", "两年")}
    if _YEARS.search(form):
        forms.add(_YEARS.sub(lambda m: _DIGITS[m[1]], form))
    for known in list(forms):
        if _SHORT_OF[0] in known:
            forms.update(known.replace(_SHORT_OF[0], other) for other in _SHORT_OF[1:])
    return forms


def _alternatives(label: str) -> list[str]:
    """随同离开/投亲靠友 → [随同离开, 投亲靠友]; a '/' inside brackets separates nothing here."""
    parts, current, depth = [], "", 0
    for char in label:
        depth += (char == "(") - (char == ")")
        if char in "/或" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [p for p in (*parts, current) if p] if parts else []


def label_forms(label: str) -> set[str]:
    """Every folded spelling the rules give one label (the label itself included)."""
    folded = fold(label)
    parts = {folded, *_alternatives(folded)}
    forms: set[str] = set()
    for part in parts:
        for bracketed in _bracket_forms(part):
            for village in _village_words(bracketed):
                forms.update(_year_words(village))
    return forms | {"已" + form for form in forms}  # 已死亡, 已迁出


def forms_table(labels: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """folded form → the codes whose labels give it (two codes: the form is ambiguous)."""
    table: dict[str, set[str]] = {}
    for code, label in labels:
        for form in label_forms(label):
            table.setdefault(form, set()).add(code)
    return {form: frozenset(codes) for form, codes in table.items()}


# --- reading a typed value ---------------------------------------------------


Plain = Callable[[str], tuple[frozenset[str], str]]


def read(value: object, plain: Plain, code_of_number: Callable[[str], str | None]) -> Reading:
    """Read one typed value with ``plain`` (a folded text → the codes it names, and the rule)."""
    text, breaks = fold_with_breaks(value)
    if not text:
        return NOTHING
    codes, rule = plain(text)
    if codes:
        return _answer(codes, rule)
    return _with_code(text, breaks, plain, code_of_number) or _without_code(text, breaks, plain)


def _answer(codes: frozenset[str], rule: str) -> Reading:
    if len(codes) == 1:
        return Reading(next(iter(codes)), rule)
    return Reading(None, rule, tuple(sorted(codes))) if codes else NOTHING


def _without_code(text: str, breaks: frozenset[int], plain: Plain) -> Reading:
    codes, rule = plain(text)
    if codes:
        return _answer(codes, rule)
    unbracketed = text.replace("(", "").replace(")", "")  # 大学(专科) is 大学专科
    if unbracketed != text:
        codes, _ = plain(unbracketed)
        if codes:
            return _answer(codes, FORM)
    return _with_note(text, breaks, plain)


def _with_note(text: str, breaks: frozenset[int], plain: Plain) -> Reading:
    """The longest start of the text that names a code, followed by a note that names no other."""
    cuts = set(breaks)
    cuts.update(i for i, char in enumerate(text) if char in _NOTE_STARTS)
    cuts.update(i + 1 for i, char in enumerate(text) if char == ")")
    for cut in sorted((c for c in cuts if 0 < c < len(text)), reverse=True):
        head = text[:cut].rstrip("-:/")
        if not head or head.strip("()").isdigit():
            continue  # a bare number before words that name no code (9 本村, 1 xyz) is not read
        codes, _ = plain(head)
        if not codes:
            continue
        if len(codes) > 1:
            return _answer(codes, NOTE)
        note_codes, _ = plain(text[cut:].strip("()-:/"))
        return _answer(codes | note_codes, NOTE)
    return NOTHING


def _with_code(text: str, breaks: frozenset[int], plain: Plain,
               code_of_number: Callable[[str], str | None]) -> Reading | None:
    """``1 本村``, ``1-本村``, ``(1)本村``, ``本村(1)``: the code and the label must agree."""
    for number, rest, offset in _code_splits(text, breaks):
        code = code_of_number(number)
        if code is None:
            continue
        stripped = rest.lstrip("-.:/_")
        offset += len(rest) - len(stripped)
        rest_breaks = frozenset(b - offset for b in breaks if b > offset)
        label = _without_code(stripped, rest_breaks, plain)
        if label.code == code:
            return Reading(code, CODE_LABEL)
        if label.code is not None or label.candidates:
            return Reading(None, CODE_LABEL, tuple(sorted({code, *label.candidates, *filter(None, [label.code])})))
    return None  # no code, or the words beside the number are no label


def _code_splits(text: str, breaks: frozenset[int]) -> list[tuple[str, str, int]]:
    """(number, the rest, where the rest starts) for the ways a code may stand beside a label."""
    splits = []
    spaced = min(breaks, default=0)
    if 0 < spaced <= 4 and text[:spaced].strip("()").isdigit():  # 4 1年以上不满2年
        splits.append((text[:spaced].strip("()"), text[spaced:], spaced))
    first = _CODE_FIRST.fullmatch(text)
    if first:
        splits.append((first[1], first[2], first.start(2)))
    last = _CODE_LAST.fullmatch(text)
    if last:
        splits.append((last[2] or last[3], last[1], 0))
    return splits
