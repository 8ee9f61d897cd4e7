"""The eight hard-case registers and their counts, from the store and the findings.

``hardcase_rows(case, village_codes)`` gives a register's rows (dicts keyed by
the case's column fields, codes as labels); ``hardcase_counts(village_codes)``
the dashboard's numbers.  The 建筑物漏绘 case is the 查漏房 report's
(``missed_dwellings``).  ``village_codes=None`` means the whole county.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from django.db.models import Exists, OuterRef, Q

from renpu.core import codes, hardcases, residence
from renpu.core.codes import AWAY_PLACE, RESIDENCE_TYPE, YES_NO
from renpu.core.codes import PERSON_STATUS as STATUS
from renpu.core.codes import REGISTRATION_PLACE as PLACE
from renpu.core.residence import HALF_YEAR_OR_MORE, PersonFacts, is_separated
from renpu.web.accounts.scope import in_villages
from renpu.web.canvass.models import (
    AbsentMember,
    Change,
    Household,
    Person,
    PersonAway,
    VacantDwelling,
    Village,
)
from renpu.web.verification.models import Finding

from .missed_dwellings import missed_dwellings

Row = dict[str, Any]
LIVES_HERE = ("", STATUS.LIVING)  # a status left empty counts as living here (core.residence)
GONE = (STATUS.DEAD, STATUS.MOVED_OUT)  # kept as history, on no register
OTHER_TOWNSHIP = sorted(residence.OTHER_TOWNSHIP)
LEAD_CODES = ("pension.contact_lead", "medical.contact_lead")


def _label(code_list: codes.CodeList, value: str | None) -> str:
    return code_list.labels().get(value or "", value or "")


def _village_names() -> dict[str, str]:
    return dict(Village.objects.values_list("code", "name"))


def _person_row(p: Any, names: dict[str, str]) -> Row:
    return {"village_name": names.get(p.village_id, p.village_id), "group": p.group, "household_key": p.household_key,
            "person_key": p.person_key, "name": p.name, "id_number": p.id_number, "sex": _label(codes.SEX, p.sex),
            "birth_date": p.birth_date}


def _leads(village_codes: list[str] | None, table: str) -> dict[str, dict[str, str]]:
    """canvass key → {'pension': 'phone / address', 'medical': …} from contact_lead findings."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    query = in_villages(Finding.objects.filter(code__in=LEAD_CODES, canvass_table=table), village_codes)
    for code, key, evidence in query.values_list("code", "canvass_key", "evidence"):
        text = " / ".join(str(evidence.get(f)) for f in ("phone", "address") if evidence.get(f))
        found[key][code.split(".")[0]] = text or "有记录"
    return found


# --- the eight cases -------------------------------------------------------------------------

def _absent_household(village_codes: list[str] | None) -> Iterator[Row]:
    names = _village_names()
    leads = _leads(village_codes, "absent_household")
    for m in in_villages(AbsentMember.objects.all(), village_codes).order_by("village_id", "absent_household_key", "member_key"):
        lead = leads.get(m.member_key, {})
        yield {"village_name": names.get(m.village_id, ""), "group": m.group, "origin": "空挂户表",
               "absent_household_key": m.absent_household_key, "police_household_number": m.police_household_number,
               "registered_address": m.registered_address, "head_name": m.head_name, "name": m.name,
               "id_number": m.id_number, "sex": _label(codes.SEX, m.sex), "birth_date": m.birth_date,
               "reason": m.reason, "lead": m.lead, "pension_lead": lead.get("pension", ""),
               "medical_lead": lead.get("medical", ""), "state": "已登记"}
    for f in in_villages(Finding.objects.filter(code="police.absent_household"), village_codes).order_by("village_id", "pk"):
        yield {"village_name": names.get(f.village_id or "", ""), "group": "", "origin": "公安比对发现",
               "absent_household_key": "", "police_household_number": f.evidence.get("household_number", ""),
               "registered_address": f.evidence.get("address", ""), "head_name": f.name, "name": f.name,
               "id_number": f.id_number, "sex": "", "birth_date": None, "reason": f.action,
               "lead": f"户内{f.evidence.get('members', '?')}人", "pension_lead": "", "medical_lead": "",
               "state": f.get_state_display()}


