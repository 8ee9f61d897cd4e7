"""The 户主姓名底册 from the store: for one 普查小区 (15 digits) or a whole village (12).

``area_registers(code)`` is what the CLI and a web page call.  Household numbers
are kept in ``HouseholdNumber`` so that a later print shows the same numbers
and a household found later takes the next free one.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Q

from renpu.core import registers
from renpu.core.codes import PERSON_STATUS, REGISTRATION_PLACE
from renpu.core.registers import HOUSEHOLD, VACANT_DWELLING, AreaRegister, Unit
from renpu.web.canvass.models import EnumerationArea, Household, Person, VacantDwelling, Village

from .models import HouseholdNumber

UNASSIGNED = ""  # households of the village with no 普查小区 yet


class UnknownArea(ValueError):
    pass


def area_registers(code: str, save: bool = True) -> list[AreaRegister]:
    """One register per enumeration area of ``code`` (a 15-digit area or a 12-digit village).

    ``save=False`` numbers newcomers without recording the numbers (a preview).
    """
    code = code.strip()
    if len(code) not in (12, 15) or not code.isdigit():
        raise UnknownArea(f"{code}：须为12位村(居)代码或15位普查小区代码")
    village_code = code[:12]
    village = Village.objects.select_related("township").filter(code=village_code).first()
    if village is None:
        raise UnknownArea(f"没有村(居) {village_code}")
    units = _units(village_code)
    by_area: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        by_area[unit.enumeration_area].append(unit)
    wanted = [code] if len(code) == 15 else sorted(
        set(by_area) | set(EnumerationArea.objects.filter(village_id=village_code).values_list("code", flat=True)),
        key=lambda a: (a == UNASSIGNED, a))
    if len(code) == 15 and code not in by_area and not EnumerationArea.objects.filter(code=code).exists():
        raise UnknownArea(f"没有普查小区 {code}")
    names = dict(EnumerationArea.objects.filter(village_id=village_code).values_list("code", "name"))
    result = []
    for area in wanted:
        area_units = by_area.get(area, [])
        numbers, fresh = _numbers(area, area_units, save) if area != UNASSIGNED else (_provisional(area_units), 0)
        register = registers.build_register(area, area_units, numbers, names.get(area, "未划分普查小区" if area == UNASSIGNED else ""),
                                            village.name, village.township.name)
        register.new_numbers = fresh
        result.append(register)
    return result


def _units(village_code: str) -> list[Unit]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    persons = (
        Person.objects.filter(village_id=village_code)
        .values("household_key", "status")
        .annotate(n=Count("id"), registered=Count("id", filter=Q(registration_place=REGISTRATION_PLACE.THIS_VILLAGE)))
        .order_by()
    )
    for row in persons:
        c = counts[row["household_key"]]
        status = row["status"] or PERSON_STATUS.LIVING
        if status == PERSON_STATUS.LIVING:
            c["living"] += row["n"]
        elif status == PERSON_STATUS.AWAY:
            c["away"] += row["n"]
            c["registered_away"] += row["registered"]
        elif status == PERSON_STATUS.DEAD:
            c["dead"] += row["n"]
        elif status == PERSON_STATUS.MOVED_OUT:
            c["moved_out"] += row["n"]
    units = []
    for h in Household.objects.filter(village_id=village_code).values(
            "household_key", "enumeration_area", "building_code", "dwelling_number", "kind", "head_name",
            "collective_name", "dwelling_label", "address", "group", "remarks"):
        c = counts.get(h["household_key"], {})
        units.append(Unit(
            HOUSEHOLD, h["household_key"], h["enumeration_area"], h["building_code"], h["dwelling_number"], h["kind"],
            h["head_name"] or h["collective_name"], h["dwelling_label"], h["address"], h["group"],
            c.get("living", 0), c.get("registered_away", 0), c.get("away", 0), c.get("dead", 0),
            c.get("moved_out", 0), h["remarks"],
        ))
    for v in VacantDwelling.objects.filter(village_id=village_code).values(
            "vacant_key", "enumeration_area", "building_code", "dwelling_number", "owner_name", "dwelling_label",
            "address", "group", "reason"):
        units.append(Unit(
            VACANT_DWELLING, v["vacant_key"], v["enumeration_area"], v["building_code"], v["dwelling_number"], "",
            v["owner_name"], v["dwelling_label"], v["address"], v["group"], remarks=v["reason"],
        ))
    return units


def _numbers(area: str, units: list[Unit], save: bool) -> tuple[dict[tuple[str, str], int], int]:
    with transaction.atomic():
        existing = {(t, k): n for t, k, n in
                    HouseholdNumber.objects.filter(enumeration_area=area).values_list("record_table", "record_key", "number")}
        numbers = registers.assign_numbers(units, existing)
        fresh = [HouseholdNumber(enumeration_area=area, record_table=t, record_key=k, number=n)
                 for (t, k), n in numbers.items() if (t, k) not in existing]
        if save and fresh:
            HouseholdNumber.objects.bulk_create(fresh, batch_size=500)
    return numbers, len(fresh)


def _provisional(units: list[Unit]) -> dict[tuple[str, str], int]:
    """Households without an area get provisional numbers (not kept) until they are placed in one."""
    return registers.assign_numbers(units, {})
