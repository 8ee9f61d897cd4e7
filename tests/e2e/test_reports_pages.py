"""Reports from a village page in a real browser, on the phone and the desktop."""

from __future__ import annotations

import pytest
from python_calamine import CalamineWorkbook

from renpu.web.accounts.models import ExportLog
from tests.web.conftest import A, county, personas, records  # noqa: F401

from .conftest import needs_browser, shot
from .test_phone import OVERFLOW, SMALL_TARGETS, _sign_in, desktop, phone  # noqa: F401

pytestmark = [needs_browser, pytest.mark.django_db(transaction=True)]


def test_a_canvasser_downloads_the_register_from_the_village_page(phone, desktop, live_server, personas, records):  # noqa: F811
    base = live_server.url
    _sign_in(phone, base, "li")
    phone.goto(f"{base}/villages/{A}/")
    phone.click("text=报表（底册")
    phone.wait_for_selector("h1:has-text('报表')")
    assert phone.evaluate(OVERFLOW) <= 0 and phone.evaluate(SMALL_TARGETS) == []
    shot(phone, "phone-reports")
    with phone.expect_download() as download:
        phone.click("#register button[value=xlsx]")
    path = download.value.path()
    book = CalamineWorkbook.from_path(str(path))
    cells = [str(c) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python() for c in row]
    assert "张大山" in cells
    assert ExportLog.objects.get().user_name == "li"
    phone.click("text=指标解释")
    phone.wait_for_selector("h1:has-text('指标解释')")
    assert phone.evaluate(OVERFLOW) <= 0
    shot(phone, "phone-indicators")

    _sign_in(desktop, base, "zhao")
    desktop.click("header nav >> text=报表")
    assert desktop.evaluate(OVERFLOW) <= 0
    assert desktop.locator("header.top").bounding_box()["height"] < 60  # the county's menu still one line
    shot(desktop, "desktop-reports-county")
