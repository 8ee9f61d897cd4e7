"""Every stored record of one typed table, for the export of the 一套表 (tables 8 and 9 are ``summaries``')."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from renpu.core.tables import TABLES_BY_NAME

from .models import MODEL_FOR_TABLE, Person, Village


def table_records(table_name: str) -> Iterator[dict[str, Any]]:
    """Every stored record of one typed table, as field → value, in key order."""
    table = TABLES_BY_NAME[table_name]
    model = MODEL_FOR_TABLE[table_name]
    query = model._default_manager.all()
    if model is Person:
        query = query.filter(**{"collective": table_name == "collective_person"})
    village_names = dict(Village.objects.values_list("code", "name"))
    model_fields = {f.name for f in model._meta.concrete_fields}
    wanted = [f for f in table.fields if f in model_fields] + ["village_id"]
    for values in query.order_by(table.key or "pk").values(*wanted).iterator(chunk_size=5_000):
        values["village_code"] = values.pop("village_id")
        values["village_name"] = village_names.get(values["village_code"], "")
        yield values
