"""The 7th census code lists, defined once as data with their Chinese labels.

Models use them as ``choices``, importers accept either the code or the label
(``2`` or ``子女``), exporters write the label.  Sources: the R601 short form and
code replicas collected in ``shared/reference/census-7th.md`` §1.3; ethnicity
follows GB/T 3304-1991.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from . import variants


@dataclass(frozen=True)
class CodeList:
    """One census code list: ordered (code, label) pairs plus accepted synonyms."""

    name: str
    label: str
    items: tuple[tuple[str, str], ...]
    synonyms: dict[str, str] = field(default_factory=dict)

    def choices(self) -> list[tuple[str, str]]:
        return list(self.items)

    def label_of(self, code: str) -> str:
        return self.labels()[code]

    def labels(self) -> dict[str, str]:
        """code → label (cached: exporters call this for millions of cells)."""
        cached = _LABELS.get(self.name)
        if cached is None:
            cached = _LABELS[self.name] = dict(self.items)
        return cached

    def codes(self) -> list[str]:
        return [code for code, _ in self.items]

    def parse(self, value: object) -> str | None:
        """The code a value names, or None (unknown, or it could be two codes).

        ``2``, ``"02"``, ``2.0`` (Excel numbers), ``子女``, ``2 子女`` and ``子女（长子）``
        all give ``"2"``; see ``read`` and ``core.variants`` for the rules.
        """
        return self.read(value).code

    def read(self, value: object) -> variants.Reading:
        """The code a value names and by which rule, or the codes it could be."""
        reading = variants.read(value, self._plain, self.code_of_number)
        if reading.rule == variants.EXACT and reading.code is not None:
            # 委會 folds to 委会: the label as read, not as typed — say so
            typed = "".join(unicodedata.normalize("NFKC", str(value)).split())
            if typed not in (reading.code, self.labels()[reading.code]):
                return variants.Reading(reading.code, variants.FORM)
        return reading

    def code_of_number(self, text: str) -> str | None:
        """A code typed as a number: ``2``, ``02``, ``2.0`` (an Excel number cell)."""
        number = text.removesuffix(".0")
        if not number.isascii() or not number.isdigit():
            return None
        codes = self._codes()
        for candidate in (number, number.lstrip("0") or "0", number.zfill(2)):
            if candidate in codes:
                return candidate
        return None

    def _plain(self, text: str) -> tuple[frozenset[str], str]:
        """Codes a folded text names as a whole: label, synonym, code, or a form of a label."""
        known = self._exact().get(text)
        if known is not None:
            return frozenset((known[0],)), known[1]
        number = self.code_of_number(text)
        if number is not None:
            return frozenset((number,)), variants.NUMBER
        codes = self.forms().get(text)
        if codes:
            return codes, variants.FORM
        return frozenset(), ""

    def _codes(self) -> frozenset[str]:
        cached = _CODES.get(self.name)
        if cached is None:
            cached = _CODES[self.name] = frozenset(self.codes())
        return cached

    def _exact(self) -> dict[str, tuple[str, str]]:
        cached = _EXACT.get(self.name)
        if cached is None:
            cached = {}
            for synonym, code in self.synonyms.items():
                cached[variants.fold(synonym)] = (code, variants.SYNONYM)
            for code, label in self.items:
                cached[code] = (code, variants.EXACT)
                cached[variants.fold(label)] = (code, variants.EXACT)
            _EXACT[self.name] = cached
        return cached

    def forms(self) -> dict[str, frozenset[str]]:
        """Every spelling the rules give the labels → the codes it names (cached)."""
        cached = _FORMS.get(self.name)
        if cached is None:
            cached = _FORMS[self.name] = variants.forms_table(self.items)
        return cached


# The lists that code reads by name (PERSON_STATUS.DEAD, RELATIONSHIP.HEAD) are
# subclasses with one named member per code; a test keeps each a code of its list.


_EXACT: dict[str, dict[str, tuple[str, str]]] = {}
_FORMS: dict[str, dict[str, frozenset[str]]] = {}
_CODES: dict[str, frozenset[str]] = {}
_LABELS: dict[str, dict[str, str]] = {}


class _Sex(CodeList):
    MALE, FEMALE = "1", "2"


SEX = _Sex("sex", "性别", (("1", "男"), ("2", "女")), {"男性": "1", "女性": "2", "M": "1", "F": "2"})

class _Relationship(CodeList):
    HEAD, SPOUSE, CHILD, PARENT, PARENT_IN_LAW = "0", "1", "2", "3", "4"
    GRANDPARENT, CHILD_IN_LAW, GRANDCHILD, SIBLING, OTHER = "5", "6", "7", "8", "9"


RELATIONSHIP = _Relationship(
    "relationship",
    "与户主关系",
    (
        ("0", "户主"),
        ("1", "配偶"),
        ("2", "子女"),
        ("3", "父母"),
        ("4", "岳父母或公婆"),
        ("5", "祖父母"),
        ("6", "媳婿"),
        ("7", "孙子女"),
        ("8", "兄弟姐妹"),
        ("9", "其他"),
    ),
    {
        "本人": "0", "妻": "1", "夫": "1", "妻子": "1", "丈夫": "1",
        "子": "2", "女": "2", "儿子": "2", "女儿": "2", "长子": "2", "次子": "2",
        "长女": "2", "次女": "2", "父亲": "3", "母亲": "3", "父": "3", "母": "3",
        "岳父": "4", "岳母": "4", "公公": "4", "婆婆": "4",
        "祖父": "5", "祖母": "5", "外祖父": "5", "外祖母": "5",
        "儿媳": "6", "女婿": "6", "孙子": "7", "孙女": "7", "外孙子": "7", "外孙女": "7",
        "兄": "8", "弟": "8", "姐": "8", "妹": "8", "哥哥": "8", "弟弟": "8",
        "姐姐": "8", "妹妹": "8",
    },
)

class _HouseholdKind(CodeList):
    FAMILY, COLLECTIVE = "1", "2"


HOUSEHOLD_KIND = _HouseholdKind("household_kind", "户别", (("1", "家庭户"), ("2", "集体户")))

# D8 户口登记地, relative to the village where the person is listed.
class _RegistrationPlace(CodeList):
    THIS_VILLAGE, THIS_TOWNSHIP, THIS_COUNTY, OTHER_COUNTY, PENDING = "1", "2", "3", "4", "5"


REGISTRATION_PLACE = _RegistrationPlace(
    "registration_place",
    "户口登记地",
    (
        ("1", "本村(居)委会"),
        ("2", "本乡(镇、街道)其他村(居)委会"),
        ("3", "本县(市、区、旗)其他乡(镇、街道)"),
        ("4", "其他县(市、区、旗)"),
        ("5", "户口待定"),
    ),
    # 本村, 本乡镇其他村, 其他县 … are forms of the labels (core.variants); these say it in other words.
    {"外县": "4", "本省其他县": "4", "外省": "4", "待定": "5"},
)

# D7 普查时点居住地 (the census form's, plus the replica's 6 and 7).
RESIDENCE_PLACE = CodeList(
    "residence_place",
    "普查时点居住地",
    (
        ("1", "本普查小区"),
        ("2", "本村(居)委会其他普查小区"),
        ("3", "本乡(镇、街道)其他村(居)委会"),
        ("4", "本县(市、区、旗)其他乡(镇、街道)"),
        ("5", "其他县(市、区、旗)"),
        ("6", "香港/澳门/台湾地区"),
        ("7", "国外"),
    ),
    {"外省": "5", "港澳台": "6"},
)

# D9 离开户口登记地时间.
class _TimeAway(CodeList):
    NOT_AWAY, UNDER_HALF_YEAR = "1", "2"  # 3 … 9: half a year or more


TIME_AWAY = _TimeAway(
    "time_away",
    "离开户口登记地时间",
    (
        ("1", "没有离开"),
        ("2", "不满半年"),
        ("3", "半年以上不满一年"),
        ("4", "一年以上不满二年"),
        ("5", "二年以上不满三年"),
        ("6", "三年以上不满四年"),
        ("7", "四年以上不满五年"),
        ("8", "五年以上不满十年"),
        ("9", "十年以上"),
    ),
    {"未离开": "1", "半年以下": "2"},
)

# D10 离开户口登记地原因.  The form prints no numbers; this 1–10 numbering is
# renpu's own (in the form's order), as census-7th.md advises.
REASON_AWAY = CodeList(
    "reason_away",
    "离开户口登记地原因",
    (
        ("1", "工作就业"),
        ("2", "学习培训"),
        ("3", "随同离开/投亲靠友"),
        ("4", "拆迁/搬家"),
        ("5", "寄挂户口"),
        ("6", "婚姻嫁娶"),
        ("7", "照料孙子女"),
        ("8", "为子女就学"),
        ("9", "养老/康养"),
        ("10", "其他"),
    ),
    # 投亲靠友, 搬家, 养老 … are alternatives inside the labels (core.variants).
    {"务工": "1", "务工经商": "1", "打工": "1", "上学": "2", "读书": "2", "随迁": "3",
     "结婚": "6", "嫁娶": "6", "带孙": "7", "陪读": "8"},
)

# D11 受教育程度.
class _Education(CodeList):
    PRESCHOOL = "2"  # 学前教育: what a newborn is listed with


EDUCATION = _Education(
    "education",
    "受教育程度",
    (
        ("1", "未上过学"),
        ("2", "学前教育"),
        ("3", "小学"),
        ("4", "初中"),
        ("5", "高中"),
        ("6", "大学专科"),
        ("7", "大学本科"),
        ("8", "硕士研究生"),
        ("9", "博士研究生"),
    ),
    {"文盲": "1", "幼儿园": "2", "学龄前": "2", "中专": "5", "职高": "5", "大专": "6",
     "本科": "7", "大学": "7", "硕士": "8", "研究生": "8", "博士": "9"},
)

# H5 住所类型.
class _ResidenceType(CodeList):
    NO_HOUSING = "5"


RESIDENCE_TYPE = _ResidenceType(
    "residence_type",
    "住所类型",
    (
        ("1", "普通住宅"),
        ("2", "集体住所"),
        ("3", "工作地住所"),
        ("4", "其他住房"),
        ("5", "无住房"),
    ),
)

# Where the person is now: renpu's own list (the canvass's 现状 column).
class _PersonStatus(CodeList):
    LIVING, AWAY, DEAD, MOVED_OUT = "1", "2", "3", "4"


PERSON_STATUS = _PersonStatus(
    "person_status",
    "现状",
    (("1", "在住"), ("2", "外出"), ("3", "死亡"), ("4", "迁出")),
    {"在家": "1", "常住": "1", "外出务工": "2", "去世": "3", "已故": "3", "已迁出": "4"},
)

class _YesNo(CodeList):
    YES, NO = "1", "0"


YES_NO = _YesNo("yes_no", "是否", (("1", "是"), ("0", "否")), {"Y": "1", "N": "0", "√": "1"})

# Where a person away is, relative to their registration (for 外出人员表).
class _AwayPlace(CodeList):
    THIS_TOWNSHIP, UNKNOWN = "1", "9"


AWAY_PLACE = _AwayPlace(
    "away_place",
    "外出地类型",
    (
        ("1", "本乡镇其他村(居)"),
        ("2", "本县其他乡镇"),
        ("3", "本市其他县"),
        ("4", "本省其他市"),
        ("5", "外省"),
        ("6", "港澳台"),
        ("7", "国外"),
        ("9", "不详"),
    ),
    {"省外": "5", "地址不详": "9", "未知": "9"},
)

_ETHNIC_GROUPS = (
    "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 "
    "哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 "
    "柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 "
    "塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 "
    "鄂伦春族 赫哲族 门巴族 珞巴族 基诺族"
).split()

ETHNICITY = CodeList(
    "ethnicity",
    "民族",
    tuple((f"{i:02d}", name) for i, name in enumerate(_ETHNIC_GROUPS, start=1))
    + (("97", "其他未识别民族"), ("98", "外国人入籍")),
    {name.removesuffix("族"): f"{i:02d}" for i, name in enumerate(_ETHNIC_GROUPS, start=1)},
)

ALL_CODE_LISTS: dict[str, CodeList] = {
    code_list.name: code_list
    for code_list in (
        SEX, RELATIONSHIP, HOUSEHOLD_KIND, REGISTRATION_PLACE, RESIDENCE_PLACE, TIME_AWAY,
        REASON_AWAY, EDUCATION, RESIDENCE_TYPE, PERSON_STATUS, YES_NO, AWAY_PLACE, ETHNICITY,
    )
}
