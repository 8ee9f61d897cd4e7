"""Any list to .xlsx, ID numbers masked by role, every export logged (ExportLog)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.http import FileResponse
from django.utils import timezone

from renpu.exporters.xlsx import SheetWriter, open_workbook

from . import masking
from .models import ExportLog


def xlsx_response(
    user: User, what: str, headers: Sequence[str], rows: Iterable[Sequence[Any]],
    id_columns: Sequence[int] = (),
) -> FileResponse:
    """Write ``rows`` to a workbook, mask ID columns for the role, log, and send it."""
    full = masking.full_ids_in_lists(user)
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)  # noqa: SIM115 - FileResponse closes it
    handle.close()
    workbook = open_workbook(handle.name)
    writer = SheetWriter(workbook, what, headers)
    for row in rows:
        values = list(row)
        if not full:
            for column in id_columns:
                values[column] = masking.mask(str(values[column] or ""))
        writer.write(values)
    count = writer.finish()
    workbook.close()
    ExportLog.objects.create(user=user, user_name=user.get_username(), what=what, rows=count, masked=not full)
    name = f"{what}_{timezone.localtime():%Y%m%d-%H%M}.xlsx"
    response = FileResponse(_deleting(Path(handle.name)), as_attachment=True, filename=name)
    return response


def file_response(user: User, what: str, path: Path, rows: int, masked: bool) -> FileResponse:
    """Send a report already written to ``path`` (removed once sent), logged like every export."""
    ExportLog.objects.create(user=user, user_name=user.get_username(), what=what, rows=rows, masked=masked)
    name = f"{what}_{timezone.localtime():%Y%m%d-%H%M}{path.suffix}"
    return FileResponse(_deleting(path), as_attachment=True, filename=name)


def temporary_path(suffix: str) -> Path:
    """A fresh file name for a report written before it is sent."""
    handle = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)  # noqa: SIM115 - removed by file_response
    handle.close()
    return Path(handle.name)


def _deleting(path: Path) -> Any:
    """A file object whose file is removed once the response has read it."""
    stream = path.open("rb")
    path.unlink()  # POSIX: the open handle still reads the data
    return stream
