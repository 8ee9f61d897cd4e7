"""The province's commands refuse what they cannot do, in one line."""

from __future__ import annotations

from click.testing import CliRunner

from renpu import cli


def test_synth_province_needs_two_counties_and_no_more_than_hubei_has(tmp_path):
    for counties, message in (("1", "至少要有 2 个县"), ("500", "县级单位")):
        result = CliRunner().invoke(cli.main, ["synth-province", str(tmp_path), "--counties", counties])
        assert result.exit_code == 1 and message in result.output


def test_synth_province_writes_counties_and_truth(tmp_path):
    result = CliRunner().invoke(cli.main, ["synth-province", str(tmp_path), "--counties", "2", "--persons", "2000",
                                           "--seed", "4"])
    assert result.exit_code == 0, result.output
    assert "2 个县" in result.output
    assert (tmp_path / "truth" / "findings.csv").is_file() and len(list((tmp_path / "counties").iterdir())) == 2


def test_export_province_refuses_an_empty_store(db, tmp_path):
    result = CliRunner().invoke(cli.main, ["export", "province", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "没有村" in result.output
