"""Bulk writes (a county's imports) on SQLite: checkpoint the write-ahead log rarely.

Every file of an import is one transaction.  With SQLite's default, the log is
copied back into the database every 1,000 pages (4 MB), so the same hot index
pages of the person table went back to disk after nearly every file.  Checkpointing
every 100,000 pages (about 400 MB) while a command imports took a 1,000,000-person
canvass import from 121 s to 91 s on this project's machine.  Each file stays
all-or-nothing and durable: only the copying back is put off.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

BULK_CHECKPOINT_PAGES = 100_000
DEFAULT_CHECKPOINT_PAGES = 1_000


@contextmanager
def bulk_writing() -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    _checkpoint_every(BULK_CHECKPOINT_PAGES)
    try:
        yield
    finally:
        _checkpoint_every(DEFAULT_CHECKPOINT_PAGES)
        if not connection.in_atomic_block:  # (a checkpoint cannot run inside a transaction)
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")  # copy back now, not at a later reader's cost


def _checkpoint_every(pages: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA wal_autocheckpoint={int(pages)}")