def _separated(village_codes: list[str] | None) -> Iterator[Row]:
    names = _village_names()
    addresses = dict(in_villages(Household.objects.all(), village_codes).values_list("household_key", "address"))
    away = {a.person_key: a for a in in_villages(PersonAway.objects.exclude(person_key=""), village_codes)}
    query = in_villages(Person.objects.all(), village_codes).filter(
        Q(status__in=LIVES_HERE, registration_place__in=OTHER_TOWNSHIP) | Q(status=STATUS.AWAY, registration_place=PLACE.THIS_VILLAGE),
        time_away__in=sorted(HALF_YEAR_OR_MORE)).order_by("village_id", "household_key", "person_key")
    for p in query:
        a = away.get(p.person_key)
        facts = PersonFacts(p.status or None, p.registration_place or None, p.time_away or None)
        if is_separated(facts):
            direction, living = "外来(户口在外乡镇)", addresses.get(p.household_key, "")
            registration = p.registration_address
        elif hardcases.is_out_separated(p.status, p.registration_place, p.time_away, a.away_place if a else None):
            direction, living = "外出(户口在本村)", (a.away_address if a else "") or "（地址不详）"
            registration = p.registration_address or addresses.get(p.household_key, "")
        else:
            continue
        yield {**_person_row(p, names), "direction": direction,
               "registration_place": _label(codes.REGISTRATION_PLACE, p.registration_place),
               "registration_address": registration, "living_address": living,
               "time_away": _label(codes.TIME_AWAY, p.time_away), "reason_away": _label(codes.REASON_AWAY, p.reason_away)}


def _away_unknown(village_codes: list[str] | None) -> Iterator[Row]:
    names = _village_names()
    leads = _leads(village_codes, "person")
    persons = {p.person_key: p for p in in_villages(Person.objects.filter(status=STATUS.AWAY), village_codes)}
    records = {a.person_key: a for a in in_villages(PersonAway.objects.all(), village_codes) if a.person_key}
    for key in sorted(persons, key=lambda k: (persons[k].village_id, k)):
        p, a = persons[key], records.get(key)
        if a is not None and not hardcases.address_unknown(a.away_place, a.away_address):
            continue
        lead = leads.get(key, {})
        consulted = "、".join({"pension": "社保", "medical": "医保"}[s] for s in sorted(lead)) or "尚无部门线索"
        yield {**_person_row(p, names), "away_place": _label(codes.AWAY_PLACE, a.away_place) if a else "（无外出记录）",
               "away_address": a.away_address if a else "", "away_since": a.away_since if a else None,
               "info_source": a.info_source if a else "", "phone": (a.phone if a else "") or p.phone,
               "sources_consulted": consulted, "leads": "；".join(f"{s}: {t}" for s, t in sorted(lead.items()))}


def _multiple_dwellings(village_codes: list[str] | None) -> Iterator[Row]:
    names = _village_names()
    flagged = set(in_villages(Person.objects.filter(multiple_dwellings=YES_NO.YES), village_codes).values_list("household_key", flat=True))
    vacant = defaultdict(list)
    for v in in_villages(VacantDwelling.objects.exclude(owner_household_key=""), village_codes):
        vacant[v.owner_household_key].append(v)
    keys = flagged | set(vacant) | set(in_villages(Household.objects.exclude(dwelling_label=""), village_codes)
                                       .values_list("household_key", flat=True))
    households = {h.household_key: h for h in Household.objects.filter(household_key__in=keys)}
    for key in sorted(keys, key=lambda k: (households[k].village_id if k in households else "", k)):
        h = households.get(key)
        head = h.head_name if h else (vacant[key][0].owner_name if vacant.get(key) else "")
        if h is not None:
            yield {"village_name": names.get(h.village_id, ""), "group": h.group, "household_key": key, "head_name": head,
                   "dwelling_label": h.dwelling_label or f"{head}1", "record": "住户", "counted_here": "是",
                   "enumeration_area": h.enumeration_area, "building_code": h.building_code,
                   "dwelling_number": h.dwelling_number, "address": h.address}
        for v in sorted(vacant.get(key, []), key=lambda v: v.dwelling_label):
            yield {"village_name": names.get(v.village_id, ""), "group": v.group, "household_key": key, "head_name": head,
                   "dwelling_label": v.dwelling_label, "record": "空房", "counted_here": "否",
                   "enumeration_area": v.enumeration_area, "building_code": v.building_code,
                   "dwelling_number": v.dwelling_number, "address": v.address}


