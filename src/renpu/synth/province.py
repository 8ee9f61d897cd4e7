"""A synthetic province: real Hubei counties made by renpu.synth, people who cross county lines, truth.

    OUT/counties/<code><name>/     one synthetic county each, exactly as ``renpu synth`` writes it
    OUT/province/civil_全省死亡登记.csv  the provincial death register (UTF-8 with BOM)
    OUT/truth/findings.csv          what the province's comparisons must find, county by county
    OUT/truth/guests.csv            every cross-county person: case, counties, true ID

The cross-county persons are made here once and handed to the counties they
touch (renpu.synth.guests), each county's generator placing them like its own:

* ``lives_elsewhere`` — registered in county A (on A's police register, not in
  A's canvass: A's ``police.unlisted_registered``), listed 在住 in county B with
  户口登记地 其他县: A's ``province.lives_elsewhere``, B's ``province.registered_elsewhere``;
* ``duplicate`` — listed 在住 at home in A and 在住 again in B: ``province.duplicate_person`` in both;
* ``away`` — listed 外出 in A with an address in B, and 在住 in B: the census's own
  rule (H2b), not a duplicate — no finding, a trap for false alarms;
* ``died_elsewhere`` — listed in B, died elsewhere in the province: only the
  provincial register has the death (``province.deceased_listed``).

The provincial death register also holds every county's own death register
(so a county's dead-but-listed persons are on it too) and deaths of people no
county lists.  Truth keys are read back from the counties' own truth files by
true ID number, so they name exactly the canvass keys and police rows written.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import shutil
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from renpu.synth import ids, names
from renpu.synth.counties import County, hubei_counties
from renpu.synth.county import generate
from renpu.synth.geography import VillagePlan, plan_county
from renpu.synth.guests import Guest
from renpu.synth.households import Maker
from renpu.synth.model import REFERENCE_ORDINAL, YEAR_START
from renpu.synth.sources import csv_line

DEATHS_FILE = "province/civil_全省死亡登记.csv"
DEATH_HEADER = ["姓名", "身份证号", "性别", "死亡日期", "户籍地址"]
TRUTH_COLUMNS = ["code", "county", "village_code", "canvass_key", "source_file", "source_row", "id_number", "name",
                 "other_county"]
GUEST_COLUMNS = ["case", "id_number", "name", "sex", "birth_date", "home_county", "other_county"]
# Shares of the province's persons, per case (and at least MIN_CASES of each).
SHARES = {"lives_elsewhere": 0.004, "duplicate": 0.002, "away": 0.002, "died_elsewhere": 0.0015}
MIN_CASES = 4
# The ID sequence slot no synthetic village uses (a county has fewer than 499 villages).
GUEST_SLOT = 499


@dataclass
class ProvinceSummary:
    outdir: Path
    seed: int
    counties: list[str]
    persons_listed: int
    cases: dict[str, int]
    findings: dict[str, int] = field(default_factory=dict)


@dataclass
class _Case:
    kind: str
    home: int  # county index: where registered (A)
    other: int  # where listed (B)
    name: str
    surname_len: int
    sex: str
    birth: dt.date
    id_number: str = ""
    died: dt.date | None = None


def county_dir(outdir: Path, county: County) -> Path:
    return outdir / "counties" / f"{county.code}{county.name}"


def generate_province(outdir: Path, counties: int = 3, persons: int = 6_000, seed: int = 1,
                      processes: int = 2) -> ProvinceSummary:
    """Write a province of ``counties`` counties, about ``persons`` listed persons in all."""
    outdir = Path(outdir)
    for sub in ("counties", "province", "truth"):
        shutil.rmtree(outdir / sub, ignore_errors=True)
    chosen = hubei_counties(counties)
    if len(chosen) < 2:
        raise ValueError("一个省至少要有 2 个县")
    per_county = max(1_000, persons // len(chosen))
    county_seeds = [seed * 1000 + i for i in range(len(chosen))]
    plans = [plan_county(per_county, s, c) for s, c in zip(county_seeds, chosen, strict=True)]
    if max(len(p) for p in plans) >= GUEST_SLOT:
        raise ValueError("每县人数过多（超过约 89 万人），合成省份的身份证号会重复")
    rng = random.Random(f"province:{seed}")
    cases = _cases(rng, chosen, per_county * len(chosen))
    guests = _guests(rng, cases, chosen, plans)
    listed = 0
    for county, county_seed, county_guests in zip(chosen, county_seeds, guests, strict=True):
        summary = generate(county_dir(outdir, county), persons=per_county, seed=county_seed, processes=processes,
                           county=county, guests=county_guests)
        listed += summary.persons_listed
    (outdir / "province").mkdir(parents=True, exist_ok=True)
    (outdir / "truth").mkdir(parents=True, exist_ok=True)
    _write_deaths(outdir, rng, chosen, cases)
    truth = _truth(outdir, chosen, cases)
    _write_csv(outdir / "truth" / "findings.csv", TRUTH_COLUMNS, truth)
    _write_csv(outdir / "truth" / "guests.csv", GUEST_COLUMNS, [
        [c.kind, c.id_number, c.name, c.sex, c.birth.isoformat(), chosen[c.home].code,
         chosen[c.other].code if c.other >= 0 else ""] for c in cases])
    (outdir / "README.txt").write_text(README.format(
        seed=seed, counties="、".join(f"{c.name}（{c.code}）" for c in chosen), persons=listed), encoding="utf-8")
    return ProvinceSummary(outdir, seed, [c.code for c in chosen], listed, dict(Counter(c.kind for c in cases)),
                           dict(sorted(Counter(row[0] for row in truth).items())))


def _cases(rng: random.Random, counties: list[County], persons: int) -> list[_Case]:
    maker = Maker(rng)
    used: set[str] = set()
    cases = []
    for kind, share in SHARES.items():
        for _ in range(max(MIN_CASES, round(persons * share))):
            home, other = rng.sample(range(len(counties)), 2)
            age = rng.randint(62, 92) if kind == "died_elsewhere" else rng.randint(19, 55)
            made = maker.person(rng.choice("12"), age)
            case = _Case(kind, home, other, made.true_name, made.surname_len, made.sex, made.birth)
            # Born where registered: the ID carries the home county's code.
            case.id_number, case.birth = _unique_id(counties[other if kind == "died_elsewhere" else home].code,
                                                    case.birth, case.sex, used)
            if kind == "died_elsewhere":
                case.died = dt.date.fromordinal(rng.randint(YEAR_START.toordinal(), REFERENCE_ORDINAL - 1))
            cases.append(case)
    return cases


def _unique_id(region: str, birth: dt.date, sex: str, used: set[str]) -> tuple[str, dt.date]:
    while True:
        number = ids.make_id(region, birth, GUEST_SLOT, sex)
        if number not in used:
            used.add(number)
            return number, birth
        birth += dt.timedelta(days=1)


def _guests(rng: random.Random, cases: list[_Case], counties: list[County],
            plans: list[list[VillagePlan]]) -> list[list[Guest]]:
    """Each county's part of each case."""
    out: list[list[Guest]] = [[] for _ in counties]
    for case in cases:
        home, other = counties[case.home], counties[case.other]
        home_village, other_village = rng.randrange(len(plans[case.home])), rng.randrange(len(plans[case.other]))
        plan, there = plans[case.home][home_village], plans[case.other][other_village]
        address = f"{home.prefix}{plan.township_name}{plan.name}{rng.randint(1, plan.groups)}组"
        person = Guest(case.id_number, case.name, case.surname_len, case.sex, case.birth, listed=True,
                       case=case.kind, reg_address=address)
        # 户口登记地 其他县, here for work for a few years
        incomer = replace(person, village=other_village, reg="4", time_away=rng.choice("45678"), reason="1")
        if case.kind == "lives_elsewhere":
            out[case.home].append(replace(person, listed=False, village=home_village))
            out[case.other].append(incomer)
        elif case.kind == "duplicate":
            out[case.home].append(replace(person, village=home_village))
            out[case.other].append(incomer)
        elif case.kind == "away":
            place = "3" if home.code[:4] == other.code[:4] else "4"  # 本市其他县 / 本省其他市
            since = dt.date.fromordinal(REFERENCE_ORDINAL - rng.randint(200, 2000))
            away = (place, f"{other.prefix}{there.township_name}{there.name}", since, "1", "家属告知")
            out[case.home].append(replace(person, village=home_village, status="2", time_away=incomer.time_away,
                                          reason="1", away=away))
            out[case.other].append(incomer)
        else:  # died_elsewhere: listed at home in B, the death registered in another county
            out[case.other].append(replace(person, village=other_village, status=rng.choice("12"),
                                           reg_address=f"{other.prefix}{there.township_name}{there.name}"))
    return out


