"""How the clerks of a wild county fill in their workbooks (``--profile wild``).

A village's sheets are typed by two or three clerks, each with habits of their
own, written here from what real canvass workbooks look like — and written
without the importer: a test keeps this module from reading the importer's
aliases, synonyms or reading rules, so the wild county tests the importer
rather than agreeing with it.

A clerk's headers: the form's label with a note or unit in brackets (（必填）,
(18位)), a number in front (3.), a required mark (*), full-width brackets,
traditional characters, a space inside a short label (姓　名), 是否… for yes/no
columns, 情况 after 现状, now and then one character miswritten (身分 for 身份), a
序号 column in front, no 个人编号 column.  Their values: the label, the code,
the code with its label (1 本村(居)委会, 1-本村), the label shortened as people
say it (本镇其他村, 本社区, 其他县, 儿子, 大专), a note after it (本村（已核实）),
traditional characters; ID numbers with spaces or full-width digits.
"""

from __future__ import annotations

import datetime as dt
import random
import re

from renpu.core import codes, tables
from renpu.synth.writers import Style

# simplified → traditional (Taiwan IME) for the characters of the labels; checked against OpenCC by a test.
_SIMPLIFIED = "与专业东个为乌习乡亲会伦体儿关养况别动区单县变台号员国壮备孙学实尔开总户挂数无时来标栋楼汇汉没温湾满状独现瑶电盘码硕离称筑类纳线组维编罗联萨训记识话详诺达迁过锡镇门间随颇鲜龙"
_TRADITIONAL = "與專業東個為烏習鄉親會倫體兒關養況別動區單縣變臺號員國壯備孫學實爾開總戶掛數無時來標棟樓匯漢沒溫灣滿狀獨現瑤電盤碼碩離稱築類納線組維編羅聯薩訓記識話詳諾達遷過錫鎮門間隨頗鮮龍"
TO_TRADITIONAL = str.maketrans(_SIMPLIFIED, _TRADITIONAL)
_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "："})
_NOTES = {"id_number": ("(18位)", "（必填）", "（文本格式）"), "birth_date": ("（年月日）", "(yyyy-mm-dd)"),
          "phone": ("（手机）",), "name": ("（必填）",), "household_key": ("（必填）",)}
_CODE_NOTES = ("（填代码或名称）", "（选填）")
# miswritings seen in real headers: a homophone, or the 地 of 登记地 left out
_MISWRITTEN = (("身份", "身分"), ("登记地时间", "登记时间"), ("登记地原因", "登记原因"), ("出生日期", "出生曰期"))
_VALUE_NOTES = ("（已核实）", "(核实)", " 已核", "（本人说）")
_SEX_WORDS = {  # how people name a relation, by the person's sex
    "1": {"1": "丈夫", "2": "儿子", "3": "父亲", "6": "女婿", "7": "孙子"},
    "2": {"1": "妻子", "2": "女儿", "3": "母亲", "6": "儿媳", "7": "孙女"},
}
_SHORT_EDUCATION = {"6": "大专", "7": "本科", "8": "硕士", "9": "博士"}
_BRACKETS = re.compile(r"\(([^()]*)\)")


def traditional(text: str) -> str:
    return text.translate(TO_TRADITIONAL)


