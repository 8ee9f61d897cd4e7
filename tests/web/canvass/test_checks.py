"""Monthly verification: unchecked households for the village, shares for the county."""

from __future__ import annotations

from renpu.web.canvass.models import HouseholdCheck
from renpu.web.canvass.people import current_month

from ..conftest import A, B, household


def test_the_village_sees_which_households_are_not_checked(as_user, records):
    household(A, "HA2", "张二牛")
    client = as_user("li")
    assert "HA1" in client.get("/checks/").content.decode()
    client.post(f"/households/{records['households'][A].pk}/check/", {"changes": "张小明外出务工"})
    check = HouseholdCheck.objects.get(household_key="HA1")
    assert (check.month, check.checked_by_name, check.changes, check.village_id) == (current_month(), "li", "张小明外出务工", A)
    page = client.get("/checks/").content.decode()
    assert ">HA1<" not in page and ">HA2<" in page and "50.0%" in page


def test_checking_twice_in_a_month_keeps_one_check(as_user, records):
    client = as_user("li")
    url = f"/households/{records['households'][A].pk}/check/"
    client.post(url, {"changes": ""})
    client.post(url, {"changes": "补充"})
    assert HouseholdCheck.objects.filter(household_key="HA1").count() == 1


def test_the_county_sees_the_share_checked_per_village(as_user, records):
    as_user("li").post(f"/households/{records['households'][A].pk}/check/", {})
    page = as_user("zhao").get("/checks/").content.decode()
    assert "张家湾村" in page and "100.0%" in page and "龙泉村" in page and "0.0%" in page
    unchecked_b = as_user("zhao").get(f"/checks/?village={B}").content.decode()
    assert ">HB1<" in unchecked_b and ">HA1<" not in unchecked_b


def test_the_county_sees_townships_least_checked_first(as_user, records):
    as_user("li").post(f"/households/{records['households'][A].pk}/check/", {})
    page = as_user("zhao").get("/checks/").content.decode()
    townships = page[page.index("各乡镇(街道)核查进度"):page.index("各村(居)核查进度")]
    # 赤东镇 0 of 1 checked comes before 漕河镇 1 of 2 (A checked, B not)
    assert townships.index("赤东镇") < townships.index("漕河镇") and "50.0%" in townships
    assert 'href="/townships/421126100/"' in townships
    assert "各乡镇(街道)核查进度" not in as_user("zhou").get("/checks/").content.decode()  # a township sees villages
