"""Pairs the linkage could not decide (between the review and accept scores): a clerical review list.

Never silently linked, never silently dropped: each becomes a ``linkage.review``
finding naming both records and the evidence, for a person to decide.
"""

from __future__ import annotations

import json

from .base import Context, Finding, canvass_record

REVIEW = "linkage.review"


def review_findings(context: Context) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    for cache_key, links in context.links.items():
        source = cache_key.split(":")[0]
        context.con.register("review_left", context.linked_left[cache_key])
        context.con.register("review_right", context.sources[source].records)
        context.con.register("review_links", links.table)
        rows = context.con.sql(
            """SELECT l.left_rid, l.right_rid, l.score, l.evidence, a.village_code, a.name, a.id_number,
                      b.file, b.row, b.name AS source_name, b.id_number AS source_id
               FROM review_links l JOIN review_left a ON a.rid = l.left_rid JOIN review_right b ON b.rid = l.right_rid
               WHERE l.status = 'review'"""
        ).fetchall()
        for left, right, score, evidence, village, name, number, file, row, source_name, source_id in rows:
            if (source, left, right) in seen:
                continue
            seen.add((source, left, right))
            findings.append(Finding(
                REVIEW, village, "疑似同一人，请人工核对两条记录后判断是否为同一人",
                *canvass_record(left),
                source=source, source_rid=right, source_file=file or "", source_row=row,
                id_number=number or source_id or "", name=name or source_name or "", method="probabilistic",
                score=score, evidence={**json.loads(evidence or "{}"), "source_name": source_name or "",
                                       "source_id": source_id or ""},
            ))
    return findings
