"""Checks of one person against its household (no database)."""

from __future__ import annotations

import datetime as dt

from renpu.core.checks import Member, check_person
from tests.ids import make_id

HEAD = Member("张大山", "0", "1", dt.date(1960, 5, 1))
TODAY = dt.date(2025, 6, 1)


def person(**fields):
    data = {"name": "张三", "relationship": "2", "sex": "1", "birth_date": dt.date(1990, 1, 1),
            "registration_place": "1", "time_away": "1", "status": "1", "id_number": ""}
    data.update(fields)
    return data


def test_a_mistyped_id_number_is_an_error_that_says_what_to_fix():
    good = make_id(dt.date(1990, 1, 1), 111)
    typo = good[:-1] + ("0" if good[-1] != "0" else "1")
    verdict = check_person(person(id_number=typo), [HEAD], TODAY)
    assert "校验位不对" in verdict.errors["id_number"][0] and "逐位核对" in verdict.errors["id_number"][0]


def test_a_valid_id_number_is_normalised_and_fills_birth_date_and_sex():
    number = make_id(dt.date(1990, 1, 1), 112)
    data = person(id_number=" " + number.lower() + " ", birth_date=None, sex="")
    verdict = check_person(data, [HEAD], TODAY)
    assert verdict.ok and verdict.id_number == number
    assert data["birth_date"] == dt.date(1990, 1, 1) and data["sex"] == "2"


def test_birth_date_and_sex_must_agree_with_the_id_number():
    number = make_id(dt.date(1990, 1, 1), 111)
    verdict = check_person(person(id_number=number, birth_date=dt.date(1990, 2, 1), sex="2"), [HEAD], TODAY)
    assert "1990-01-01" in verdict.errors["birth_date"][0]
    assert "男" in verdict.errors["sex"][0]


def test_a_child_older_than_the_head_is_an_error():
    verdict = check_person(person(birth_date=dt.date(1950, 1, 1)), [HEAD], TODAY)
    assert "比户主（张大山）年长" in verdict.errors["birth_date"][0]


def test_a_parent_younger_than_the_head_is_an_error():
    verdict = check_person(person(relationship="3", birth_date=dt.date(1970, 1, 1)), [HEAD], TODAY)
    assert "年轻" in verdict.errors["birth_date"][0]


def test_a_spouse_under_16_is_an_error_and_same_sex_a_warning():
    young = check_person(person(relationship="1", sex="2", birth_date=dt.date(2015, 1, 1)), [HEAD], TODAY)
    assert "不满16周岁" in young.errors["relationship"][0]
    same_sex = check_person(person(relationship="1", sex="1", birth_date=dt.date(1962, 1, 1)), [HEAD], TODAY)
    assert same_sex.ok and any("性别相同" in w for w in same_sex.warnings)


def test_a_second_head_is_an_error():
    verdict = check_person(person(relationship="0"), [HEAD], TODAY)
    assert "一户只能有一位户主" in verdict.errors["relationship"][0]


def test_a_dead_members_head_role_does_not_count():
    dead_head = Member("张老汉", "0", "1", dt.date(1930, 1, 1), status="3")
    assert check_person(person(relationship="0"), [dead_head], TODAY).ok


def test_registration_place_and_time_away_must_agree():
    here_but_away = check_person(person(registration_place="1", time_away="4", reason_away="1"), [HEAD], TODAY)
    assert "没有离开" in here_but_away.errors["time_away"][0]
    elsewhere = check_person(person(registration_place="4", time_away="1"), [HEAD], TODAY)
    assert "不能为“没有离开”" in elsewhere.errors["time_away"][0]


def test_death_needs_a_date_and_dates_cannot_be_in_the_future():
    assert "变动日期" in check_person(person(status="3"), [HEAD], TODAY).errors["status_date"][0]
    future = check_person(person(birth_date=dt.date(2030, 1, 1)), [], TODAY)
    assert "晚于今天" in future.errors["birth_date"][0]


def test_an_empty_id_number_is_only_a_warning():
    verdict = check_person(person(id_number=""), [HEAD], TODAY)
    assert verdict.ok and "未填公民身份号码" in verdict.warnings[0]


