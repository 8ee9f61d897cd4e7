"""Registers, summaries, hard cases, snapshots and changes from the synthetic county, checked against its truth."""

import csv
import datetime as dt

import openpyxl
import pytest
from click.testing import CliRunner

from renpu.core import summaries as levels  # the one engine (its measures)
from renpu.core.hardcases import CASES
from renpu.exporters.changes import write_changes
from renpu.exporters.hardcases import write_hardcases, write_missed_dwellings
from renpu.exporters.register import write_register
from renpu.exporters.summaries import write_summaries
from renpu.web.canvass import summaries
from renpu.web.canvass.models import Change, Household, Person, Village
from renpu.web.registers import hardcases
from renpu.web.registers import household_heads as registers
from renpu.web.registers.missed_dwellings import missed_dwellings
from renpu.web.registers.models import HouseholdNumber
from renpu.web.snapshots import monthly as snapshots
from renpu.web.snapshots.changes import changes_between
from renpu.web.snapshots.models import Snapshot

from . import county as synthetic


@pytest.fixture(scope="module")
def county(tmp_path_factory, django_db_setup, django_db_blocker):
    folder = synthetic.generate(tmp_path_factory.mktemp("county"), persons=3_000, seed=7)
    with django_db_blocker.unblock():
        synthetic.load(folder, with_sources=True)
        from renpu.web.verification import service

        service.run()
        yield folder
        HouseholdNumber.objects.all().delete()
        Snapshot.objects.all().delete()
        synthetic.wipe()


def truth(path):
    with path.open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.django_db
def test_summaries_equal_truth_and_add_up_across_levels(county, tmp_path):
    summary = summaries.level_summary()
    villages = {row.code: row.tally for row in summary.villages}
    for expected in truth(county / "truth" / "summary_village.csv"):
        for field, value in expected.items():
            if field in levels.MEASURE_FIELDS:
                assert villages[expected["village_code"]][field] == int(value), (expected["village_code"], field)
    for field in levels.MEASURE_FIELDS:
        county_total = summary.county.tally[field]
        for level in ("group", "village", "township"):
            assert sum(row.tally[field] for row in summary.rows(level)) == county_total, (level, field)
    assert sum(summary.county.tally.males) + sum(summary.county.tally.females) + summary.county.tally["age_unknown"] \
        == summary.county.tally["resident"]

    path = tmp_path / "summaries.xlsx"
    write_summaries(path, summary)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["全县人口汇总表", "乡镇人口汇总表", "分村(居)人口汇总表", "分小组人口汇总表", "年龄性别结构", "指标解释"]
    for name in book.sheetnames[:4]:
        sheet = book[name]
        headers = [c.value for c in sheet[3]]
        assert "常住人口" in headers and "户籍人口" in headers and "常住65岁及以上" in headers
        column = headers.index("常住人口") + 1
        rows = list(sheet.iter_rows(min_row=4, values_only=True))
        if name != "全县人口汇总表":
            assert rows[-1][0] == "合计"
            assert sum(r[column - 1] for r in rows[:-1]) == rows[-1][column - 1] == summary.county.tally["resident"]
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
        assert sheet.print_title_rows == "$3:$3" and "&P" in sheet.oddFooter.center.text
    assert len(book["年龄性别结构"]._charts) == len(summary.townships) + 1


