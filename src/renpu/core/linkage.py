"""The linkage engine: canvass persons ↔ one department's records, in DuckDB.

Three stages, each taking only what the one before left unmatched:

1. ``exact_id`` — the same ID number (what the county's VLOOKUPs did);
2. ``id_corrected`` — ID numbers one slip apart (one character wrong, or two
   adjacent characters swapped), accepted only when name (characters or
   toneless pinyin) and birth date agree;
3. ``probabilistic`` — Splink (Fellegi–Sunter, DuckDB backend) on name by
   characters and pinyin, birth date, sex, ID number, village and, for births,
   the mother: pairs at or above ``accept`` are links, pairs between ``review``
   and ``accept`` go to clerical review — never silently either way.

Input tables (pyarrow tables or anything DuckDB scans) have the columns of
``LINK_COLUMNS``; extra columns are ignored.  Every link carries its method,
score and the fields that agreed and differed.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from .link_options import LinkOptions

LINK_COLUMNS = ("rid", "id_number", "name", "name_py", "sex", "birth_date", "village_code", "address",
                "mother_id", "mother_name")
EXACT, CORRECTED, PROBABILISTIC = "exact_id", "id_corrected", "probabilistic"
DOMINANCE = 10.0  # match-weight bits by which a candidate must outweigh the next to win a contest


@dataclass
class Links:
    """Accepted links and pairs for review: left_rid, right_rid, method, score, status, evidence."""

    table: pa.Table
    model: dict[str, Any] = field(default_factory=dict)
    stage_counts: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def accepted(self) -> pa.Table:
        return self.table.filter(pa.compute.equal(self.table["status"], "accepted"))


_LINK_SCHEMA = pa.schema(
    [("left_rid", pa.string()), ("right_rid", pa.string()), ("method", pa.string()),
     ("score", pa.float64()), ("status", pa.string()), ("evidence", pa.string())]
)


def link(left: Any, right: Any, options: LinkOptions | None = None,
         con: duckdb.DuckDBPyConnection | None = None) -> Links:
    """Link ``left`` (the canvass) to ``right`` (a source); one-to-one where it can tell."""
    options = options or LinkOptions()
    con = con or duckdb.connect()
    seconds: dict[str, float] = {}
    started = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal started
        now = time.perf_counter()
        seconds[stage] = now - started
        started = now

    _prepare(con, left, right)
    lap("prepare")
    _exact(con)
    lap(EXACT)
    model: dict[str, Any] = {}
    if not options.exact_only:
        _corrected(con)
        lap(CORRECTED)
        model = _probabilistic(con, options)
        lap(PROBABILISTIC)
    table = con.sql(
        "SELECT left_rid, right_rid, method, score, status, evidence FROM links ORDER BY left_rid, right_rid"
    ).to_arrow_table().cast(_LINK_SCHEMA)
    counts = {row[0]: row[1] for row in con.sql("SELECT method || ':' || status, count(*) FROM links GROUP BY 1").fetchall()}
    return Links(table, model, counts, seconds)


def _prepare(con: duckdb.DuckDBPyConnection, left: Any, right: Any) -> None:
    con.register("left_input", left)
    con.register("right_input", right)
    for side in ("left", "right"):
        present = {row[0] for row in con.sql(f"DESCRIBE {side}_input").fetchall()}
        selected = ", ".join(_select(column, column in present) for column in LINK_COLUMNS)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {side}_records AS SELECT {selected} FROM {side}_input")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE links (left_rid VARCHAR, right_rid VARCHAR, method VARCHAR, "
        "score DOUBLE, status VARCHAR, evidence VARCHAR)"
    )


def _select(column: str, present: bool) -> str:
    """Empty strings become NULL so that two blanks never count as agreeing."""
    kind = "DATE" if column == "birth_date" else "VARCHAR"
    if not present:
        return f"CAST(NULL AS {kind}) AS {column}"
    if kind == "DATE":
        return f"TRY_CAST({column} AS DATE) AS {column}"
    return f"NULLIF(CAST({column} AS VARCHAR), '') AS {column}"


def _unmatched(side: str) -> str:
    column = f"{side}_rid"
    return f"(SELECT * FROM {side}_records WHERE rid NOT IN (SELECT {column} FROM links WHERE status = 'accepted'))"


def _agreement_sql(fields: tuple[str, ...] = ("name", "sex", "birth_date")) -> str:
    """json {"agree": [...], "differ": [...]} over the fields both records have."""

    def listed(test: str) -> str:
        items = ", ".join(f"CASE WHEN l.{f} {test} r.{f} THEN '{f}' END" for f in fields)
        return f"list_filter([{items}], lambda x: x IS NOT NULL)"

    return f"json_object('agree', {listed('=')}, 'differ', {listed('<>')})"


def _exact(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        f"""INSERT INTO links
        SELECT l.rid, r.rid, '{EXACT}', 1.0, 'accepted', {_agreement_sql()}::VARCHAR
        FROM left_records l JOIN right_records r ON l.id_number = r.id_number"""
    )


def _corrected(con: duckdb.DuckDBPyConnection) -> None:
    """IDs one slip apart: match on the ID with one position masked, or with a swap undone."""
    # Every source record is a candidate, linked or not: when the canvass lists a
    # person twice (home and school), one copy may hold the right ID and the
    # other a mistyped one; both must find the source record.
    left, right = _unmatched("left"), "right_records"
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE id_candidates AS
        WITH l AS (SELECT * FROM {left} WHERE length(id_number) >= 6),
             r AS (SELECT * FROM {right} WHERE length(id_number) >= 6),
             lp AS (SELECT rid, id_number, unnest(range(1, length(id_number) + 1)) AS p FROM l),
             rp AS (SELECT rid, id_number, unnest(range(1, length(id_number) + 1)) AS p FROM r),
             lm AS (SELECT rid, p, length(id_number) AS n, substr(id_number, 1, p - 1) || substr(id_number, p + 1) AS k FROM lp),
             rm AS (SELECT rid, p, length(id_number) AS n, substr(id_number, 1, p - 1) || substr(id_number, p + 1) AS k FROM rp),
             ls AS (SELECT rid, substr(id_number, 1, p - 1) || substr(id_number, p + 1, 1)
                               || substr(id_number, p, 1) || substr(id_number, p + 2) AS swapped
                    FROM lp WHERE p < length(id_number) AND substr(id_number, p, 1) <> substr(id_number, p + 1, 1))
        SELECT DISTINCT lm.rid AS left_rid, rm.rid AS right_rid, 'one_character' AS slip
            FROM lm JOIN rm ON lm.p = rm.p AND lm.n = rm.n AND lm.k = rm.k
        UNION
        SELECT DISTINCT ls.rid, r.rid, 'adjacent_swap' FROM ls JOIN r ON ls.swapped = r.id_number"""
    )
    con.execute(
        f"""INSERT INTO links
        WITH agreed AS (
            SELECT c.left_rid, c.right_rid, c.slip, l.id_number AS left_id, r.id_number AS right_id,
                   l.name = r.name AS same_name
            FROM id_candidates c JOIN left_records l ON l.rid = c.left_rid
                                 JOIN right_records r ON r.rid = c.right_rid
            WHERE (l.name = r.name OR l.name_py = r.name_py) AND l.birth_date = r.birth_date),
        unique_pairs AS (
            SELECT * FROM agreed
            QUALIFY count(*) OVER (PARTITION BY left_rid) = 1)
        SELECT left_rid, right_rid, '{CORRECTED}', 1.0, 'accepted',
               json_object('slip', slip, 'left_id', left_id, 'right_id', right_id,
                           'agree', CASE WHEN same_name THEN ['name', 'birth_date'] ELSE ['name_pinyin', 'birth_date'] END,
                           'differ', CASE WHEN same_name THEN ['id_number'] ELSE ['id_number', 'name'] END)::VARCHAR
        FROM unique_pairs"""
    )


