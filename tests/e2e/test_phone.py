"""A canvasser's phone (390×844) and the office's desktop (1366×768): every page a
canvasser uses fits the screen's width, its buttons are big enough for a finger,
the menu folds behind one button, and printing leaves out the menu and buttons."""

from __future__ import annotations

import pytest

from renpu.web.canvass.models import Household, Person
from tests.web.conftest import (  # noqa: F401
    PASSWORD,
    A,
    county,
    other_records,
    personas,
    records,
)

from .conftest import ARGS, needs_browser, shot  # noqa: F401

pytestmark = [needs_browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
# Every control a finger presses, with its height (visible ones only).
SMALL_TARGETS = """() => [...document.querySelectorAll(
    'main button, main .button, main select, main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), '
    + 'main td a, .pagination a, label.menu-button')]
  .filter(e => e.offsetParent !== null)
  .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect().height])
  .filter(([_, h]) => h < 44)"""


def _context(browser, viewport, mobile: bool):
    options = {"locale": "zh-CN", "viewport": viewport}
    if mobile:
        options.update(is_mobile=True, has_touch=True, device_scale_factor=2)
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def phone(browser):
    context = _context(browser, PHONE, mobile=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = _context(browser, DESKTOP, mobile=False)
    yield context.new_page()
    context.close()


def _sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url("**/agreement/")
    page.check("#accept")
    page.click("text=签署并进入")
    page.wait_for_url(f"{base}/")


def _a_fuller_village() -> None:
    """Enough rows for paging links and long cells: 60 households, a long address."""
    for n in range(2, 62):
        Household.objects.create(household_key=f"HA{n}", village_id=A, group=str(n % 5 + 1), kind="1",
                                 head_name=f"欧阳{'一二三四五六七八九十'[n % 10]}",
                                 address=f"湖北省黄冈市蕲春县漕河镇张家湾村{n % 5 + 1}组{n}号附{n}室", phone="13907131234")


def canvassers_pages(records, other_records) -> list[tuple[str, str]]:  # noqa: F811
    household = records["households"][A].pk
    head = records["persons"]["head"].pk
    son = records["persons"]["son"].pk
    task = records["tasks"][A].pk
    return [
        ("home", "/"),
        ("village", f"/villages/{A}/"),
        ("household-list", "/households/"),
        ("household", f"/households/{household}/"),
        ("household-new", "/households/new/"),
        ("household-edit", f"/households/{household}/edit/"),
        ("person-new", f"/households/{household}/persons/new/"),
        ("person-edit", f"/persons/{head}/edit/"),
        ("person-away", f"/persons/{son}/away/"),
        ("person-death", f"/persons/{son}/death/"),
        ("checks", "/checks/"),
        ("tasks", "/tasks/"),
        ("task", f"/tasks/{task}/"),
        ("records-away", "/records/away/"),
        ("record", f"/records/absent/{other_records['absent'][A].pk}/"),
        ("search", "/search/"),
        ("password", "/password/"),
    ]


def _search(page, base: str) -> None:
    page.goto(f"{base}/search/")
    page.fill("#id_q", "张")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=导出 Excel")


def test_every_canvassers_page_fits_a_phone(phone, live_server, personas, records, other_records):  # noqa: F811
    _a_fuller_village()
    base = live_server.url
    _sign_in(phone, base, "li")
    for name, url in canvassers_pages(records, other_records):
        phone.goto(base + url)
        assert phone.evaluate(OVERFLOW) <= 0, f"{name} ({url}) scrolls sideways"
        assert phone.evaluate(SMALL_TARGETS) == [], f"{name} ({url}) has targets under 44 px"
        shot(phone, f"phone-{name}")
    _search(phone, base)
    assert phone.evaluate(OVERFLOW) <= 0
    assert phone.evaluate(SMALL_TARGETS) == []
    shot(phone, "phone-search-results")


def test_the_phones_lists_are_cards(phone, live_server, personas, records):  # noqa: F811
    base = live_server.url
    _sign_in(phone, base, "li")
    phone.goto(f"{base}/households/{records['households'][A].pk}/")
    # no header row on screen: each cell says what it is
    head = phone.locator("table.stack thead").first.bounding_box()
    assert head is None or head["height"] <= 1
    cell = phone.locator("td[data-label=公民身份号码]").first
    label = phone.evaluate("e => getComputedStyle(e, '::before').content", cell.element_handle())
    assert label == '"公民身份号码"'
    # one card per member, as wide as the screen
    cards = phone.locator("table.stack").first.locator("tbody tr")
    assert cards.count() == Person.objects.filter(household_key="HA1").count()
    assert cards.first.bounding_box()["width"] > 300
    assert phone.locator("td.inline-forms a", has_text="修改").first.bounding_box()["height"] >= 44


def test_the_menu_folds_behind_one_button(phone, live_server, personas):  # noqa: F811
    base = live_server.url
    _sign_in(phone, base, "li")
    households = phone.locator("header nav a", has_text="户表")
    assert not households.is_visible()
    assert phone.locator("header.top").bounding_box()["height"] < 100
    phone.click("label.menu-button")
    assert households.is_visible()
    shot(phone, "phone-menu-open")
    households.click()
    phone.wait_for_url("**/households/")
    assert not phone.locator("header nav a", has_text="户表").is_visible()  # folded again on the next page


def test_nothing_broke_on_the_desktop(desktop, live_server, personas, records, other_records):  # noqa: F811
    _a_fuller_village()
    base = live_server.url
    _sign_in(desktop, base, "li")
    assert desktop.locator("header nav a", has_text="户表").is_visible()
    assert not desktop.locator("label.menu-button").is_visible()
    assert desktop.locator("header.top").bounding_box()["height"] < 60  # one line
    for name, url in canvassers_pages(records, other_records):
        desktop.goto(base + url)
        assert desktop.evaluate(OVERFLOW) <= 0, f"{name} ({url}) scrolls sideways at 1366"
    desktop.goto(f"{base}/households/")
    assert desktop.locator("table.stack thead th").first.bounding_box()["height"] > 10  # a header row
    first_row = desktop.locator("table.stack tbody tr").first.bounding_box()
    assert first_row["height"] < 40  # a table row, not a card
    shot(desktop, "desktop-household-list")


def test_printing_leaves_out_the_menu_and_buttons(desktop, live_server, personas, records):  # noqa: F811
    base = live_server.url
    _sign_in(desktop, base, "li")
    for url, kept in [(f"/households/{records['households'][A].pk}/", "张大山"), ("/tasks/", "张大山"),
                      ("/checks/", "张家湾村")]:
        desktop.goto(base + url)
        desktop.emulate_media(media="print")
        assert not desktop.locator("header.top").is_visible()
        assert not desktop.locator(".toolbar").first.is_visible()
        assert desktop.locator("main button:visible, main .button:visible, main form:visible").count() == 0
        assert desktop.locator("table.data", has_text=kept).first.is_visible()
        desktop.emulate_media(media="screen")
    desktop.goto(f"{base}/households/{records['households'][A].pk}/")
    desktop.emulate_media(media="print")
    assert desktop.locator("th.noprint", has_text="操作").count() == 1
    assert not desktop.locator("th.noprint", has_text="操作").is_visible()
    shot(desktop, "print-household")


def test_the_county_office_pages_fit_a_phone_too(phone, live_server, personas, records):  # noqa: F811
    base = live_server.url
    _sign_in(phone, base, "zhao")
    for name, url in [("county-home", "/"), ("county-township", "/townships/421126100/"), ("county-imports", "/imports/"),
                      ("county-export-log", "/exports/log/")]:
        phone.goto(base + url)
        assert phone.evaluate(OVERFLOW) <= 0, f"{name} ({url}) scrolls sideways"
        shot(phone, f"phone-{name}")
