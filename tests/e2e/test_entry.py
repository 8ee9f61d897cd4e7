"""Entry at the speed of a visit: sex and birth date fill from a valid ID as it is typed,
Tab follows the paper form, 保存并添加下一人 opens the next member's form."""

from __future__ import annotations

import datetime as dt

import pytest

from renpu.web.canvass.models import Person
from tests.web.conftest import A, county, make_id, personas, records  # noqa: F401

from .conftest import needs_browser, shot
from .test_phone import _sign_in, phone  # noqa: F401

pytestmark = [needs_browser, pytest.mark.django_db(transaction=True)]


def test_a_household_entered_person_after_person(phone, live_server, personas, records):  # noqa: F811
    base = live_server.url
    household = records["households"][A]
    _sign_in(phone, base, "li")
    phone.goto(f"{base}/households/{household.pk}/persons/new/")
    # Tab from the name goes where the paper form goes: D2 relationship, D3 ID number, D4 sex, D5 birth date
    phone.focus("#id_name")
    order = []
    for _ in range(4):
        phone.keyboard.press("Tab")
        order.append(phone.evaluate("document.activeElement.id"))
    assert order == ["id_relationship", "id_id_number", "id_sex", "id_birth_date"]

    daughter = make_id(dt.date(1990, 6, 15), 182)  # sequence 182: even 17th digit, a woman
    phone.fill("#id_name", "张小红")
    phone.select_option("#id_relationship", "2")
    phone.locator("#id_id_number").press_sequentially(daughter)
    assert phone.input_value("#id_sex") == "2" and phone.input_value("#id_birth_date") == "1990-06-15"
    shot(phone, "phone-entry-filled")
    phone.click("button[name=next]")
    phone.wait_for_selector("text=已添加 张小红")
    assert phone.url.endswith(f"/households/{household.pk}/persons/new/")  # straight to the next member
    assert phone.input_value("#id_name") == ""

    grandson = make_id(dt.date(2012, 1, 9), 171)
    phone.fill("#id_name", "张小龙")
    phone.select_option("#id_relationship", "7")  # 孙子女
    phone.fill("#id_id_number", grandson)
    assert phone.input_value("#id_sex") == "1" and phone.input_value("#id_birth_date") == "2012-01-09"
    # a sex chosen by hand, differently, is not overwritten by a later keystroke
    phone.select_option("#id_sex", "2")
    phone.locator("#id_id_number").press("End")
    phone.locator("#id_id_number").press_sequentially(" ")
    assert phone.input_value("#id_sex") == "2"
    phone.select_option("#id_sex", "1")
    phone.click("main button.primary")
    phone.wait_for_load_state()
    assert phone.locator(".errorlist").count() == 0, phone.locator(".errorlist").all_inner_texts()
    phone.wait_for_selector("text=已添加 张小龙")
    saved = {p.name: (p.sex, p.birth_date) for p in Person.objects.filter(household_key=household.household_key)}
    assert saved["张小红"] == ("2", dt.date(1990, 6, 15)) and saved["张小龙"] == ("1", dt.date(2012, 1, 9))


def test_an_invalid_number_fills_nothing(phone, live_server, personas, records):  # noqa: F811
    base = live_server.url
    _sign_in(phone, base, "li")
    phone.goto(f"{base}/households/{records['households'][A].pk}/persons/new/")
    good = make_id(dt.date(1990, 6, 15), 182)
    phone.fill("#id_id_number", good[:-1] + ("0" if good[-1] != "0" else "1"))
    assert phone.input_value("#id_sex") == "" and phone.input_value("#id_birth_date") == ""
