"""Chinese names: normalisation and pinyin keys that survive pinyin-input typos.

People type names with a pinyin input method, so the commonest slip is a
homophone (张晓明 → 张小明, 王丽 → 王莉).  We compare names by toneless pinyin
as well as by characters.  pypinyin has no surname mode and misreads surnames
such as 单 (shàn), 曾 (zēng), 解 (xiè) (chinese-text-and-ids.md §2), so the
surname is read from our own table and the given name by pypinyin, one
character at a time (cached: 1M names in seconds, and no phrase dictionary
reaching across the surname/given-name boundary).
"""

from __future__ import annotations

import os
import unicodedata
from functools import lru_cache

os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")  # per character only; saves memory

from pypinyin import Style, lazy_pinyin, pinyin  # noqa: E402

# Surname readings pypinyin gets wrong by default.
SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou",
    "查": "zha", "覃": "qin", "翟": "zhai", "盖": "ge", "缪": "miao", "乐": "yue",
    "繁": "po", "种": "chong", "长": "zhang", "尉": "yu", "员": "yun", "召": "shao",
    "褚": "chu", "宓": "fu", "郇": "huan", "黑": "he", "谌": "chen", "折": "she",
    "贲": "ben", "秘": "bi", "祭": "zhai", "句": "gou", "相": "xiang", "盛": "sheng",
    "重": "chong", "华": "hua", "任": "ren", "沈": "shen", "宁": "ning", "蕃": "pi",
}
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 令狐 慕容 长孙 宇文 司徒 夏侯 轩辕 端木 "
    "西门 南宫 独孤 万俟 闻人 澹台 公冶 申屠 太史 钟离 宗政 濮阳 淳于 单于 呼延 赫连".split()
)
_COMPOUND_READINGS = {"尉迟": "yuchi", "长孙": "zhangsun", "万俟": "moqi", "单于": "chanyu"}
_COMPOUND_INITIALS = {"尉迟": "yc", "长孙": "zs", "万俟": "mq", "单于": "cy"}
_MIDDLE_DOTS = str.maketrans(dict.fromkeys("\u30fb\u2027\u2022\uff65\u2219.\uff0e", "\u00b7"))
_INVISIBLE = dict.fromkeys([0x200B, 0x200C, 0x200D, 0xFEFF], None)


def normalise_name(raw: object) -> str:
    """NFKC, no spaces or invisible characters, one middle dot for minority names."""
    if raw is None:
        return ""
    text = unicodedata.normalize("NFKC", str(raw)).translate(_INVISIBLE)
    return "".join(text.split()).translate(_MIDDLE_DOTS)


def split_name(name: str) -> tuple[str, str]:
    """(surname, given name); compound surnames such as 欧阳 are kept whole."""
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


@lru_cache(maxsize=50_000)
def _char_pinyin(char: str) -> str:
    # NORMAL style spells ü as v (吕 → lv) consistently, for every name alike.
    reading = lazy_pinyin(char, style=Style.NORMAL, errors="default")
    return reading[0] if reading else char


@lru_cache(maxsize=50_000)
def _char_readings(char: str) -> tuple[str, ...]:
    readings = pinyin(char, style=Style.NORMAL, heteronym=True, errors="default")
    return tuple(sorted(set(readings[0]))) if readings else (char,)


def _surname_pinyin(surname: str) -> str:
    if surname in _COMPOUND_READINGS:
        return _COMPOUND_READINGS[surname]
    if len(surname) == 1 and surname in SURNAME_READINGS:
        return SURNAME_READINGS[surname]
    return "".join(_char_pinyin(c) for c in surname)


@lru_cache(maxsize=200_000)
def pinyin_key(raw: str) -> str:
    """Toneless pinyin of the whole name, surname read as a surname: 单雄信 → shanxiongxin."""
    name = normalise_name(raw)
    if not name:
        return ""
    surname, given = split_name(name)
    return _surname_pinyin(surname) + "".join(_char_pinyin(c) for c in given if c != "·")


@lru_cache(maxsize=200_000)
def pinyin_initials(raw: str) -> str:
    """First letters of the pinyin, surname read as a surname: 张小明 → zxm, 单雄信 → sxx.

    What people type to find someone quickly (拼音首字母)."""
    name = normalise_name(raw)
    if not name:
        return ""
    surname, given = split_name(name)
    return _surname_initials(surname) + "".join(_char_pinyin(c)[:1] for c in given if c != "·")


def _surname_initials(surname: str) -> str:
    if surname in _COMPOUND_INITIALS:
        return _COMPOUND_INITIALS[surname]
    if len(surname) == 1:
        return _surname_pinyin(surname)[:1]
    return "".join(_char_pinyin(c)[:1] for c in surname)


def pinyin_keys(raw: str, limit: int = 16) -> list[str]:
    """Every toneless reading of the given name (polyphonic characters), for blocking.

    A homophone typo picks a character by one of its readings; the default
    reading alone misses ~17% of them, the set of readings none.
    """
    name = normalise_name(raw)
    if not name:
        return []
    surname, given = split_name(name)
    keys = [_surname_pinyin(surname)]
    for char in given:
        if char == "·":
            continue
        keys = [k + r for k in keys for r in _char_readings(char)][:limit]
    return keys


def same_pinyin(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (pinyin_key(a) == pinyin_key(b) or bool(set(pinyin_keys(a)) & set(pinyin_keys(b))))
