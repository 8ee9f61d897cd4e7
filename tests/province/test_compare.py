"""`renpu province compare` on a hand-made province of three counties: what each county learns, on both engines."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from click.testing import CliRunner

from renpu import cli
from renpu.core import names, province_data
from renpu.province.comparing import compare
from renpu.province.engines import DuckDBEngine, SparkEngine, to_spark_sql
from renpu.province.evaluate import score_province

pytestmark = pytest.mark.xdist_group("spark")

A, B, C = "421126", "421125", "421127"
POLICE_FILE = "police_公安户籍.csv"
# county, key, name, ID, sex, born, status, registration place
PERSONS = [
    (A, "a1", "张晓明", "421126199001011233", "1", "1990-01-01", "1", "1"),  # also b1: a duplicate (same ID)
    (B, "b1", "张晓明", "421126199001011233", "1", "1990-01-01", "1", "4"),
    (A, "a2", "李娜", "42112619850630124X", "2", "1985-06-30", "2", "1"),  # 外出 at home, 在住 in B: no duplicate
    (B, "b2", "李娜", "42112619850630124X", "2", "1985-06-30", "1", "4"),
    (A, "a3", "王芳", "421126197001010022", "2", "1970-01-01", "1", "1"),  # c3: one ID digit off
    (C, "c3", "王芳", "421126197001010027", "2", "1970-01-01", "1", "4"),
    (A, "a4", "欧阳明月", None, "1", "1975-12-12", "1", "1"),  # c4: no ID at home, Splink decides
    (C, "c4", "欧阳明月", "421126197512120011", "1", "1975-12-12", "1", "4"),
    (A, "a5", "王小明", "421126198005050011", "1", "1980-05-05", "1", "1"),  # same name and day, other person
    (C, "c5", "王小明", "421127198005050035", "1", "1980-05-05", "1", "1"),
    (B, "b7", "刘洋", "421126196802291999", "1", "1968-02-29", "1", "4"),  # registered in A: lives in B
    (C, "c8", "赵敏", "421126199202020020", "2", "1992-02-02", "2", "1"),  # A's unlisted, but 外出 in C
    (B, "b9", "陈思", "421125200203040021", "2", "2002-03-04", "1", "1"),  # on the provincial death register
    (C, "c9", "孙丽", "421127196001010040", "2", "1960-01-01", "3", "1"),  # already recorded dead: not listed
]
# county, rid, row, name, ID, sex, born, unlisted (A's police.unlisted_registered)
POLICE = [
    (A, "11", 7, "刘洋", "421126196802291999", "1", "1968-02-29", True),
    (A, "12", 8, "赵敏", "421126199202020020", "2", "1992-02-02", True),
    (A, "13", 9, "张晓明", "421126199001011233", "1", "1990-01-01", False),  # found at home: no finding
]
DEATHS = [("陈思", "421125200203040021", "女", "2024-01-05", "湖北省浠水县"),
          ("孙丽", "421127196001010040", "女", "2023-03-01", "湖北省黄梅县"),
          ("周强", "421125195501010013", "男", "2022-05-01", "湖北省浠水县")]

def _fillers() -> list[tuple[str, str, str, str | None, str, str, str, str]]:
    """Persons only one county lists, so that names are as rare as names are (term frequencies)."""
    surnames, given = "赵钱孙李周吴郑冯陈褚卫蒋沈韩杨", "一二三四五六七八九十甲乙丙丁"
    out = []
    for i in range(300):
        county = (A, B, C)[i % 3]
        born = dt.date(1950, 1, 1) + dt.timedelta(days=61 * i)
        number = f"{county}{born:%Y%m%d}{i:03d}{i % 10}"
        out.append((county, f"f{i}", surnames[i % 15] + given[i // 15 % 14] + given[i % 14], number, "12"[i % 2],
                    born.isoformat(), "1", "1"))
    return out


PERSONS += _fillers()
EXPECTED = {  # (code, county, canvass key or police row, other county)
    ("province.duplicate_person", A, "a1", B), ("province.duplicate_person", B, "b1", A),
    ("province.duplicate_person", A, "a3", C), ("province.duplicate_person", C, "c3", A),
    ("province.duplicate_person", A, "a4", C), ("province.duplicate_person", C, "c4", A),
    ("province.lives_elsewhere", A, "7", B), ("province.registered_elsewhere", B, "b7", A),
    ("province.deceased_listed", B, "b9", ""),
}


def _village(county: str) -> str:
    return f"{county}100201"


def write_province(root: Path) -> tuple[Path, Path]:
    folder, deaths = root / "province", root / "civil_全省死亡登记.csv"
    for county in (A, B, C):
        persons = [dict(rid=key, household_key=f"h-{key}", village_code=_village(c), name=name, name_py=names.pinyin_key(name),
                        id_number=number, sex=sex, birth_date=dt.date.fromisoformat(born), status=status,
                        registration_place=place)
                   for c, key, name, number, sex, born, status, place in PERSONS if c == county]
        police = [dict(source="police", rid=rid, file=POLICE_FILE, row=row, id_number=number, name=name,
                       name_py=names.pinyin_key(name), sex=sex, birth_date=dt.date.fromisoformat(born),
                       village_code=_village(c), data="{}")
                  for c, rid, row, name, number, sex, born, _ in POLICE if c == county]
        findings = [dict(code="police.unlisted_registered", village_code=_village(c), canvass_table="", canvass_key="",
                         source="police", source_rid=rid, source_file=POLICE_FILE, source_row=row, id_number=number,
                         name=name, method="", score=None, evidence="{}", fingerprint=rid)
                    for c, rid, row, name, number, _, _, unlisted in POLICE if c == county and unlisted]
        tables = {"persons": pa.Table.from_pylist(persons),
                  "source_records": pa.Table.from_pylist(police, province_data.empty("source_records").schema),
                  "findings": pa.Table.from_pylist(findings, province_data.empty("findings").schema)}
        province_data.write_county(folder, county, tables, dt.date(2026, 11, 1))
    with deaths.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([["姓名", "身份证号", "性别", "死亡日期", "户籍地址"], *DEATHS])
    return folder, deaths


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory, spark: Any) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("province")
    folder, deaths = write_province(root)
    out = {}
    for engine in (DuckDBEngine(), SparkEngine(spark)):
        out[engine.name] = {"dir": root / engine.name, "result": compare(engine, folder, root / engine.name, deaths)}
        engine.close()
    out["folder"], out["deaths"] = folder, deaths
    return out


def _findings(out: Path) -> list[dict[str, str]]:
    rows = []
    for path in sorted(out.glob("county=*/findings.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows += [{**r, "county": path.parent.name.removeprefix("county=")} for r in csv.DictReader(handle)]
    return rows


def _found(out: Path) -> set[tuple[str, str, str, str]]:
    return {(r["code"], r["county"], r["canvass_key"] or r["source_row"], json.loads(r["evidence"]).get("other_county", ""))
            for r in _findings(out)}


def test_each_county_learns_what_only_the_province_can_see(province: dict[str, Any]) -> None:
    assert _found(province["duckdb"]["dir"]) == EXPECTED
    rows = {(r["code"], r["canvass_key"] or r["source_row"]): r for r in _findings(province["duckdb"]["dir"])}
    methods = {key: row["method"] for key, row in rows.items() if key[0] == "province.duplicate_person"}
    assert methods == {("province.duplicate_person", "a1"): "exact_id", ("province.duplicate_person", "b1"): "exact_id",
                       ("province.duplicate_person", "a3"): "id_corrected", ("province.duplicate_person", "c3"): "id_corrected",
                       ("province.duplicate_person", "a4"): "probabilistic", ("province.duplicate_person", "c4"): "probabilistic"}
    lives = rows[("province.lives_elsewhere", "7")]
    evidence = json.loads(lives["evidence"])
    assert (lives["village_code"], lives["source_file"], lives["id_number"]) == (_village(A), POLICE_FILE, "421126196802291999")
    assert (evidence["other_key"], evidence["other_village"], evidence["other_county_name"]) == ("b7", _village(B), "浠水县")
    assert "浠水县" in lives["action"]
    registered = json.loads(rows[("province.registered_elsewhere", "b7")]["evidence"])
    assert (registered["police_row"], registered["other_county_name"]) == (7, "蕲春县")
    assert json.loads(rows[("province.duplicate_person", "a4")]["evidence"])["agree"] == ["birth_date", "name", "sex"]
    assert json.loads(rows[("province.deceased_listed", "b9")]["evidence"])["death_date"] == "2024-01-05"


def test_duckdb_and_spark_write_the_same_findings(province: dict[str, Any]) -> None:
    for county in (A, B, C):
        ours = (province["duckdb"]["dir"] / f"county={county}" / "findings.csv").read_bytes()
        assert ours == (province["spark"]["dir"] / f"county={county}" / "findings.csv").read_bytes(), county
    assert province["duckdb"]["result"].blocks == province["spark"]["result"].blocks
    assert province["duckdb"]["result"].links == province["spark"]["result"].links


def test_blocking_rules_report_their_pairs_and_largest_block(province: dict[str, Any]) -> None:
    blocks = province["duckdb"]["result"].blocks["duplicates"]
    assert set(blocks) == {"id_1_14", "id_7_17", "birth_sex_pinyin"}
    # left after the ID stages: 王小明 born 1980-05-05 in A and in C, on both sides of the self-link: 2 × 2
    assert blocks["birth_sex_pinyin"]["largest_block"] == 4
    summary = json.loads((province["duckdb"]["dir"] / "summary.json").read_text(encoding="utf-8"))
    assert summary["blocking"]["duplicates"] == blocks and summary["counties"] == [B, A, C]


def test_evaluate_scores_the_findings_against_a_truth(province: dict[str, Any], tmp_path: Path) -> None:
    truth = tmp_path / "truth"
    truth.mkdir()
    rows = [[code, county, "", key if code != "province.lives_elsewhere" else "", POLICE_FILE if key == "7" else "",
             key if key == "7" else "", "", "", other] for code, county, key, other in sorted(EXPECTED)]
    rows.append(["province.duplicate_person", B, "", "b2", "", "", "", "", A])  # one the province cannot find
    with (truth / "findings.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([["code", "county", "village_code", "canvass_key", "source_file", "source_row",
                                       "id_number", "name", "other_county"], *rows])
    scores = score_province(truth, province["duckdb"]["dir"])
    assert scores["province.duplicate_person"].recall == pytest.approx(6 / 7)
    assert scores["province.duplicate_person"].precision == 1.0
    assert all(scores[c].precision == scores[c].recall == 1.0 for c in scores if c != "province.duplicate_person")
    result = CliRunner().invoke(cli.main, ["province", "evaluate", str(truth), "--findings", str(province["duckdb"]["dir"])])
    assert result.exit_code == 0 and "漏报 province.duplicate_person 421125 b2→421126" in result.output


def test_the_command_runs_on_duckdb_and_refuses_what_it_cannot_read(province: dict[str, Any], tmp_path: Path) -> None:
    result = CliRunner().invoke(cli.main, ["province", "compare", str(province["folder"]), "--out", str(tmp_path / "f"),
                                           "--deaths", str(province["deaths"])])
    assert result.exit_code == 0, result.output
    assert _found(tmp_path / "f") == EXPECTED and "birth_sex_pinyin" in result.output
    result = CliRunner().invoke(cli.main, ["province", "compare", str(tmp_path / "nowhere"), "--out", str(tmp_path / "g")])
    assert result.exit_code == 1 and "manifests" in result.output
    result = CliRunner().invoke(cli.main, ["province", "compare", "s3a://bucket/province", "--out", str(tmp_path / "g")])
    assert result.exit_code == 1 and "--engine spark" in result.output


def test_the_sql_is_written_once_and_translated_for_spark() -> None:
    assert "NOT EXISTS" in to_spark_sql("SELECT * FROM a s WHERE NOT EXISTS (SELECT 1 FROM b x WHERE x.u = s.u)")
    assert to_spark_sql("SELECT CAST(x AS VARCHAR) FROM t") == "SELECT CAST(x AS STRING) FROM t"
