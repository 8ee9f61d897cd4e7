"""账号管理 in a real browser: the county office makes a canvasser, who then signs in
and sees only the village given; then the county disables the account."""

from __future__ import annotations

import pytest

from tests.web.conftest import B, county, personas, records  # noqa: F401

from .conftest import needs_browser, shot
from .test_phone import OVERFLOW, _sign_in, desktop, phone  # noqa: F401

pytestmark = [needs_browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Lx7#qWm2pZ9k"


def test_the_county_makes_a_canvasser_in_the_browser(desktop, phone, live_server, personas, records):  # noqa: F811
    base = live_server.url
    _sign_in(desktop, base, "zhao")
    desktop.click("header nav >> text=账号管理")
    desktop.wait_for_selector("h1:has-text('账号管理')")
    desktop.click("text=新建账号")
    desktop.fill("#id_username", "chen")
    desktop.fill("#id_first_name", "陈小红")
    desktop.select_option("#id_role", "village")
    desktop.select_option("#id_villages", [B])
    desktop.fill("#id_password1", PASSWORD)
    desktop.fill("#id_password2", PASSWORD)
    shot(desktop, "accounts-new")
    desktop.click("main button.primary")
    desktop.wait_for_selector("text=已新建账号 chen")
    assert desktop.locator("table.stack", has_text="陈小红").first.is_visible()
    shot(desktop, "accounts-list")

    _sign_in(phone, base, "chen", PASSWORD)
    phone.goto(f"{base}/households/")
    assert "刘春生" in phone.content() and "张大山" not in phone.content()
    assert phone.evaluate(OVERFLOW) <= 0

    desktop.click("table.stack a:text-is('chen')")
    desktop.click("text=停用 chen")
    desktop.wait_for_selector("text=已停用账号 chen")
    phone.goto(f"{base}/households/")
    assert "/login/" in phone.url  # signed out at once
    desktop.goto(f"{base}/accounts/")
    assert desktop.locator("td", has_text="停用").count() >= 1
