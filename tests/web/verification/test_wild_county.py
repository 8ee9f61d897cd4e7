"""A county renpu was not built on (synth --profile wild): its files import, and the comparisons find.

The wild profile's files were written by several clerks with their own habits and
its people vary as real households do (synth.profiles, synth.variation); the
generator never reads the importer's spellings (tests/core/test_architecture.py).
"""

import csv

import pytest

from renpu.core import evaluate
from renpu.web.canvass import summaries
from renpu.web.canvass.importing import import_canvass_file
from renpu.web.verification import evaluation, models, service

from .. import county as synthetic

TARGET = 0.995


@pytest.fixture
def county(loaded):
    return loaded[0]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, django_db_setup, django_db_blocker):
    folder = synthetic.generate(tmp_path_factory.mktemp("wild"), persons=4_000, seed=5, profile="wild")
    with django_db_blocker.unblock():
        synthetic.load(folder)  # every file imports (a refused one fails here, naming row and column)
        stored = service.run()
        yield folder, stored.result.accepted_links
        synthetic.wipe()


@pytest.mark.django_db
def test_every_finding_code_reaches_the_target_on_a_wild_county(county):
    truth = evaluate.truth_keys(county / "truth")
    scores = evaluate.score(evaluation.stored_keys(), truth)
    assert len({key[0] for key in truth}) >= 18
    for code, entry in scores.items():
        assert entry.precision >= TARGET and entry.recall >= TARGET, (code, entry.misses[:3], entry.false_alarms[:3])


@pytest.mark.django_db
def test_the_review_list_is_at_most_one_percent_of_links(loaded):
    review = models.Finding.objects.filter(code="linkage.review").count()
    accepted = loaded[1]
    assert accepted > 4_000 and review <= 0.01 * accepted


@pytest.mark.django_db
def test_its_files_vary_and_every_column_is_accounted_for(county):
    outcomes = [import_canvass_file(path, "test", force=True) for path in sorted((county / "canvass").rglob("*.xlsx"))]
    assert all(o.ok for o in outcomes), [o.message for o in outcomes if not o.ok]
    assert sum(int(o.columns.split("按规则对应 ")[1].split(" 列")[0]) for o in outcomes) > 0  # headers by rule
    assert any("个值按规则读作代码" in o.columns for o in outcomes)  # values by rule, counted


@pytest.mark.django_db
def test_the_summaries_equal_the_truths(county):
    computed = {r["village_code"]: r for r in summaries.summary_tables().villages}
    rows = list(csv.DictReader((county / "truth" / "summary_village.csv").open(encoding="utf-8-sig")))
    assert rows and all(r["village_code"].startswith("360424") for r in rows)  # another county than Qichun
    for expected in rows:
        for field, value in expected.items():
            if field not in ("township_name", "village_code", "village_name"):
                assert computed[expected["village_code"]][field] == int(value), (expected["village_code"], field)


@pytest.mark.django_db
def test_the_county_is_the_imported_geographys_not_qichun(county, tmp_path, client):
    """Titles of the reports and of every page name 修水县, taken from the store (web.canvass.county)."""
    import shutil
    import subprocess

    from python_calamine import CalamineWorkbook

    from renpu.exporters import pdf
    from renpu.exporters.summaries import write_summaries
    from renpu.web.canvass.county import current

    assert current().code == "360424" and current().name == "修水县"
    levels = summaries.level_summary()
    assert levels.county.name == "修水县" and levels.county.code == "360424"
    write_summaries(tmp_path / "s.xlsx", levels)
    book = CalamineWorkbook.from_path(str(tmp_path / "s.xlsx"))
    titles = [book.get_sheet_by_name(name).to_python()[0][0] for name in book.sheet_names[:5]]
    assert titles[0] == "修水县全县人口汇总表" and all(t.startswith("修水县") for t in titles)
    assert "蕲春" not in " ".join(titles)
    page = client.get("/login/").content.decode()
    assert "修水县人口摸排与比对平台" in page and "蕲春" not in page
    try:
        pdf.font_path()
    except pdf.FontMissing:
        return
    pdf.write_summaries_pdf(tmp_path / "s.pdf", levels)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "s.pdf"), "-"], capture_output=True, text=True).stdout
        assert "修水县乡镇人口汇总表" in text and "蕲春" not in text
