"""The 户主姓名底册's numbering: walking order, stable numbers, next free number, 999."""

import pytest

from renpu.core import registers
from renpu.core.registers import HOUSEHOLD, VACANT_DWELLING, Unit

AREA = "421126105201001"


def unit(key, building, dwelling="1", table=HOUSEHOLD, **counts):
    return Unit(table, key, AREA, f"{AREA}{building}", dwelling, "1" if table == HOUSEHOLD else "", f"户主{key}",
                **(({"living": 1} if table == HOUSEHOLD else {}) | counts))


def test_first_numbering_follows_walking_order_and_numbers_vacant_dwellings():
    units = [unit("b", "010"), unit("a", "002", "2"), unit("v", "002", "1", VACANT_DWELLING), unit("c", "9")]
    numbers = registers.assign_numbers(units, {})
    order = [u.key for u in registers.walking_order(units)]
    assert order == ["v", "a", "c", "b"]  # building 002 (dwellings 1, 2), then 9 < 010 as numbers
    assert [numbers[(u.table, u.key)] for u in registers.walking_order(units)] == [1, 2, 3, 4]


def test_a_new_household_takes_the_next_number_after_the_maximum_and_old_numbers_stay():
    units = [unit("a", "001"), unit("b", "002"), unit("c", "003")]
    existing = {(HOUSEHOLD, "a"): 1, (HOUSEHOLD, "b"): 2, (HOUSEHOLD, "c"): 7, (HOUSEHOLD, "gone"): 9}
    new = unit("n", "001", "2")  # walks before b, but is new: next after the max (9, even though 'gone' left)
    numbers = registers.assign_numbers([*units, new], existing)
    assert numbers[(HOUSEHOLD, "n")] == 10
    assert numbers[(HOUSEHOLD, "c")] == 7 and numbers[(HOUSEHOLD, "a")] == 1


def test_999_is_for_a_household_whose_members_all_died_and_never_given_otherwise():
    dead = unit("d", "004", living=0, dead=2)
    assert dead.status == registers.ALL_DEAD
    units = [unit("a", "001"), dead]
    numbers = registers.assign_numbers(units, {(HOUSEHOLD, "d"): 5})
    register = registers.build_register(AREA, units, numbers)
    assert [(line.unit.key, line.number_text) for line in register.lines] == [("a", "006"), ("d", "999")]
    existing = {(HOUSEHOLD, f"h{i}"): i for i in range(1, 999)}
    with pytest.raises(registers.RegisterFull):
        registers.assign_numbers([unit("new", "001")], existing)


def test_register_line_kinds_and_totals():
    units = [unit("a", "001", living=2, registered_away=1, away=1), unit("away", "002", living=0, away=3, registered_away=3),
             unit("v", "003", table=VACANT_DWELLING), unit("d", "004", living=0, dead=1)]
    register = registers.build_register(AREA, units, registers.assign_numbers(units, {}))
    assert [line.unit.status for line in register.lines] == ["住户", "户在人不在", "空房", "全户死亡"]
    totals = register.totals()
    assert totals["households"] == 2 and totals["vacant"] == 1 and totals["all_dead"] == 1
    assert totals["living"] == 2 and totals["registered_away"] == 4
    assert registers.short_building(f"{AREA}003", AREA) == "003"
