"""Hostile and odd files, small: each is imported, or refused in Chinese with the store unchanged.

The same files as ``benchmarks/hostile_files.py`` builds full size (a 1 GiB zip bomb,
1,048,576 rows, a 10 MB cell), here small enough for every run of the suite.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks import hostile_files as hostile
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from renpu.importers import bounds, read_canvass
from renpu.web.canvass.importing import import_canvass_file
from renpu.web.canvass.models import Person, Township, Village


@pytest.fixture
def store(db, settings, tmp_path):
    settings.RENPU_HOME = str(tmp_path / "home")
    township = Township.objects.create(code="421126102", name="蕲州镇")
    Village.objects.create(code=hostile.VILLAGE, name=hostile.VILLAGE_NAME, township=township)
    base = hostile.write_xlsx(tmp_path / "底册.xlsx", {"户表": [hostile.HEADER, *hostile.people(3, start=900)]})
    assert import_canvass_file(base, "test").ok
    return tmp_path


def fingerprint() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def originals(home: Path) -> list[Path]:
    return sorted((home / "home" / "originals").rglob("*"))


@pytest.mark.parametrize("case", hostile.CASES, ids=lambda case: case.name)
def test_each_file_is_imported_or_refused_in_chinese(store, case):
    path = case.build(store, True)
    before, kept = fingerprint(), originals(store)
    outcome = import_canvass_file(path, "test")
    assert outcome.ok == case.imported, outcome.message
    if case.imported:
        assert Person.objects.count() > before["canvass.Person"]
        return
    assert case.says in outcome.message
    assert "None" not in outcome.message and "工作表“”" not in outcome.message
    assert any("\u4e00" <= c <= "\u9fff" for c in outcome.message)
    assert fingerprint() == before and originals(store) == kept  # nothing written, no original kept
    assert outcome.report_path is not None and outcome.report_path.exists()  # the problem report says why


def test_an_html_xls_is_read_as_its_table(store):
    result = read_canvass(hostile.html_xls(store, True), {hostile.VILLAGE: hostile.VILLAGE_NAME})
    assert result.ok, result.issues
    persons = result.tables["family_person"]
    assert len(persons) == 30 and persons[0]["name"] == "张0" and persons[0]["_row"] == 3
    assert persons[0]["id_number"] == hostile.make_id(0)  # read as text: all 18 digits


def test_formulas_are_read_as_their_values_and_typed_ones_as_text(store):
    result = read_canvass(hostile.formulas(store, True), {hostile.VILLAGE: hostile.VILLAGE_NAME})
    persons = result.tables["family_person"]
    assert persons[0]["name"] == "张链接"  # =HYPERLINK(…): what Excel shows, never the formula
    assert persons[2]["remarks"] == "=cmd|' /C calc'!A0"  # typed text stays text (exports neutralise it)


def test_rare_characters_and_emoji_are_kept_exactly(store):
    assert import_canvass_file(hostile.rare_characters(store, True), "test").ok
    names = set(Person.objects.values_list("name", flat=True))
    assert {"王𠀀", "𪚥𤭢", "李😀", "赵👨‍👩‍👧"} <= names


def test_traditional_headers_are_read_by_core_hanzi(store):
    result = read_canvass(hostile.traditional_headers(store, True), {hostile.VILLAGE: hostile.VILLAGE_NAME})
    assert result.ok and not [r for r in result.readings for _ in r.left_out]  # 備註 is 备注, not left out
    assert result.tables["family_person"][0]["relationship"] == "0"  # 戶主


def test_a_header_repeated_mid_data_is_skipped_with_a_warning(store):
    result = read_canvass(hostile.header_mid_data(store, True), {hostile.VILLAGE: hostile.VILLAGE_NAME})
    assert result.ok and len(result.tables["family_person"]) == 12
    warning = next(i for i in result.issues if "重复了表头" in i.message)
    assert warning.row == 8 and warning.sheet == "户表"


def test_a_file_name_with_quotes_and_dot_dot_is_kept_inside_the_home(store):
    path = hostile.odd_name(store, True)
    outcome = import_canvass_file(path, "test")
    assert outcome.ok and outcome.batch is not None
    kept = Path(outcome.batch.stored_path)
    assert kept.exists() and (store / "home" / "originals") in kept.parents


def test_an_uploaded_name_cannot_pick_a_folder(tmp_path):
    from renpu.web.transfer.views import _saved

    for name in ("../../evil.xlsx", "..\\..\\evil.xlsx", '"引号".xlsx', "/etc/passwd"):
        saved = _saved(SimpleUploadedFile(name, b"x"))
        assert saved.parent.name.startswith("renpu-upload-") and ".." not in saved.parts


def test_file_level_errors_name_no_empty_sheet_or_row(store):
    path = store / "空.xlsx"
    path.write_bytes(b"")
    outcome = import_canvass_file(path, "test")
    assert not outcome.ok and "None" not in outcome.message and "工作表“”" not in outcome.message
    assert "文件是空的" in outcome.message


@pytest.mark.parametrize(("limit", "value", "says"), [
    ("sheets", 150, "张工作表"), ("rows", 10, "超过上限 10 行"), ("file_bytes", 1000, "超过导入上限"),
    ("unpacked_bytes", 2000, "解压后"),
])
def test_each_limit_refuses_in_chinese(store, monkeypatch, limit, value, says):
    monkeypatch.setattr(bounds, "LIMITS", bounds.Limits(**{limit: value}))
    before = fingerprint()
    build = hostile.header_mid_data if limit == "rows" else hostile.many_sheets
    outcome = import_canvass_file(build(store, True), "test")
    assert not outcome.ok and says in outcome.message
    assert fingerprint() == before


def test_excel_full_sheet_is_said_to_be_cut_off():
    message = bounds.rows_message("户表", bounds.EXCEL_ROWS)
    assert message is not None and "截断" in message and "户表" in message
    assert bounds.rows_message("户表", 60_000) is None


def test_text_limits_fit_the_store():
    """A text the importer lets through fits the column it goes to, on PostgreSQL too."""
    from renpu.core.sources import SOURCE_SPECS
    from renpu.core.tables import KEY, PHONE, TEXT, TYPED_TABLES
    from renpu.web.canvass.models import MODEL_FOR_TABLE
    from renpu.web.sources.models import SourceRecord

    for table in TYPED_TABLES:
        model = MODEL_FOR_TABLE[table.name]
        for column in table.columns:
            if column.kind in (TEXT, KEY, PHONE) and column.field != "village_name":
                width = model._meta.get_field(column.field).max_length
                assert bounds.text_chars(column.field) <= width, (table.name, column.field)
    stored = {f.name: f.max_length for f in SourceRecord._meta.fields if getattr(f, "max_length", None)}
    for spec in SOURCE_SPECS.values():
        for field in spec.fields:
            if field.kind == TEXT and field.field in stored:
                assert bounds.text_chars(field.field) <= stored[field.field], (spec.name, field.field)
