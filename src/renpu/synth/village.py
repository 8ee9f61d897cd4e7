"""One village from plan to files: the unit of work of the process pool."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from renpu.core import tables
from renpu.synth import errors, guests, names, sources, variation, writers
from renpu.synth.geography import VillagePlan
from renpu.synth.model import REFERENCE_ORDINAL, Household, Person, Vacant
from renpu.synth.population import Village, grade_of
from renpu.synth.truth import Finding, person_line, summaries


@dataclass
class Export:
    """A person another village (a school's, or a town community's) lists again."""

    kind: str  # "student" | "duplicate"
    person: Person  # a detached copy (no household)
    home_code: str
    home_key: str
    home_file: str
    home_row: int
    home_status: str
    truth: list[str]  # the truth line, completed by the receiving village
    boarder: bool = False
    school: str = ""


@dataclass
class VillageResult:
    code: str
    canvass_file: str
    parts: dict[str, tuple[bytes, int]]
    findings: list[Finding]
    truth: bytes
    village_counts: dict[str, int]
    group_counts: dict[int, dict[str, int]]
    exports: list[Export] = field(default_factory=list)
    persons: int = 0
    eas: list[str] = field(default_factory=list)


def canvass_path(plan: VillagePlan) -> str:
    return f"canvass/{plan.township_name}/{plan.code}{plan.name}.xlsx"


Job = tuple[VillagePlan, int, str, dict[str, tuple[str, str]], list[Export], dict[str, str], list[guests.Guest]]


def run(job: Job) -> VillageResult:
    plan, seed, outdir, places, imports, school_hosts, province_guests = job
    village = Village(plan, seed, places)
    village.build()
    rng = village.rng
    exports = _mark_exports(village, rng, school_hosts)
    own = [e for e in exports if e.kind == "student" and school_hosts.get(e.school) == plan.code]
    exports = [e for e in exports if e not in own]
    staff: list[tuple[str, Person, bool, bool]] = []
    if plan.hub:
        staff = _school_households(village, rng, imports + own)
    tenants = _duplicates(village, rng, [e for e in imports if e.kind == "duplicate"])
    if province_guests:  # (its own generator: a county without guests comes out as it always did)
        guests.place(village, province_guests, random.Random(f"{seed}:{plan.code}:guests"))
    _keys(village)
    errors.inject_canvass_errors(rng, [p for p in village.persons if "imported" not in p.flags])
    if plan.county.wild:
        errors.inject_wild(rng, [p for p in village.persons if "imported" not in p.flags])
    relative = canvass_path(plan)
    path = Path(outdir) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_canvass(village, path, random.Random(f"{seed}:{plan.code}:style"))
    for export in exports + own:
        export.home_file, export.home_row = relative, export.person.row
        export.home_key, export.home_status = export.person.key, export.person.status
        export.person = _detached(export.person)
    parts = sources.Parts(village)
    _sources(parts, rng, imports + own, staff, relative)
    for export, copy in tenants:
        _duplicate_findings(parts, export, copy, relative)
    truth = _truth(village, exports + own, imports + own)
    village_counts, group_counts = summaries(village.households + village.collectives, village.vacants, village.absent)
    dwellings: list[Household | Vacant] = [*village.households, *village.collectives, *village.vacants]
    eas = sorted({d.ea for d in dwellings if d.ea})
    return VillageResult(plan.code, relative, parts.blobs(), parts.findings, truth, village_counts, group_counts,
                         exports, len(village.persons), eas)


def _mark_exports(village: Village, rng: random.Random, school_hosts: dict[str, str]) -> list[Export]:
    """Senior-high students board at their school; a few adults are listed again in a town."""
    from renpu.synth.geography import school_for

    exports = []
    school = school_for(village.plan, list(school_hosts))
    for person in village.persons:
        if person.export == "student" and person.table == "family" and person.status == "1":
            boarder = rng.random() < 0.85
            if boarder and rng.random() < 0.9:
                _board(person, rng, school, school_hosts[school][:9] == village.plan.township_code)
            exports.append(Export("student", person, village.plan.code, "", "", 0, "", [], boarder, school))
        elif (person.table == "family" and person.status == "1" and person.reg == "1" and person.rel != "0"
              and 20 <= person.age <= 50 and not village.plan.hub and rng.random() < 0.0015):
            person.export = "duplicate"
            exports.append(Export("duplicate", person, village.plan.code, "", "", 0, "", []))
        else:
            person.export = ""
    return exports


def _board(person: Person, rng: random.Random, school: str, same_township: bool) -> None:
    start = dt.date({"高一": 2020, "高二": 2019}.get(grade_of(person), 2018), 9, 1)
    days = REFERENCE_ORDINAL - start.toordinal()
    person.status = person.true_status = "2"
    person.time_away = "2" if days < 183 else "4" if days < 731 else "5"
    person.reason = "2"
    person.away = ("1" if same_township else "2", school, start, "2", "家属告知")


def _detached(person: Person) -> Person:
    person.household = None
    return person


def _school_households(village: Village, rng: random.Random, students: list[Export]) -> list[tuple[str, Person, bool, bool]]:
    """Dormitories of the village's schools: boarders (most of them) and resident staff."""
    staff: list[tuple[str, Person, bool, bool]] = []
    adults = [p for h in village.households for p in h.members if 24 <= p.age <= 58 and p.status == "1" and p.education in ("6", "7")]
    for school in village.plan.schools:
        dorm = Household("2")
        dorm.collective_name, dorm.residence_type = f"{school}学生宿舍", "2"
        for export in students:
            if export.school == school and export.boarder and rng.random() < 0.9:
                dorm.members.append(_listed_copy(village, export.person, export.home_code, dorm, "2"))
        staff_dorm = Household("2")
        staff_dorm.collective_name, staff_dorm.residence_type = f"{school}教职工宿舍", "2"
        for _ in range(rng.randint(25, 60)):
            if rng.random() < 0.35:
                person = village.maker.person(rng.choice("12"), rng.randint(23, 58))
                village.new_id(person)
                person.education = rng.choice("677")
                listed = rng.random() < 0.88
                if listed:
                    village._set_registration(person, *village._other_place(rng.choice("233")), "collective")
                    person.household, person.table = staff_dorm, "collective"
                    staff_dorm.members.append(person)
                else:
                    person.flags.append("staff_unlisted")
                    village.grid_only.append(person)
                staff.append((school, person, True, listed))
            elif adults:
                staff.append((school, adults.pop(rng.randrange(len(adults))), False, True))
        village.collectives.extend(h for h in (dorm, staff_dorm) if h.members)
        for household in (dorm, staff_dorm):
            if household.members:
                _place_collective(village, household)
    return staff


