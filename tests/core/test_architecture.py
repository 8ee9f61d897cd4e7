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


# The generator and the importer are written independently: synth's variation rules must not
# be drawn from the importer's spellings (its aliases, synonyms and reading rules), or the
# synthetic county would only test that the importer agrees with itself.
SYNTH_FORBIDDEN = ("renpu.importers", "renpu.core.variants", "renpu.core.hanzi")
IMPORTER_DATA = {"synonyms", "forms", "label_forms", "forms_table", "vocabulary", "KEY_WORDS", "read"}


def _attributes(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}


def test_the_generator_reads_none_of_the_importers_spellings():
    import renpu.synth

    synth_dir = Path(renpu.synth.__file__).parent
    offenders = set()
    for path in synth_dir.rglob("*.py"):
        offenders |= {f"{path.name}: {name}" for name in imported_modules(path)
                      if any(name == f or name.startswith(f + ".") for f in SYNTH_FORBIDDEN)}
        offenders |= {f"{path.name}: .{name}" for name in _attributes(path) & IMPORTER_DATA}
        if "header_aliases" in path.read_text(encoding="utf-8"):
            offenders.add(f"{path.name}: header_aliases")
    assert not offenders


def test_the_generator_check_catches_a_synonym_lookup(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("from renpu.core import codes\nx = codes.SEX.synonyms\nfrom renpu.importers import headers\n")
    assert "synonyms" in _attributes(sample) and "renpu.importers" in imported_modules(sample)
