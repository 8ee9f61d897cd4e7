"""The nine tables as one workbook, one sheet each, Chinese headers, codes as labels."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from renpu.core import codes
from renpu.core.tables import CODE, TABLES, Column

from .xlsx import SheetWriter, open_workbook


def write_tables(
    path: Path,
    records_by_table: Mapping[str, Iterable[Mapping[str, Any]]],
    on_row: Callable[[], None] | None = None,
) -> dict[str, int]:
    """Write every table of the 一套表 that has records (empty sheets for the rest).

    Returns the number of rows written per table.
    """
    written: dict[str, int] = {}
    workbook = open_workbook(str(path))
    try:
        for table in TABLES:
            sheet = SheetWriter(workbook, table.label, [c.label for c in table.columns])
            converters = [_converter(c) for c in table.columns]
            for record in records_by_table.get(table.name, ()):
                sheet.write([convert(record.get(c.field)) for c, convert in zip(table.columns, converters, strict=True)])
                if on_row is not None:
                    on_row()
            written[table.name] = sheet.finish()
    finally:
        workbook.close()
    return written


def _converter(column: Column) -> Callable[[Any], Any]:
    if column.kind == CODE and column.code_list:
        labels = dict(codes.ALL_CODE_LISTS[column.code_list].items)
        return lambda value: labels.get(str(value), value) if value not in (None, "") else None
    return lambda value: value
