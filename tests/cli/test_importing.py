"""`renpu import canvass DIR` parses in worker processes and loads in order."""

from pathlib import Path

from click.testing import CliRunner

from renpu import cli, synth
from renpu.web.canvass.models import ImportBatch, Person

from ..importers.helpers import make_id, write_xlsx


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


def _village_file(tmp_path, extra=("序号", "1")):
    from renpu.web.canvass.models import Township, Village

    township = Township.objects.create(code="421126102", name="蕲州镇")
    Village.objects.create(code="421126102201", name="张家湾村委会", township=township)
    header = ["户编号", "村(居)代码", "姓名", "身份证号(18位)", "性别", "户口登记地", extra[0]]
    rows = [header, ["H1", "421126102201", "张三", make_id("42112619900101123"), "男", "本乡（镇）其他村", extra[1]]]
    return write_xlsx(tmp_path / "张家湾村.xlsx", {"家庭户个人信息表": rows})


def test_check_shows_how_a_file_would_be_read_and_writes_nothing(db, tmp_path, settings):
    path = _village_file(tmp_path)
    home = Path(settings.RENPU_HOME)
    before = sorted(home.rglob("*")) if home.exists() else []
    result = CliRunner().invoke(cli.main, ["import", "canvass", "--check", str(path)])
    assert result.exit_code == 0, result.output
    assert "== 张家湾村.xlsx：可以导入：1 条记录" in result.output
    assert "工作表“家庭户个人信息表”：家庭户个人信息表（表头在第 1 行，数据 1 行）" in result.output
    assert "D 身份证号(18位) → 公民身份号码（去掉括号中的单位或说明、序号后“身份证号”）" in result.output
    assert "本乡（镇）其他村→2" in result.output  # the first values, as typed and as read
    assert "G 序号 → 不导入" in result.output
    assert ImportBatch.objects.count() == 0 and Person.objects.count() == 0
    assert (sorted(home.rglob("*")) if home.exists() else []) == before


def test_check_names_the_row_and_column_of_each_error_and_fails(db, tmp_path):
    path = _village_file(tmp_path, ("现状情况", "在家里"))
    result = CliRunner().invoke(cli.main, ["import", "canvass", "--check", str(path)])
    assert result.exit_code != 0
    assert "不能导入：1 处错误" in result.output
    assert "错误 工作表“家庭户个人信息表”第 2 行 G列：现状情况 '在家里' 不是可用的代码或名称" in result.output


def test_a_column_that_looks_like_a_field_is_refused_unless_told_to_leave_it_out(db, tmp_path):
    path = _village_file(tmp_path, ("在册情况", "外出"))
    refused = CliRunner().invoke(cli.main, ["import", "canvass", str(path)])
    assert refused.exit_code != 0 and "--ignore-column 在册情况" in refused.output
    assert Person.objects.count() == 0
    imported = CliRunner().invoke(cli.main, ["import", "canvass", "--ignore-column", "在册情况", str(path)])
    assert imported.exit_code == 0, imported.output
    assert Person.objects.get().registration_place == "2"
    # the summary line says what was mapped by rule and what was not imported
    assert "列：按规则对应 1 列（身份证号(18位) → 公民身份号码" in imported.output
    assert "未导入 1 列（在册情况）" in imported.output and "1 个值按规则读作代码" in imported.output
