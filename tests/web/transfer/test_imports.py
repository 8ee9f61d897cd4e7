"""County staff upload canvass tables and department extracts in the browser."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from renpu.core.tables import FAMILY_PERSON, HOUSEHOLD
from renpu.exporters.xlsx import SheetWriter, open_workbook
from renpu.web.canvass.models import ImportBatch, Person

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
    """Upload: the preview page (nothing written yet)."""
    return client.post("/imports/", {"kind": "canvass", "canvass-file": SimpleUploadedFile(name, content)}, follow=True)


def _token(page) -> str:
    return page.redirect_chain[-1][0].rstrip("/").rsplit("/", 1)[-1]


def _import(client, content: bytes):
    """Upload, then 确认导入 on the preview."""
    preview = _upload(client, content)
    return client.post(f"/imports/preview/{_token(preview)}/confirm/", follow=True)


def test_an_upload_is_previewed_and_nothing_is_written_until_confirmed(as_user, records, tmp_path, settings):
    client = as_user("zhao")
    batches = ImportBatch.objects.count()
    content = _workbook(tmp_path, A)
    preview = _upload(client, content)
    page = preview.content.decode()
    assert "导入前检查" in page and ">确认导入</button>" in page and "可以导入：2 条记录" in page
    assert "工作表“家庭户个人信息表”：家庭户个人信息表" in page and "表头在第 1 行" in page
    assert "<td>姓名</td><td>姓名</td><td>标准列名</td><td>黄文斌</td>" in page  # column → field, rule, first value
    assert "1→0" not in page and "<td>1</td>" in page
    assert not Person.objects.filter(person_key="HX1-01").exists() and ImportBatch.objects.count() == batches
    kept = Path(settings.RENPU_HOME) / "uploads" / _token(preview) / "张家湾村摸排表.xlsx"
    assert kept.read_bytes() == content  # kept server-side: the bytes that will be imported

    done = client.post(f"/imports/preview/{_token(preview)}/confirm/", follow=True).content.decode()
    assert "导入成功" in done
    assert Person.objects.get(person_key="HX1-01").name == "黄文斌"
    batch = ImportBatch.objects.latest("pk")
    assert batch.sha256 == hashlib.sha256(content).hexdigest()
    assert not kept.exists()  # imported: the upload is gone, the original is kept with the batch
    assert client.post(f"/imports/preview/{_token(preview)}/confirm/").status_code == 404  # not twice


def test_a_refused_file_is_previewed_with_its_problems_and_cannot_be_confirmed(as_user, records, tmp_path):
    client = as_user("zhao")
    preview = _upload(client, _workbook(tmp_path, "429999999999"))
    page = preview.content.decode()
    assert "不能导入" in page and ">确认导入</button>" not in page and "下载问题清单" in page
    assert "错误</td><td>家庭户个人信息表</td><td>2</td>" in page  # the problem names sheet and row
    token = _token(preview)
    refused = client.post(f"/imports/preview/{token}/confirm/", follow=True).content.decode()
    assert "不能导入" in refused
    assert not Person.objects.filter(person_key="HX1-01").exists()
    report = client.get(f"/imports/preview/{token}/report/")
    assert report.status_code == 200 and report["Content-Disposition"].startswith("attachment")
    client.post(f"/imports/preview/{token}/discard/")
    assert client.get(f"/imports/preview/{token}/").status_code == 404


def test_a_token_is_honoured_only_in_the_session_that_uploaded(as_user, records, tmp_path, client):
    token = _token(_upload(as_user("zhao"), _workbook(tmp_path, A)))
    client.logout()
    other = as_user("zhao")  # the same user, signed in afresh: another session
    assert other.get(f"/imports/preview/{token}/").status_code == 404
    assert other.post(f"/imports/preview/{token}/confirm/").status_code == 404
    assert other.get("/imports/preview/..%2F..%2Fsecret_key/").status_code == 404
    assert not Person.objects.filter(person_key="HX1-01").exists()


def test_an_upload_makes_the_county_dashboard_count_afresh(as_user, records, tmp_path):
    from renpu.web.dashboard import figures

    before = figures.county_figures()["at"]
    client = as_user("zhao")
    _upload(client, _workbook(tmp_path, A))  # previewed only: nothing changed, figures kept
    assert figures.county_figures()["at"] == before
    _import(client, _workbook(tmp_path, A))
    assert figures.county_figures()["at"] > before
    assert sum(r["persons"] for r in figures.county_figures()["villages"]) == Person.objects.count()


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