@pytest.mark.django_db
def test_register_of_a_village_numbers_every_dwelling_and_keeps_numbers(county, tmp_path):
    village = Village.objects.order_by("code").first()
    first = registers.area_registers(village.code)
    lines = [line for r in first for line in r.lines]
    assert len(lines) == Household.objects.filter(village=village).count() + village.vacantdwelling_set.count()
    for register in first:
        numbers = [line.number for line in register.lines if line.number != 999]
        assert len(numbers) == len(set(numbers)) and all(1 <= n <= 998 for n in numbers)
    assert registers.area_registers(village.code)[0].lines == first[0].lines  # stable

    # A household found later takes the next number after the area's maximum; a household all dead shows 999.
    area = first[0].area_code
    top = max(line.number for line in first[0].lines if line.number != 999)
    head = first[0].lines[0].unit
    Household.objects.create(household_key="NEW-HH-1", village=village, kind="1", enumeration_area=area,
                             building_code=head.building_code, dwelling_number="1-2", head_name="新户主")
    Person.objects.filter(household_key=head.key).update(status="3")
    again = registers.area_registers(area)[0]
    by_key = {line.unit.key: line for line in again.lines}
    assert by_key["NEW-HH-1"].number == top + 1
    assert by_key[head.key].number == 999 and by_key[head.key].unit.status == "全户死亡"

    path = tmp_path / "register.xlsx"
    write_register(path, first)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-1] == "指标解释" and len(book.sheetnames) == len(first) + 1
    sheet = book[book.sheetnames[0]]
    assert [c.value for c in sheet[3]][:4] == ["建筑物编号", "住房单元编号", "户编号", "户主姓名"]
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.print_title_rows == "$3:$3" and first[0].area_code in sheet.oddHeader.center.text
    assert "第 &P 页" in sheet.oddFooter.center.text
    values = list(sheet.iter_rows(min_row=4, values_only=True))
    assert values[-1][0] == "合计" and values[-1][6] == first[0].totals()["living"]
    assert all(len(v[2]) == 3 for v in values[:-1])  # 3-digit household numbers
    explained = [r[0] for r in book["指标解释"].iter_rows(min_row=4, values_only=True)]
    assert "户编号" in explained and "人户分离" in explained


@pytest.mark.django_db
def test_hard_cases_registers_and_counts(county, tmp_path):
    counts = hardcases.hardcase_counts()
    assert set(counts) == {c.name for c in CASES}
    assert counts["separated"] >= summaries.level_summary().county.tally["separated"]
    expected = truth(county / "truth" / "findings.csv")
    police_absent = sum(r["code"] == "police.absent_household" for r in expected)
    assert counts["absent_household"] >= police_absent
    assert counts["unregistered_child"] >= sum(r["code"] == "health.unregistered_child" for r in expected)
    assert counts["special_area"] == Person.objects.filter(special_area="1").exclude(status__in=("3", "4")).count()
    one = Village.objects.order_by("code").first().code
    scoped = hardcases.hardcase_counts([one])
    assert all(scoped[k] <= counts[k] for k in counts)

    missed = missed_dwellings()
    unmapped_truth = {r["canvass_key"] for r in expected if r["code"] == "mapping.unmapped_dwelling"}
    assert unmapped_truth <= {u.key for u in missed.unmapped}
    unlisted_truth = sum(r["code"] == "mapping.unlisted_building" for r in expected)
    assert len(missed.unlisted) == unlisted_truth
    assert counts["unmapped_building"] == len(missed.unmapped) + len(missed.unlisted)

    rows = {c.name: hardcases.hardcase_rows(c.name) for c in CASES}
    path = tmp_path / "hard.xlsx"
    write_hardcases(path, rows, counts)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["目录", *(c.label for c in CASES)]
    index = {r[0]: r[1] for r in book["目录"].iter_rows(min_row=4, values_only=True)}
    assert index["人户分离"] == counts["separated"]
    multi = list(book["一户多宅"].iter_rows(min_row=4, values_only=True))
    assert multi and {r[5] for r in multi} <= {"住户", "空房"}
    write_missed_dwellings(tmp_path / "missed.xlsx", missed, {})
    assert openpyxl.load_workbook(tmp_path / "missed.xlsx").sheetnames == ["分小区对照", "待补绘(漏绘)", "疑似漏户"]