def _probabilistic(con: duckdb.DuckDBPyConnection, options: LinkOptions) -> dict[str, Any]:
    from . import splink_model  # Splink is imported only when this stage runs

    left = con.sql(f"SELECT * FROM {_unmatched('left')}").to_arrow_table()
    right = con.sql(f"SELECT * FROM {_unmatched('right')}").to_arrow_table()
    if left.num_rows == 0 or right.num_rows == 0:
        return {}
    predictions, model = splink_model.predict(left, right, options)
    predictions = _readable_evidence(predictions)
    con.register("predictions", predictions)
    every = "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"
    con.execute(
        f"""INSERT INTO links
        WITH weighed AS (
            SELECT *, CAST(json_extract(evidence, '$.match_weight') AS DOUBLE) AS weight
            FROM predictions WHERE score >= {options.review}),
        ranked AS (
            SELECT *, count(*) FILTER (WHERE score >= {options.accept}) OVER (PARTITION BY left_rid) AS left_strong,
                      count(*) FILTER (WHERE score >= {options.accept}) OVER (PARTITION BY right_rid) AS right_strong,
                      nth_value(weight, 1) OVER (PARTITION BY left_rid ORDER BY weight DESC {every}) AS left_best,
                      nth_value(weight, 2) OVER (PARTITION BY left_rid ORDER BY weight DESC {every}) AS left_next,
                      nth_value(weight, 1) OVER (PARTITION BY right_rid ORDER BY weight DESC {every}) AS right_best,
                      nth_value(weight, 2) OVER (PARTITION BY right_rid ORDER BY weight DESC {every}) AS right_next
            FROM weighed)
        SELECT left_rid, right_rid, '{PROBABILISTIC}', score,
               -- a link when it is the one strong candidate on both sides, or when it outweighs every
               -- other candidate of both records by DOMINANCE bits (odds of 1000 to 1 against the next):
               -- siblings share a mother and an address, the birth date tells them apart
               CASE WHEN score >= {options.accept} AND left_strong = 1 AND right_strong = 1 THEN 'accepted'
                    WHEN score >= {options.accept} AND weight = left_best AND weight = right_best
                         AND weight - coalesce(left_next, -1e9) >= {DOMINANCE}
                         AND weight - coalesce(right_next, -1e9) >= {DOMINANCE} THEN 'accepted'
                    ELSE 'review' END,
               evidence
        FROM ranked"""
    )
    con.unregister("predictions")
    return model


def _readable_evidence(predictions: pa.Table) -> pa.Table:
    from .splink_model import describe_levels

    evidence = []
    for text in predictions["evidence"].to_pylist():
        raw = json.loads(text)
        levels = describe_levels(raw["levels"])
        evidence.append(json.dumps({
            "agree": [f for f, level in levels.items() if level == "same"],
            "differ": [f for f, level in levels.items() if level == "differ"],
            "partial": {f: level for f, level in levels.items() if level not in ("same", "differ")},
            "match_weight": round(raw["match_weight"], 2),
        }, ensure_ascii=False))
    return predictions.set_column(predictions.schema.get_field_index("evidence"), "evidence", pa.array(evidence))


def evidence_of(link_row: dict[str, Any]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(link_row.get("evidence") or "{}")
    return loaded


logging.getLogger("splink").setLevel(logging.WARNING)
