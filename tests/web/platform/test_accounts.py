"""add_user: the function behind `renpu users add --role --area`."""

from __future__ import annotations

import pytest

from renpu.web.platform import scope
from renpu.web.platform.accounts import AccountError, add_user

from .conftest import A, B, C


def test_roles_give_the_right_villages(personas):
    def codes(name):
        return set(scope.village_codes_for(personas[name]))
    assert codes("li") == {A}
    assert codes("zhou") == {A, B}
    assert codes("zhao") == {A, B, C}


def test_a_canvasser_may_have_several_villages(county):
    user = add_user("multi", "x" * 12, "village", [A, B])
    assert set(scope.village_codes_for(user)) == {A, B}


def test_running_it_again_resets_password_and_area(county):
    add_user("li", "first-password", "village", [A])
    user = add_user("li", "second-password", "village", [B])
    assert user.check_password("second-password") and scope.village_codes_for(user) == [B]


@pytest.mark.parametrize(("role", "areas", "message"), [
    ("mayor", [A], "角色"),
    ("village", [], "必须指定"),
    ("village", ["421126999999"], "不存在"),
    ("village", ["421126100"], "12位"),
])
def test_it_explains_what_is_wrong(county, role, areas, message):
    with pytest.raises(AccountError, match=message):
        add_user("x", "x" * 12, role, areas)


def test_county_staff_may_use_the_admin(county):
    assert add_user("boss", "x" * 12, "county").is_staff
    assert not add_user("clerk", "x" * 12, "village", [A]).is_staff