@pytest.mark.django_db
def test_snapshots_and_the_changes_between_them(county, tmp_path, settings):
    settings.RENPU_HOME = tmp_path
    first = snapshots.take_snapshot("2020-09", dt.datetime(2020, 9, 30, 23, 59))
    assert first.rows["person"] == Person.objects.count() and first.size_bytes > 0
    living = list(Person.objects.filter(status="1", registration_place="1").order_by("person_key")[:3])
    dies, leaves, learns = living
    Person.objects.filter(pk=dies.pk).update(status="3", status_date=dt.date(2020, 10, 12))
    Change.objects.create(table="family_person", record_key=dies.person_key, village_id=dies.village_id,
                          action=Change.UPDATE, field="status", old_value="1", new_value="3", changed_by_name="王摸排")
    Person.objects.filter(pk=leaves.pk).update(status="2")
    Person.objects.filter(pk=learns.pk).update(education="7")
    Person.objects.create(person_key="BABY-1", household_key=dies.household_key, village_id=dies.village_id,
                          name="新生儿", birth_date=dt.date(2020, 10, 20), status="1", registration_place="5")
    second = snapshots.take_snapshot("2020-10", dt.datetime(2020, 10, 31, 23, 59))
    report = changes_between(first, second)
    kinds = {(r.change.person_key, r.change.kind) for r in report.rows}
    assert kinds == {(dies.person_key, "死亡"), (leaves.person_key, "外出"), (learns.person_key, "文化程度变更"),
                     ("BABY-1", "出生")}
    assert next(r for r in report.rows if r.change.kind == "死亡").changed_by == "王摸排"
    assert changes_between(second).rows == []  # nothing since
    assert snapshots.find_snapshot("2020-10-15") == first and snapshots.find_snapshot("2020-10") == second
    path = tmp_path / "changes.xlsx"
    write_changes(path, report)
    sheet = openpyxl.load_workbook(path)["按村汇总"]
    total = list(sheet.iter_rows(min_row=4, values_only=True))[-1]
    assert total[0] == "合计" and total[2] == 1 and total[3] == 1  # one added (birth), one removed (death)


@pytest.mark.django_db
def test_cli_reports(county, tmp_path):
    from renpu.cli import main

    runner = CliRunner()
    village = Village.objects.order_by("code").first().code
    for args in (["report", "summaries", "--out", str(tmp_path / "s.xlsx")],
                 ["report", "register", "--area", village, "--out", str(tmp_path / "r.xlsx")],
                 ["report", "hardcases", "--case", "special_area", "--out", str(tmp_path / "h.xlsx")],
                 ["report", "missed-dwellings", "--out", str(tmp_path / "m.xlsx")]):
        result = runner.invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert (tmp_path / args[-1].rsplit("/", 1)[-1]).exists()
    bad = runner.invoke(main, ["report", "register", "--area", "123", "--out", str(tmp_path / "x.xlsx")])
    assert bad.exit_code != 0 and "12位" in bad.output


@pytest.mark.django_db
def test_pdfs_embed_a_chinese_font(county, tmp_path):
    import shutil
    import subprocess

    from renpu.exporters import pdf

    try:
        pdf.font_path()
    except pdf.FontMissing as error:
        assert "fonts-wqy-microhei" in str(error)
        pytest.skip(str(error))
    village = Village.objects.order_by("code").first().code
    pages = pdf.write_register_pdf(tmp_path / "r.pdf", registers.area_registers(village))
    assert pages >= 2
    assert pdf.write_summaries_pdf(tmp_path / "s.pdf", summaries.level_summary()) >= 3
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(tmp_path / "r.pdf")], capture_output=True, text=True).stdout
        assert "WenQuanYi" in fonts or "+" in fonts  # an embedded subset


def test_a_missing_font_names_the_package(monkeypatch):
    from renpu.exporters import pdf

    monkeypatch.setattr(pdf, "FONT_CANDIDATES", ("/nonexistent.ttc",))
    monkeypatch.delenv("RENPU_CJK_FONT", raising=False)
    with pytest.raises(pdf.FontMissing, match="fonts-wqy-microhei"):
        pdf.font_path()


@pytest.mark.django_db
def test_fast_counts_equal_the_registers(county):
    counts = hardcases.hardcase_counts()
    rows = {c.name: hardcases.hardcase_rows(c.name) for c in CASES}
    assert counts == hardcases.count_rows(rows)