def _place_collective(village: Village, household: Household) -> None:
    plan = village.plan
    household.group = 1
    household.ea = f"{plan.code}{1:03d}"
    household.building = f"{household.ea}{800 + len(village.collectives):03d}"
    household.dwelling = "1"
    household.address = f"{plan.county.prefix}{plan.township_name}{plan.name}{household.collective_name}"


def _listed_copy(village: Village, original: Person, home_code: str, household: Household, reason: str) -> Person:
    person = Person(original.true_name, original.sex, original.birth, original.surname_len)
    person.id = person.true_id = original.true_id
    person.ethnicity, person.education, person.phone = original.ethnicity, original.education, original.phone
    if home_code == village.plan.code:
        person.reg = "1"
    else:
        person.reg = "2" if home_code[:9] == village.plan.township_code else "3"
        township, name = village.places[home_code]
        person.reg_address = f"{village.plan.county.prefix}{township}{name}"
        person.time_away, person.reason = village.rng.choice("345"), reason
    if person.reg == "1":
        person.reg_address = original.reg_address
    person.household, person.table = household, "collective" if household.kind == "2" else "family"
    person.flags.append("imported")
    person.original = original
    return person


def _duplicates(village: Village, rng: random.Random, imports: list[Export]) -> list[tuple[Export, Person]]:
    """Adults already listed at home, listed again here as tenants (不重 violated)."""
    tenants = []
    for export in imports:
        household = Household("1")
        person = _listed_copy(village, export.person, export.home_code, household, "1")
        person.rel = "0"
        if village.wild and rng.random() < 0.5:  # listed again without an ID, maybe spelled otherwise
            person.id = ""
            if rng.random() < 0.5:
                person.name = names.homophone_typo(rng, person.true_name, person.surname_len)
        household.members.append(person)
        household.group = rng.randint(1, village.plan.groups)
        household.address = village.address(household.group, 700 + len(village.households) % 100)
        household.ea = f"{village.plan.code}{1:03d}"
        household.building = f"{household.ea}{700 + len(village.households) % 100:03d}"
        household.dwelling = "1"
        village.households.append(household)
        tenants.append((export, person))
    return tenants


