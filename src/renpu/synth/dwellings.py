"""Where households live: groups, house numbers, complexes, vacant dwellings, 普查小区, buildings."""

from __future__ import annotations

import random
from typing import Protocol

from renpu.synth import data
from renpu.synth.geography import VillagePlan
from renpu.synth.model import Complex, Household, Vacant, phone


class Village(Protocol):
    """What ``layout`` reads of a ``population.Village`` (which calls it)."""

    rng: random.Random
    plan: VillagePlan
    households: list[Household]
    collectives: list[Household]

    def address(self, group: int, house_no: int) -> str: ...


def layout(village: Village) -> tuple[list[Vacant], list[Complex]]:
    """Assign every household a group, an address and a dwelling; make vacant dwellings.

    Walk order is group by group; every ~80–100 dwellings start a new 普查小区.
    """
    rng, plan = village.rng, village.plan
    complexes = _complexes(village) if plan.community else []
    households = village.households
    groups = plan.groups
    per_group = max(1, -(-len(households) // groups))
    dwellings: list[Household | Vacant] = []
    in_complex = 0.45 if complexes else 0.0
    for i, household in enumerate(households):
        household.group = min(groups, i // per_group + 1)
        if complexes and rng.random() < in_complex:
            household.complex = rng.randrange(len(complexes))
        dwellings.append(household)
        if household.residence_type == "5":
            continue
        vacancy = 0.10 if household.complex >= 0 else (0.05 if plan.community else 0.09)
        if rng.random() < vacancy:
            dwellings.append(_vacant(village, household.group, household.complex, rng.choice(data.VACANT_REASONS[:3] + data.VACANT_REASONS[4:])))
        if household.complex < 0 and not plan.community and rng.random() < 0.03:
            extra = _vacant(village, household.group, -1, "一户多宅")
            extra.owner = household.head
            dwellings.append(extra)
    for collective in village.collectives:
        collective.group = 1
        dwellings.append(collective)
    _number(village, dwellings, complexes)
    vacants = [d for d in dwellings if isinstance(d, Vacant)]
    for i, vacant in enumerate(vacants, start=1):
        vacant.key = f"{plan.code}-K{i:04d}"
    return vacants, complexes


def _vacant(village: Village, group: int, complex_index: int, reason: str) -> Vacant:
    vacant = Vacant()
    vacant.group = group
    vacant.complex = complex_index
    vacant.reason = reason
    return vacant


def _complexes(village: Village) -> list[Complex]:
    rng, plan = village.rng, village.plan
    result = []
    wild = plan.county.wild
    for i, name in enumerate(rng.sample(data.WILD_COMPLEX_NAMES if wild else data.COMPLEX_NAMES, rng.randint(1, 3)), start=1):
        item = Complex()
        item.key = f"{plan.code}-C{i:02d}"
        item.name = name
        item.group = rng.randint(1, plan.groups)
        streets = data.WILD_STREETS if wild else ('蕲州大道', '时珍路', '东长街', '将军路', '滨江大道')
        item.address = f"{plan.county.prefix}{plan.township_name}{plan.name}{rng.choice(streets)}{rng.randint(1, 300)}号"
        item.manager = rng.choice(data.WILD_PROPERTY_MANAGERS if wild else data.PROPERTY_MANAGERS)
        item.contact = f"{rng.choice('王李张刘陈胡黄周')}经理"
        item.phone = phone(rng)
        result.append(item)
    return result


def _number(village: Village, dwellings: list[Household | Vacant], complexes: list[Complex]) -> None:
    """普查小区, building codes, house numbers and addresses, in walk order."""
    rng, plan = village.rng, village.plan
    ea_number, in_ea, ea_size, building_no = 1, 0, rng.randint(80, 100), 0
    house_no: dict[int, int] = {}
    flats: dict[int, int] = {}  # complex → dwellings so far
    complex_building: dict[tuple[int, int], str] = {}  # (complex, 栋) → building code in this EA
    for dwelling in dwellings:
        if in_ea >= ea_size:
            ea_number, in_ea, ea_size, building_no = ea_number + 1, 0, rng.randint(80, 100), 0
            complex_building = {}
        in_ea += 1
        ea = f"{plan.code}{ea_number:03d}"
        dwelling.ea = ea
        if dwelling.complex >= 0:
            item = complexes[dwelling.complex]
            n = flats.get(dwelling.complex, 0)
            flats[dwelling.complex] = n + 1
            block, unit, floor, room = n // 48 + 1, n % 48 // 24 + 1, n % 24 // 2 + 1, n % 2 + 1
            if (dwelling.complex, block) not in complex_building:
                building_no += 1
                complex_building[(dwelling.complex, block)] = f"{ea}{building_no:03d}"
            dwelling.building = complex_building[(dwelling.complex, block)]
            dwelling.dwelling = f"{unit}-{floor}{room:02d}"
            dwelling.address = f"{plan.county.prefix}{plan.township_name}{plan.name}{item.name}{block}栋{unit}单元{floor}{room:02d}室"
            dwelling.group = item.group
            item.buildings = max(item.buildings, block)
            item.dwellings += 1
            if isinstance(dwelling, Vacant):
                item.vacant += 1
            else:
                item.occupied += 1
            continue
        building_no += 1
        dwelling.building = f"{ea}{building_no:03d}"
        dwelling.dwelling = "1"
        number = house_no.get(dwelling.group, 0) + 1
        house_no[dwelling.group] = number
        if isinstance(dwelling, Household):
            dwelling.house_no = number
        if isinstance(dwelling, Household) and dwelling.kind == "2":
            dwelling.address = f"{plan.county.prefix}{plan.township_name}{plan.name}{dwelling.collective_name}"
        elif isinstance(dwelling, Household) and dwelling.residence_type == "5":
            dwelling.address = f"居无定所，常在{plan.name}{dwelling.group}组一带"
            dwelling.building = dwelling.dwelling = ""
        else:
            dwelling.address = village.address(dwelling.group, number)
