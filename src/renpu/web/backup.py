"""One file holding an installation: the database, the kept originals, reports, snapshots and the key.

``make_backup`` works while the server runs: SQLite's online backup API copies
a consistent snapshot page by page (writers keep writing; WAL included), and
PostgreSQL's ``pg_dump`` reads one transaction's snapshot.  ``restore`` puts
it all back into an empty home (and an empty PostgreSQL database), then the
caller migrates (a backup of an older release is upgraded like its database).

The file is a ZIP: ``manifest.json`` (version, engine, row counts per table,
sha256 of every member), ``database/renpu.sqlite3`` or ``database/renpu.pgdump``,
``home/…``.  It is written beside its target and renamed when complete, so a
backup cut off by a crash or a full disk never looks whole.  It holds every
resident's ID number and the signing key: keep it like the server itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

FORMAT = 1
SQLITE_MEMBER = "database/renpu.sqlite3"
PGDUMP_MEMBER = "database/renpu.pgdump"
# Home folders that are made again (static files) or are the database itself.
_NOT_KEPT = {"static", "renpu.sqlite3", "renpu.sqlite3-wal", "renpu.sqlite3-shm", "renpu.sqlite3-journal"}
_PACKED = {".xlsx", ".xlsm", ".xls", ".parquet", ".zip", ".pdf", ".gz"}  # already compressed: stored


class BackupError(Exception):
    """Backup or restore cannot go on; the message is Chinese and says what to do."""


@dataclass
class Summary:
    path: Path
    engine: str
    tables: dict[str, int]
    files: int


def _engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


def table_counts() -> dict[str, int]:
    """Rows of every table of the store (the cache table excepted): what a restore must give back."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table == "renpu_cache":
                continue
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def make_backup(out: Path) -> Summary:
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    home = Path(settings.RENPU_HOME)
    partial = out.with_name(f".{out.name}.partial")
    try:
        with tempfile.TemporaryDirectory(prefix="renpu-backup-", dir=out.parent) as scratch, \
                zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            digests: dict[str, str] = {}
            engine = _engine()
            if engine == "sqlite":
                database, member = _sqlite_copy(Path(scratch)), SQLITE_MEMBER
            else:
                database, member = _pg_dump(Path(scratch)), PGDUMP_MEMBER
            counts = _counts_of(database) if engine == "sqlite" else table_counts()
            _add(archive, database, member, digests)
            files = 0
            for path in sorted(_home_files(home, out)):
                _add(archive, path, "home/" + path.relative_to(home).as_posix(), digests)
                files += 1
            if not (home / "secret_key").exists():  # the key was given as RENPU_SECRET_KEY
                data = settings.SECRET_KEY.encode()
                archive.writestr("home/secret_key", data)
                digests["home/secret_key"] = hashlib.sha256(data).hexdigest()
            manifest = {"format": FORMAT, "renpu": version("renpu"), "made_at": timezone.now().isoformat(),
                        "engine": engine, "tables": counts, "sha256": digests}
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        os.chmod(partial, 0o600)
        os.replace(partial, out)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"备份文件写不进去（{error.strerror or error}）：请检查 {out.parent} 的磁盘空间和权限") from error
    return Summary(out, engine, counts, files)


def _home_files(home: Path, out: Path) -> list[Path]:
    found = []
    for path in home.rglob("*"):
        top = path.relative_to(home).parts[0]
        if path.is_file() and top not in _NOT_KEPT and not path.name.endswith(".partial") and path != out:
            found.append(path)
    return found


def _add(archive: zipfile.ZipFile, path: Path, member: str, digests: dict[str, str]) -> None:
    digest = hashlib.sha256()
    kind = zipfile.ZIP_STORED if path.suffix.lower() in _PACKED else zipfile.ZIP_DEFLATED
    info = zipfile.ZipInfo(member, _now())
    info.compress_type = kind
    with path.open("rb") as source, archive.open(info, "w", force_zip64=True) as target:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
            target.write(block)
    digests[member] = digest.hexdigest()


def _now() -> tuple[int, int, int, int, int, int]:
    now = timezone.localtime()
    return (now.year, now.month, now.day, now.hour, now.minute, now.second)


def _sqlite_copy(scratch: Path) -> Path:
    """The online backup API: a consistent copy while the server reads and writes."""
    target = scratch / "renpu.sqlite3"
    source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]), timeout=60)
    try:
        with sqlite3.connect(str(target)) as copy:
            source.backup(copy, pages=4096)  # in steps: writers are let in between them
        with sqlite3.connect(str(target)) as copy:
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        source.close()
    return target


def _counts_of(database: Path) -> dict[str, int]:
    with sqlite3.connect(str(database)) as copy:
        tables = [r[0] for r in copy.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: copy.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables if t != "renpu_cache"}


