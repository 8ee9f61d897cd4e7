"""`renpu import canvass DIR` parses in worker processes and loads in order."""

from click.testing import CliRunner

from renpu import cli, synth
from renpu.web.canvass.models import ImportBatch, Person


def test_import_a_folder_of_villages(db, tmp_path):
    county = tmp_path / "county"
    synth.generate(county, persons=9_000, seed=3, processes=1)
    runner = CliRunner()
    assert runner.invoke(cli.main, ["import", "geography", str(county / "区划代码.xlsx")]).exit_code == 0
    result = runner.invoke(cli.main, ["import", "canvass", str(county / "canvass")])
    assert result.exit_code == 0, result.output
    files = sorted((county / "canvass").rglob("*.xlsx"))
    assert len(files) >= 4  # enough to take the parse-ahead path
    assert ImportBatch.objects.count() == len(files)
    assert sorted(ImportBatch.objects.values_list("file_name", flat=True)) == sorted(f.name for f in files)
    assert Person.objects.count() > 8_000
    again = runner.invoke(cli.main, ["import", "canvass", str(county / "canvass")])
    assert again.exit_code == 0 and "完全相同" in again.output
    assert ImportBatch.objects.count() == len(files)
