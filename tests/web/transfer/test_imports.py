"""County staff upload canvass tables and department extracts in the browser."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from renpu.core.tables import FAMILY_PERSON, HOUSEHOLD
from renpu.exporters.xlsx import SheetWriter, open_workbook
from renpu.web.canvass.models import Person

from ..conftest import A, make_id


def _workbook(tmp_path, village_code: str) -> bytes:
    household = {"household_key": "HX1", "village_code": village_code, "village_name": "张家湾村", "group": "2", "kind": "1", "head_name": "黄文斌"}
    person = {"person_key": "HX1-01", "household_key": "HX1", "village_code": village_code, "village_name": "张家湾村",
              "group": "2", "name": "黄文斌", "id_number": make_id(dt.date(1975, 2, 3), 191), "sex": "1",
              "birth_date": dt.date(1975, 2, 3), "relationship": "0", "registration_place": "1", "time_away": "1", "status": "1"}
    path = tmp_path / "张家湾村摸排表.xlsx"
    workbook = open_workbook(str(path))
    for table, record in ((HOUSEHOLD, household), (FAMILY_PERSON, person)):
        sheet = SheetWriter(workbook, table.label, [c.label for c in table.columns])
        sheet.write([record.get(c.field) for c in table.columns])
        sheet.finish()
    workbook.close()
    return path.read_bytes()


def _upload(client, content: bytes, name: str = "张家湾村摸排表.xlsx"):
    return client.post("/imports/", {"kind": "canvass", "canvass-file": SimpleUploadedFile(name, content)}, follow=True)


def test_the_county_imports_a_canvass_file(as_user, records, tmp_path):
    page = _upload(as_user("zhao"), _workbook(tmp_path, A)).content.decode()
    assert "导入成功" in page
    assert Person.objects.get(person_key="HX1-01").name == "黄文斌"


def test_an_upload_makes_the_county_dashboard_count_afresh(as_user, records, tmp_path):
    from renpu.web.dashboard import figures

    before = figures.county_figures()["at"]
    client = as_user("zhao")
    _upload(client, _workbook(tmp_path, "429999999999"))  # refused: nothing changed, figures kept
    assert figures.county_figures()["at"] == before
    _upload(client, _workbook(tmp_path, A))
    assert figures.county_figures()["at"] > before
    assert sum(r["persons"] for r in figures.county_figures()["villages"]) == Person.objects.count()


def test_a_refused_file_offers_its_problem_report(as_user, records, tmp_path):
    client = as_user("zhao")
    page = _upload(client, _workbook(tmp_path, "429999999999")).content.decode()
    assert "未导入" in page and "下载问题清单" in page
    report = client.get("/imports/report/0/")
    assert report.status_code == 200 and report["Content-Disposition"].startswith("attachment")
    assert not Person.objects.filter(person_key="HX1-01").exists()


def test_others_cannot_upload(as_user, records, tmp_path):
    assert _upload(as_user("zhou"), _workbook(tmp_path, A)).status_code == 404
    assert not Person.objects.filter(person_key="HX1-01").exists()


def test_the_county_imports_a_department_extract(as_user, records):
    head = records["persons"]["head"]
    csv = f"姓名,公民身份号码,性别,出生日期,死亡日期\n张大山,{head.id_number},男,1960-05-01,2025-01-15\n".encode()
    page = as_user("zhao").post("/imports/", {
        "kind": "source", "source-source": "civil", "source-file": SimpleUploadedFile("民政死亡.csv", csv),
    }, follow=True).content.decode()
    assert "民政死亡.csv" in page  # the outcome is reported, whatever it says
