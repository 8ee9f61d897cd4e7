"""Bulk imports put off copying the SQLite log back, and restore the default after."""

from __future__ import annotations

import pytest
from django.db import connection

from renpu.web.bulk import BULK_CHECKPOINT_PAGES, DEFAULT_CHECKPOINT_PAGES, bulk_writing


def autocheckpoint() -> int:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        return int(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
def test_checkpoints_are_rare_while_importing_and_normal_after():
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")
    assert autocheckpoint() == DEFAULT_CHECKPOINT_PAGES
    with bulk_writing():
        assert autocheckpoint() == BULK_CHECKPOINT_PAGES
    assert autocheckpoint() == DEFAULT_CHECKPOINT_PAGES


@pytest.mark.django_db(transaction=True)
def test_the_default_comes_back_when_an_import_fails():
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")
    with pytest.raises(RuntimeError), bulk_writing():
        raise RuntimeError("a file failed")
    assert autocheckpoint() == DEFAULT_CHECKPOINT_PAGES
