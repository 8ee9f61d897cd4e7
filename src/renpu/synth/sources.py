"""The departments' administrative records for one village, with what comparing them must find.

Each source part is rendered in the worker (CSV bytes in the file's final
encoding, or worksheet row XML) so the parent only concatenates; findings point
into a part by (source, index) and the parent turns that into a file row.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from renpu.core import codes
from renpu.synth import names, xlsx
from renpu.synth.model import YEAR_START, Household, Person, Vacant, phone
from renpu.synth.truth import Finding

if TYPE_CHECKING:
    from renpu.synth.population import Village

POLICE = "sources/police_公安户籍.csv"
PENSION = "sources/pension_养老保险.xlsx"
MEDICAL = "sources/medical_医保参保.csv"
GRID = "sources/grid_网格实有人口.xlsx"
STUDENTS = "sources/education_学生.xlsx"
STAFF = "sources/education_教职工.xlsx"
BIRTHS = "sources/health_出生医学证明.xlsx"
DEATHS = "sources/civil_死亡登记.xlsx"
MAPPING = "sources/mapping_建筑物.csv"

HEADERS = {
    "police": ["户号", "姓名", "公民身份号码", "性别", "出生日期", "与户主关系", "户籍地址", "所属村(居)委会"],
    "pension": ["姓名", "身份证号码", "联系电话", "现居住地址", "参保状态"],
    "medical": ["姓名", "证件号码", "手机号码", "常住地址"],
    "grid": ["网格编号", "房屋地址", "户主姓名", "姓名", "证件号码", "居住状态"],
    "students": ["学校名称", "学籍号", "姓名", "身份证号", "性别", "出生日期", "是否住校", "年级"],
    "staff": ["学校名称", "姓名", "身份证号", "是否住集体宿舍"],
    "births": ["出生医学证明编号", "新生儿姓名", "性别", "出生日期", "母亲姓名", "母亲身份证号", "父亲姓名", "父亲身份证号", "家庭住址"],
    "deaths": ["姓名", "身份证号", "性别", "死亡日期", "户籍地址"],
    "mapping": ["建筑物编码", "普查小区编码", "建筑物名称或地址", "经度", "纬度"],
}
# The wild county's departments name some columns their own way and record more (a death's birth date).
WILD_HEADERS = {
    **HEADERS,
    "police": ["户号", "姓名", "公民身份号码(18位)", "性别", "出生日期", "与户主关系", "户籍地址", "所属村(居)委会"],
    "births": ["出生医学证明编号", "新生儿姓名", "新生儿身份证号", "性别", "出生日期", "母亲姓名", "母亲身份证号",
               "父亲姓名", "父亲身份证号", "家庭住址"],
    "deaths": ["死者姓名", "公民身份号码", "性别", "出生日期", "死亡日期", "户籍地址"],
}
FILES = {"police": POLICE, "pension": PENSION, "medical": MEDICAL, "grid": GRID, "students": STUDENTS,
         "staff": STAFF, "births": BIRTHS, "deaths": DEATHS, "mapping": MAPPING}
CSV_ENCODING = {"police": "gb18030", "medical": "utf-8", "mapping": "utf-8"}


def csv_line(values: list[str]) -> str:
    return ",".join(f'"{v}"' if ("," in v or '"' in v) else v for v in values) + "\r\n"


class Parts:
    """Rows of every source for one village, plus the findings pointing at them."""

    def __init__(self, village: Village) -> None:
        self.village = village
        self.rows: dict[str, list[list[str]]] = {name: [] for name in HEADERS}
        self.findings: list[Finding] = []

    def add(self, source: str, row: list[str]) -> tuple[str, int]:
        self.rows[source].append(row)
        return source, len(self.rows[source]) - 1

    def find(self, code: str, key: str, source: str, ref: object, person: Person | None, name: str = "", number: str = "") -> None:
        file = FILES.get(source, source)
        self.findings.append(
            Finding(code, self.village.plan.code, key, source.replace("students", "education").replace("staff", "education")
                    .replace("births", "health").replace("deaths", "civil"), file, ref,  # type: ignore[arg-type]
                    number or (person.true_id if person else ""), name or (person.true_name if person else ""))
        )

    def blobs(self) -> dict[str, tuple[bytes, int]]:
        out: dict[str, tuple[bytes, int]] = {}
        for source, rows in self.rows.items():
            if source in CSV_ENCODING:
                text = "".join(csv_line(r) for r in rows)
                out[source] = (text.encode(CSV_ENCODING[source]), len(rows))
            else:
                out[source] = ("".join(xlsx.text_row(r) for r in rows).encode(), len(rows))
        return out


_RELATION_LABELS = dict(codes.RELATIONSHIP.items)


def _iso(day: dt.date) -> str:
    return f"{day.year}-{day.month:02d}-{day.day:02d}"


def _sex(code: str) -> str:
    return "男" if code == "1" else "女"


def police(parts: Parts, rng: random.Random) -> None:
    v = parts.village
    name_of_village = v.plan.name
    for household in v.households + v.collectives:
        for p in household.members:
            if "imported" in p.flags:
                # listed again here (a boarder, a tenant) as registered in this village, which the police
                # do not have either: the copy is as wrong as the original
                original = p.original
                if original is not None and "wrong_registration" in original.flags and p.reg == "1":
                    parts.find("police.wrong_registration", p.key, "police", None, original)
                continue
            alive_here = p.true_status in ("1", "2") or "deceased_listed" in p.flags
            if not alive_here or not p.true_id:
                continue
            if p.reg == "1":
                if rng.random() < 0.003:
                    p.flags.append("wrong_registration")
                    parts.find("police.wrong_registration", p.key, "police", None, p)
                    continue
                ref = _police_row(parts, rng, p, household.police_no, p.reg_address, name_of_village)
                _police_findings(parts, p, ref)
            elif p.reg in ("2", "3"):
                # Registered in another village of the county: the county's police extract has them too,
                # so a mistyped canvass ID or a differing attribute is found all the same.
                ref = _police_row(parts, rng, p, f"{v.plan.index:03d}9{rng.randrange(10 ** 5):05d}", p.reg_address, p.reg_village)
                _police_findings(parts, p, ref)
    for absent in v.absent:
        first = None
        for p in absent.members:
            ref = _police_row(parts, rng, p, absent.police_no, absent.address, name_of_village, exact=True)
            first = first or ref
        if not absent.listed:
            parts.find("police.absent_household", "", "police", first, absent.members[0])
    for p in v.missed:
        assert p.household is not None
        ref = _police_row(parts, rng, p, p.household.police_no or f"{v.plan.index:03d}8{rng.randrange(10 ** 5):05d}",
                          p.household.address, name_of_village, exact=True)
        parts.find("police.unlisted_registered", p.household.key, "police", ref, p)


def _police_findings(parts: Parts, p: Person, ref: tuple[str, int]) -> None:
    if "mistyped_id" in p.flags:
        parts.find("police.id_correction", p.key, "police", ref, p)
        return
    row = parts.rows["police"][ref[1]]
    # as written on both sides: a canvass misspelling and a police typo may happen to agree
    if row[1] != p.name or row[4] != _iso(p.shown_birth):
        parts.find("police.attribute_mismatch", p.key, "police", ref, p)


def _police_row(parts: Parts, rng: random.Random, p: Person, number: str, address: str, village: str, exact: bool = False) -> tuple[str, int]:
    name, birth = p.true_name, p.birth
    if not exact and "mistyped_id" not in p.flags and "inconsistent_birth" not in p.flags:
        roll = rng.random()
        if roll < 0.004:
            typo = names.homophone_typo(rng, name, p.surname_len)
            if typo != name:
                name = typo
                p.flags.append("police_mismatch")
                p.flags.append(f"police_name:{typo}")
        elif roll < 0.006:
            birth = birth + dt.timedelta(days=rng.choice((-1, 1, 31, -31)))
            p.flags.append("police_mismatch")
            p.flags.append("police_birth")
    rel = _RELATION_LABELS.get(p.rel, "其他")
    return parts.add("police", [number, name, p.true_id, _sex(p.sex), _iso(birth), rel, address, village])


def insurance(parts: Parts, rng: random.Random) -> None:
    """Pension (adults) and medical (all ages) insurance, with contact leads for absent persons.

    Members of a 空挂户 only the police know are looked up too (the police comparison
    finds the household): their ordinary insurance records are their leads.
    """
    v = parts.village
    leads = {id(p) for a in v.absent if a.listed and not a.lead for p in a.members}
    police_only = {id(p) for a in v.absent if not a.listed for p in a.members}
    for household in v.households + v.collectives:
        for p in household.members:
            if p.away is not None and p.away[0] == "9":
                leads.add(id(p))
    members: list[tuple[Person, Household | None]] = [
        (p, h) for h in v.households + v.collectives for p in h.members if "imported" not in p.flags
    ]
    members += [(p, None) for a in v.absent for p in a.members]
    for p, home in members:
        if not p.true_id or p.true_status not in ("1", "2"):
            continue
        if id(p) in leads:
            _lead(parts, rng, p)
            continue
        where = p.away[1] if p.away and p.away[1] else (home.address if home else "")
        shown = names.homophone_typo(rng, p.true_name, p.surname_len) if rng.random() < 0.01 else p.true_name
        helped = False
        if p.age >= 16 and rng.random() < 0.8:
            state = "待遇领取" if p.age >= 60 else rng.choices(("正常参保", "暂停缴费"), (85, 15))[0]
            number = p.phone or (phone(rng) if rng.random() < 0.5 else "")
            ref = parts.add("pension", [shown, p.true_id, number, where, state])
            if id(p) in police_only and (number or where):
                parts.find("pension.contact_lead", p.key, "pension", ref, p)
                helped = True
        if rng.random() < 0.85:
            number = p.phone if rng.random() < 0.7 else ""
            ref = parts.add("medical", [shown, p.true_id, number, where])
            if id(p) in police_only and not helped and (number or where):
                parts.find("medical.contact_lead", p.key, "medical", ref, p)


def _lead(parts: Parts, rng: random.Random, p: Person) -> None:
    key = p.key
    where = rng.choice(parts.village.dests)[1] + f"{rng.choice(('幸福', '和平', '新华', '人民'))}路{rng.randint(1, 500)}号"
    number = p.phone or phone(rng)
    if rng.random() < 0.6 and p.age >= 16:
        ref = parts.add("pension", [p.true_name, p.true_id, number, where, "正常参保"])
        parts.find("pension.contact_lead", key, "pension", ref, p)
    elif rng.random() < 0.7:
        ref = parts.add("medical", [p.true_name, p.true_id, number, where])
        parts.find("medical.contact_lead", key, "medical", ref, p)


def grid(parts: Parts, rng: random.Random) -> None:
    v = parts.village
    for household in v.households:
        if household.residence_type == "5" or rng.random() > 0.95:
            continue
        net = f"{v.plan.code}-{household.group:02d}"
        head = household.members[0].true_name
        for p in household.members:
            if p.true_status in ("1", "2") and "imported" not in p.flags:
                parts.add("grid", [net, household.address, head, p.true_name, p.true_id, "常住" if p.status == "1" else "外出"])
        if rng.random() < 0.004:
            extra = _grid_person(v, rng)
            extra.flags.append("grid_only")
            ref = parts.add("grid", [net, household.address, head, extra.true_name, extra.true_id, "常住"])
            parts.find("grid.unlisted_resident", household.key, "grid", ref, extra)
            v.grid_only.append(extra)
    for vacant in v.vacants:
        if rng.random() < 0.05:
            ref, first = _grid_family(parts, v, rng, f"{v.plan.code}-{vacant.group:02d}", vacant.address)
            parts.find("grid.vacant_but_occupied", vacant.key, "grid", ref, first)
    for _ in range(round(len(v.households) * 0.003)):
        group = rng.randint(1, v.plan.groups)
        address = v.address(group, 900 + rng.randint(1, 99))
        ref, first = _grid_family(parts, v, rng, f"{v.plan.code}-{group:02d}", address)
        parts.find("grid.unlisted_dwelling", "", "grid", ref, first)


def _grid_person(v: Village, rng: random.Random) -> Person:
    p = v.maker.person(rng.choice("12"), rng.randint(20, 70))
    v.new_id(p)
    return p


def _grid_family(parts: Parts, v: Village, rng: random.Random, net: str, address: str) -> tuple[tuple[str, int], Person]:
    people = [_grid_person(v, rng) for _ in range(rng.randint(1, 3))]
    first = None
    for p in people:
        p.flags.append("grid_only")
        ref = parts.add("grid", [net, address, people[0].true_name, p.true_name, p.true_id, "常住"])
        first = first or ref
        v.grid_only.append(p)
    assert first is not None
    return first, people[0]


def births(parts: Parts, rng: random.Random) -> None:
    v = parts.village
    if v.wild:
        _wild_births(parts, rng)
        return
    for household in v.households:
        for p in household.members:
            if p.birth >= YEAR_START and "imported" not in p.flags:
                mother, father = _parents(household, p)
                ref = _birth_row(parts, rng, v, p, mother, father, household.address)
                if p.unregistered == "1":
                    parts.find("health.unregistered_child", p.key, "births", ref, p)
    for baby, mother, father in v.unlisted_births:
        assert baby.household is not None
        ref = _birth_row(parts, rng, v, baby, mother, father, baby.household.address)
        parts.find("health.unlisted_birth", mother.key, "births", ref, baby)


def _parents(household: Household, child: Person) -> tuple[Person | None, Person | None]:
    rels = ("0", "1") if child.rel == "2" else ("2", "6") if child.rel == "7" else ("0", "1", "2", "6")
    adults = [p for p in household.members if p.rel in rels and 18 <= p.age <= 50 and p is not child]
    mother = next((p for p in adults if p.sex == "2"), None)
    father = next((p for p in adults if p.sex == "1"), None)
    return mother, father


def _birth_row(parts: Parts, rng: random.Random, v: Village, baby: Person, mother: Person | None,
               father: Person | None, address: str) -> tuple[str, int]:
    number = f"{rng.choice('PQR')}{v.plan.index:03d}{rng.randrange(10 ** 6):06d}"
    return parts.add("births", [
        number, baby.true_name, _sex(baby.sex), _iso(baby.birth),
        mother.true_name if mother else "", mother.true_id if mother else "",
        father.true_name if father else "", father.true_id if father else "", address,
    ])


def deaths(parts: Parts, rng: random.Random | None = None) -> None:
    v = parts.village
    if v.wild:
        assert rng is not None
        _wild_deaths(parts, rng)
        return
    for household in v.households + v.collectives:
        for p in household.members:
            if p.true_status == "3" and p.died is not None and "imported" not in p.flags:
                ref = parts.add("deaths", [p.true_name, p.true_id, _sex(p.sex), _iso(p.died), p.reg_address or household.address])
                if "deceased_listed" in p.flags:
                    parts.find("civil.deceased_listed", p.key, "deaths", ref, p)


def mapping(parts: Parts, rng: random.Random) -> None:
    v = parts.village
    buildings: dict[str, list[str]] = {}
    addresses: dict[str, str] = {}
    eas: dict[str, str] = {}
    dwellings: list[Household | Vacant] = [*v.households, *v.collectives, *v.vacants]
    for d in dwellings:
        if d.building:
            buildings.setdefault(d.building, []).append(d.key)
            addresses.setdefault(d.building, d.address.split("栋")[0] + ("栋" if "栋" in d.address else ""))
            eas[d.building] = d.ea
    lon, lat = v.plan.lon, v.plan.lat
    for code, keys in buildings.items():
        if rng.random() < 0.01:
            for key in keys:
                parts.find("mapping.unmapped_dwelling", key, "mapping", None, None, name=addresses[code])
            continue
        parts.add("mapping", [code, eas[code], addresses[code], f"{lon + rng.uniform(-0.02, 0.02):.6f}", f"{lat + rng.uniform(-0.02, 0.02):.6f}"])
    for ea in sorted(set(eas.values())):
        if rng.random() < 0.08:
            code = f"{ea}{rng.randint(900, 999)}"
            ref = parts.add("mapping", [code, ea, f"{v.plan.name}新建房屋", f"{lon:.6f}", f"{lat:.6f}"])
            parts.find("mapping.unlisted_building", "", "mapping", ref, None, name=code)


# --- the wild county's births and deaths ---------------------------------------------


def _father_of(household: Household, mother: Person) -> Person | None:
    """The mother's husband: listed just before her (户主 and 配偶, 子女 and 儿媳)."""
    members = household.members
    at = members.index(mother) if mother in members else -1
    before = members[at - 1] if at > 0 else None
    return before if before is not None and before.sex == "1" and before.rel in ("0", "1", "2") else None


