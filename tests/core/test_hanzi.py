"""The curated traditional → simplified map covers every character our labels and headers use."""

from __future__ import annotations

import csv
import unicodedata
from importlib import resources

import opencc

from renpu.core import codes, hanzi, sources, tables, variants

# Words the reading rules add to the labels (core.variants) and the header rules (importers.headers).
RULE_WORDS = "委员会 村民委员会 居民委员会 社区 不足 未满 两年 已 是否 情况 状况 状态 信息"


def _vocabulary() -> set[str]:
    texts = [RULE_WORDS]
    for code_list in codes.ALL_CODE_LISTS.values():
        texts += [label for _, label in code_list.items] + list(code_list.synonyms)
    for table in tables.TABLES:
        texts += [table.label] + [c.label for c in table.columns]
    for spec in sources.SOURCE_SPECS.values():
        texts += [spec.label] + [h for f in spec.fields for h in f.all_headers]
    with resources.files("renpu.importers").joinpath("header_aliases.csv").open(encoding="utf-8") as handle:
        texts += [row["alias"] for row in csv.DictReader(handle)]
    return {c for text in texts for c in text if unicodedata.name(c, "").startswith("CJK UNIFIED")}


def test_every_traditional_form_of_our_characters_is_mapped_back():
    missing = {}
    for config in ("s2t.json", "s2tw.json", "s2hk.json"):
        converter = opencc.OpenCC(config)
        for char in _vocabulary():
            traditional = converter.convert(char)
            if traditional != char and hanzi.simplified(traditional) != char:
                missing[traditional] = char
    assert not missing, "add to core/hanzi.py: " + "".join(missing) + " → " + "".join(missing.values())


def test_the_map_agrees_with_opencc():
    back = [opencc.OpenCC(config) for config in ("t2s.json", "tw2s.json", "hk2s.json")]
    wrong = {t: s for t, s in zip(hanzi.TRADITIONAL, hanzi.SIMPLIFIED, strict=True)
             if all(c.convert(t) != s for c in back)}
    assert not wrong


def test_names_are_never_converted():
    # The map is for labels and headers only: 沈 and 於 are surnames, not 沉 and 于.
    assert hanzi.simplified("沈於乾") == "沈於乾"
    assert variants.fold("戶口待定") == "户口待定"


def test_the_generators_own_traditional_map_agrees_with_opencc():
    from renpu.synth import variation  # synth keeps its own map, written apart from core.hanzi

    to_traditional = opencc.OpenCC("s2tw.json")
    pairs = dict(zip(variation._SIMPLIFIED, variation._TRADITIONAL, strict=True))
    assert all(to_traditional.convert(s) == t for s, t in pairs.items())
