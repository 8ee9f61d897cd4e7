"""Apache Spark for the province: a session that can run renpu's SQL and Splink's.

Two things every session needs, on a laptop (``local[2]``) as on a cluster:

* Splink's jar of Scala similarity functions (``spark.jars``), which Splink's
  Spark backend registers;
* string similarity that measures what DuckDB measures.  Splink's jar counts
  UTF-16 code units and uses another Jaro matching window: on pinyin keys 179
  of 1,500 pairs differed from DuckDB's ``jaro_winkler_similarity`` (e.g.
  xiandong/xianqiandong 0.896 vs 0.908), and on Extension-B characters (𠀀 𠀁
  share a high surrogate) its Jaro-Winkler and Damerau-Levenshtein disagree
  more; rapidfuzz, the library DuckDB's code comes from, still differs in the
  last bit of some scores and scores two empty strings 1.0 where DuckDB says 0.
  So the session registers, under the names Splink's Spark SQL calls
  (``jaro_winkler``, ``jaro_sim``, ``damerau_levenshtein``), functions that
  hand each Arrow batch to DuckDB itself: the same Splink settings then score
  alike on both engines by construction.  Spark's built-in ``levenshtein``
  already counts code points, as DuckDB's does (tests/province/test_engines.py).

Executors run those functions in Python, so on a cluster every executor needs
``renpu[spark]`` installed (README, "Scaling out").
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import pyarrow as pa

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

# Small-machine defaults; a cluster's spark-defaults or --conf override them.
LOCAL_DEFAULTS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "8",
    "spark.sql.session.timeZone": "UTC",
    "spark.driver.memory": "2g",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}


def session(master: str = "local[2]", conf: dict[str, str] | None = None,
            app_name: str = "renpu-province") -> SparkSession:
    """A SparkSession with Splink's jar and renpu's string functions registered."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    if master.startswith("local"):
        # Python workers must be this interpreter (with rapidfuzz), not whatever python3 is on PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    settings = {**(LOCAL_DEFAULTS if master.startswith("local") else {}), **(conf or {})}
    jars = [similarity_jar_location(), *filter(None, settings.pop("spark.jars", "").split(","))]
    builder = SparkSession.builder.master(master).appName(app_name).config("spark.jars", ",".join(jars))
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    register_string_functions(spark)
    return spark


def spark_api(spark: SparkSession, break_lineage_method: str = "persist") -> Any:
    """Splink's Spark backend on ``spark``, with renpu's string functions (Splink registers its jar's first).

    ``persist`` keeps Splink's intermediate tables in executor memory; on a
    cluster with a checkpoint directory (HDFS, S3) ``parquet`` survives lost executors.
    """
    from splink import SparkAPI

    api = SparkAPI(spark_session=spark, break_lineage_method=break_lineage_method)
    register_string_functions(spark)
    return api


def register_string_functions(spark: SparkSession) -> None:
    """DuckDB's Jaro, Jaro-Winkler and Damerau-Levenshtein as Spark SQL functions."""
    from pyspark.sql.functions import arrow_udf

    for spark_name, (duckdb_name, kind) in DUCKDB_FUNCTIONS.items():
        # (the eval type is inferred from the pa.Array hints; PySpark's stubs want it spelled out)
        spark.udf.register(spark_name, arrow_udf(_in_duckdb(duckdb_name), kind))  # type: ignore[call-overload]


# Spark SQL name (as Splink's Spark dialect writes it) → DuckDB function, Spark type.
DUCKDB_FUNCTIONS = {
    "jaro_winkler": ("jaro_winkler_similarity", "double"),
    "jaro_sim": ("jaro_similarity", "double"),
    "damerau_levenshtein": ("damerau_levenshtein", "bigint"),
}


def _in_duckdb(function: str) -> Any:
    def apply(left: pa.Array, right: pa.Array) -> pa.Array:
        con = _connection()
        con.register("pairs", pa.table({"l": left, "r": right}))
        try:
            return con.sql(f"SELECT {function}(l, r) AS v FROM pairs").to_arrow_table()["v"].combine_chunks()
        finally:
            con.unregister("pairs")

    return apply


_CONNECTION: list[Any] = []


def _connection() -> Any:
    """One in-memory DuckDB per Python worker process."""
    if not _CONNECTION:
        import duckdb

        _CONNECTION.append(duckdb.connect())
    return _CONNECTION[0]
