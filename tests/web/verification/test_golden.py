"""Findings identical before and after speed work: a seeded county's findings against a kept copy.

``golden_findings.csv`` was written by ``renpu compare`` as it was before the
store was read as columns (main at 27e22d7): every stored finding (its code,
keys, method, score and evidence) and the ID-only (VLOOKUP) baseline's keys.
(Re-keyed from the first copy when police records in the evidence came to be
named by file and row instead of their primary key, nothing else changed.)
A change that makes a run faster must leave it byte for byte.  When a change
*means* to alter findings, write the file afresh and say why in the commit:

    RENPU_WRITE_GOLDEN=1 .venv/bin/pytest tests/web/verification/test_golden.py
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from renpu.core.comparisons.base import POLICE_PREFIX
from renpu.web.sources.models import SourceRecord
from renpu.web.verification import evaluation, models, service

from .. import county as synthetic

GOLDEN = Path(__file__).with_name("golden_findings.csv")
COLUMNS = ("run", "code", "village_code", "canvass_table", "canvass_key", "source", "source_file", "source_row",
           "id_number", "name", "method", "score", "evidence")


@pytest.fixture(scope="module")
def findings_csv(tmp_path_factory, django_db_setup, django_db_blocker) -> str:
    folder = synthetic.generate(tmp_path_factory.mktemp("golden"), persons=2_500, seed=7)
    with django_db_blocker.unblock():
        synthetic.load(folder)
        try:
            service.run()
            rows = [*_stored_rows(), *_baseline_rows()]
        finally:
            synthetic.wipe()
    return _csv(rows)


def _stored_rows() -> list[tuple[str, ...]]:
    rows = {str(pk): f"{file}:{row}" for pk, file, row in SourceRecord.objects.values_list("pk", "batch__file_name", "row")}
    return [
        ("stored", f.code, f.village_id or "", f.canvass_table, f.canvass_key, f.source, f.source_file,
         "" if f.source_row is None else str(f.source_row), f.id_number, f.name, f.method,
         "" if f.score is None else f"{f.score:.4f}",
         json.dumps(_stable(f.evidence, rows), ensure_ascii=False, sort_keys=True))
        for f in models.Finding.objects.all()
    ]


def _baseline_rows() -> list[tuple[str, ...]]:
    return [("baseline", code, "", "", canvass_key, "", source_file, row, "", "", "", "", "")
            for code, source_file, row_or_key in evaluation.baseline_keys()
            for canvass_key, row in [(row_or_key, "") if not source_file else ("", row_or_key)]]


def _stable(value: object, rows: dict[str, str]) -> object:
    """The evidence without what depends on the test database rather than on the county:
    scores to 4 places (DuckDB sums floats in parallel, in any order), a police record named
    by its file and row rather than its primary key (other modules' rows came first)."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, str) and value.startswith(POLICE_PREFIX):
        return POLICE_PREFIX + rows[value.removeprefix(POLICE_PREFIX)]
    if isinstance(value, dict):
        return {k: _stable(v, rows) for k, v in value.items()}
    if isinstance(value, list):
        return [_stable(v, rows) for v in value]
    return value


def _csv(rows: list[tuple[str, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(sorted(rows))
    return out.getvalue()


@pytest.mark.django_db
def test_findings_are_those_kept_in_the_golden_file(findings_csv):
    if os.environ.get("RENPU_WRITE_GOLDEN"):
        GOLDEN.write_text(findings_csv, encoding="utf-8")
        pytest.skip(f"wrote {GOLDEN.name}")
    golden = GOLDEN.read_text(encoding="utf-8")
    assert findings_csv.count("\n") == golden.count("\n")
    changed = [line for line in findings_csv.splitlines() if line not in set(golden.splitlines())]
    assert not changed, changed[:5]
    assert findings_csv == golden


def test_the_golden_file_holds_every_kind_of_finding():
    rows = list(csv.DictReader(GOLDEN.open(encoding="utf-8")))
    stored = {r["code"] for r in rows if r["run"] == "stored"}
    methods = {r["method"] for r in rows if r["run"] == "stored"}
    assert len(stored) >= 15 and {"exact_id", "id_corrected", "probabilistic"} <= methods
    assert any(r["run"] == "baseline" for r in rows)