class Clerk(Style):
    """One clerk's habits (the default profile's ``Style`` plus what real clerks do)."""

    def __init__(self, rng: random.Random, village_word: str, township_word: str) -> None:
        super().__init__(rng)
        self.village_word, self.township_word = village_word, township_word  # 村 or 社区, 镇 / 乡 / 街道
        self.header_notes = rng.random() < 0.45
        self.numbering = rng.random() < 0.2
        self.marks = rng.random() < 0.35
        self.full_width = rng.random() < 0.6
        self.traditional = rng.random() < 0.1
        self.spaced = rng.random() < 0.25
        self.header_forms = rng.random() < 0.4
        self.miswrites = rng.random() < 0.15
        self.serial_column = rng.random() < 0.3
        self.keys_column = rng.random() < 0.7  # some clerks leave 个人编号 to the system
        self.values = rng.choices(("label", "number", "code_label", "short"), (35, 15, 20, 30))[0]
        self.value_notes = rng.random() < 0.15
        self.id_style = rng.choices(("plain", "spaced", "full_width", "small_x"), (82, 7, 6, 5))[0]
        self.title_rows = rng.choice((0, 1, 1, 2, 2, 3))
        self.numeric_codes = self.values == "number"

    # -- headers ----------------------------------------------------------
    def header(self, table: tables.Table) -> list[str]:
        return [self._header(number, column) for number, column in enumerate(table.columns, start=1)]

    def columns(self, table: tables.Table) -> list[int]:
        """Which of the table's columns this clerk writes (positions), in order."""
        # the person tables' own key: the system makes the same one (户编号-NN); elsewhere 个人编号 refers to a person
        own_key = table.name in ("family_person", "collective_person")
        return [i for i, c in enumerate(table.columns) if self.keys_column or not own_key or c.field != "person_key"]

    def _header(self, number: int, column: tables.Column) -> str:
        rng, text = self.rng, column.label
        if self.header_forms and column.code_list == "yes_no":
            text = "是否" + text
        elif self.header_forms and column.field == "status":
            text += "情况"
        if self.miswrites and rng.random() < 0.3:
            for right, wrong in _MISWRITTEN:
                if right in text:
                    text = text.replace(right, wrong)
                    break
        if self.spaced and len(text) == 2:
            text = text[0] + rng.choice(("　", " ", "  ")) + text[1]
        if self.header_notes and rng.random() < 0.5:
            notes = _NOTES.get(column.field) or (_CODE_NOTES if column.kind == tables.CODE else ())
            if notes:
                text += rng.choice(notes)
        if self.marks and column.required:
            text = "*" + text
        if self.numbering:
            text = f"{number}{rng.choice(('.', '、'))}{text}"
        return self._written(text)

    def _written(self, text: str) -> str:
        if self.full_width:
            text = text.translate(_FULL_WIDTH)
        return traditional(text) if self.traditional else text

    # -- values -----------------------------------------------------------
    def code(self, code_list: codes.CodeList, code: str, sex: str = "") -> str:
        if not code:
            return ""
        if code_list is codes.YES_NO:
            return super().code(code_list, code)
        label = code_list.labels()[code]
        style = self.values
        if style == "number":
            return code
        if style == "code_label":
            text = f"{code}{self.rng.choice((' ', '-', '.', '、'))}{self._short(code_list, code, label, sex)}"
        elif style == "short":
            text = self._short(code_list, code, label, sex)
        else:
            text = label
        if self.value_notes and self.rng.random() < 0.1:
            text += self.rng.choice(_VALUE_NOTES)
        return self._written(text)

    def _short(self, code_list: codes.CodeList, code: str, label: str, sex: str) -> str:
        """The label as people say it: brackets resolved for this village, sex-specific relations, 大专 …"""
        if code_list is codes.RELATIONSHIP and sex and code in _SEX_WORDS.get(sex, {}):
            return _SEX_WORDS[sex][code] if self.rng.random() < 0.7 else label
        if code_list is codes.EDUCATION and code in _SHORT_EDUCATION:
            return _SHORT_EDUCATION[code]
        if "(" not in label:
            return label
        if self.village_word == "社区" and "村(居)委会" in label:  # a residents' committee says 社区
            label = label.replace("村(居)委会", self.rng.choice(("社区", "居委会", "社区居委会")))
        return _BRACKETS.sub(lambda m: self._bracket(m[1]), label)

    def _bracket(self, inside: str) -> str:
        """(镇、街道) after 乡, (居) after 村: drop it, or keep only the word this village uses."""
        words = inside.split("、")
        choice = self.rng.random()
        if choice < 0.5:
            return ""
        for mine in (self.township_word, "居" if self.village_word == "社区" else ""):
            if mine and mine in words:
                return f"({mine})"
        return f"({words[0]})"

    def id_number(self, number: str) -> str:
        if not number or self.id_style == "plain":
            return number
        if self.id_style == "spaced":
            return f"{number[:6]} {number[6:14]} {number[14:]}"
        if self.id_style == "full_width":
            return number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
        return number.replace("X", "x")

    def date(self, day: dt.date | None) -> str | dt.date:
        return super().date(day)


def clerks(rng: random.Random, community: bool, township_name: str) -> list[Clerk]:
    """The two or three clerks who fill in one village's sheets."""
    township_word = "街道" if township_name.endswith("街道") else "乡" if township_name.endswith("乡") else "镇"
    village_word = "社区" if community else "村"
    return [Clerk(rng, village_word, township_word) for _ in range(rng.choice((2, 2, 3)))]