def _wild_births(parts: Parts, rng: random.Random) -> None:
    """The birth record names the mother who bore the child (her ID, or only her name), wherever she is listed.

    The newborn's name is often not yet the one the family uses; some records carry
    the child's ID number once the child is registered.
    """
    v = parts.village
    for household in v.households:
        for p in household.members:
            if p.birth >= YEAR_START and "imported" not in p.flags:
                mother = p.mother if p.mother is not None else _parents(household, p)[0]
                father = _father_of(household, mother) if mother is not None else None
                ref = _wild_birth_row(parts, rng, v, p, mother, father, household.address, listed=True)
                if p.unregistered == "1":
                    parts.find("health.unregistered_child", p.key, "births", ref, p)
    for baby, mother, father in v.unlisted_births:
        assert baby.household is not None
        ref = _wild_birth_row(parts, rng, v, baby, mother, father, baby.household.address, listed=False)
        parts.find("health.unlisted_birth", mother.key, "births", ref, baby)


def _wild_birth_row(parts: Parts, rng: random.Random, v: Village, baby: Person, mother: Person | None,
                    father: Person | None, address: str, listed: bool) -> tuple[str, int]:
    number = f"{rng.choice('PQR')}{v.plan.index:03d}{rng.randrange(10 ** 6):06d}"
    roll = rng.random()
    name = baby.true_name if roll < 0.6 else "" if roll < 0.85 else baby.surname + names.given_name(rng, baby.sex, baby.birth.year)
    child_id = baby.true_id if listed and baby.true_id and rng.random() < 0.3 else ""
    mother_id = mother.true_id if mother is not None and rng.random() < 0.85 else ""
    return parts.add("births", [
        number, name, child_id, _sex(baby.sex), _iso(baby.birth),
        mother.true_name if mother else "", mother_id,
        father.true_name if father else "", father.true_id if father and rng.random() < 0.8 else "", address,
    ])