def _keys(village: Village) -> None:
    code = village.plan.code
    rng = village.rng
    for seq, household in enumerate(village.households + village.collectives, start=1):
        household.key = f"{code}-{seq:04d}"
        if household.kind == "1" and any(p.reg == "1" for p in household.members):
            household.police_no = f"{village.plan.index:03d}{seq:06d}"
        if household.kind == "1":
            household.phone = household.members[0].phone
        for n, person in enumerate(household.members, start=1):
            person.key, person.hkey, person.group = f"{household.key}-{n:02d}", household.key, household.group
    for vacant in village.vacants:
        vacant.address = vacant.address or village.address(vacant.group, 0)
        owner = vacant.owner
        if owner is not None and owner.household is not None:
            household = owner.household
            vacant.owner_hkey = household.key
            household.label, vacant.label = f"{owner.name}1", f"{owner.name}2"
            for member in household.members:
                member.multi = "1"
    for seq, absent in enumerate(village.absent, start=1):
        absent.key = f"{code}-G{seq:03d}"
        absent.group = rng.randint(1, village.plan.groups)
        absent.police_no = f"{village.plan.index:03d}7{seq:05d}"
        # An old address nobody lives at now (a closed enterprise, a demolished or sold house),
        # not a random house number that another family may occupy.
        absent.address = village.address(absent.group, 600 + rng.randint(1, 99))
        for n, person in enumerate(absent.members, start=1):
            person.key, person.group = f"{absent.key}-{n:02d}", absent.group


def _write_canvass(village: Village, path: Path, style_rng: random.Random) -> None:
    plan = village.plan
    if plan.county.wild:  # several clerks, each with their own habits, share the sheets
        clerks = variation.clerks(style_rng, plan.community, plan.township_name)
        by_table = {t.name: clerks[i % len(clerks)] for i, t in enumerate(tables.TYPED_TABLES)}
        by_table["collective_person"] = by_table["family_person"]
        def style_for(table: tables.Table) -> writers.Style:
            return by_table[table.name]
    else:
        style = writers.Style(style_rng)
        def style_for(table: tables.Table) -> writers.Style:
            return style
    out = writers.CanvassWriter(path, plan.code, plan.name, plan.township_name, style_for(tables.FAMILY_PERSON),
                                plan.county.name)
    code, name = plan.code, plan.name
    for table, households in ((tables.FAMILY_PERSON, village.households), (tables.COLLECTIVE_PERSON, village.collectives)):
        members = [p for h in households for p in h.members]
        s = style_for(table)
        first = out.sheet(table, [writers.person_row(p, code, name, s) for p in members], s)
        for i, person in enumerate(members):
            person.row = first + i
    everyone = village.households + village.collectives
    s = style_for(tables.HOUSEHOLD)
    first = out.sheet(tables.HOUSEHOLD, [writers.household_row(h, code, name, s) for h in everyone], s)
    for i, household in enumerate(everyone):
        household.row = first + i
    s = style_for(tables.VACANT_DWELLING)
    out.sheet(tables.VACANT_DWELLING, [writers.vacant_row(v, code, name, s) for v in village.vacants], s)
    listed = [a for a in village.absent if a.listed]
    s = style_for(tables.ABSENT_HOUSEHOLD)
    out.sheet(tables.ABSENT_HOUSEHOLD, [row for a in listed for row in writers.absent_rows(a, code, name, s)], s)
    s = style_for(tables.COMPLEX)
    out.sheet(tables.COMPLEX, [writers.complex_row(c, code, name, s) for c in village.complexes], s)
    away = [p for h in everyone for p in h.members if p.status == "2" and p.away is not None]
    s = style_for(tables.PERSON_AWAY)
    out.sheet(tables.PERSON_AWAY, [writers.away_row(f"{code}-W{i:04d}", p, code, name, s) for i, p in enumerate(away, 1)], s)
    out.close()


