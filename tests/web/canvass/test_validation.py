"""Checks of one person against its household (no database)."""

from __future__ import annotations

import datetime as dt

from renpu.web.canvass.validation import Member, check_person

from ..conftest import make_id

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