def _write_deaths(outdir: Path, rng: random.Random, counties: list[County], cases: list[_Case]) -> None:
    """Every county's death register, the deaths elsewhere, and deaths of people no county lists."""
    rows: list[list[str]] = []
    for county in counties:
        rows += _county_deaths(county_dir(outdir, county) / "sources" / "civil_死亡登记.xlsx")
    for case in cases:
        if case.died is not None:
            rows.append([case.name, case.id_number, "男" if case.sex == "1" else "女", case.died.isoformat(),
                         counties[case.other].prefix])
    maker, used = Maker(rng), {row[1] for row in rows} | {case.id_number for case in cases}
    for _ in range(len(rows)):
        county = rng.choice(counties)
        person = maker.person(rng.choice("12"), rng.randint(50, 95))
        number, _ = _unique_id(county.code, person.birth, person.sex, used)
        died = dt.date.fromordinal(rng.randint(YEAR_START.toordinal(), REFERENCE_ORDINAL - 1))
        rows.append([person.true_name, number, "男" if person.sex == "1" else "女", died.isoformat(), county.prefix])
    rng.shuffle(rows)
    for row in rows:  # a provincial register is typed too: a few names by pinyin homophone, a few IDs mistyped
        roll = rng.random()
        if roll < 0.01:
            row[0] = names.homophone_typo(rng, row[0], names.surname_length(row[0]))
        elif roll < 0.02 and len(row[1]) == 18:
            row[1] = ids.mistype(rng, row[1])
    text = csv_line(DEATH_HEADER) + "".join(csv_line(row) for row in rows)
    (outdir / DEATHS_FILE).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