def _last_changes(table_keys: list[str]) -> dict[str, tuple[dt.datetime, str]]:
    found: dict[str, tuple[dt.datetime, str]] = {}
    for start in range(0, len(table_keys), 500):
        for c in (Change.objects.filter(record_key__in=table_keys[start:start + 500])
                  .order_by("changed_at").values("record_key", "changed_at", "changed_by_name")):
            found[c["record_key"]] = (c["changed_at"], c["changed_by_name"])
    return found


def _no_fixed_abode(village_codes: list[str] | None) -> Iterator[Row]:
    names = _village_names()
    homeless = set(in_villages(Household.objects.filter(residence_type=RESIDENCE_TYPE.NO_HOUSING), village_codes).values_list("household_key", flat=True))
    persons = list(in_villages(Person.objects.filter(Q(no_fixed_abode=YES_NO.YES) | Q(household_key__in=homeless)), village_codes)
                   .exclude(status__in=GONE).order_by("village_id", "household_key", "person_key"))
    changes = _last_changes([p.person_key for p in persons])
    addresses = dict(Household.objects.filter(household_key__in={p.household_key for p in persons})
                     .values_list("household_key", "address"))
    today = dt.date.today()
    for p in persons:
        last, by = p.updated_at, ""
        if p.person_key in changes and changes[p.person_key][0] > last:
            last, by = changes[p.person_key]
        confirmed = last.date()
        why = "、".join(w for w, ok in (("居无定所", p.no_fixed_abode == YES_NO.YES), ("住所类型:无住房", p.household_key in homeless)) if ok)
        yield {**_person_row(p, names), "address": addresses.get(p.household_key, ""), "why": why,
               "last_confirmed": confirmed, "days_since": (today - confirmed).days, "changed_by": by,
               "reconfirm": "待复核" if hardcases.needs_reconfirming(confirmed) else ""}


def _unregistered_child(village_codes: list[str] | None) -> Iterator[Row]:
    names = _village_names()
    findings = defaultdict(list)
    unlisted = []
    for f in in_villages(Finding.objects.filter(code__in=("health.unregistered_child", "health.unlisted_birth")), village_codes):
        if f.canvass_table == "person" and f.code == "health.unregistered_child":
            findings[f.canvass_key].append(f)
        else:
            unlisted.append(f)
    persons = in_villages(Person.objects.filter(Q(unregistered=YES_NO.YES) | Q(registration_place=PLACE.PENDING) |
                                            Q(person_key__in=list(findings))), village_codes)
    for p in persons.exclude(status__in=GONE).order_by("village_id", "household_key", "person_key"):
        fs = findings.get(p.person_key, [])
        origin = "摸排" + ("、卫健比对" if fs else "") if (p.unregistered == YES_NO.YES or p.registration_place == PLACE.PENDING) else "卫健比对"
        yield {**_person_row(p, names), "origin": origin,
               "registration_place": _label(codes.REGISTRATION_PLACE, p.registration_place), "mother": "",
               "finding": "、".join(f.code for f in fs), "action": fs[0].action if fs else "宣传落户政策，协助办理出生登记"}
    for f in sorted(unlisted, key=lambda f: (f.village_id or "", f.pk)):
        mother = " ".join(str(f.evidence.get(k, "")) for k in ("mother_name", "mother_id") if f.evidence.get(k))
        born = f.evidence.get("birth_date")
        yield {"village_name": names.get(f.village_id or "", ""), "group": "", "origin": "卫健比对（摸排未登记）",
               "household_key": f.canvass_key, "person_key": "", "name": f.name, "id_number": f.id_number,
               "sex": "", "birth_date": dt.date.fromisoformat(born) if born else None, "registration_place": "",
               "mother": mother, "finding": f.code, "action": f.action}


def _special_area(village_codes: list[str] | None) -> Iterator[Row]:
    names = _village_names()
    persons = list(in_villages(Person.objects.filter(special_area=YES_NO.YES), village_codes)
                   .exclude(status__in=GONE).order_by("village_id", "household_key", "person_key"))
    addresses = dict(Household.objects.filter(household_key__in={p.household_key for p in persons})
                     .values_list("household_key", "address"))
    for p in persons:
        yield {**_person_row(p, names), "collective": "集体户" if p.collective else "家庭户",
               "address": addresses.get(p.household_key, ""), "fact_source": p.fact_source, "remarks": p.remarks}


