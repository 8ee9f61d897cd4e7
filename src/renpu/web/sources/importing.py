"""Import a department's extract as a dated batch (all or nothing, original kept)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.db import connection, transaction

from renpu.importers.canvass import file_sha256
from renpu.importers.source_files import read_source
from renpu.web.canvass.importing import (
    FileOutcome,
    keep_original,
    refused,
    write_report,
)
from renpu.web.canvass.models import Township, Village, derived
from renpu.web.signals import IMPORTED, say_store_changed

from .models import SourceBatch, SourceRecord

_COMMON = ("id_number", "name", "sex", "birth_date", "village_code")


def import_source_file(source: str, path: Path, user_name: str = "", as_of: dt.date | None = None,
                       force: bool = False) -> FileOutcome:
    digest = file_sha256(path)
    previous = SourceBatch.objects.filter(source=source, sha256=digest).first()
    if previous and not force:
        return FileOutcome(path, True, f"文件与批次 #{previous.pk} 完全相同，未重复导入")
    areas = {**dict(Township.objects.values_list("code", "name")), **dict(Village.objects.values_list("code", "name"))}
    result = read_source(source, path, areas)
    if not result.ok:
        return refused(path, result.issues)
    with transaction.atomic():
        batch = SourceBatch.objects.create(
            source=source, file_name=path.name, sha256=digest, stored_path=str(keep_original(path, digest)),
            as_of=as_of, imported_by=user_name, rows=len(result.records),
        )
        _insert(batch, result.records)
    say_store_changed(import_source_file, IMPORTED)
    report = write_report(path, result.issues) if result.issues else None
    return FileOutcome(path, True, "导入成功", None, result.issues, report, added=len(result.records))


def _insert(batch: SourceBatch, records: list[dict[str, Any]]) -> None:
    """Bulk insert (a police extract is a million rows): executemany, not the ORM."""
    import json

    table = SourceRecord._meta.db_table
    columns = ["batch_id", "source", "row", "id_number", "id_problem", "name", "name_pinyin", "sex", "birth_date",
               "village_id", "data"]
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    adapt = connection.ops.adapt_datefield_value
    keys: dict[str | None, str] = {}  # a county has far fewer names than records

    def pinyin(name: str | None) -> str:
        if name not in keys:
            keys[name] = derived(name)["name_pinyin"]
        return keys[name]

    rows = []
    for record in records:
        data = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in record.items()
                if k not in _COMMON and not k.startswith("_") and v not in (None, "")}
        rows.append([batch.pk, batch.source, record["_row"], record.get("id_number") or "",
                     record.get("id_number_problem", ""), record.get("name") or "", pinyin(record.get("name")),
                     record.get("sex") or "",
                     adapt(record.get("birth_date")), record.get("village_code"),
                     json.dumps(data, ensure_ascii=False)])
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 50_000):
            cursor.executemany(sql, rows[start:start + 50_000])
