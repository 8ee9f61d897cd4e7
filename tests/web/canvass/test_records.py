"""空宅表, 空挂户表, 楼盘小区表, 外出人员表 in the browser: scope, validation, history."""

from __future__ import annotations

import datetime as dt

import pytest

from renpu.web.accounts.masking import mask
from renpu.web.canvass.models import AbsentMember, Change, Complex, VacantDwelling

from ..conftest import A, C, make_id

PAGES = [
    ("record", "get", lambda o, kind, v: f"/records/{kind}/{o[kind][v].pk}/"),
    ("record_save", "post", lambda o, kind, v: f"/records/{kind}/{o[kind][v].pk}/"),
    ("record_delete", "post", lambda o, kind, v: f"/records/{kind}/{o[kind][v].pk}/delete/"),
]
MAY_SEE_C = {"li": False, "wang": False, "zhou": False, "zhao": True}


@pytest.mark.parametrize("persona", ["li", "wang", "zhou", "zhao"])
@pytest.mark.parametrize("page", PAGES, ids=[p[0] for p in PAGES])
def test_another_townships_record_answers_404(as_user, other_records, persona, page):
    _, method, url = page
    response = getattr(as_user(persona), method)(url(other_records, "vacant", C))
    assert response.status_code in ((200, 302) if MAY_SEE_C[persona] else (404,))


@pytest.mark.parametrize("kind", ["vacant", "absent", "complexes", "away"])
def test_each_list_shows_only_ones_villages(as_user, other_records, kind):
    own = as_user("li").get(f"/records/{kind}/").content.decode()
    assert f"/records/{kind}/{other_records[kind][A].pk}/" in own
    assert "陈家垸村" not in own
    assert as_user("wang").get(f"/records/{kind}/?village={A}").status_code == 404


def test_unknown_table_is_404(as_user, other_records):
    assert as_user("zhao").get("/records/nothing/").status_code == 404


def test_id_numbers_are_masked_in_lists_for_village_clerks(as_user, other_records):
    number = other_records["absent"][A].id_number
    assert mask(number) in as_user("li").get("/records/absent/").content.decode()
    assert number in as_user("zhao").get("/records/absent/").content.decode()


def test_adding_a_vacant_dwelling_makes_a_key_and_history(as_user, other_records):
    client = as_user("li")
    response = client.post("/records/vacant/new/", {"village": A, "group": "2", "address": "张家湾村2组3号",
                                                    "owner_name": "张三", "reason": "房主进城"})
    added = VacantDwelling.objects.get(address="张家湾村2组3号")
    assert response.status_code == 302 and added.vacant_key == f"{A}-WK0001"
    assert Change.objects.filter(table="vacant_dwelling", record_key=added.vacant_key, action="create").exists()


def test_a_clerk_cannot_add_in_another_village(as_user, other_records):
    response = as_user("li").post("/records/vacant/new/", {"village": C, "address": "x"})
    assert response.status_code == 200 and not VacantDwelling.objects.filter(address="x").exists()


def test_a_mistyped_id_number_is_refused_with_what_to_do(as_user, other_records):
    member = other_records["absent"][A]
    wrong = member.id_number[:-1] + ("0" if member.id_number[-1] != "0" else "1")
    data = {"group": "1", "absent_household_key": "GA", "name": "王小二", "id_number": wrong, "sex": "1",
            "birth_date": "1980-02-03", "relationship": "0"}
    client = as_user("li")
    page = client.post(f"/records/absent/{member.pk}/", data).content.decode()
    assert "逐位核对" in page
    member.refresh_from_db()
    assert member.id_number != wrong
    right = make_id(dt.date(1980, 2, 3), 213)
    assert client.post(f"/records/absent/{member.pk}/", {**data, "id_number": right}).status_code == 302
    member.refresh_from_db()
    assert member.id_number == right
    history = client.get(f"/records/absent/{member.pk}/").content.decode()
    assert "修改记录" in history and right in history


