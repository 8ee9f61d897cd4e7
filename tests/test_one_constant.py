"""Codes and the standard time point are written once: named code members, one census time point.

A second copy fails here: a module that defines its own LIVING = "1", a comparison
of a coded field with a bare code string ("1"), or a date 2020-11-01 built anywhere
but ``core/census.py``.  (synth/ writes its own world in codes and is not checked.)
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

from renpu.core import census, codes, residence
from renpu.core.tables import CODE, TABLES
from tests.codebase import SRC

CODE_FIELDS = {c.field for t in TABLES for c in t.columns if c.kind == CODE}


def members(code_list: codes.CodeList) -> dict[str, str]:
    """A code list's named members (PERSON_STATUS.DEAD …)."""
    return {name: value for name, value in vars(type(code_list)).items() if name.isupper()}


def checked_modules() -> list[Path]:
    return [path for path in SRC.rglob("*.py") if path.parent.name != "migrations"
            and path.relative_to(SRC).parts[0] != "synth" and path.name != "codes.py"]


def test_every_named_member_is_a_code_of_its_list():
    named = {name: code_list for name, code_list in codes.ALL_CODE_LISTS.items() if members(code_list)}
    assert {"person_status", "relationship", "sex", "registration_place", "household_kind", "yes_no"} <= set(named)
    for code_list in named.values():
        assert set(members(code_list).values()) <= set(code_list.codes()), code_list.name
    assert codes.PERSON_STATUS.label_of(codes.PERSON_STATUS.DEAD) == "死亡"
    assert codes.RELATIONSHIP.label_of(codes.RELATIONSHIP.PARENT_IN_LAW) == "岳父母或公婆"


def _code_literals(node: ast.AST) -> list[ast.Constant]:
    elements = node.elts if isinstance(node, ast.Tuple | ast.List | ast.Set) else [node]
    return [e for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)
            and e.value.isdigit() and len(e.value) <= 2]


def _field(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        return str(node.slice.value)
    return ""


def bare_codes(path: Path, root: Path = SRC) -> list[str]:
    """Where a coded field (status, relationship …) meets a code written as a string."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        hits: list[ast.Constant] = []
        if isinstance(node, ast.keyword) and node.arg and node.arg.split("__")[0] in CODE_FIELDS:
            hits = _code_literals(node.value)
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and str(key.value).split("__")[0] in CODE_FIELDS:
                    hits += _code_literals(value)
        elif isinstance(node, ast.Compare) and _field(node.left) in CODE_FIELDS:
            hits = [hit for comparator in node.comparators for hit in _code_literals(comparator)]
        found += [f"{path.relative_to(root)}:{hit.lineno} {hit.value!r}" for hit in hits]
    return found


def own_code_constants(path: Path, root: Path = SRC) -> list[str]:
    """Module-level names like LIVING = "1" or HEAD, SPOUSE = "0", "1": a second copy of a code list."""
    names = {name for code_list in codes.ALL_CODE_LISTS.values() for name in members(code_list)}
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and _code_literals(node.value):
            targets = [t for target in node.targets for t in (target.elts if isinstance(target, ast.Tuple) else [target])]
            found += [f"{path.relative_to(root)}:{node.lineno} {t.id}" for t in targets
                      if isinstance(t, ast.Name) and t.id in names]
    return found


def test_no_module_writes_a_code_as_a_bare_string_or_keeps_its_own_code_names():
    modules = checked_modules()
    assert [hit for path in modules for hit in bare_codes(path)] == []
    assert [hit for path in modules for hit in own_code_constants(path)] == []


def test_the_checks_find_what_they_look_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('LIVING, AWAY = "1", "2"\nif person.status == "3":\n    Person.objects.filter(relationship__in=("0", "1"))\n')
    assert len(bare_codes(sample, tmp_path)) == 3 and len(own_code_constants(sample, tmp_path)) == 2


def test_the_standard_time_point_is_built_only_in_core_census():
    day = census.census_day()
    found = []
    for path in SRC.rglob("*.py"):
        if path.relative_to(SRC).as_posix() == "core/census.py" or path.parent.name == "migrations":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and [getattr(a, "value", None) for a in node.args[:3]] == [day.year, day.month, day.day]:
                found.append(f"{path.relative_to(SRC)}:{node.lineno}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip() == day.isoformat():
                found.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert found == []
    assert dt.datetime(2020, 11, 1, 0, 0) == census.STANDARD_TIME_POINT
    assert census.year_before_census() == dt.date(2019, 11, 1)


def test_the_listed_rule_reads_the_same_in_sql_and_python():
    import duckdb

    statuses = [None, *codes.PERSON_STATUS.codes()]
    listed = duckdb.sql(f"SELECT status FROM (SELECT unnest(?) AS status) WHERE {residence.listed_sql()}",
                        params=[statuses]).fetchall()
    assert {row[0] for row in listed} == {s for s in statuses if residence.is_listed(residence.PersonFacts(s, None, None))}
