"""One writer of change history: browser edits and imports write through ``canvass.history``, spelling values alike."""

from __future__ import annotations

import ast
import datetime as dt

from renpu.web.canvass import history
from tests.codebase import SRC


def _writes_history(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == "Change":
                return True
            if (isinstance(func, ast.Attribute) and func.attr in ("create", "bulk_create", "update_or_create")
                    and isinstance(func.value, ast.Attribute) and isinstance(func.value.value, ast.Name)
                    and func.value.value.id == "Change"):
                return True
    return False


def test_only_history_writes_change_rows():
    writers = {str(path.relative_to(SRC)) for path in SRC.rglob("*.py")
               if path.parent.name != "migrations" and _writes_history(ast.parse(path.read_text(encoding="utf-8")))}
    assert writers == {"web/canvass/history.py"}


def test_one_spelling_of_every_value():
    assert [history.text(v) for v in (None, True, False, dt.date(2020, 11, 1), dt.datetime(2020, 11, 1, 8, 30), 7, "甲")] \
        == ["", "1", "0", "2020-11-01", "2020-11-01T08:30:00", "7", "甲"]
