"""Entering and updating households and persons (录平台, 核变动), with history."""

from __future__ import annotations

import datetime as dt

from renpu.web.canvass.models import Change, Household, Person, PersonAway

from ..conftest import A, B, make_id

PERSON = {
    "name": "张小红", "sex": "2", "birth_date": "1990-04-02", "relationship": "2", "registration_place": "1",
    "time_away": "1", "status": "1", "ethnicity": "01",
}


def test_it_adds_a_household_in_ones_own_village(as_user, records):
    client = as_user("li")
    response = client.post("/households/new/", {"village": A, "group": "3", "kind": "1", "head_name": "张新民", "address": "张家湾3组"})
    household = Household.objects.get(head_name="张新民")
    assert response["Location"] == f"/households/{household.pk}/"
    assert household.household_key.startswith(f"{A}-W") and household.village_id == A
    assert Change.objects.filter(record_key=household.household_key, action=Change.CREATE).exists()


def test_it_refuses_a_household_in_another_village(as_user, records):
    response = as_user("li").post("/households/new/", {"village": B, "group": "1", "kind": "1"})
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    assert not Household.objects.filter(village_id=B).exclude(household_key="HB1").exists()


def test_a_mistyped_id_number_is_refused_then_accepted_when_corrected(as_user, records):
    client = as_user("li")
    url = f"/households/{records['households'][A].pk}/persons/new/"
    good = make_id(dt.date(1990, 4, 2), 124)
    typo = good[:10] + str((int(good[10]) + 1) % 10) + good[11:]
    refused = client.post(url, {**PERSON, "id_number": typo})
    assert refused.status_code == 200
    assert "身份证号校验位不对" in refused.content.decode()
    assert not Person.objects.filter(name="张小红").exists()
    accepted = client.post(url, {**PERSON, "id_number": good})
    assert accepted.status_code == 302
    person = Person.objects.get(name="张小红")
    assert person.id_number == good and person.household_key == "HA1" and person.person_key == "HA1-04"


def test_inconsistent_age_is_refused_with_a_message(as_user, records):
    url = f"/households/{records['households'][A].pk}/persons/new/"
    response = as_user("li").post(url, {**PERSON, "birth_date": "1940-01-01"})
    assert "比户主（张大山）年长" in response.content.decode()


def test_an_edit_writes_one_change_per_field_and_the_page_shows_it(as_user, records):
    client = as_user("li")
    son = records["persons"]["son"]
    data = {**PERSON, "name": son.name, "sex": "1", "birth_date": "1988-03-12", "id_number": son.id_number,
            "phone": "13800001111", "education": "6"}
    assert client.post(f"/persons/{son.pk}/edit/", data).status_code == 302
    changes = Change.objects.filter(record_key="HA1-03", action=Change.UPDATE)
    assert {c.field for c in changes} >= {"phone", "education", "ethnicity"}
    phone = changes.get(field="phone")
    assert (phone.old_value, phone.new_value, phone.changed_by_name, phone.village_id) == ("", "13800001111", "li", A)
    page = client.get(f"/households/{records['households'][A].pk}/").content.decode()
    assert "13800001111" in page and "联系电话" in page


def test_a_death_sets_status_and_date(as_user, records):
    head = records["persons"]["head"]
    as_user("li").post(f"/persons/{head.pk}/death/", {"died_on": "2025-01-15", "note": "死亡证明 123"})
    head.refresh_from_db()
    assert (head.status, head.status_date) == ("3", dt.date(2025, 1, 15))
    assert Change.objects.filter(record_key="HA1-01", field="status", new_value="3").exists()


def test_moving_away_adds_a_person_away_row_and_returning_closes_it(as_user, records):
    client = as_user("li")
    son = records["persons"]["son"]
    client.post(f"/persons/{son.pk}/away/", {"away_place": "5", "away_address": "广东省东莞市", "away_since": "2024-03-01", "reason": "1"})
    son.refresh_from_db()
    away = PersonAway.objects.get(person_key="HA1-03")
    assert son.status == "2" and (away.away_address, away.village_id, away.household_key) == ("广东省东莞市", A, "HA1")
    client.post(f"/persons/{son.pk}/return/", {"returned_on": "2025-02-01"})
    son.refresh_from_db()
    away.refresh_from_db()
    assert son.status == "1" and "已返回" in away.remarks
    assert Change.objects.filter(record_key=away.away_key, field="remarks").exists()


def test_a_birth_is_added_as_a_child(as_user, records):
    client = as_user("li")
    url = f"/households/{records['households'][A].pk}/persons/new/?kind=birth"
    assert "登记出生" in client.get(url).content.decode()
    client.post(url, {"name": "张宝宝", "sex": "1", "birth_date": "2025-03-01", "relationship": "7",
                      "registration_place": "5", "time_away": "1", "status": "1", "unregistered": "1"})
    baby = Person.objects.get(name="张宝宝")
    assert baby.relationship == "7" and baby.birth_date == dt.date(2025, 3, 1)
    assert Change.objects.get(record_key=baby.person_key).new_value == "出生"


def test_household_history_is_on_its_page(as_user, records):
    client = as_user("li")
    household = records["households"][A]
    client.post(f"/households/{household.pk}/edit/", {"group": "1", "kind": "1", "head_name": "张大山", "address": "张家湾1组8号"})
    page = client.get(f"/households/{household.pk}/").content.decode()
    assert "张家湾1组8号" in page and "现住地址" in page and "修改记录" in page
