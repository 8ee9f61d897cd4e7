"""The county's three-stage linkage for a province: one definition, run by either engine.

Same stages as renpu.core.linkage (exact ID → ID one slip apart with name and
birth date agreeing → Splink on what is left), written for hundreds of
millions of records:

* every stage is an equi-join (no OR, no nested loop): stage 1 on the ID;
  stage 2 on the ID with one position masked (18 keys a record) or with two
  adjacent characters swapped;
* Splink's blocking rules are bounded by design: ID digits 1–14 (region and
  birth date: persons born the same day in one county), ID digits 7–17 (birth
  date and sequence: a region code mistyped) and birth date + sex + pinyin
  (the same name born the same day).  A rule on the name alone, which the
  county uses for a mistyped birth date, would make one block of every 张伟 of
  the province, so it is not one of them;
* the model is the county's levels with their priors (no EM): the same pairs
  score the same on DuckDB and on Spark;
* two different ID numbers more than two edits apart are two people, however
  alike the names (at a province's size the same name is born every day).

Both sides are views with ``uid``, ``county`` and ``LINK_FIELDS``; ``pairs``
says which pairs may link (``l.county <> r.county``); the result is a view of
accepted links (left_uid, right_uid, method, score, weight, gamma_*).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from renpu.core import splink_model
from renpu.core.link_options import LinkOptions

from .engines import Engine

LINK_FIELDS = ("id_number", "name", "name_py", "sex", "birth_date")
COMPARISONS = ("name", "birth_date", "id_number", "sex")
EXACT, CORRECTED, PROBABILISTIC = "exact_id", "id_corrected", "probabilistic"
# A province's prior: about one pair in ten thousand of those the rules block together is the same person.
PRIOR = 0.0001
DOMINANCE = 10.0  # as the county: a candidate outweighing every other by 10 bits wins a contest
BLOCKING_RULES = {  # name → SQL key expressions (each an equality of l and r)
    "id_1_14": ("substr(id_number, 1, 14)",),
    "id_7_17": ("substr(id_number, 7, 11)",),
    "birth_sex_pinyin": ("birth_date", "sex", "name_py"),
}
ID_LENGTH = 18


@dataclass
class LinkRun:
    view: str
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    blocks: dict[str, dict[str, int]] = field(default_factory=dict)  # rule → pairs, largest block


def link(engine: Engine, name: str, left: str, right: str, pairs: str = "TRUE",
         options: LinkOptions | None = None) -> LinkRun:
    """Link view ``left`` to view ``right``; the accepted links are view ``<name>_links``."""
    options = options or LinkOptions(train=False)
    run = LinkRun(f"{name}_links")
    started = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal started
        run.seconds[stage] = round(time.perf_counter() - started, 3)
        started = time.perf_counter()

    engine.create(f"{name}_exact", _exact_sql(left, right, pairs))
    lap(EXACT)
    engine.create(f"{name}_left1", _unmatched(left, f"{name}_exact", "left_uid"))
    engine.create(f"{name}_corrected", _corrected_sql(f"{name}_left1", right, pairs))
    lap(CORRECTED)
    done = f"(SELECT * FROM {name}_exact UNION ALL SELECT * FROM {name}_corrected)"
    engine.create(f"{name}_left2", _unmatched(left, done, "left_uid"))
    engine.create(f"{name}_right2", _unmatched(right, done, "right_uid"))
    run.blocks = block_sizes(engine, f"{name}_left2", f"{name}_right2")
    engine.create(f"{name}_probabilistic", _probabilistic_sql(engine, name, pairs, options))
    lap(PROBABILISTIC)
    engine.create(run.view, f"SELECT * FROM {name}_exact UNION ALL SELECT * FROM {name}_corrected "
                            f"UNION ALL SELECT * FROM {name}_probabilistic")
    counts = engine.arrow(f"SELECT method, count(*) AS n FROM {run.view} GROUP BY method").to_pylist()
    run.counts = {row["method"]: row["n"] for row in counts}
    return run


_NO_GAMMAS = ", ".join(f"CAST(NULL AS INTEGER) AS gamma_{c}" for c in COMPARISONS)


def _exact_sql(left: str, right: str, pairs: str) -> str:
    return (f"SELECT l.uid AS left_uid, r.uid AS right_uid, '{EXACT}' AS method, CAST(1.0 AS DOUBLE) AS score, "
            f"CAST(NULL AS DOUBLE) AS weight, {_NO_GAMMAS} "
            f"FROM {left} l JOIN {right} r ON l.id_number = r.id_number WHERE {pairs}")


def _unmatched(side: str, links: str, column: str) -> str:
    # NOT EXISTS: an anti join on both engines (Spark plans NOT IN as a nested loop);
    # both sides with the same columns, as Splink stacks them
    columns = ", ".join(f"s.{c}" for c in ("uid", "county", *LINK_FIELDS))
    return f"SELECT {columns} FROM {side} s WHERE NOT EXISTS (SELECT 1 FROM {links} x WHERE x.{column} = s.uid)"


def _corrected_sql(left: str, right: str, pairs: str) -> str:
    """IDs one slip apart (one character, or two adjacent swapped), name and birth date agreeing, one candidate."""
    # As in the county: every right record is a candidate, linked or not (a person listed twice
    # may hold the right ID in one copy and a mistyped one in the other).
    positions = " UNION ALL ".join(f"SELECT {p} AS p" for p in range(1, ID_LENGTH + 1))

    def masked(side: str) -> str:
        return (f"SELECT s.uid, q.p, length(s.id_number) AS n, "
                f"substr(s.id_number, 1, q.p - 1) || substr(s.id_number, q.p + 1) AS k "
                f"FROM {side} s JOIN ({positions}) q ON q.p <= length(s.id_number) "
                f"WHERE length(s.id_number) >= 6")

    swapped = (f"SELECT s.uid, substr(s.id_number, 1, q.p - 1) || substr(s.id_number, q.p + 1, 1) "
               f"|| substr(s.id_number, q.p, 1) || substr(s.id_number, q.p + 2) AS swapped "
               f"FROM {left} s JOIN ({positions}) q ON q.p < length(s.id_number) "
               f"WHERE length(s.id_number) >= 6 AND substr(s.id_number, q.p, 1) <> substr(s.id_number, q.p + 1, 1)")
    candidates = (f"SELECT DISTINCT lm.uid AS left_uid, rm.uid AS right_uid FROM ({masked(left)}) lm "
                  f"JOIN ({masked(right)}) rm ON lm.p = rm.p AND lm.n = rm.n AND lm.k = rm.k "
                  f"UNION SELECT ls.uid, r.uid FROM ({swapped}) ls JOIN {right} r ON ls.swapped = r.id_number")
    agreed = (f"SELECT c.left_uid, c.right_uid, count(*) OVER (PARTITION BY c.left_uid) AS candidates "
              f"FROM ({candidates}) c JOIN {left} l ON l.uid = c.left_uid JOIN {right} r ON r.uid = c.right_uid "
              f"WHERE (l.name = r.name OR l.name_py = r.name_py) AND l.birth_date = r.birth_date AND {pairs}")
    return (f"SELECT left_uid, right_uid, '{CORRECTED}' AS method, CAST(1.0 AS DOUBLE) AS score, "
            f"CAST(NULL AS DOUBLE) AS weight, {_NO_GAMMAS} FROM ({agreed}) a WHERE candidates = 1")


def settings(pairs: str) -> Any:
    """The county's comparison levels (name, birth date, ID, sex) and priors, with the province's blocking."""
    import splink.comparison_library as cl
    from splink import SettingsCreator
    from splink.blocking_rule_library import And, CustomRule, block_on

    levels = splink_model.comparison_levels()

    def rule(keys: tuple[str, ...]) -> Any:
        blocked = block_on(*keys)
        return blocked if pairs == "TRUE" else And(blocked, CustomRule(pairs, sql_dialect=splink_model.DUCKDB))

    return SettingsCreator(
        link_type="link_only",
        unique_id_column_name="uid",
        probability_two_random_records_match=PRIOR,
        comparisons=[cl.CustomComparison(levels[c], output_column_name=c) for c in COMPARISONS],
        blocking_rules_to_generate_predictions=[rule(keys) for keys in BLOCKING_RULES.values()],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=True,
        additional_columns_to_retain=["county"],
    )


def _probabilistic_sql(engine: Engine, name: str, pairs: str, options: LinkOptions) -> str:
    from splink import Linker

    logging.getLogger("splink").setLevel(logging.ERROR)
    left, right = f"{name}_left2", f"{name}_right2"
    counts = engine.arrow(f"SELECT (SELECT count(*) FROM {left}) AS l, (SELECT count(*) FROM {right}) AS r").to_pylist()[0]
    if not counts["l"] or not counts["r"]:
        return _exact_sql(left, right, "FALSE")  # an empty table of the links' shape
    api = engine.splink_api()
    frames = [api.register(left, table_name=f"{name}_splink_left"), api.register(right, table_name=f"{name}_splink_right")]
    linker = Linker(frames, settings(pairs), log_level=logging.ERROR)
    predicted = linker.inference.predict(threshold_match_probability=options.review).physical_name
    gammas = ", ".join(f"gamma_{c}" for c in COMPARISONS)
    oriented = (f"SELECT CASE WHEN p.source_dataset_l = '{name}_splink_left' THEN p.uid_l ELSE p.uid_r END AS left_uid, "
                f"CASE WHEN p.source_dataset_l = '{name}_splink_left' THEN p.uid_r ELSE p.uid_l END AS right_uid, "
                f"p.match_probability AS score, p.match_weight AS weight, {gammas} FROM {predicted} p")
    engine.create(f"{name}_scored", oriented)
    # a person has one ID number: two IDs more than two edits apart are two people
    compatible = (f"SELECT s.* FROM {name}_scored s JOIN {left} l ON l.uid = s.left_uid JOIN {right} r ON r.uid = s.right_uid "
                  "WHERE l.id_number IS NULL OR r.id_number IS NULL OR levenshtein(l.id_number, r.id_number) <= 2")
    ranked = (f"SELECT *, sum(CASE WHEN score >= {options.accept} THEN 1 ELSE 0 END) OVER (PARTITION BY left_uid) AS left_strong, "
              f"sum(CASE WHEN score >= {options.accept} THEN 1 ELSE 0 END) OVER (PARTITION BY right_uid) AS right_strong, "
              "row_number() OVER (PARTITION BY left_uid ORDER BY weight DESC, right_uid) AS left_rank, "
              "row_number() OVER (PARTITION BY right_uid ORDER BY weight DESC, left_uid) AS right_rank, "
              "lead(weight) OVER (PARTITION BY left_uid ORDER BY weight DESC, right_uid) AS left_next, "
              "lead(weight) OVER (PARTITION BY right_uid ORDER BY weight DESC, left_uid) AS right_next "
              f"FROM ({compatible}) c")
    # the county's contest: the one strong candidate of both records, or one outweighing every other by DOMINANCE bits
    return (f"SELECT left_uid, right_uid, '{PROBABILISTIC}' AS method, score, weight, {gammas} FROM ({ranked}) k "
            f"WHERE score >= {options.accept} AND ((left_strong = 1 AND right_strong = 1) OR "
            f"(left_rank = 1 AND right_rank = 1 AND weight - coalesce(left_next, -1e9) >= {DOMINANCE} "
            f"AND weight - coalesce(right_next, -1e9) >= {DOMINANCE}))")


def block_sizes(engine: Engine, left: str, right: str) -> dict[str, dict[str, int]]:
    """Per blocking rule: the pairs its equi-join makes (before the county condition) and its largest block."""
    out = {}
    for rule, keys in BLOCKING_RULES.items():
        key = " || '|' || ".join(f"CAST({k} AS VARCHAR)" for k in keys)
        present = " AND ".join(f"{k} IS NOT NULL" for k in keys)
        row = engine.arrow(
            f"SELECT coalesce(sum(a.n * b.n), 0) AS pairs, coalesce(max(a.n * b.n), 0) AS largest FROM "
            f"(SELECT {key} AS k, count(*) AS n FROM {left} WHERE {present} GROUP BY 1) a JOIN "
            f"(SELECT {key} AS k, count(*) AS n FROM {right} WHERE {present} GROUP BY 1) b ON a.k = b.k"
        ).to_pylist()[0]
        out[rule] = {"pairs": int(row["pairs"]), "largest_block": int(row["largest"])}
    return out


def links_table(engine: Engine, run: LinkRun) -> pa.Table:
    return engine.arrow(f"SELECT * FROM {run.view} ORDER BY left_uid, right_uid")
