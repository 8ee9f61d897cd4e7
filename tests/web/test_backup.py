"""`renpu backup` / `renpu restore`: a round trip gives back every row, file and the key.

Run as real commands in their own processes, on SQLite files (the suite's own
database is pytest's).  The store is the 0.1.0 release database migrated by
`renpu init` — persons, change history, accounts, findings, tasks, an export
log — plus kept originals.  ``files/backup-current.zip`` is a backup made by
this code (of that store); later releases must keep restoring it.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from .test_release_database import READ_BACK, RELEASE_0_1_0, _renpu, _run

KEPT_BACKUP = Path(__file__).parent / "files" / "backup-current.zip"


def rows_of(database: Path) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: what must come back identical."""
    with sqlite3.connect(database) as connection:
        tables = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {t: sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
                for t in tables if t != "renpu_cache"}


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A home with the release store, upgraded, and a kept original."""
    home = tmp_path / "home"
    (home / "originals" / "202010").mkdir(parents=True)
    shutil.copy(RELEASE_0_1_0, home / "renpu.sqlite3")
    (home / "originals" / "202010" / "abc_张家湾村.xlsx").write_bytes(b"PK original bytes")
    (home / "secret_key").write_text("the-installation-key-0123456789")
    done = _renpu("--db", str(home / "renpu.sqlite3"), "init", home=home)
    assert done.returncode == 0, done.stderr
    return home


def test_round_trip_gives_back_every_row_file_and_the_key(home, tmp_path):
    bundle = tmp_path / "备份" / "renpu.zip"
    made = _renpu("--db", str(home / "renpu.sqlite3"), "backup", "--out", str(bundle), home=home)
    assert made.returncode == 0, made.stderr
    assert bundle.stat().st_mode & 0o077 == 0  # it holds ID numbers and the key: owner only
    target = tmp_path / "restored"
    back = _renpu("--home", str(target), "restore", str(bundle), home=target)
    assert back.returncode == 0, back.stderr
    before, after = rows_of(home / "renpu.sqlite3"), rows_of(target / "renpu.sqlite3")
    assert before.keys() == after.keys() and before == after  # persons, history, accounts, findings, tasks
    assert sum(len(rows) for rows in before.values()) > 500
    assert (target / "originals" / "202010" / "abc_张家湾村.xlsx").read_bytes() == b"PK original bytes"
    assert (target / "secret_key").read_text() == "the-installation-key-0123456789"
    with sqlite3.connect(target / "renpu.sqlite3") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_restore_refuses_a_home_that_is_not_empty_and_changes_nothing(home, tmp_path):
    bundle = tmp_path / "b.zip"
    assert _renpu("--db", str(home / "renpu.sqlite3"), "backup", "--out", str(bundle), home=home).returncode == 0
    before = rows_of(home / "renpu.sqlite3")
    refused = _renpu("--home", str(home), "restore", str(bundle), home=home)
    assert refused.returncode != 0 and "不是空的" in refused.stderr
    assert rows_of(home / "renpu.sqlite3") == before


def test_a_damaged_backup_is_refused(home, tmp_path):
    bundle = tmp_path / "b.zip"
    assert _renpu("--db", str(home / "renpu.sqlite3"), "backup", "--out", str(bundle), home=home).returncode == 0
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data.replace(b"the-installation-key", b"an-altered-secret-key"))
    refused = _renpu("--home", str(tmp_path / "new"), "restore", str(damaged), home=tmp_path / "new")
    assert refused.returncode != 0 and "校验不符" in refused.stderr
    not_a_backup = tmp_path / "x.zip"
    not_a_backup.write_bytes(b"garbage")
    refused = _renpu("--home", str(tmp_path / "new2"), "restore", str(not_a_backup), home=tmp_path / "new2")
    assert refused.returncode != 0 and "不是完整的 renpu 备份文件" in refused.stderr


WRITER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
connection.execute("CREATE TABLE IF NOT EXISTS load_probe (n INTEGER)")
deadline = time.time() + float(sys.argv[2])
n = 0
while time.time() < deadline:
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany("INSERT INTO load_probe VALUES (?)", [(n,)] * 100)
    connection.execute("COMMIT")
    n += 1
print(n)
"""


