"""Reading renpu's own source: which modules use a name (for the tests that keep one rule in one place)."""

from __future__ import annotations

import ast
from pathlib import Path

import renpu

SRC = Path(renpu.__file__).parent


def names_used(path: Path) -> set[str]:
    """Every name a module imports or calls (``x`` of ``import x``, ``f`` of ``a.b.f()``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found |= {node.module or "", *(f"{node.module}.{a.name}" for a in node.names), *(a.name for a in node.names)}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.Name):
            found.add(node.id)
    return found


def users_of(*names: str) -> set[str]:
    """The modules of renpu that import or call one of ``names`` (a definition alone is no use)."""
    return {str(path.relative_to(SRC)) for path in SRC.rglob("*.py")
            if path.parent.name != "migrations" and names_used(path) & set(names)}


def definers_of(*names: str) -> set[str]:
    """The modules of renpu that define a function or class named one of ``names``."""
    wanted = set(names)
    return {str(path.relative_to(SRC)) for path in SRC.rglob("*.py")
            if any(isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name in wanted
                   for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))}