def _county_deaths(path: Path) -> list[list[str]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_index(0).to_python()
    return [[str(cell) for cell in row[:5]] for row in rows[1:] if row and row[0]]


def _truth(outdir: Path, counties: list[County], cases: list[_Case]) -> list[list[str]]:
    persons: dict[str, dict[str, dict[str, str]]] = {}
    unlisted: dict[tuple[str, str], dict[str, str]] = {}
    dead_listed: list[tuple[str, dict[str, str]]] = []
    for county in counties:
        truth = county_dir(outdir, county) / "truth"
        for row in _read_csv(truth / "persons.csv"):
            if row["person_keys"]:
                persons.setdefault(row["id_number"], {})[county.code] = row
        for row in _read_csv(truth / "findings.csv"):
            if row["code"] == "police.unlisted_registered":
                unlisted[(county.code, row["id_number"])] = row
            elif row["code"] == "civil.deceased_listed":
                dead_listed.append((county.code, row))
    out: list[list[str]] = []

    def listed(code: str, county: County, number: str, other: str) -> None:
        row = persons[number][county.code]
        out.append([code, county.code, row["village_code"], row["person_keys"].split(";")[0], "", "", number,
                    row["name"], other])

    for case in cases:
        home, other = counties[case.home], counties[case.other]
        if case.kind == "lives_elsewhere":
            police = unlisted[(home.code, case.id_number)]
            out.append(["province.lives_elsewhere", home.code, police["village_code"], "",
                        Path(police["source_file"]).name, police["source_row"], case.id_number, case.name, other.code])
            listed("province.registered_elsewhere", other, case.id_number, home.code)
        elif case.kind == "duplicate":
            listed("province.duplicate_person", home, case.id_number, other.code)
            listed("province.duplicate_person", other, case.id_number, home.code)
        elif case.kind == "died_elsewhere":
            listed("province.deceased_listed", other, case.id_number, "")
    for code, row in dead_listed:
        out.append(["province.deceased_listed", code, row["village_code"], row["canvass_key"], "", "",
                    row["id_number"], row["name"], ""])
    return out


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    text = csv_line(header) + "".join(csv_line(row) for row in rows)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


README = """湖北省合成省份（renpu synth-province，种子 {seed}）—— 全部人员均为虚构
A synthetic province of real Hubei counties (renpu synth-province, seed {seed}); all persons are invented.

县 counties: {counties}
摸底登记人数 persons listed: {persons}

counties/<代码><县名>/          各县合成数据（与 renpu synth 相同：一套表、部门数据、truth/）/ one synthetic county each
province/civil_全省死亡登记.csv   全省死亡登记（UTF-8 带 BOM）/ the provincial death register
truth/findings.csv             跨县比对应发现的问题（按县）/ what the province's comparisons must find
truth/guests.csv               每个跨县人员及其情形 / every cross-county person and their case

情形 cases: lives_elsewhere 户籍在甲县、住乙县；duplicate 甲乙两县都登记为在住；
away 甲县登记外出、乙县登记在住（普查规则，不算重复）；died_elsewhere 乙县登记在册、在外县死亡。
"""
