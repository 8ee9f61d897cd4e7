"""Ground truth: persons, findings and summary counts, counted independently of core/residence.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from renpu.core.tables import SUMMARY_COUNTS
from renpu.synth.model import YEAR_START, AbsentHousehold, Household, Person, Vacant

SUMMARY_FIELDS = [c.field for c in SUMMARY_COUNTS]
PERSON_COLUMNS = ["id_number", "name", "sex", "birth_date", "village_code", "person_keys", "flags"]
FINDING_COLUMNS = ["code", "village_code", "canvass_key", "source", "source_file", "source_row", "id_number", "name"]

# A finding's row: an absolute Excel/CSV row, or (source, index within this village's part).
RowRef = int | tuple[str, int] | None


@dataclass
class Finding:
    code: str
    village_code: str
    canvass_key: str
    source: str
    source_file: str
    row: RowRef
    id_number: str
    name: str


def person_line(p: Person, keys: list[str], village_code: str) -> list[str]:
    return [
        p.true_id, p.true_name, p.sex, p.birth.isoformat(), village_code, ";".join(keys),
        ";".join(f for f in p.flags if not f.startswith("origin:")),
    ]


HALF_YEAR_OR_MORE = frozenset("3456789")


def count_person(counts: dict[str, int], p: Person) -> None:
    """Apply the counting rules to one person row as written (see module docs of the brief)."""
    status = p.status
    if p.shown_birth >= YEAR_START:
        counts["births"] += 1
    if status == "3" and p.status_date is not None and p.status_date >= YEAR_START:
        counts["deaths"] += 1
    if status not in ("1", "2", ""):
        return
    counts["persons"] += 1
    counts["males" if p.sex == "1" else "females"] += 1
    reg, half_year = p.reg, p.time_away in HALF_YEAR_OR_MORE
    if reg == "1":
        counts["registered"] += 1
    if status == "2":
        counts["away"] += 1
        if reg == "1" and not half_year:
            counts["resident"] += 1
    else:
        if reg in ("1", "2", "5") or half_year:
            counts["resident"] += 1
        if reg in ("3", "4") and half_year:
            counts["separated"] += 1


def summaries(
    households: list[Household], vacants: list[Vacant], absent: list[AbsentHousehold]
) -> tuple[dict[str, int], dict[int, dict[str, int]]]:
    """Village totals and per-group counts of the canvass as written."""
    village = dict.fromkeys(SUMMARY_FIELDS, 0)
    groups: dict[int, dict[str, int]] = {}

    def of(group: int) -> dict[str, int]:
        return groups.setdefault(group, dict.fromkeys(SUMMARY_FIELDS, 0))

    for household in households:
        kind = "family_households" if household.kind == "1" else "collective_households"
        village[kind] += 1
        of(household.group)[kind] += 1
        for person in household.members:
            count_person(village, person)
            count_person(of(person.group), person)
    for vacant in vacants:
        village["vacant_dwellings"] += 1
        of(vacant.group)["vacant_dwellings"] += 1
    for item in absent:
        if not item.listed:
            continue
        for target in (village, of(item.group)):
            target["absent_households"] += 1
            target["absent_persons"] += len(item.members)
    return village, groups


def iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