# --- one rule for the form and the comparison --------------------------------------------
# Each case: a person beside the head 张大山 (born 1960-05-01, man), and whether the census
# rules say the record is wrong.  The form must refuse exactly these, and the canvass
# comparison must report exactly these as canvass.inconsistent.

def _case(relationship="2", born=dt.date(1990, 1, 1), sex="1", **fields):
    return {"relationship": relationship, "birth_date": born, "sex": sex, "status": "1", "status_date": None,
            "registration_place": "1", "time_away": "1", "reason_away": None, "unregistered": None,
            "id_number": None, **fields}


CASES = {
    "a son younger than the head": (_case(), False),
    "a son older than the head": (_case(born=dt.date(1950, 1, 1)), True),
    "a grandchild older than the head": (_case("7", dt.date(1955, 1, 1)), True),
    "a father younger than the head": (_case("3", dt.date(1970, 1, 1)), True),
    "a parent-in-law younger than the head": (_case("4", dt.date(1970, 1, 1), "2"), True),
    "a parent-in-law ten years older (only asked about)": (_case("4", dt.date(1950, 1, 1), "2"), False),
    "a grandmother younger than the head": (_case("5", dt.date(1965, 1, 1), "2"), True),
    "a wife 15 at the standard time point, 21 today": (_case("1", dt.date(2005, 6, 1), "2"), True),
    "a wife 17 at the standard time point": (_case("1", dt.date(2003, 6, 1), "2"), False),
    "a second head": (_case("0", dt.date(1962, 1, 1)), True),
    "a birth date the ID number contradicts": (_case(id_number=make_id(dt.date(1990, 1, 2), 111)), True),
    "a sex the ID number contradicts": (_case(id_number=make_id(dt.date(1990, 1, 1), 112)), True),
    "an ID number that agrees": (_case(id_number=make_id(dt.date(1990, 1, 1), 111)), False),
    "registered here, living here, but away": (_case(time_away="4", reason_away="1"), True),
    "registered in another county, never away": (_case(registration_place="4"), True),
    "dead with no date of death": (_case(status="3"), True),
    "born after today": (_case(born=dt.date.today() + dt.timedelta(days=30)), True),
    "a dead son older than the head (his relationship is history)": (
        _case(born=dt.date(1950, 1, 1), status="3", status_date=dt.date(2019, 5, 1)), False),
}
HEAD_BORN = dt.date(1960, 5, 1)


def _refused_by_the_form(person: dict) -> bool:
    return not check_person(dict(person), [Member("张大山", "0", "1", HEAD_BORN)]).ok


def _found_by_the_comparison(person: dict) -> bool:
    import pyarrow as pa

    from renpu.core.comparisons import Context, canvass

    head = _case("0", HEAD_BORN) | {"rid": "H1-01", "name": "张大山"}
    rows = [head, person | {"rid": "H1-02", "name": "张三"}]
    table = pa.Table.from_pylist([r | {"household_key": "H1", "village_code": "421126100201", "id_problem": ""}
                                  for r in rows])
    return "H1-02" in {f.canvass_key for f in canvass.inconsistencies(Context(table))}


def test_the_form_and_the_comparison_apply_the_same_household_rules():
    verdicts = {name: (_refused_by_the_form(person), _found_by_the_comparison(person), wrong)
                for name, (person, wrong) in CASES.items()}
    assert {name: v for name, v in verdicts.items() if not v[0] == v[1] == v[2]} == {}


def test_a_dead_head_is_no_head_for_either():
    dead_head = _case("0", dt.date(1930, 1, 1), status="3", status_date=dt.date(2019, 1, 1))
    assert check_person(_case("0"), [Member("张老汉", "0", "1", dt.date(1930, 1, 1), "3")]).ok
    import pyarrow as pa

    from renpu.core.comparisons import Context, canvass

    rows = [dead_head | {"rid": "H1-01", "name": "张老汉"}, _case("0") | {"rid": "H1-02", "name": "张三"}]
    table = pa.Table.from_pylist([r | {"household_key": "H1", "village_code": "421126100201", "id_problem": ""}
                                  for r in rows])
    assert canvass.inconsistencies(Context(table)) == []  # the comparison lists only the living and the away
