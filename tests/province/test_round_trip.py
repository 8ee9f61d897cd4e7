"""A synthetic province end to end: each county's export → province compare (both engines) → truth → county tasks."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from renpu import cli
from renpu.province.comparing import CODES, compare
from renpu.province.engines import DuckDBEngine, SparkEngine
from renpu.province.evaluate import score_province
from renpu.synth.counties import hubei_counties
from renpu.synth.province import DEATHS_FILE, county_dir, generate_province
from renpu.web.province.exporting import export_province
from renpu.web.province.importing import ImportRefused, import_province_findings
from renpu.web.verification import service
from renpu.web.verification.models import Finding, Task
from tests.web import county as synthetic

pytestmark = pytest.mark.xdist_group("spark")

COUNTIES = 3


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory, django_db_setup: Any, django_db_blocker: Any,
             spark: Any) -> Any:
    root = tmp_path_factory.mktemp("round-trip")
    generate_province(root / "synth", counties=COUNTIES, persons=3_000, seed=7, processes=1)
    counties = hubei_counties(COUNTIES)
    with django_db_blocker.unblock():
        for number, county in enumerate(counties):  # each county in its own store, one after another
            synthetic.load(county_dir(root / "synth", county))
            service.run()
            export_province(root / "export", user_name="test")
            if number < COUNTIES - 1:
                synthetic.wipe()
        out = {}
        for engine in (DuckDBEngine(), SparkEngine(spark)):
            compare(engine, root / "export", root / engine.name, root / "synth" / DEATHS_FILE)
            engine.close()
            out[engine.name] = root / engine.name
        yield {"root": root, "last": counties[-1].code, **out}
        synthetic.wipe()


def test_the_province_truth_is_found_on_both_engines_alike(province: Any) -> None:
    scores = score_province(province["root"] / "synth" / "truth", province["duckdb"])
    for code in CODES:
        assert scores[code].truth >= 4, code
        assert scores[code].precision >= 0.995 and scores[code].recall >= 0.995, (code, scores[code])
    for path in sorted(province["duckdb"].glob("county=*/findings.csv")):
        assert path.read_bytes() == (province["spark"] / path.parent.name / path.name).read_bytes(), path


@pytest.mark.django_db
def test_the_countys_findings_become_its_villages_tasks_once(province: Any, tmp_path: Path) -> None:
    before = Task.objects.count()
    imported = import_province_findings(province["duckdb"])  # the folder: this county's own file is taken
    assert imported.file.parent.name == f"county={province['last']}"
    assert imported.new == imported.rows > 0 and set(imported.codes) <= set(CODES)
    tasks = Task.objects.filter(finding__code__startswith="province.")
    assert tasks.count() == Task.objects.count() - before == imported.new
    assert all(t.village_id and t.village_id.startswith(province["last"]) for t in tasks)
    resolved = Finding.objects.filter(code__startswith="province.").first()
    assert resolved is not None
    Finding.objects.filter(pk=resolved.pk).update(state=Finding.RESOLVED)
    result = CliRunner().invoke(cli.main, ["import", "province-findings", str(imported.file)])
    assert result.exit_code == 0, result.output
    assert "新发现 0 条" in result.output
    assert Task.objects.count() - before == imported.new  # nothing twice
    assert Finding.objects.get(pk=resolved.pk).state == Finding.RESOLVED  # resolved stays resolved
    # another county's file is refused whole, naming the row and column
    other = next(p for p in province["duckdb"].glob("county=*/findings.csv") if province["last"] not in str(p))
    copy = tmp_path / "findings.csv"
    shutil.copy(other, copy)
    with pytest.raises(ImportRefused, match="第 2 行 village_code 列"):
        import_province_findings(copy)
    assert Task.objects.count() - before == imported.new
