"""add_user: the function behind `renpu users add --role --area`."""

from __future__ import annotations

import pytest

from renpu.web.accounts import scope
from renpu.web.accounts.users import AccountError, add_user

from ..conftest import A, B, C


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


def test_a_user_changes_their_own_password(as_user, personas, settings):
    from ..conftest import PASSWORD

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client = as_user("li")
    page = client.get("/password/").content.decode()
    assert "修改密码" in page and "旧密码" in page
    wrong = client.post("/password/", {"old_password": "not-it", "new_password1": "h7#kQ2pLx9wz",
                                       "new_password2": "h7#kQ2pLx9wz"}).content.decode()
    assert "旧密码不正确" in wrong
    short = client.post("/password/", {"old_password": PASSWORD, "new_password1": "abc12",
                                       "new_password2": "abc12"}).content.decode()
    assert "太短" in short
    done = client.post("/password/", {"old_password": PASSWORD, "new_password1": "h7#kQ2pLx9wz",
                                      "new_password2": "h7#kQ2pLx9wz"})
    assert done.status_code == 302 and done["Location"] == "/password/done/"
    personas["li"].refresh_from_db()
    assert personas["li"].check_password("h7#kQ2pLx9wz")
    assert client.get("/").status_code == 200  # still signed in here
