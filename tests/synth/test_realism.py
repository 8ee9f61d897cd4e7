from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from renpu.core import codes, idnumber
from renpu.core.geography import parse_group
from renpu.core.residence import (
    PersonFacts,
    is_away,
    is_listed,
    is_registered_here,
    is_resident,
    is_separated,
)
from renpu.core.tables import SUMMARY_COUNTS

from .conftest import canvass, read_csv, read_sheets

REF = dt.date(2020, 11, 1)


def _persons(out: Path) -> list[tuple[str, dict[str, object]]]:
    rows = []
    for file, sheets in canvass(out).items():
        for table in ("家庭户个人信息表", "集体户个人信息表"):
            rows.extend((file, r) for r in sheets[table][1])
    return rows


def test_age_and_sex_shares(county: Path) -> None:
    truth = [r for r in read_csv(county / "truth/persons.csv") if r["person_keys"]]
    ages = Counter()
    for row in truth:
        born = dt.date.fromisoformat(row["birth_date"])
        age = REF.year - born.year - ((REF.month, REF.day) < (born.month, born.day))
        ages["0-14" if age < 15 else "15-59" if age < 60 else "60+"] += 1
    total = sum(ages.values())
    assert abs(ages["0-14"] / total - 0.2177) < 0.03
    assert abs(ages["15-59"] / total - 0.5917) < 0.03
    assert abs(ages["60+"] / total - 0.1907) < 0.03
    males = sum(r["sex"] == "1" for r in truth) / len(truth)
    assert abs(males - 0.5138) < 0.015


def test_ids_are_text_and_valid_or_known_mistyped(county: Path) -> None:
    findings = read_csv(county / "truth/findings.csv")
    mistyped = {(f["canvass_key"], f["id_number"]) for f in findings if f["code"] == "canvass.invalid_id"}
    seen = Counter()
    for _, row in _persons(county):
        number = row["id_number"]
        assert isinstance(number, str)
        if number:
            seen[number] += 1
            if not idnumber.check(number, REF).valid:
                assert (row["person_key"], number) in mistyped
    assert len(mistyped) > 50


def test_codes_and_dates_parse(county: Path) -> None:
    lists = {"sex": codes.SEX, "ethnicity": codes.ETHNICITY, "relationship": codes.RELATIONSHIP,
             "registration_place": codes.REGISTRATION_PLACE, "education": codes.EDUCATION,
             "status": codes.PERSON_STATUS, "time_away": codes.TIME_AWAY, "reason_away": codes.REASON_AWAY}
    for _, row in _persons(county):
        for field, code_list in lists.items():
            value = row[field]
            if value not in ("", None):
                assert code_list.parse(value) is not None, (field, value)
        assert _date(row["birth_date"]) is not None, row["birth_date"]


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = str(value)
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    return None


def test_household_structure(county: Path) -> None:
    for _, sheets in canvass(county).items():
        members: dict[str, list[dict[str, object]]] = {}
        for row in sheets["家庭户个人信息表"][1]:
            members.setdefault(str(row["household_key"]), []).append(row)
        for key, rows in members.items():
            rels = [codes.RELATIONSHIP.parse(r["relationship"]) for r in rows]
            assert rels.count("0") == 1 and rels[0] == "0", key
            head_sex = codes.SEX.parse(rows[0]["sex"])
            for row, rel in zip(rows, rels, strict=True):
                if rel == "1":
                    assert codes.SEX.parse(row["sex"]) != head_sex, key


def test_summary_matches_core_rules_and_groups(county: Path) -> None:
    villages = {r["village_code"]: r for r in read_csv(county / "truth/summary_village.csv")}
    groups = read_csv(county / "truth/summary_group.csv")
    fields = [c.field for c in SUMMARY_COUNTS]
    for field in fields:
        for code, row in villages.items():
            assert int(row[field]) == sum(int(g[field]) for g in groups if g["village_code"] == code), field
    recount: dict[str, Counter] = {}
    group_keys = set()
    for _file, row in _persons(county):
        facts = PersonFacts(codes.PERSON_STATUS.parse(row["status"]), codes.REGISTRATION_PLACE.parse(row["registration_place"]),
                            codes.TIME_AWAY.parse(row["time_away"]))
        counts = recount.setdefault(str(row["village_code"]), Counter())
        group_keys.add((str(row["village_code"]), parse_group(row["group"])))
        counts["persons"] += is_listed(facts)
        counts["registered"] += is_registered_here(facts)
        counts["resident"] += is_resident(facts)
        counts["separated"] += is_separated(facts)
        counts["away"] += is_away(facts)
    for code, counts in recount.items():
        for field in ("persons", "registered", "resident", "separated", "away"):
            assert int(villages[code][field]) == counts[field], (code, field)
    assert group_keys <= {(g["village_code"], g["group"]) for g in groups}


def test_findings_point_at_their_rows(county: Path) -> None:
    findings = read_csv(county / "truth/findings.csv")
    police = read_csv(county / "sources/police_公安户籍.csv", "gb18030")
    pension = read_sheets(county / "sources/pension_养老保险.xlsx")["参保人员"][1]
    for f in findings:
        if f["source_file"].endswith("police_公安户籍.csv") and f["source_row"]:
            assert police[int(f["source_row"]) - 2]["公民身份号码"] == f["id_number"], f
        if f["code"] == "pension.contact_lead":
            assert pension[int(f["source_row"]) - 2]["id_number"] == f["id_number"], f
    codes_found = {f["code"] for f in findings}
    expected = {"police.unlisted_registered", "police.wrong_registration", "police.absent_household",
                "police.attribute_mismatch", "police.id_correction", "pension.contact_lead", "medical.contact_lead",
                "grid.vacant_but_occupied", "grid.unlisted_resident", "grid.unlisted_dwelling",
                "education.boarder_unlisted", "education.double_listed", "health.unlisted_birth",
                "health.unregistered_child", "civil.deceased_listed", "canvass.duplicate_person",
                "canvass.invalid_id", "canvass.inconsistent", "mapping.unmapped_dwelling", "mapping.unlisted_building"}
    assert expected <= codes_found


def test_truth_ids_unique(county: Path) -> None:
    ids = [r["id_number"] for r in read_csv(county / "truth/persons.csv") if r["id_number"]]
    assert len(ids) == len(set(ids))
    assert all(idnumber.check(i, REF).valid for i in ids)