def _sources(parts: sources.Parts, rng: random.Random, students: list[Export], staff: list[tuple[str, Person, bool, bool]], relative: str) -> None:
    sources.police(parts, rng)
    sources.insurance(parts, rng)
    sources.grid(parts, rng)
    sources.births(parts, rng)
    sources.deaths(parts, rng if parts.village.wild else None)
    sources.mapping(parts, rng)
    _canvass_findings(parts, relative)
    _education(parts, students, staff, relative)


def _canvass_findings(parts: sources.Parts, relative: str) -> None:
    for person in parts.village.persons:
        if "mistyped_id" in person.flags:
            parts.find("canvass.invalid_id", person.key, "canvass", person.row, person, number=person.id)
        # every listed person, the dead and moved-out too: the form checks every person it saves (core.checks)
        if "inconsistent_birth" in person.flags:
            parts.find("canvass.inconsistent", person.key, "canvass", person.row, person)
    for finding in parts.findings:
        if finding.source == "canvass":
            finding.source_file = relative


def _education(parts: sources.Parts, students: list[Export], staff: list[tuple[str, Person, bool, bool]], relative: str) -> None:
    village = parts.village
    listed = {p.true_id: p for h in village.collectives for p in h.members if "imported" in p.flags}
    schools = set(village.plan.schools)
    for export in students:
        if export.school not in schools:
            continue
        p = export.person
        ref = parts.add("students", [export.school, f"G{p.true_id}", p.true_name, p.true_id, sources._sex(p.sex),
                                     sources._iso(p.birth), "是" if export.boarder else "否", grade_of(p)])
        at_school = listed.get(p.true_id)
        if export.boarder and at_school is None:
            parts.find("education.boarder_unlisted", export.home_key, "students", ref, p)
        if at_school is not None and export.home_status == "1":
            parts.find("education.double_listed", export.home_key, "students", ref, p)
            _duplicate_findings(parts, export, at_school, relative)
    for school, person, dorm, is_listed in staff:
        ref = parts.add("staff", [school, person.true_name, person.true_id, "是" if dorm else "否"])
        if dorm and not is_listed:
            parts.find("education.staff_unlisted", "", "staff", ref, person)


def _duplicate_findings(parts: sources.Parts, export: Export, here: Person, relative: str) -> None:
    p = export.person
    for key, file, row, code in ((export.home_key, export.home_file, export.home_row, export.home_code),
                                 (here.key, relative, here.row, parts.village.plan.code)):
        parts.findings.append(Finding("canvass.duplicate_person", code, key, "canvass", file, row, p.true_id, p.true_name))


def _truth(village: Village, outgoing: list[Export], incoming: list[Export]) -> bytes:
    """Truth lines of the village's real persons; a person listed twice gets one line with both keys.

    Persons exported to another village are written by the village that lists
    them again (it knows the second key); ``incoming`` are those.
    """
    code = village.plan.code
    gone = {id(e.person) for e in outgoing}
    lines = []
    for person in village.persons:
        if "imported" in person.flags or id(person) in gone:
            continue
        lines.append(person_line(person, [person.key], code))
    for absent in village.absent:
        for person in absent.members:
            person.flags.append("absent_household" if absent.listed else "police_absent_household")
            lines.append(person_line(person, [person.key] if absent.listed else [], code))
    for person in village.missed + village.grid_only + [b for b, _, _ in village.unlisted_births]:
        lines.append(person_line(person, [], code))
    for export in outgoing:
        export.truth = person_line(export.person, [export.home_key], export.home_code)
        export.truth[6] = ";".join(filter(None, (export.truth[6], export.kind)))
    copies = {p.true_id: p.key for p in village.persons if "imported" in p.flags and p.true_id}
    for export in incoming:
        line = list(export.truth)
        if export.person.true_id in copies:
            line[5] += ";" + copies[export.person.true_id]
            line[6] = ";".join(filter(None, (line[6], "double_listed")))
        lines.append(line)
    return "".join(sources.csv_line(line) for line in lines).encode("utf-8")
