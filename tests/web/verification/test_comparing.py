"""The seven comparisons on a synthetic county, scored against its truth."""

import csv
from pathlib import Path

import pytest

from renpu.core import evaluate
from renpu.exporters.findings import FINDINGS_COLUMNS, write_findings
from renpu.web.sources.importing import import_source_file
from renpu.web.sources.models import SourceBatch
from renpu.web.verification import evaluation, models, service
from renpu.web.verification.findings import finding_rows

from .. import county as synthetic


@pytest.fixture(scope="module")
def county(tmp_path_factory, django_db_setup, django_db_blocker):
    folder = synthetic.generate(tmp_path_factory.mktemp("county"), persons=4_000, seed=11)
    with django_db_blocker.unblock():
        synthetic.load(folder)
        service.run()
        yield folder
        synthetic.wipe()


@pytest.mark.django_db
def test_every_code_reaches_99_percent_precision_and_recall(county):
    scores = evaluate.score(evaluation.stored_keys(), evaluate.truth_keys(county / "truth"))
    codes = {row["code"] for row in csv.DictReader((county / "truth" / "findings.csv").open(encoding="utf-8-sig"))}
    assert len(codes) >= 18  # the synthetic county injects nearly every code
    for code, entry in scores.items():
        assert entry.precision >= 0.99 and entry.recall >= 0.99, (code, entry.misses[:3], entry.false_alarms[:3])


@pytest.mark.django_db
def test_the_vlookup_baseline_misses_what_only_linkage_finds(county):
    truth = evaluate.truth_keys(county / "truth")
    baseline = evaluate.score(evaluation.baseline_keys(), truth)
    assert baseline["police.id_correction"].recall == 0.0
    assert baseline["health.unregistered_child"].recall < 0.5


@pytest.mark.django_db
def test_rerun_adds_nothing_and_resolved_stays_resolved(county):
    before = models.Finding.objects.count()
    some = models.Finding.objects.order_by("pk").first()
    some.state = models.Finding.RESOLVED
    some.save()
    stored = service.run()
    assert stored.new == 0 and stored.seen_again == before
    assert models.Finding.objects.count() == before
    assert models.Finding.objects.get(pk=some.pk).state == models.Finding.RESOLVED


@pytest.mark.django_db
def test_findings_export_contract(county, tmp_path):
    path = tmp_path / "findings.csv"
    count = write_findings(path, finding_rows(code="police"))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(rows[0][: len(FINDINGS_COLUMNS)]) == FINDINGS_COLUMNS
    assert len(rows) == count + 1 and count == models.Finding.objects.filter(code__startswith="police.").count()
    by_code = {}
    for row in rows[1:]:
        by_code.setdefault(row[0], row)
    unlisted = dict(zip(rows[0], by_code["police.unlisted_registered"], strict=True))
    assert unlisted["canvass_key"] == "" and unlisted["source_file"] == "police_公安户籍.csv"
    assert int(unlisted["source_row"]) >= 2
    corrected = dict(zip(rows[0], by_code["police.id_correction"], strict=True))
    assert corrected["canvass_key"] and corrected["method"] in ("id_corrected", "probabilistic")


@pytest.mark.django_db
def test_findings_xlsx_and_filters(county, tmp_path):
    import openpyxl

    village = models.Finding.objects.exclude(village=None).values_list("village_id", flat=True).first()
    path = tmp_path / "findings.xlsx"
    count = write_findings(path, finding_rows(village=village))
    sheet = openpyxl.load_workbook(path)["比对发现"]
    assert tuple(c.value for c in sheet[1])[: len(FINDINGS_COLUMNS)] == FINDINGS_COLUMNS
    assert sheet.max_row == count + 1
    assert {sheet.cell(r, 2).value for r in range(2, sheet.max_row + 1)} == {village}


@pytest.mark.django_db
def test_a_death_list_imported_as_births_is_refused(county):
    deaths = next((county / "sources").glob("civil_*"))
    outcome = import_source_file("health", deaths, "test", force=True)
    assert not outcome.ok
    assert "母亲姓名" in outcome.message


@pytest.mark.django_db
def test_a_comparison_without_its_source_says_so(county):
    SourceBatch.objects.filter(source="civil").delete()
    stored = service.run(["civil"])
    assert "未比对" in stored.notes["civil"]
    assert stored.new == 0


def test_truth_files_exist(county):
    assert Path(county / "truth" / "findings.csv").exists()
