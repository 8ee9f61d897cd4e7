from __future__ import annotations

import csv
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from renpu.core import tables
from renpu.synth import generate
from renpu.synth.writers import HEADER_VARIANTS

# Every header text a synthetic workbook may use → field name.
_FIELDS = {c.label: c.field for t in tables.TYPED_TABLES for c in t.columns}
for _field, _variants in HEADER_VARIANTS.items():
    _FIELDS.update(dict.fromkeys(_variants, _field))


@pytest.fixture(scope="session")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("county")
    generate(out, persons=20_000, seed=7)
    return out


def read_sheets(path: Path) -> dict[str, tuple[int, list[dict[str, object]]]]:
    """sheet → (Excel row of the first data row, rows as {field: value})."""
    book = CalamineWorkbook.from_path(str(path))
    result = {}
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        header_at = next(i for i, r in enumerate(rows) if r and str(r[0]) in _FIELDS and len([c for c in r if c]) > 3)
        fields = [_FIELDS.get(str(c), str(c)) for c in rows[header_at]]
        data = [dict(zip(fields, r, strict=False)) for r in rows[header_at + 1 :]]
        result[name] = (header_at + 2, data)
    return result


def canvass(out: Path) -> dict[str, dict[str, tuple[int, list[dict[str, object]]]]]:
    return {str(p.relative_to(out)): read_sheets(p) for p in sorted((out / "canvass").glob("*/*.xlsx"))}


def read_csv(path: Path, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))
