"""Import one file into the store: parse, keep the original, load all or nothing.

Shared by the CLI and the web upload page, so both give the same outcome and
the same error report; a file that is in says the store changed (``renpu.web.signals``).
"""

from __future__ import annotations

import multiprocessing
import shutil
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from renpu import importers
from renpu.core import geography
from renpu.importers.canvass import file_sha256
from renpu.web.signals import IMPORTED, say_store_changed

from . import loading
from .models import Building, Dwelling, EnumerationArea, ImportBatch, Township, Village


@dataclass
class FileOutcome:
    path: Path
    ok: bool
    message: str
    batch: ImportBatch | None = None
    issues: list[importers.ImportIssue] = field(default_factory=list)
    report_path: Path | None = None
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    missing_keys: dict[str, list[str]] = field(default_factory=dict)
    columns: str = ""  # how the columns were read: mapped by rule, not imported, warnings


def keep_original(path: Path, digest: str) -> Path:
    """Copy the file as received under RENPU_HOME/originals (never modified)."""
    folder = Path(settings.RENPU_HOME) / "originals" / timezone.now().strftime("%Y%m")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{digest[:12]}_{path.name}"
    if not target.exists():
        shutil.copy2(path, target)
    return target


def write_report(path: Path, issues: list[importers.ImportIssue]) -> Path:
    folder = Path(settings.RENPU_HOME) / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    report = folder / f"{timezone.now():%Y%m%d-%H%M%S}_{path.stem}_问题清单.xlsx"
    importers.write_issue_report(report, issues)
    return report


def known_villages() -> dict[str, str] | None:
    """Village code → name from the store, or None when there is no store yet (nothing is created)."""
    from django.db import DatabaseError

    database = settings.DATABASES["default"]
    name = str(database["NAME"])
    if database["ENGINE"].endswith("sqlite3") and "memory" not in name and not Path(name).exists():
        return None
    try:
        villages = dict(Village.objects.values_list("code", "name"))
    except DatabaseError:  # not migrated yet
        return None
    return villages or None


def parse_ahead(paths: list[Path], workers: int = 2,
                ignore_columns: tuple[str, ...] = ()) -> Iterator[tuple[Path, importers.CanvassImport]]:
    """Parse files in worker processes while the caller loads earlier ones (SQLite has one writer).

    At most ``2 × workers`` parsed files wait in memory.
    """
    villages = dict(Village.objects.values_list("code", "name"))
    context = multiprocessing.get_context("forkserver")  # never fork a process that holds DB connections
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque[tuple[Path, Future[importers.CanvassImport]]] = deque()
        for path in paths:
            pending.append((path, pool.submit(partial(importers.read_canvass, ignore_columns=ignore_columns),
                                              path, villages)))
            if len(pending) >= 2 * workers:
                done_path, future = pending.popleft()
                yield done_path, future.result()
        while pending:
            done_path, future = pending.popleft()
            yield done_path, future.result()


def import_canvass_file(path: Path, user_name: str = "", force: bool = False,
                        parsed: importers.CanvassImport | None = None,
                        ignore_columns: tuple[str, ...] = ()) -> FileOutcome:
    """Import one file; ``parsed`` is its already parsed content (see ``parse_ahead``)."""
    digest = parsed.sha256 if parsed is not None else file_sha256(path)
    previous = ImportBatch.objects.filter(sha256=digest, kind="canvass").first()
    if previous and not force:
        return FileOutcome(path, True, f"文件与批次 #{previous.pk}（{previous.imported_at:%Y-%m-%d %H:%M}）完全相同，未重复导入")
    result = parsed if parsed is not None else importers.read_canvass(
        path, dict(Village.objects.values_list("code", "name")), ignore_columns=ignore_columns)
    if not result.ok:
        refusal = refused(path, result.issues)
        refusal.columns = result.column_summary()
        return refusal
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            kind="canvass", file_name=path.name, sha256=digest,
            stored_path=str(keep_original(path, digest)), imported_by=user_name,
        )
        outcome = loading.load_records(result.tables, batch, user_name)
        _record_buildings(result.tables)
    say_store_changed(import_canvass_file, IMPORTED)
    missing = _missing_keys(result.tables)
    report = write_report(path, result.issues) if result.issues else None
    return FileOutcome(
        path, True, "导入成功", batch, result.issues, report,
        outcome.total("added"), outcome.total("changed"), outcome.total("unchanged"), missing,
        result.column_summary(),
    )


def refused(path: Path, issues: list[importers.ImportIssue]) -> FileOutcome:
    errors = [i for i in issues if i.severity == "error"]
    report = write_report(path, issues)
    first = errors[0] if errors else None
    where = f"（第一处：{importers.issue_place(first)}{first.message}）" if first else ""
    return FileOutcome(path, False, f"{len(errors)} 处错误，整个文件未导入{where}", issues=issues, report_path=report)


def _missing_keys(tables: dict[str, list[dict]]) -> dict[str, list[str]]:
    from renpu.core.tables import TABLES_BY_NAME

    missing: dict[str, list[str]] = {}
    for name, records in tables.items():
        if not records:
            continue
        key = TABLES_BY_NAME[name].key or ""
        villages = {r["village_code"] for r in records}
        keys = loading.keys_missing_from(name, villages, {r[key] for r in records})
        if keys:
            missing[name] = keys
    return missing


def _record_buildings(tables: dict[str, list[dict]]) -> None:
    """Buildings and dwellings the canvass names (the mapping import marks them mapped).

    ``ON CONFLICT DO NOTHING`` (SQLite and PostgreSQL alike): known ones are left as they are.
    """
    rows = [*tables.get("household", ()), *tables.get("vacant_dwelling", ())]
    buildings = {r["building_code"]: r.get("enumeration_area") or "" for r in rows if r.get("building_code")}
    dwellings = {(r["building_code"], str(r.get("dwelling_number") or "")) for r in rows if r.get("building_code")}
    building_table, dwelling_table = Building._meta.db_table, Dwelling._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {building_table} (code, enumeration_area, address, mapped) VALUES (%s, %s, '', %s) "
            "ON CONFLICT DO NOTHING",
            [(code, area, False) for code, area in buildings.items()],
        )
        cursor.executemany(
            f"INSERT INTO {dwelling_table} (building_id, number) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            sorted(dwellings),
        )


def import_geography_file(path: Path) -> FileOutcome:
    """区划代码表: townships (9 digits), villages (12) and enumeration areas (15)."""
    known = [*Township.objects.values_list("code", flat=True), *Village.objects.values_list("code", flat=True)]
    result = importers.read_geography(path, known)
    if not result.ok:
        return refused(path, result.issues)
    areas = sorted(result.areas, key=lambda a: len(a.code))
    with transaction.atomic():
        for area in areas:
            _save_area(area)
    say_store_changed(import_geography_file, IMPORTED)
    counts = {level: sum(1 for a in areas if a.level == level) for level in ("乡镇", "村(居)", "普查小区")}
    return FileOutcome(path, True, "区划导入成功：" + "，".join(f"{k} {v} 个" for k, v in counts.items()))


def _save_area(area: geography.Area) -> None:
    if len(area.code) == 9:
        Township.objects.update_or_create(code=area.code, defaults={"name": area.name})
    elif len(area.code) == 12:
        Village.objects.update_or_create(code=area.code, defaults={"name": area.name, "township_id": area.code[:9]})
    elif len(area.code) == 15:
        EnumerationArea.objects.update_or_create(code=area.code, defaults={"name": area.name, "village_id": area.code[:12]})