def _wild_deaths(parts: Parts, rng: random.Random) -> None:
    """A third of death records carry no ID number; some are of people not of this county (no finding)."""
    v = parts.village
    count = 0
    for household in v.households + v.collectives:
        for p in household.members:
            if p.true_status == "3" and p.died is not None and "imported" not in p.flags:
                number = p.true_id if rng.random() >= 0.35 else ""
                ref = parts.add("deaths", [p.true_name, number, _sex(p.sex), _iso(p.birth), _iso(p.died),
                                           p.reg_address or household.address])
                count += 1
                if "deceased_listed" in p.flags:
                    parts.find("civil.deceased_listed", p.key, "deaths", ref, p)
    for _ in range(round(count * rng.uniform(0.15, 0.3))):  # died in this county's hospital, lived elsewhere
        stranger = v.maker.person(rng.choice("12"), rng.randint(55, 95))
        v.new_id(stranger, "province")
        died = dt.date.fromordinal(rng.randint(YEAR_START.toordinal(), YEAR_START.toordinal() + 364))
        where = rng.choice(v.dests)[1] + f"{rng.choice('东南西北')}村{rng.randint(1, 9)}组"
        parts.add("deaths", [stranger.true_name, stranger.true_id if rng.random() < 0.6 else "", _sex(stranger.sex),
                             _iso(stranger.birth), _iso(died), where])