# --- PostgreSQL ---------------------------------------------------------------------------


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore; the password goes by environment, not argv."""
    database = settings.DATABASES["default"]
    args = ["--dbname", str(database["NAME"])]
    if database.get("HOST"):
        args += ["--host", str(database["HOST"])]
    if database.get("PORT"):
        args += ["--port", str(database["PORT"])]
    if database.get("USER"):
        args += ["--username", str(database["USER"])]
    env = {**os.environ, "PGPASSWORD": str(database.get("PASSWORD") or "")}
    return args, env


def _major(text: str) -> int:
    match = re.search(r"(\d+)\.\d+", text) or re.search(r"(\d+)", text)
    return int(match.group(1)) if match else 0


def check_pg_tool(tool: str) -> str:
    """The tool's path when its major version can read this server; else a Chinese refusal."""
    found = shutil.which(tool)
    if not found:
        raise BackupError(f"找不到 {tool}：请安装与数据库服务器同版本的 PostgreSQL 客户端（postgresql-client）")
    done = subprocess.run([found, "--version"], capture_output=True, text=True, check=False)
    tool_major = _major(done.stdout)  # "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = str(cursor.fetchone()[0])
    if tool_major < _major(server):
        raise BackupError(f"{tool} 是 {tool_major} 版，数据库服务器是 {server}：旧版的 {tool} 读不了新版服务器，"
                          f"请安装 {_major(server)} 版或更新的 PostgreSQL 客户端")
    return found


def _pg_dump(scratch: Path) -> Path:
    tool = check_pg_tool("pg_dump")
    target = scratch / "renpu.pgdump"
    args, env = _pg_env()
    done = subprocess.run([tool, "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args],
                          capture_output=True, text=True, check=False, env=env)
    if done.returncode:
        raise BackupError(f"pg_dump 失败：{done.stderr.strip()[:300]}")
    return target


# --- restore ------------------------------------------------------------------------------


def read_manifest(bundle: Path) -> dict[str, Any]:
    try:
        with zipfile.ZipFile(bundle) as archive:
            manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
    except (OSError, KeyError, zipfile.BadZipFile, ValueError) as error:
        raise BackupError(f"“{bundle.name}”不是完整的 renpu 备份文件（{error}）：请换一份备份") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份格式 {manifest.get('format')} 不是本版本能读的 {FORMAT}：请用制作它的 renpu 版本恢复")
    return manifest


def check_empty_home(home: Path) -> None:
    if home.exists() and any(home.iterdir()):
        raise BackupError(f"数据目录 {home} 不是空的：恢复只能放进空目录（不覆盖现有数据）。"
                          "请指定新的 --home，或先把现有目录移走")


def unpack(bundle: Path, home: Path, sqlite_target: Path | None) -> dict[str, Any]:
    """Check every member's sha256, then place the home files and an SQLite database.

    Called before Django starts (the key must be in place first).  Returns the manifest.
    """
    manifest = read_manifest(bundle)
    check_empty_home(home)
    if sqlite_target is not None and manifest["engine"] != "sqlite":
        raise BackupError("这份备份来自 PostgreSQL：请用 --db postgres://… 指向一个空数据库再恢复")
    if sqlite_target is not None and sqlite_target.exists():
        raise BackupError(f"数据库文件 {sqlite_target} 已存在：恢复不覆盖现有数据库")
    home.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(bundle) as archive:
        for member, expected in manifest["sha256"].items():
            if member.startswith("home/"):
                target = home / member.removeprefix("home/")
            elif member == SQLITE_MEMBER and sqlite_target is not None:
                target = sqlite_target
            else:
                target = home / ".restore" / Path(member).name
            if ".." in Path(member).parts:
                raise BackupError(f"备份中的“{member}”路径不合法：这不是 renpu 做的备份")
            _extract(archive, member, target, expected)
    return manifest


def _extract(archive: zipfile.ZipFile, member: str, target: Path, expected: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with archive.open(member) as source, target.open("wb") as out:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
            out.write(block)
    if digest.hexdigest() != expected:
        raise BackupError(f"备份中的“{member}”校验不符（文件已损坏）：请换一份备份")
    if target.name == "secret_key":
        os.chmod(target, 0o600)


def restore_postgres(home: Path) -> None:
    """pg_restore the unpacked dump into the (empty) database of the settings."""
    dump = home / ".restore" / Path(PGDUMP_MEMBER).name
    if connection.vendor != "postgresql":
        raise BackupError("这份备份来自 PostgreSQL：请用 --db postgres://… 指向一个空数据库再恢复")
    if connection.introspection.table_names():
        raise BackupError(f"数据库 {settings.DATABASES['default']['NAME']} 不是空的：恢复只能放进空数据库")
    tool = check_pg_tool("pg_restore")
    args, env = _pg_env()
    done = subprocess.run([tool, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", *args, str(dump)],
                          capture_output=True, text=True, check=False, env=env)
    if done.returncode:
        raise BackupError(f"pg_restore 失败：{done.stderr.strip()[:300]}")
    shutil.rmtree(home / ".restore")
