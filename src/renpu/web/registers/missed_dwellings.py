"""查漏房 from the store: the canvass's dwellings against the mapping system's buildings.

The rule (``core.missed``) compares the two lists; here they are read: households
and vacant dwellings of the villages, the current mapping batches' buildings,
and the complexes (楼盘小区) whose buildings count as listed.
"""

from __future__ import annotations

from django.db.models import Q

from renpu.core import missed
from renpu.web.accounts.scope import in_villages
from renpu.web.canvass.models import Complex, Household, VacantDwelling
from renpu.web.sources.models import SourceRecord
from renpu.web.verification.context import current_batches


def missed_dwellings(village_codes: list[str] | None = None) -> missed.MissedDwellings:
    units: list[missed.CanvassUnit] = []
    for h in in_villages(Household.objects.all(), village_codes).values_list(
            "household_key", "village_id", "group", "enumeration_area", "building_code", "address", "head_name",
            "residence_type"):
        units.append(missed.CanvassUnit("household", *h))
    for v in in_villages(VacantDwelling.objects.all(), village_codes).values_list(
            "vacant_key", "village_id", "group", "enumeration_area", "building_code", "address", "owner_name"):
        units.append(missed.CanvassUnit("vacant_dwelling", *v))
    batches = current_batches().get("mapping", [])
    mapped = []
    records = SourceRecord.objects.filter(batch__in=batches)
    if village_codes is not None:
        in_area = Q(pk__in=[])
        for code in village_codes:  # records without a village: by their 普查小区 code, in the database
            in_area |= Q(data__enumeration_area__startswith=code)
        records = records.filter(Q(village_id__in=village_codes) | (Q(village__isnull=True) & in_area))
    for village, data in records.values_list("village_id", "data").iterator(chunk_size=20_000):
        area = str(data.get("enumeration_area") or "")
        village_code = village or area[:12]
        if village_codes is not None and village_code not in village_codes:
            continue
        mapped.append(missed.MappedBuilding(str(data.get("building_code") or ""), area, str(data.get("address") or ""),
                                            village_code, str(data.get("longitude") or ""), str(data.get("latitude") or "")))
    complexes = in_villages(Complex.objects.all(), village_codes).values_list("name", flat=True)
    return missed.find_missed(units, mapped, complexes)

