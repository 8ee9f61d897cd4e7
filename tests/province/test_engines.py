"""DuckDB and Spark measure Chinese strings alike, and Splink scores alike on both."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from renpu.core import linkage, names, splink_model

pytestmark = pytest.mark.xdist_group("spark")

# Hanzi, Extension A (䶮) and Extension B (𠀀 𠀁 𬌗 𰻝: astral, two UTF-16 units each)
# characters, a middle dot, pinyin keys, empty strings.
PAIRS = [
    ("张伟", "张玮"), ("王小明", "王明小"), ("欧阳娜娜", "欧阳娜"), ("𠀀", "𠀁"), ("𠀀", "𬌗"),
    ("𠀀𬌗", "𬌗𠀀"), ("王𬌗明", "王明"), ("𰻝伬", "仦𰻝伬"), ("䶮明", "䶮鸣"), ("阿依·古丽", "阿依古丽"),
    ("xiandong", "xianqiandong"), ("zhangwei", "zhangwie"), ("nulin", "linnu"), ("lvli", "lüli"),
    ("", ""), ("a", ""), ("张", None),
]
FUNCTIONS = {  # DuckDB name → Spark name (as Splink's Spark dialect writes it)
    "levenshtein": "levenshtein", "jaro_winkler_similarity": "jaro_winkler",
    "jaro_similarity": "jaro_sim", "damerau_levenshtein": "damerau_levenshtein",
}


def _pairs() -> pa.Table:
    pairs = list(PAIRS)
    for left, right in PAIRS[:10]:
        pairs.append((names.pinyin_key(left), names.pinyin_key(right or "")))
    return pa.table({"i": range(len(pairs)), "a": [p[0] for p in pairs], "b": [p[1] for p in pairs]})


def test_string_functions_agree_on_hanzi_and_astral_characters(spark: Any) -> None:
    pairs = _pairs()
    con = duckdb.connect()
    con.register("pairs", pairs)
    ours = con.sql("SELECT i, " + ", ".join(f"{f}(a, b) AS {f}" for f in FUNCTIONS) + " FROM pairs ORDER BY i").to_arrow_table()
    spark.createDataFrame(pairs).createOrReplaceTempView("pairs")
    theirs = spark.sql(
        "SELECT i, " + ", ".join(f"{s}(a, b) AS {f}" for f, s in FUNCTIONS.items()) + " FROM pairs ORDER BY i"
    ).toArrow()
    for function in FUNCTIONS:
        assert theirs[function].to_pylist() == ours[function].to_pylist(), function
    # Characters are counted as code points by both: one astral character is one edit.
    by_pair = dict(zip(zip(pairs["a"].to_pylist(), pairs["b"].to_pylist(), strict=True),
                       ours.to_pylist(), strict=True))
    assert by_pair[("𠀀", "𬌗")]["levenshtein"] == 1
    assert by_pair[("𠀀", "𬌗")]["damerau_levenshtein"] == 1
    assert by_pair[("𠀀", "𠀁")]["jaro_winkler_similarity"] == 0.0
    assert by_pair[("张伟", "张玮")]["jaro_winkler_similarity"] == pytest.approx(2 / 3)
    assert by_pair[("张", None)]["levenshtein"] is None


def test_splinks_own_spark_functions_would_disagree(spark: Any) -> None:
    """Why renpu registers its own: the jar counts UTF-16 units and windows Jaro differently."""
    from pyspark.sql.types import DoubleType

    spark.udf.registerJavaFunction("jar_jaro_winkler", "uk.gov.moj.dash.linkage.JaroWinklerSimilarity", DoubleType())
    spark.udf.registerJavaFunction("jar_damerau", "uk.gov.moj.dash.linkage.LevDamerauDistance", DoubleType())
    row = spark.sql("SELECT jar_jaro_winkler('xiandong', 'xianqiandong') AS jw, jaro_winkler('xiandong', 'xianqiandong') AS ours, "
                    "jar_damerau('𠀀', '𬌗') AS dl").collect()[0]
    duckdb_jw = duckdb.sql("SELECT jaro_winkler_similarity('xiandong', 'xianqiandong')").fetchall()[0][0]
    assert row.ours == duckdb_jw
    assert row.jw != duckdb_jw
    assert row.dl == 2.0  # two UTF-16 units replaced, where DuckDB counts one character


def _people(rows: list[tuple[str, str | None, str, str, str]]) -> pa.Table:
    columns: dict[str, list[Any]] = {c: [] for c in linkage.LINK_COLUMNS}
    for rid, number, name, sex, born in rows:
        values = {"rid": rid, "id_number": number, "name": name, "name_py": names.pinyin_key(name), "sex": sex,
                  "birth_date": dt.date.fromisoformat(born), "village_code": "421126100201", "address": None,
                  "mother_id": None, "mother_name": None}
        for column in columns:
            columns[column].append(values[column])
    return pa.table(columns, schema=pa.schema([(c, pa.date32() if c == "birth_date" else pa.string())
                                               for c in linkage.LINK_COLUMNS]))


CANVASS = _people([
    ("c1", "421126199001011233", "张晓明", "1", "1990-01-01"),
    ("c2", None, "王𬌗", "2", "1985-06-30"),
    ("c3", "42112619850630124X", "李娜", "2", "1985-06-30"),
    ("c4", "421126197512120011", "欧阳明月", "1", "1975-12-12"),
    ("c5", "421126200203040021", "陈思", "2", "2002-03-04"),
    ("c6", None, "刘洋", "1", "1968-02-29"),
    ("c7", None, "王小明", "1", "1980-05-05"),
])
SOURCE = _people([
    ("s1", "421126199001011234", "张小明", "1", "1990-01-01"),  # homophone, one ID digit
    ("s2", "421126198506301222", "王𬌗", "2", "1985-06-30"),  # astral character, no ID in the canvass
    ("s3", "421126198506301241", "李那", "2", "1985-06-30"),
    ("s4", "421126197512210011", "欧阳明月", "1", "1975-12-21"),  # day digits swapped
    ("s5", "421126200203040021", "陈斯", "2", "2002-03-14"),  # birth date one digit off
    ("s6", "421126196802291999", "刘样", "1", "1968-02-29"),
    ("s7", "421126199001011250", "张晓敏", "2", "1990-01-01"),
    ("s8", None, "章小敏", "1", "1990-01-01"),  # two characters off, pinyin close: Jaro-Winkler
    ("s9", None, "王明小", "1", "1980-05-05"),  # given name and surname reordered
])


def _predict(db_api: Any) -> list[tuple[Any, ...]]:
    from splink import Linker

    options = linkage.LinkOptions(train=False, review=0.0)
    frames = [db_api.register(CANVASS, table_name="canvass_rest"), db_api.register(SOURCE, table_name="source_rest")]
    linker = Linker(frames, splink_model.settings(options), log_level=logging.ERROR)
    gammas = [f"gamma_{n}" for n in splink_model.comparison_names(options)]
    table = linker.inference.predict(threshold_match_probability=0.0).as_pyarrow_table()
    rows = sorted(zip(table["rid_l"].to_pylist(), table["rid_r"].to_pylist(), table["match_weight"].to_pylist(),
                      *(table[g].to_pylist() for g in gammas), strict=True))
    return rows


def test_splink_scores_alike_on_duckdb_and_spark(spark: Any) -> None:
    """The county's own model with its priors (no EM): same pairs, same levels, same weights."""
    from splink import DuckDBAPI

    from renpu.province.spark import spark_api

    on_duckdb = _predict(DuckDBAPI())
    on_spark = _predict(spark_api(spark))
    assert len(on_duckdb) >= 9
    names_levels = {row[3] for row in on_duckdb}
    births_levels = {row[4] for row in on_duckdb}
    assert {1, 2, 4, 5} <= names_levels  # similar pinyin (Jaro-Winkler), reordered, same pinyin, same
    assert {1, 2, 3} <= births_levels  # same month, one digit, same
    assert [row[:2] + row[3:] for row in on_spark] == [row[:2] + row[3:] for row in on_duckdb]
    for ours, theirs in zip(on_duckdb, on_spark, strict=True):
        assert theirs[2] == pytest.approx(ours[2], abs=1e-9), ours[:2]
