"""A canvasser's day in a real browser: log in, agree, add a household and a person
(mistyped ID refused, then corrected), resolve a task, be refused another village."""

from __future__ import annotations

import datetime as dt

import pytest

from renpu.web.canvass.models import Person
from renpu.web.verification.models import Task
from tests.web.conftest import (  # noqa: F401
    PASSWORD,
    A,
    B,
    county,
    make_id,
    other_records,
    personas,
    records,
)

from .conftest import needs_browser, shot

pytestmark = [needs_browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url("**/agreement/")


def test_a_canvassers_day(page, live_server, personas, records):  # noqa: F811
    base = live_server.url
    log_in(page, base, "li")
    page.check("#accept")
    page.click("text=签署并进入")
    page.wait_for_selector("text=我的村(居)")
    shot(page, "1-dashboard-village")

    page.goto(f"{base}/households/new/")
    page.select_option("#id_village", A)
    page.fill("#id_group", "2")
    page.fill("#id_head_name", "黄文斌")
    page.fill("#id_address", "张家湾村2组15号")
    page.click("text=保存")
    page.wait_for_selector("text=请继续添加家庭成员")

    page.click("text=添加成员")
    good = make_id(dt.date(1975, 2, 3), 191)
    typo = good[:12] + good[13] + good[12] + good[14:] if good[12] != good[13] else good[:-1] + "0"
    page.fill("#id_name", "黄文斌")
    page.fill("#id_id_number", typo)
    # told as it is typed, before saving (ui/static/ui/idcheck.js) …
    assert "核对" in page.locator("#id_id_number + .idcheck").inner_text()
    shot(page, "2a-id-as-typed")
    page.select_option("#id_relationship", "0")
    page.select_option("#id_registration_place", "1")
    page.click("text=保存")
    error = page.locator(".field.invalid .errorlist").first.inner_text()
    assert "身份证号" in error
    shot(page, "2-person-form-error")
    page.fill("#id_id_number", good)
    page.fill("#id_birth_date", "1975-02-03")
    page.click("text=保存")
    page.wait_for_selector("text=已添加 黄文斌")
    assert Person.objects.get(name="黄文斌").id_number == good

    task = records["tasks"][A]
    page.goto(f"{base}/tasks/{task.pk}/")
    shot(page, "3-task")
    assert page.locator("input[name=outcome]:checked").count() == 0  # nothing preselected
    page.check("input[name=outcome][value=death]")
    page.fill("#id_died_on", "2025-01-15")
    page.fill("#id_note", "家属确认，已火化")
    page.click("#resolve button[type=submit]")
    page.wait_for_selector("text=请确认：提交后将做以下修改")
    assert "现状：在住 → 死亡" in page.locator("#preview").inner_text()
    assert Person.objects.get(person_key="HA1-01").status == "1"  # nothing changed before confirming
    shot(page, "3b-task-preview")
    page.click("text=确认修改并提交审核")
    page.wait_for_selector("text=已提交审核")
    task.refresh_from_db()
    assert task.state == Task.State.RESOLVED
    assert Person.objects.get(person_key="HA1-01").status == "3"

    page.goto(f"{base}/households/{records['households'][A].pk}/")
    assert page.locator("text=现状").count() >= 1
    shot(page, "4-household")

    response = page.goto(f"{base}/households/{records['households'][B].pk}/")
    assert response.status == 404


def test_the_county_pages_render(page, live_server, personas, records, other_records):  # noqa: F811
    from renpu.web.canvass.models import Household

    for n in range(2, 30):
        Household.objects.create(household_key=f"HA{n}", village_id=A, group=str(n % 5 + 1), kind="1",
                                 head_name=f"张{'一二三四五六七八九十'[n % 10]}", address=f"张家湾村{n % 5 + 1}组{n}号")
    base = live_server.url
    log_in(page, base, "zhao")
    page.check("#accept")
    page.click("text=签署并进入")
    page.wait_for_selector("text=分乡镇(街道)")
    shot(page, "5-dashboard-county")
    page.goto(f"{base}/households/")
    shot(page, "6-household-list")
    page.goto(f"{base}/tasks/")
    shot(page, "7-task-list")
    page.goto(f"{base}/checks/")
    shot(page, "8-checks")
    page.goto(f"{base}/villages/{A}/")
    shot(page, "9-village")
    page.goto(f"{base}/records/absent/")
    shot(page, "10-absent-list")
    page.click("text=GA1")
    page.fill("#id_id_number", "42112619800203211X")
    page.click("text=保存")
    page.wait_for_selector("text=逐位核对")
    shot(page, "11-absent-form-error")


def test_the_typing_check_agrees_with_the_server(page, live_server):
    """idcheck.js and core.idnumber on valid numbers, every one-digit error and adjacent swap."""
    from renpu.core import idnumber

    page.goto(f"{live_server.url}/login/")
    numbers = []
    for n, born in enumerate([dt.date(1931, 12, 31), dt.date(1975, 2, 3), dt.date(2008, 2, 29), dt.date(2019, 10, 7)]):
        good = make_id(born, 101 + 2 * n)
        numbers.append(good)
        numbers += [good[:i] + str((int(good[i]) + 3) % 10) + good[i + 1:] for i in range(17)]
        numbers += [good[:i] + good[i + 1] + good[i] + good[i + 2:] for i in range(16) if good[i] != good[i + 1]]
    typed_ok = page.evaluate("ns => ns.map(n => window.renpuIdProblem(n, true) === '')", numbers)
    server_ok = [idnumber.check(n).valid for n in numbers]
    assert typed_ok == server_ok
    assert sum(server_ok) == 4  # the four good numbers, no mutation slips through
    assert page.evaluate("window.renpuIdProblem('４２１１２６', false)") == ""  # still typing (full-width)
    assert "位数不够" in page.evaluate("window.renpuIdProblem('421126', true)")
