"""Every finding code the comparisons can produce has a Chinese label."""

from __future__ import annotations

import re
from pathlib import Path

from renpu.core import finding_codes

SOURCES = Path(finding_codes.__file__).parent / "comparisons"
PREFIXES = ("canvass", "police", "grid", "education", "health", "civil", "mapping", "linkage")


def codes_in_the_comparisons() -> set[str]:
    found: set[str] = set()
    for path in SOURCES.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= {m for m in re.findall(r'"([a-z]+\.[a-z_]+)"', text) if m.split(".")[0] in PREFIXES}
        found |= {f"{source}.{rest}" for rest in re.findall(r'f"\{source\}\.([a-z_]+)"', text)
                  for source in ("pension", "medical")}
    return found


def test_every_code_has_a_label():
    codes = codes_in_the_comparisons()
    assert len(codes) >= 20
    assert codes <= set(finding_codes.LABELS), codes - set(finding_codes.LABELS)


def test_an_unknown_code_shows_as_itself():
    assert finding_codes.label("civil.deceased_listed") == "已死亡仍登记在住"
    assert finding_codes.label("new.code") == "new.code"