def _unmapped_building(village_codes: list[str] | None) -> Iterator[Row]:
    names = _village_names()
    result = missed_dwellings(village_codes)
    for u in result.unmapped:
        yield {"village_name": names.get(u.village_code, ""), "group": u.group, "problem": "漏绘：标绘系统无此建筑物",
               "enumeration_area": u.enumeration_area, "building_code": u.building_code or "（无编号）",
               "records": f"{'户' if u.table == 'household' else '空宅'} {u.key} {u.head_name}", "address": u.address,
               "action": "在标绘系统补绘，补到纸质底图"}
    for b in result.unlisted:
        yield {"village_name": names.get(b.village_code, ""), "group": "", "problem": "漏户：有标绘无摸排记录",
               "enumeration_area": b.enumeration_area, "building_code": b.building_code, "records": "",
               "address": b.address, "action": "实地核查：有人住的补录户，无人住的补录空宅"}


ROWS: dict[str, Callable[[list[str] | None], Iterator[Row]]] = {
    "absent_household": _absent_household,
    "separated": _separated,
    "away_unknown": _away_unknown,
    "multiple_dwellings": _multiple_dwellings,
    "no_fixed_abode": _no_fixed_abode,
    "unregistered_child": _unregistered_child,
    "special_area": _special_area,
    "unmapped_building": _unmapped_building,
}


def hardcase_rows(case: str, village_codes: list[str] | None = None) -> list[Row]:
    if case not in ROWS:
        raise KeyError(f"没有此类难点：{case}（可选：{', '.join(ROWS)}）")
    return list(ROWS[case](village_codes))


def hardcase_counts(village_codes: list[str] | None = None) -> dict[str, int]:
    """Each case's count in its unit (户 / 人 / 处, see ``core.hardcases.CASES``) — for the dashboard.

    The two big cases are counted in the database (a county has ~300,000
    persons separated from their registration); the others from their rows.
    """
    small = ("multiple_dwellings", "no_fixed_abode", "unregistered_child", "special_area")
    counts = count_rows({name: hardcase_rows(name, village_codes) for name in small})
    absent = in_villages(AbsentMember.objects.all(), village_codes).values("absent_household_key").distinct().count()
    police = in_villages(Finding.objects.filter(code="police.absent_household"), village_codes).count()
    counts["absent_household"] = absent + police
    counts["separated"] = _separated_count(village_codes)
    counts["away_unknown"] = _away_unknown_count(village_codes)
    result = missed_dwellings(village_codes)
    counts["unmapped_building"] = len(result.unmapped) + len(result.unlisted)
    return {case.name: counts[case.name] for case in hardcases.CASES}


def _separated_count(village_codes: list[str] | None) -> int:
    persons = in_villages(Person.objects.all(), village_codes).filter(time_away__in=sorted(HALF_YEAR_OR_MORE))
    inflow = persons.filter(status__in=LIVES_HERE, registration_place__in=OTHER_TOWNSHIP).count()
    same_township = PersonAway.objects.filter(person_key=OuterRef("person_key"), away_place=AWAY_PLACE.THIS_TOWNSHIP)
    outflow = persons.filter(status=STATUS.AWAY, registration_place=PLACE.THIS_VILLAGE).exclude(Exists(same_township)).count()
    return inflow + outflow


def _away_unknown_count(village_codes: list[str] | None) -> int:
    known = PersonAway.objects.filter(person_key=OuterRef("person_key")).exclude(away_place=AWAY_PLACE.UNKNOWN).exclude(away_address="")
    return in_villages(Person.objects.filter(status=STATUS.AWAY), village_codes).exclude(Exists(known)).count()


def count_rows(rows_by_case: dict[str, list[Row]]) -> dict[str, int]:
    """Counts in each case's unit: absent and multiple-dwelling households, persons, buildings."""
    counts: dict[str, int] = {}
    for name, rows in rows_by_case.items():
        if name == "absent_household":
            counts[name] = len({r["absent_household_key"] or f"police:{r['police_household_number']}" for r in rows})
        elif name == "multiple_dwellings":
            counts[name] = len({r["household_key"] for r in rows})
        else:
            counts[name] = len(rows)
    return counts
