"""Villages by code and by name, for checking 村(居)代码 and deriving it from 村(居)委会.

Names are written many ways in canvass files: "张家湾村委会", "张家湾村民委员会",
"张家湾村", "张家湾".  We compare a root with those suffixes removed, and refuse
to guess when one name fits several villages (the same name in two townships).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

_SUFFIX = re.compile(r"(村民委员会|居民委员会|社区居委会|社区居民委员会|村委会|居委会|委员会|社区|村)$")


def _clean(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def root(name: str) -> str:
    cleaned = _clean(name)
    stripped = _SUFFIX.sub("", cleaned)
    return stripped or cleaned


class Places:
    """The villages (12-digit codes) the import may refer to; None means 'not checked'."""

    def __init__(self, areas: Mapping[str, str] | None) -> None:
        self.checked = areas is not None
        self.villages = {c: n for c, n in (areas or {}).items() if len(c) == 12}
        self.townships = {c: n for c, n in (areas or {}).items() if len(c) == 9}
        self._by_name: dict[str, set[str]] = {}
        for code, name in self.villages.items():
            for key in {_clean(name), root(name)}:
                self._by_name.setdefault(key, set()).add(code)
        # Per-row checks repeat the same few hundred values: cache them.
        self.code_for_name = lru_cache(maxsize=4096)(self._code_for_name)
        self.same_village = lru_cache(maxsize=4096)(self._same_village)
        self.find_in_text = lru_cache(maxsize=4096)(self._find_in_text)

    def knows(self, code: str) -> bool:
        return not self.checked or code in self.villages

    def _code_for_name(self, name: str) -> tuple[str | None, tuple[str, ...]]:
        """(code, ()) when the name fits one village, (None, candidates) otherwise."""
        for key in (_clean(name), root(name)):
            codes = self._by_name.get(key)
            if codes:
                if len(codes) == 1:
                    return next(iter(codes)), ()
                return None, tuple(sorted(codes))
        return None, ()

    def _same_village(self, code: str, name: str) -> bool:
        known = self.villages.get(code)
        return known is None or root(known) == root(name)

    def _find_in_text(self, text: str) -> str | None:
        """The one village whose name appears in a title or file name, if exactly one does."""
        text = _clean(text)
        found: dict[str, int] = {}
        for code, name in self.villages.items():
            for key in (_clean(name), root(name)):
                if len(key) >= 2 and key in text:
                    found[code] = max(found.get(code, 0), len(key))
        if not found:
            return None
        longest = max(found.values())
        best = [code for code, size in found.items() if size == longest]
        return best[0] if len(best) == 1 else None
