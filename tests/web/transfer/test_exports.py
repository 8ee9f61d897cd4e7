"""Exports: .xlsx of the list as filtered, IDs masked by role, every export logged."""

from __future__ import annotations

import io

import openpyxl

from renpu.web.accounts.masking import mask
from renpu.web.accounts.models import ExportLog
from renpu.web.canvass.models import Household

from ..conftest import A


def _sheet(response):
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_mask_keeps_region_and_last_four():
    assert mask("421126196005011110") == "421126********1110"
    assert mask("") == ""


def test_a_village_export_is_masked_and_logged(as_user, records, personas):
    head_id = records["persons"]["head"].id_number
    Household.objects.filter(household_key="HA1").update(head_id_number=head_id)
    response = as_user("li").post("/exports/households/")
    assert response["Content-Disposition"].startswith("attachment")
    rows = _sheet(response)
    assert rows[0][:3] == ["村(居)委会", "村民小组", "户编号"]
    assert [r[2] for r in rows[1:]] == ["HA1"]  # only li's village
    assert rows[1][5] == mask(head_id)
    log = ExportLog.objects.get(user=personas["li"])
    assert (log.user, log.what, log.rows, log.masked) == (personas["li"], "户表", 1, True)


def test_a_county_export_has_full_numbers(as_user, records):
    head_id = records["persons"]["head"].id_number
    Household.objects.filter(household_key="HA1").update(head_id_number=head_id)
    rows = _sheet(as_user("zhao").post(f"/exports/households/?village={A}"))
    assert rows[1][5] == head_id
    assert ExportLog.objects.get(user__username="zhao").masked is False


def test_task_and_unchecked_exports(as_user, records):
    rows = _sheet(as_user("zhou").post("/exports/tasks/"))
    assert len(rows) == 3  # header + A and B, not C
    assert rows[0][5] == "公民身份号码" and all("*" in (r[5] or "*") for r in rows[1:])
    assert rows[0][3] == "类别说明" and {r[3] for r in rows[1:]} >= {"身份证号校验不通过"}
    assert len(_sheet(as_user("zhou").post("/exports/unchecked/"))) == 3
    assert ExportLog.objects.count() == 2


def test_exports_need_post(as_user, records):
    assert as_user("li").get("/exports/households/").status_code == 405
    assert as_user("li").post("/exports/nothing/").status_code == 404


def test_lists_mask_ids_for_villages_but_household_pages_do_not(as_user, records):
    head_id = records["persons"]["head"].id_number
    client = as_user("li")
    client.post("/search/", {"q": "张大山"})
    assert mask(head_id) in client.get("/search/").content.decode()
    assert head_id in client.get(f"/households/{records['households'][A].pk}/").content.decode()


def test_search_results_export_as_shown_masked_and_logged(as_user, records):
    client = as_user("li")
    page = client.post("/search/", {"q": "张"}).content.decode()
    assert "/exports/search/" in page
    rows = _sheet(client.post("/exports/search/"))
    assert rows[0][:4] == ["姓名", "性别", "出生日期", "公民身份号码"]
    assert {r[0] for r in rows[1:]} == {"张大山", "张小明"}
    head_id = records["persons"]["head"].id_number
    assert [r[3] for r in rows[1:] if r[0] == "张大山"] == [mask(head_id)]
    assert ExportLog.objects.filter(what="查找结果", rows=2, masked=True).exists()


def test_nothing_searched_exports_an_empty_sheet(as_user, records):
    assert len(_sheet(as_user("li").post("/exports/search/"))) == 1


def test_village_figures_export_follows_the_scope(as_user, records):
    county = _sheet(as_user("zhao").post("/exports/villages/"))
    assert county[0][:3] == ["乡镇(街道)", "村(居)代码", "村(居)委会"] and len(county) == 4
    mine = _sheet(as_user("li").post("/exports/villages/"))
    assert [r[2] for r in mine[1:]] == ["张家湾村"]
