"""The core knows nothing of the web or of file formats (DESIGN.md, Architecture)."""

import ast
from pathlib import Path

import renpu.core

FORBIDDEN = ("django", "python_calamine", "xlsxwriter", "openpyxl", "xlrd", "renpu.web",
             "renpu.importers", "renpu.exporters", "renpu.cli")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_imports_neither_django_nor_excel_libraries():
    core_dir = Path(renpu.core.__file__).parent
    offenders = {
        f"{path.name}: {name}"
        for path in core_dir.rglob("*.py")
        for name in imported_modules(path)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    }
    assert not offenders


def test_the_check_itself_catches_an_import(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("from django.db import models\nimport xlsxwriter\n")
    assert {"django.db", "xlsxwriter"} <= imported_modules(sample)
