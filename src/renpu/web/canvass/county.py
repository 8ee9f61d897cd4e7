"""The county the store holds, from its imported geography (never a constant: any county can run renpu).

Its code is the first six digits of the stored townships' codes (统计用区划代码);
its name is the Ministry of Civil Affairs' name for that code (the division list
``core.province_data`` reads), e.g. 360424 → 修水县.
"""

from __future__ import annotations

from dataclasses import dataclass

from renpu.core import province_data

from .models import Township

NO_COUNTY = "本县"  # before any geography is imported


@dataclass(frozen=True)
class StoreCounty:
    code: str  # "" before any geography is imported; codes joined by "、" for several
    name: str


def current() -> StoreCounty:
    codes = sorted({code[:6] for code in Township.objects.values_list("code", flat=True)})
    if not codes:
        return StoreCounty("", NO_COUNTY)
    names = [province_data.county_name(code) or f"县（{code}）" for code in codes]
    return StoreCounty("、".join(codes), "、".join(names))


def context(request: object) -> dict[str, str]:
    """Template context processor: ``county_name`` for the page titles."""
    return {"county_name": current().name}
