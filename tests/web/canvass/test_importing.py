"""Canvass import end to end: the synthetic county's summaries equal its ground truth."""

import csv

import openpyxl
import pytest

from renpu.web.canvass import queries, summaries
from renpu.web.canvass.importing import import_canvass_file, import_geography_file
from renpu.web.canvass.models import ImportBatch, Person

from .. import county as synthetic


@pytest.fixture(scope="module")
def county(tmp_path_factory, django_db_setup, django_db_blocker):
    folder = synthetic.generate(tmp_path_factory.mktemp("county"), persons=3_000, seed=5)
    with django_db_blocker.unblock():
        synthetic.load(folder, with_sources=False)
        yield folder
        synthetic.wipe()


def truth_rows(path):
    with path.open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.django_db
def test_village_and_group_summaries_equal_ground_truth(county):
    tables = summaries.summary_tables()
    computed = {r["village_code"]: r for r in tables.villages}
    for expected in truth_rows(county / "truth" / "summary_village.csv"):
        got = computed[expected["village_code"]]
        for field in expected:
            if field not in ("township_name", "village_code", "village_name"):
                assert got[field] == int(expected[field]), (expected["village_code"], field)
    groups = {(r["village_code"], r["group"]): r for r in tables.groups}
    for expected in truth_rows(county / "truth" / "summary_group.csv"):
        assert groups[(expected["village_code"], expected["group"])]["persons"] == int(expected["persons"])


@pytest.mark.django_db
def test_reimport_of_the_same_file_duplicates_nothing(county):
    path = next((county / "canvass").rglob("*.xlsx"))
    before = Person.objects.count()
    outcome = import_canvass_file(path, "test")
    assert outcome.ok and "完全相同" in outcome.message
    forced = import_canvass_file(path, "test", force=True)
    assert forced.ok and forced.added == 0 and forced.changed == 0 and forced.unchanged > 0
    assert Person.objects.count() == before


@pytest.mark.django_db
def test_a_bad_file_loads_nothing_and_gets_a_report(county, tmp_path):
    source = next((county / "canvass").rglob("*.xlsx"))
    book = openpyxl.load_workbook(source)
    sheet = book["家庭户个人信息表"]
    header_row = next(r for r in range(1, 6) if sheet.cell(r, 1).value in ("个人编号", "人员编号"))
    id_column = next(c for c in range(1, 30) if sheet.cell(header_row, c).value in ("公民身份号码", "身份证号", "身份证号码"))
    sheet.cell(header_row + 1, 1).value = "NEW-KEY-01"
    sheet.cell(header_row + 2, id_column).value = 421126199001011234  # Excel turned it into a number
    bad = tmp_path / "坏文件.xlsx"
    book.save(bad)
    batches, persons = ImportBatch.objects.count(), Person.objects.count()
    outcome = import_canvass_file(bad, "test")
    assert not outcome.ok
    assert "整个文件未导入" in outcome.message
    assert (ImportBatch.objects.count(), Person.objects.count()) == (batches, persons)
    assert not Person.objects.filter(person_key="NEW-KEY-01").exists()
    report = openpyxl.load_workbook(outcome.report_path).active
    messages = [row[6] for row in report.iter_rows(min_row=2, values_only=True)]
    assert any("数字" in (m or "") for m in messages)


@pytest.mark.django_db
def test_geography_reimport_is_harmless(county):
    assert import_geography_file(county / "区划代码.xlsx").ok


@pytest.mark.django_db
def test_an_exported_workbook_imports_back_unchanged(county, tmp_path):
    from renpu.exporters import write_tables

    records = {name: list(queries.table_records(name)) for name in ("family_person", "household", "vacant_dwelling")}
    path = tmp_path / "一套表.xlsx"
    write_tables(path, {**records, "village_summary": summaries.summary_tables().villages})
    outcome = import_canvass_file(path, "test")
    assert outcome.ok, outcome.message
    assert outcome.added == 0 and outcome.changed == 0
    assert outcome.unchanged == sum(len(r) for r in records.values())