def test_a_backup_while_another_process_writes_is_consistent(home, tmp_path):
    """What `renpu serve` does while the nightly backup runs: writers keep writing."""
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(home / "renpu.sqlite3"), "6"],
                              stdout=subprocess.PIPE, text=True)
    results = []
    thread = threading.Thread(target=lambda: results.append(
        _renpu("--db", str(home / "renpu.sqlite3"), "backup", "--out", str(tmp_path / "live.zip"), home=home)))
    thread.start()
    thread.join()
    writer.wait(timeout=60)
    assert results[0].returncode == 0, results[0].stderr
    target = tmp_path / "restored"
    assert _renpu("--home", str(target), "restore", str(tmp_path / "live.zip"), home=target).returncode == 0
    with sqlite3.connect(target / "renpu.sqlite3") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        copied = connection.execute("SELECT count(*) FROM load_probe").fetchone()[0]
    assert copied % 100 == 0  # whole transactions only


def test_a_backup_made_by_this_release_restores_and_reads_back(tmp_path):
    target = tmp_path / "restored"
    back = _renpu("--home", str(target), "restore", str(KEPT_BACKUP), home=target)
    assert back.returncode == 0, back.stderr
    read = _run(["-c", READ_BACK, str(target / "renpu.sqlite3")], target)
    assert read.returncode == 0, read.stderr
    found = json.loads(read.stdout)
    assert found["persons"] == 235 and found["findings"] == 17 and found["tasks"] == 17
    assert found["roles"] == ["county", "township", "village"] and found["exports"] == 1


POSTGRES = __import__("os").environ.get("RENPU_DATABASE_URL", "")


@pytest.mark.skipif(not POSTGRES.startswith("postgres"), reason="make test-postgres runs it")
def test_round_trip_on_postgresql(tmp_path):
    import psycopg

    base = POSTGRES.rsplit("/", 1)[0]
    names = ("renpu_backup_source", "renpu_backup_target")
    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        for name in names:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")
            admin.execute(f"CREATE DATABASE {name}")
    source, target = (f"{base}/{name}" for name in names)
    try:
        home = tmp_path / "home"
        from benchmarks import hostile_files as files

        geography = files.write_xlsx(tmp_path / "区划.xlsx", {"区划": [["区划代码", "名称"], ["421126102", "蕲州镇"],
                                                                     [files.VILLAGE, files.VILLAGE_NAME]]})
        canvass = files.write_xlsx(tmp_path / "户表.xlsx", {"户表": [files.HEADER, *files.people(30)]})
        for args in (("import", "geography", str(geography)), ("import", "canvass", str(canvass)),
                     ("users", "add", "zhao", "--password", "correct-horse-42", "--role", "county")):
            done = _renpu("--db", source, "--home", str(home), *args, home=home)
            assert done.returncode == 0, done.stderr
        made = _renpu("--db", source, "--home", str(home), "backup", "--out", str(tmp_path / "pg.zip"), home=home)
        assert made.returncode == 0, made.stderr
        back = _renpu("--db", target, "--home", str(tmp_path / "restored"), "restore", str(tmp_path / "pg.zip"),
                      home=tmp_path / "restored")
        assert back.returncode == 0, back.stderr
        rows = _pg_rows(source)
        assert len(rows["canvass_person"]) == 30 and rows == _pg_rows(target)
        again = _renpu("--db", target, "--home", str(tmp_path / "other"), "restore", str(tmp_path / "pg.zip"),
                       home=tmp_path / "other")
        assert again.returncode != 0 and "不是空的" in again.stderr and not (tmp_path / "other").exists()
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            for name in names:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _pg_rows(url: str) -> dict[str, list[tuple]]:
    import psycopg

    with psycopg.connect(url) as connection:
        tables = [r[0] for r in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'renpu_cache'")]
        return {t: sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