def test_sex_must_agree_with_the_id_number(as_user, other_records):
    member = other_records["absent"][A]
    page = as_user("li").post(f"/records/absent/{member.pk}/", {
        "group": "1", "absent_household_key": "GA", "name": "王小二", "id_number": member.id_number, "sex": "2",
        "birth_date": "1980-02-03", "relationship": "0"}).content.decode()
    assert "性别与身份证号不符" in page


def test_complex_counts_must_add_up(as_user, other_records):
    complex_ = other_records["complexes"][A]
    page = as_user("li").post(f"/records/complexes/{complex_.pk}/", {
        "group": "1", "name": "湾畔小区", "dwellings": "40", "occupied": "35", "vacant": "10"}).content.decode()
    assert "多于住房单元数" in page
    assert Complex.objects.get(pk=complex_.pk).occupied == 30


def test_removing_needs_confirmation_and_keeps_what_it_said(as_user, other_records):
    client = as_user("li")
    vacant = other_records["vacant"][A]
    client.post(f"/records/vacant/{vacant.pk}/delete/")
    assert VacantDwelling.objects.filter(pk=vacant.pk).exists()
    client.post(f"/records/vacant/{vacant.pk}/delete/", {"confirm": "yes"})
    assert not VacantDwelling.objects.filter(pk=vacant.pk).exists()
    removed = Change.objects.get(table="vacant_dwelling", record_key="VA1", action="delete")
    assert "张家湾村1组8号" in removed.old_value and removed.changed_by_name == "li"


def test_away_rows_are_corrected_here_but_added_from_the_person(as_user, other_records):
    client = as_user("li")
    assert client.get("/records/away/new/").status_code == 404
    away = other_records["away"][A]
    response = client.post(f"/records/away/{away.pk}/", {"away_place": "5", "away_address": "广东省深圳市",
                                                         "away_since": "2019-03-01", "reason": "1"})
    assert response.status_code == 302
    away.refresh_from_db()
    assert (away.away_place, away.away_address) == ("5", "广东省深圳市")
    assert client.post(f"/records/away/{away.pk}/delete/", {"confirm": "yes"}).status_code == 404


def test_editing_a_name_logs_the_name_not_its_search_columns(as_user, records):
    son = records["persons"]["son"]
    client = as_user("li")
    client.post(f"/persons/{son.pk}/edit/", {
        "name": "张晓明", "id_number": son.id_number, "sex": "1", "birth_date": "1988-03-12", "relationship": "2",
        "registration_place": "1", "time_away": "1", "status": "1", "ethnicity": "01", "education": ""})
    fields = set(Change.objects.filter(record_key=son.person_key, action="update").values_list("field", flat=True))
    assert "name" in fields and not fields & {"name_pinyin", "name_initials", "id_reversed"}


def test_absent_member_list_is_paged(as_user, county):
    AbsentMember.objects.bulk_create(
        AbsentMember(member_key=f"G{n:03d}", absent_household_key="G", village_id=A, group="1", name=f"人{n}")
        for n in range(60))
    page = as_user("li").get("/records/absent/").content.decode()
    assert "共 60 条" in page and "下一页" in page


def test_stored_dates_fill_the_browsers_date_picker(as_user, other_records, records):
    """<input type=date> shows only an ISO value: a zh-hans 1980/02/03 would empty it."""
    client = as_user("li")
    absent = client.get(f"/records/absent/{other_records['absent'][A].pk}/").content.decode()
    assert 'type="date" name="birth_date" value="1980-02-03"' in absent
    son = records["persons"]["son"]
    person = client.get(f"/persons/{son.pk}/edit/").content.decode()
    assert 'value="1988-03-12"' in person


def test_each_table_exports_with_ids_masked_for_clerks_and_logged(as_user, other_records):
    import io

    from openpyxl import load_workbook

    from renpu.web.accounts.models import ExportLog

    response = as_user("li").post("/exports/records-absent/")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("村(居)委会", "空挂人员编号", "村民小组")
    number = other_records["absent"][A].id_number
    assert mask(number) in rows[1] and number not in rows[1]
    assert ExportLog.objects.filter(what="空挂户表", rows=1, masked=True).exists()
    assert as_user("wang").post(f"/exports/records-vacant/?village={A}").status_code == 404
