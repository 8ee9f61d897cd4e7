"""Comparisons on hand-made tables: what each finds, and the review list."""

import datetime as dt

import pyarrow as pa

from renpu.core import names
from renpu.core.comparisons import runner
from renpu.core.comparisons.base import Context, SourceTable

V = "421126100201"


def persons(*rows):
    base = {"household_key": "H1", "village_code": V, "group": "1", "collective": False, "id_problem": None,
            "relationship": "0", "registration_place": "1", "time_away": "1", "status": "1", "status_date": None,
            "unregistered": None, "phone": None, "address": None}
    return pa.Table.from_pylist([{**base, **r, "name_py": names.pinyin_key(r["name"])} for r in rows])


def deaths(*rows):
    return SourceTable("civil", pa.Table.from_pylist(
        [{"file": "死亡.xlsx", "row": i + 2, "village_code": V, "sex": "2", "death_date": None, **r, "name_py": names.pinyin_key(r["name"])}
         for i, r in enumerate(rows)]))


def test_dead_person_still_listed_is_found():
    context = Context(persons({"rid": "P1", "name": "王秀英", "id_number": "421126193001011229", "sex": "2",
                               "birth_date": dt.date(1930, 1, 1)}),
                      sources={"civil": deaths({"rid": "D1", "name": "王秀英", "id_number": "421126193001011229",
                                                "birth_date": dt.date(1930, 1, 1), "death_date": dt.date(2020, 5, 1)})})
    result = runner.run(context, ["civil"])
    (finding,) = result.findings
    assert (finding.code, finding.canvass_key, finding.source_row, finding.method) == ("civil.deceased_listed", "P1", 2, "exact_id")


def test_undecidable_pairs_go_to_the_review_list_not_to_a_guess():
    born = dt.date(1990, 7, 4)
    context = Context(persons({"rid": "P1", "name": "陈静", "id_number": None, "sex": "2", "birth_date": born}),
                      sources={"civil": deaths({"rid": "D1", "name": "陈静", "id_number": None, "birth_date": born},
                                               {"rid": "D2", "name": "陈静", "id_number": None, "birth_date": born})})
    result = runner.run(context, ["civil"])
    codes = sorted(f.code for f in result.findings)
    assert codes == ["linkage.review", "linkage.review"]
    assert {f.source_row for f in result.findings} == {2, 3}
    assert "疑似" in result.notes["review"] or "2" in result.notes["review"]


def test_missing_source_is_reported_not_everyone_missing():
    context = Context(persons({"rid": "P1", "name": "王秀英", "id_number": None, "sex": "2", "birth_date": None}))
    result = runner.run(context, ["police"])
    assert result.findings == []
    assert "未比对" in result.notes["police"]
