"""The schema is declared twice — the nine tables' columns (core.tables) and the store's models — and kept in step here.

Every column of every typed table has its field on its model, with the same
Chinese label, and a coded column takes its choices from its code list.
"""

from __future__ import annotations

import pytest

from renpu.core import codes
from renpu.core.tables import CODE, TYPED_TABLES
from renpu.web.canvass.models import MODEL_FOR_TABLE

# Columns of a file that the store keeps elsewhere: the village as its foreign key (village_id).
KEPT_ELSEWHERE = {"village_code": "village", "village_name": None}


@pytest.mark.parametrize("table", TYPED_TABLES, ids=[t.name for t in TYPED_TABLES])
def test_every_column_has_its_field_with_the_same_label_and_choices(table):
    model = MODEL_FOR_TABLE[table.name]
    problems = []
    for column in table.columns:
        name = KEPT_ELSEWHERE.get(column.field, column.field)
        if name is None:
            continue  # the village's name is the village's, not the record's
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - FieldDoesNotExist, said plainly below
            problems.append(f"{column.field}: no field on {model.__name__}")
            continue
        label = str(field.verbose_name)
        expected = "村(居)委会" if column.field == "village_code" else column.label
        if label != expected:
            problems.append(f"{column.field}: label {label!r}, the table says {expected!r}")
        if column.kind == CODE:
            wanted = codes.ALL_CODE_LISTS[column.code_list or ""].choices()
            if list(field.choices or []) != wanted:
                problems.append(f"{column.field}: choices are not {column.code_list}'s")
        elif getattr(field, "choices", None) and column.field != "village_code":
            problems.append(f"{column.field}: choices on a column that has no code list")
    assert problems == []


def test_the_check_notices_a_drifted_label(monkeypatch):
    from renpu.web.canvass.models import Person

    monkeypatch.setattr(Person._meta.get_field("name"), "verbose_name", "名字")
    from renpu.core.tables import FAMILY_PERSON

    with pytest.raises(AssertionError):
        test_every_column_has_its_field_with_the_same_label_and_choices(FAMILY_PERSON)
