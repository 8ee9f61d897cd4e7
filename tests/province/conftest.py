"""One local Spark session for the whole test run (tests using it share an xdist group)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

# Tiny data: two cores, two shuffle partitions, no UI, and the JVM's quick
# (C1-only) compiler, which halves the time of a test's many small queries.
TEST_CONF = {
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    "spark.ui.enabled": "false",
    "spark.driver.memory": "1g",
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
}


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    from renpu.province.spark import session

    spark_session = session("local[2]", TEST_CONF, app_name="renpu-tests")
    yield spark_session
    spark_session.stop()
