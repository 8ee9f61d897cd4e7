"""Derived columns filled for rows stored before the column existed (used by migrations)."""

from __future__ import annotations

from typing import Any

from .models import derived


def fill_name_pinyin(model: Any, schema_editor: Any) -> None:
    """Set ``name_pinyin`` of every stored row of ``model`` (a migration's historical model) from its name.

    By primary key: ``name`` has no index, and a million rows must not be scanned once per name.
    """
    table = schema_editor.quote_name(model._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, name FROM {table} WHERE name <> ''")
        rows = cursor.fetchall()
        keys = {name: derived(name)["name_pinyin"] for name in {name for _, name in rows}}
        cursor.executemany(f"UPDATE {table} SET name_pinyin = %s WHERE id = %s", [(keys[name], pk) for pk, name in rows])
