"""A county clerk uploads a workbook of a county renpu was not built on (synth --profile wild):
the preview shows how every column will be read, nothing is written, 确认导入 imports it."""

from __future__ import annotations

import pytest

from renpu import synth
from renpu.web.accounts.users import add_user
from renpu.web.canvass.importing import import_geography_file
from renpu.web.canvass.models import ImportBatch, Person
from tests.web.conftest import PASSWORD

from .conftest import needs_browser, shot
from .test_browser import log_in

pytestmark = [needs_browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def wild(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wild") / "county"
    synth.generate(folder, persons=600, seed=7, processes=1, profile="wild")
    return folder


def test_a_wild_workbook_is_previewed_then_imported(page, live_server, wild):
    assert import_geography_file(wild / "区划代码.xlsx").ok
    add_user("zhao", PASSWORD, "county")
    workbook = sorted((wild / "canvass").rglob("*.xlsx"))[0]
    base = live_server.url
    log_in(page, base, "zhao")
    page.check("#accept")
    page.click("text=签署并进入")
    page.goto(f"{base}/imports/")
    page.set_input_files("#id_canvass-file", str(workbook))
    page.click("button:has-text('上传并检查')")
    page.wait_for_selector("text=导入前检查")
    shot(page, "12-upload-preview")
    assert "可以导入" in page.locator("#verdict").inner_text()
    sheets = page.locator("section.sheet")
    assert sheets.count() >= 2  # the household and person tables at least
    first = sheets.first.inner_text()
    assert "表头在第" in first and "对应项" in first
    assert page.locator("section.sheet td .tag").count() > 0  # some header read by rule, said so
    assert Person.objects.count() == 0 and ImportBatch.objects.count() == 0  # nothing written yet

    page.click("button:has-text('确认导入')")
    page.wait_for_selector("text=导入成功", timeout=60_000)
    shot(page, "13-upload-imported")
    batch = ImportBatch.objects.get()
    assert batch.file_name == workbook.name and Person.objects.count() > 0
