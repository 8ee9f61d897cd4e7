"""renpu synth-province: real Hubei counties, people across county lines, and their truth."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from renpu.synth.counties import QICHUN, hubei_counties
from renpu.synth.province import DEATHS_FILE, county_dir, generate_province

from .conftest import read_csv, read_sheets


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("province")
    generate_province(out, counties=3, persons=4_500, seed=5, processes=1)
    return out


def test_real_hubei_counties_with_their_townships() -> None:
    counties = hubei_counties(5)
    assert counties[0] is QICHUN
    assert [(c.code, c.name) for c in counties[1:]] == [("421125", "浠水县"), ("421127", "黄梅县"),
                                                         ("421182", "武穴市"), ("421124", "英山县")]
    xishui = counties[1]
    assert ("421125100", "清泉镇") in [(code, name) for code, name, _ in xishui.townships]
    assert all(code.startswith("421125") for code, _, _ in xishui.townships)
    assert "湖北省蕲春县" in xishui.neighbour_places and xishui.code not in xishui.neighbour_regions
    with pytest.raises(ValueError, match="县级单位"):
        hubei_counties(1000)


def test_each_county_is_a_whole_synthetic_county_of_its_own_code(province: Path) -> None:
    for county in hubei_counties(3):
        folder = county_dir(province, county)
        villages = {r["village_code"] for r in read_csv(folder / "truth" / "summary_village.csv")}
        assert villages and all(v.startswith(county.code) for v in villages)
        police = (folder / "sources" / "police_公安户籍.csv").read_bytes().decode("gb18030")
        assert county.prefix in police
        assert (folder / "README.txt").read_text(encoding="utf-8").startswith(f"{county.name}（{county.code}）")


def _truth(province: Path) -> list[dict[str, str]]:
    return read_csv(province / "truth" / "findings.csv")


def test_truth_names_every_cross_county_case(province: Path) -> None:
    guests = read_csv(province / "truth" / "guests.csv")
    kinds = {g["case"] for g in guests}
    assert kinds == {"lives_elsewhere", "duplicate", "away", "died_elsewhere"}
    codes = [r["code"] for r in _truth(province)]
    lives = sum(g["case"] == "lives_elsewhere" for g in guests)
    assert codes.count("province.lives_elsewhere") == codes.count("province.registered_elsewhere") == lives >= 4
    assert codes.count("province.duplicate_person") == 2 * sum(g["case"] == "duplicate" for g in guests)
    assert codes.count("province.deceased_listed") >= sum(g["case"] == "died_elsewhere" for g in guests)
    away = {g["id_number"] for g in guests if g["case"] == "away"}
    assert not away & {r["id_number"] for r in _truth(province)}  # 外出 at home, 在住 elsewhere: no finding


def test_a_person_living_elsewhere_is_on_one_police_register_and_in_another_canvass(province: Path) -> None:
    counties = {c.code: c for c in hubei_counties(3)}
    truth = _truth(province)
    for row in (r for r in truth if r["code"] == "province.lives_elsewhere"):
        home = county_dir(province, counties[row["county"]])
        with (home / "sources" / row["source_file"]).open(encoding="gb18030", newline="") as handle:
            police = list(csv.reader(handle))
        assert police[int(row["source_row"]) - 1][2] == row["id_number"]  # row numbers count the header as 1
        home_truth = read_csv(home / "truth" / "findings.csv")
        assert any(f["code"] == "police.unlisted_registered" and f["id_number"] == row["id_number"] for f in home_truth)
        there = next(r for r in truth if r["code"] == "province.registered_elsewhere" and r["id_number"] == row["id_number"])
        assert there["county"] == row["other_county"] != row["county"]
        listed = _canvass_row(county_dir(province, counties[there["county"]]), there["canvass_key"])
        assert listed["registration_place"] in ("4", "其他县(市、区、旗)") and listed["status"] in ("1", "在住")


def _canvass_row(folder: Path, key: str) -> dict[str, object]:
    for path in (folder / "canvass").rglob("*.xlsx"):
        for _, rows in read_sheets(path).values():
            for row in rows:
                if row.get("person_key") == key:
                    return row
    raise AssertionError(f"{key} not in {folder}")


def test_the_provincial_death_register_holds_deaths_elsewhere_and_each_countys_own(province: Path) -> None:
    with (province / DEATHS_FILE).open(encoding="utf-8-sig", newline="") as handle:
        register = list(csv.DictReader(handle))
    numbers = {r["身份证号"] for r in register}
    died = [g for g in read_csv(province / "truth" / "guests.csv") if g["case"] == "died_elsewhere"]
    assert sum(g["id_number"] in numbers for g in died) >= len(died) - 1  # one may be mistyped on the register
    own = 0
    for county in hubei_counties(3):
        deaths = read_sheets(county_dir(province, county) / "sources" / "civil_死亡登记.xlsx")
        own += sum(len(rows) for _, rows in deaths.values())
    assert len(register) >= 2 * (own + len(died)) - 2  # plus as many deaths of people no county lists


def test_same_seed_same_province(tmp_path: Path) -> None:
    generate_province(tmp_path / "a", counties=2, persons=2_000, seed=9, processes=1)
    generate_province(tmp_path / "b", counties=2, persons=2_000, seed=9)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files and files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert [f for f in files if (tmp_path / "a" / f).read_bytes() != (tmp_path / "b" / f).read_bytes()] == []
