"""Two engines for one definition: the province's SQL and Splink settings on DuckDB or on Spark.

Every query of the province comparisons is written once, in DuckDB's SQL
(renpu.province.linking, renpu.province.comparing).  ``DuckDBEngine`` runs it
as it is; ``SparkEngine`` translates it with sqlglot (the library Splink itself
uses to move its SQL between backends) and runs it on a SparkSession.  Splink
gets the engine's own database API (``DuckDBAPI`` on the engine's connection,
``SparkAPI`` on its session), so the tables a query made are Splink's inputs
and Splink's predictions are the next query's input, on either engine.

Only the names of tables (views) pass between steps; rows come back to
Python only where a step's result is small (links, findings, counts).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import duckdb
import pyarrow as pa


class Engine(Protocol):
    name: str

    def load_parquet(self, view: str, folder: str) -> None:
        """``folder`` is a Parquet dataset partitioned by ``county=<code>`` (local path, hdfs://, s3a://)."""

    def load_arrow(self, view: str, table: pa.Table) -> None: ...

    def create(self, view: str, sql: str) -> None:
        """Materialise ``sql`` (DuckDB dialect) as ``view``: later steps read it, never recompute it."""

    def arrow(self, sql: str) -> pa.Table: ...

    def splink_api(self) -> Any: ...

    def close(self) -> None: ...


class DuckDBEngine:
    name = "duckdb"

    def __init__(self, con: duckdb.DuckDBPyConnection | None = None) -> None:
        self.con = con or duckdb.connect()

    def load_parquet(self, view: str, folder: str) -> None:
        pattern = str(Path(folder) / "*" / "*.parquet").replace("'", "''")
        # the county code is a partition folder's name: text, never a number
        self.con.execute(f"CREATE OR REPLACE VIEW {view} AS SELECT * FROM read_parquet('{pattern}', "
                         "hive_partitioning = true, hive_types = {'county': VARCHAR})")

    def load_arrow(self, view: str, table: pa.Table) -> None:
        self.con.register(f"{view}_arrow", table)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {view} AS SELECT * FROM {view}_arrow")
        self.con.unregister(f"{view}_arrow")

    def create(self, view: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {view} AS {sql}")

    def arrow(self, sql: str) -> pa.Table:
        return self.con.sql(sql).to_arrow_table()

    def splink_api(self) -> Any:
        from splink import DuckDBAPI

        return DuckDBAPI(connection=self.con)

    def close(self) -> None:
        self.con.close()


def to_spark_sql(sql: str) -> str:
    """DuckDB's SQL in Spark's dialect (sqlglot)."""
    import sqlglot

    return sqlglot.transpile(sql, read="duckdb", write="spark")[0]


class SparkEngine:
    name = "spark"

    def __init__(self, spark: Any) -> None:
        from .spark import spark_api

        self.spark = spark
        self._api = spark_api(spark)
        self._frames: list[Any] = []
        # county=421126 is a code, not the number 421126
        spark.conf.set("spark.sql.sources.partitionColumnTypeInference.enabled", "false")

    def load_parquet(self, view: str, folder: str) -> None:
        self.spark.read.option("basePath", folder).parquet(folder).createOrReplaceTempView(view)

    def load_arrow(self, view: str, table: pa.Table) -> None:
        self.spark.createDataFrame(table).createOrReplaceTempView(view)

    def create(self, view: str, sql: str) -> None:
        # localCheckpoint: computed once, held by the executors, and the lineage cut so that a
        # long chain of stages does not replan (or recompute) everything before it
        frame = self.spark.sql(to_spark_sql(sql)).localCheckpoint(eager=True)
        frame.createOrReplaceTempView(view)
        self._frames.append(frame)

    def arrow(self, sql: str) -> pa.Table:
        return self.spark.sql(to_spark_sql(sql)).toArrow()

    def splink_api(self) -> Any:
        return self._api

    def close(self) -> None:
        for frame in self._frames:
            frame.unpersist()
        self._frames.clear()


def open_engine(name: str, master: str = "local[2]", conf: dict[str, str] | None = None) -> Engine:
    if name == "duckdb":
        return DuckDBEngine()
    if name == "spark":
        from .spark import session

        return SparkEngine(session(master, conf))
    raise ValueError(f"未知的引擎 {name!r}：可用 duckdb 或 spark")
