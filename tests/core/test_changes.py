import datetime as dt

import pyarrow as pa

from renpu.core import changes


def table(rows):
    columns = changes.PERSON_COLUMNS
    return pa.table({c: [r.get(c, "") for r in rows] for c in columns})


def person(key, **fields):
    return {"person_key": key, "village_code": "421126100201", "group": "1", "name": key, "id_number": f"ID{key}",
            "status": "1", "birth_date": "1980-01-01", "education": "4", **fields}


def test_kinds_are_inferred_from_status_dates_and_ids():
    before = table([person("a"), person("b"), person("c", status="2"), person("d"), person("dup"), person("e")])
    after = table([
        person("a", status="3", status_date="2020-10-05"),  # death
        person("b", status="2"),  # went away
        person("c", status="1"),  # came back
        person("d", education="6"),  # education
        person("e", id_number="IDdup"),  # now carries dup's ID: dup was a duplicate
        person("baby", birth_date="2020-10-10"),
        person("newcomer", status_date="2020-10-02"),
        person("missed", status_date="2015-01-01"),
    ])
    found = changes.person_changes(before, after, dt.date(2020, 10, 1))
    kinds = {(c.person_key, c.kind) for c in found}
    assert {("a", "死亡"), ("b", "外出"), ("c", "返回"), ("d", "文化程度变更"), ("dup", "重复删除"),
            ("baby", "出生"), ("newcomer", "迁入"), ("missed", "新发现"), ("e", "信息更正")} == kinds
    assert changes.by_village(found)["421126100201"]["死亡"] == 1


def test_no_changes_between_equal_states():
    state = table([person("a"), person("b")])
    assert changes.person_changes(state, state, dt.date(2020, 10, 1)) == []
