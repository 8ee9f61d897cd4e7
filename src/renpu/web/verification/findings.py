"""Findings as rows for exports and reports."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from . import models


def finding_rows(code: str | None = None, village: str | None = None,
                 villages: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Findings in the export contract's shape, optionally filtered (``villages``: a user's scope)."""
    query = models.Finding.objects.select_related("village").order_by("code", "village_id", "canvass_key", "source_row")
    if code:
        query = query.filter(code=code) if "." in code else query.filter(code__startswith=code + ".")
    if village:
        query = query.filter(village_id=village)
    if villages is not None:
        query = query.filter(village_id__in=villages)
    for finding in query.iterator(chunk_size=5_000):
        yield {
            "code": finding.code, "village_code": finding.village_id or "", "canvass_key": finding.canvass_key,
            "source": finding.source, "source_file": finding.source_file,
            "source_row": finding.source_row if finding.source_row is not None else "",
            "id_number": finding.id_number, "name": finding.name, "method": finding.method,
            "score": round(finding.score, 6) if finding.score is not None else "",
            "evidence": json.dumps(finding.evidence, ensure_ascii=False, sort_keys=True),
            "action": finding.action, "village_name": finding.village.name if finding.village else "",
            "state": finding.get_state_display(), "first_seen": finding.first_seen.strftime("%Y-%m-%d %H:%M"),
        }
