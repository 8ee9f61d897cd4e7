"""`renpu export province` refuses a store that is not one county, and writes nothing."""

from __future__ import annotations

import pytest

from renpu.web.canvass.models import Township, Village
from renpu.web.province.exporting import ExportError, export_province


@pytest.mark.django_db
def test_export_refuses_a_store_without_villages_or_with_two_counties(tmp_path):
    with pytest.raises(ExportError, match="没有村"):
        export_province(tmp_path)
    for code in ("421126100201", "421125100201"):
        Village.objects.create(code=code, name="村", township=Township.objects.get_or_create(
            code=code[:9], defaults={"name": "镇"})[0])
    with pytest.raises(ExportError, match="2 个县"):
        export_province(tmp_path)
    assert not any(tmp_path.iterdir())
