"""``renpu export province``: the county's canvass, department records and open findings for the province.

Parquet, partitioned by county code, so that every county writes into the same
folder tree and Spark or DuckDB read it as one table per kind::

    DIR/persons/county=421126/part-0.parquet        canvass persons (both person tables)
    DIR/households/county=421126/part-0.parquet
    DIR/absent_members/county=421126/part-0.parquet  空挂户 registered members
    DIR/source_records/county=421126/part-0.parquet  the current batch of every department
    DIR/findings/county=421126/part-0.parquet        open findings
    DIR/manifests/421126.json                        county, as-of date, row counts, checksums

The tables are the ones the county's own comparisons read (verification.context.build_context),
so the province runs the same definitions on the same columns.  Only what the
comparisons need leaves the county: no phone numbers of canvass persons, and never
accounts, sessions, task histories or logs.  The export itself is logged.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from renpu.core import province_data
from renpu.core.comparisons.base import SourceTable
from renpu.web.accounts.models import ExportLog
from renpu.web.canvass.models import Village
from renpu.web.verification import context, models

TABLES = province_data.TABLES


class ExportError(ValueError):
    """The store cannot be exported as one county (the message says why, in Chinese)."""


@dataclass
class Exported:
    county: str
    manifest: Path
    rows: dict[str, int]


def county_code() -> str:
    """The county whose villages the store holds (village codes' first six digits)."""
    counties = sorted({code[:6] for code in Village.objects.values_list("code", flat=True)})
    if not counties:
        raise ExportError("数据库中没有村(居)：请先导入区划代码和摸排表")
    if len(counties) > 1:
        raise ExportError(f"数据库中有 {len(counties)} 个县的村(居)（{'、'.join(counties)}），一次只能导出一个县")
    return counties[0]


def export_province(out: Path, as_of: dt.date | None = None, user_name: str = "") -> Exported:
    county = county_code()
    county_context = context.build_context()
    tables = {
        "persons": county_context.persons.drop_columns(["phone"]),
        "households": county_context.households,
        "absent_members": county_context.absent_members,
        "source_records": _source_records(county_context.sources),
        "findings": _open_findings(),
    }
    path = province_data.write_county(out, county, tables, as_of or dt.date.today(),
                                      {name: source.as_of for name, source in county_context.sources.items()})
    files = json.loads(path.read_text(encoding="utf-8"))["tables"]
    rows = {name: entry["rows"] for name, entry in files.items()}
    ExportLog.objects.create(user_name=user_name or "命令行", what=f"省级比对数据（{county}）→ {out}",
                             rows=sum(rows.values()), masked=False)
    return Exported(county, path, rows)


def _source_records(sources: dict[str, SourceTable]) -> pa.Table:
    """All departments in one table: the common columns, the rest of each record as JSON."""
    parts = []
    for name, source in sorted(sources.items()):
        records = source.records
        common = [c for c in province_data.SOURCE_COLUMNS if c in records.column_names and c != "source"]
        extra = [c for c in records.column_names if c not in common]
        data = [json.dumps({k: _plain(v) for k, v in row.items() if v is not None}, ensure_ascii=False)
                for row in records.select(extra).to_pylist()] if extra else ["{}"] * records.num_rows
        part = records.select(common).append_column("source", pa.array([name] * records.num_rows, pa.string()))
        parts.append(part.append_column("data", pa.array(data, pa.string())))
    empty = province_data.empty("source_records")
    return pa.concat_tables([empty, *(p.select(empty.column_names).cast(empty.schema) for p in parts)])


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _open_findings() -> pa.Table:
    rows = models.Finding.objects.filter(state=models.Finding.OPEN).order_by("pk").values_list(
        "code", "village_id", "canvass_table", "canvass_key", "source", "source_record_id", "source_file",
        "source_row", "id_number", "name", "method", "score", "evidence", "fingerprint")
    columns = province_data.empty("findings").column_names
    values: dict[str, list[Any]] = {c: [] for c in columns}
    for row in rows.iterator(chunk_size=10_000):
        record = dict(zip(columns, row, strict=True))
        record["source_rid"] = str(record["source_rid"]) if record["source_rid"] is not None else None
        record["evidence"] = json.dumps(record["evidence"], ensure_ascii=False, sort_keys=True)
        for column in columns:
            values[column].append(record[column])
    return pa.table(values, schema=province_data.empty("findings").schema)

