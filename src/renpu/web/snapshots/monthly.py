"""Monthly snapshots (月度快照): the typed tables frozen as Parquet.

A snapshot is the typed tables as Parquet files (zstd) under
RENPU_HOME/snapshots/<id>-<date>/, plus a ``Snapshot`` row.  Tables are read
with plain SQL (no model instances): a million persons take seconds.  The
changes between two snapshots (核变动) are ``changes.py``'s.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings
from django.db import connection
from django.utils import timezone

from renpu.web.canvass.models import (
    AbsentMember,
    Complex,
    Household,
    Person,
    PersonAway,
    VacantDwelling,
)

from .models import Snapshot

TABLES: dict[str, Any] = {
    "person": Person, "household": Household, "vacant_dwelling": VacantDwelling,
    "absent_member": AbsentMember, "complex": Complex, "person_away": PersonAway,
}
_SKIPPED = {"id", "source_sheet", "source_row"}
_RENAMED = {"village_id": "village_code", "batch_id": "batch"}


def _columns(model: Any) -> list[tuple[str, str]]:
    """(database column, snapshot column) of a model, minus where-in-the-file bookkeeping."""
    return [(f.column, _RENAMED.get(f.column, f.column)) for f in model._meta.concrete_fields if f.column not in _SKIPPED]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def read_table(model: Any) -> pa.Table:
    """The whole table as Arrow, every value as text (one spelling whatever the database)."""
    columns = _columns(model)
    quoted = ", ".join(connection.ops.quote_name(c) for c, _ in columns)
    chunks: list[list[pa.Array]] = [[] for _ in columns]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quoted} FROM {model._meta.db_table} ORDER BY {connection.ops.quote_name('id')}")
        while batch := cursor.fetchmany(100_000):
            for i, values in enumerate(zip(*batch, strict=True)):
                chunks[i].append(_as_text(values))
    return pa.table({name: pa.chunked_array(parts, pa.string())
                     for (_, name), parts in zip(columns, chunks, strict=True)})


def _as_text(values: tuple[Any, ...]) -> pa.Array:
    """A column chunk as strings: SQLite hands back text already, so Arrow converts in bulk."""
    try:
        array = pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.array([_text(v) for v in values], pa.string())
    if pa.types.is_string(array.type) or pa.types.is_null(array.type):
        return array.cast(pa.string())
    if pa.types.is_integer(array.type) or pa.types.is_floating(array.type):
        return array.cast(pa.string())
    return pa.array([_text(v) for v in values], pa.string())  # dates, datetimes, booleans: our spelling


def snapshot_root() -> Path:
    return Path(settings.RENPU_HOME) / "snapshots"


def take_snapshot(label: str = "", as_of: dt.datetime | None = None, created_by: str = "") -> Snapshot:
    """Freeze the typed tables now, labelled ``as_of`` (default now)."""
    as_of = as_of or timezone.now()
    if timezone.is_naive(as_of):
        as_of = timezone.make_aware(as_of)
    snapshot = Snapshot.objects.create(label=label or f"{as_of:%Y-%m} 月度快照", as_of=as_of, created_by=created_by,
                                       folder="")
    folder = snapshot_root() / f"{snapshot.pk:04d}-{as_of:%Y%m%d-%H%M}"
    folder.mkdir(parents=True, exist_ok=True)
    rows, size = {}, 0
    try:
        for name, model in TABLES.items():
            table = read_table(model)
            path = folder / f"{name}.parquet"
            pq.write_table(table, path, compression="zstd", compression_level=9)
            rows[name] = table.num_rows
            size += path.stat().st_size
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        snapshot.delete()
        raise
    snapshot.folder, snapshot.size_bytes, snapshot.rows = str(folder), size, rows
    snapshot.save()
    return snapshot


def load_table(snapshot: Snapshot, name: str) -> pa.Table:
    return pq.read_table(Path(snapshot.folder) / f"{name}.parquet")


def find_snapshot(ref: str) -> Snapshot:
    """A snapshot by id, label or date (YYYY-MM-DD: the latest snapshot as of that day)."""
    ref = ref.strip()
    if ref.isdigit() and (found := Snapshot.objects.filter(pk=int(ref)).first()):
        return found
    if found := Snapshot.objects.filter(label=ref).order_by("-created_at").first():
        return found
    try:
        day = dt.date.fromisoformat(ref)
    except ValueError:
        day = None
    if day is not None:
        end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
        if found := Snapshot.objects.filter(as_of__lt=end).order_by("-as_of", "-created_at").first():
            return found
    raise LookupError(f"没有快照“{ref}”（可用编号、名称或日期；renpu snapshot --list 查看）")


def database_size() -> int | None:
    """The SQLite file's size (with its WAL), for the snapshot-size ratio; None for other databases."""
    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("sqlite3"):
        return None
    path = Path(str(db["NAME"]))
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
