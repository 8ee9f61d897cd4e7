"""账号管理 in the browser: the county creates, assigns, resets and disables accounts;
nobody else even sees the pages; every change is logged."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from renpu.web.accounts import scope
from renpu.web.accounts.models import AccountChange
from renpu.web.accounts.users import add_user

from ..conftest import A, B, C, sign_in

NEW_PASSWORD = "Lx7#qWm2pZ9k"


def _new(client, **fields):
    data = {"username": "chen", "first_name": "陈小红", "role": "village", "villages": [B],
            "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    data.update(fields)
    return client.post("/accounts/new/", data)


@pytest.mark.parametrize("name", ["li", "zhou"])
def test_only_the_county_sees_the_pages(as_user, personas, name):
    client = as_user(name)
    li = personas["li"].pk
    for url in ["/accounts/", "/accounts/new/", f"/accounts/{li}/"]:
        assert client.get(url).status_code == 404
    for url in [f"/accounts/{li}/password/", f"/accounts/{li}/active/"]:
        assert client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 404
    assert "账号管理" not in client.get("/").content.decode()
    assert personas["li"].is_active and User.objects.get(pk=li).check_password(NEW_PASSWORD) is False


def test_the_county_lists_accounts_in_chinese(as_user, personas):
    page = as_user("zhao").get("/accounts/").content.decode()
    assert "账号管理" in page and "村(居)摸排员" in page and "张家湾村" in page and "漕河镇" in page
    assert as_user("zhao").get("/").content.decode().count('href="/accounts/"') == 1  # the menu link


def test_a_new_canvasser_sees_only_their_village(client, as_user, personas):
    county = as_user("zhao")
    response = _new(county)
    assert response.status_code == 302
    chen = User.objects.get(username="chen")
    assert chen.first_name == "陈小红" and chen.check_password(NEW_PASSWORD) and not chen.is_staff
    assert scope.village_codes_for(chen) == [B]
    change = AccountChange.objects.get(username="chen")
    assert change.by_name == "zhao" and change.action == "新建" and "龙泉村" in change.detail
    client.logout()
    assert client.login(username="chen", password=NEW_PASSWORD)


@pytest.mark.parametrize(("fields", "message"), [
    ({"username": "li"}, "已存在"),
    ({"username": "陈 小红"}, "只能包含"),
    ({"password2": "something-else-1"}, "不一致"),
    ({"password1": "short", "password2": "short"}, "太短"),
    ({"villages": []}, "必须指定"),
    ({"villages": ["421126999999"]}, "有效的选项"),
    ({"role": "village", "villages": [], "townships": ["421126100"]}, "12位"),
    ({"role": "county"}, "有效的选项"),
])
def test_a_wrong_account_is_refused_with_the_reason(as_user, personas, fields, message):
    page = _new(as_user("zhao"), **fields).content.decode()
    assert message in page
    assert not User.objects.filter(username="chen").exists() and not AccountChange.objects.exists()


def test_a_township_officer_gets_a_township(as_user, personas):
    _new(as_user("zhao"), username="qian", role="township", villages=[], townships=["421126101"])
    assert scope.village_codes_for(User.objects.get(username="qian")) == [C]


def test_the_county_moves_a_canvasser_to_other_villages(as_user, personas):
    li = personas["li"]
    county = as_user("zhao")
    form = county.get(f"/accounts/{li.pk}/").content.decode()
    assert f'<option value="{A}" selected>' in form
    county.post(f"/accounts/{li.pk}/", {"role": "village", "villages": [A, B], "first_name": "李明"})
    assert set(scope.village_codes_for(li)) == {A, B}
    change = AccountChange.objects.get(username="li")
    assert change.action == "修改辖区" and "张家湾村 → 张家湾村、龙泉村" in change.detail


def test_a_password_reset_ends_the_old_password_and_session(client, as_user, personas):
    li = personas["li"]
    from django.test import Client

    canvasser = sign_in(Client(), li)
    assert canvasser.get("/households/").status_code == 200
    county = as_user("zhao")
    assert county.post(f"/accounts/{li.pk}/password/", {"password1": "x", "password2": "x"}).status_code == 302
    assert not AccountChange.objects.exists()  # too short: nothing changed
    county.post(f"/accounts/{li.pk}/password/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    li.refresh_from_db()
    assert li.check_password(NEW_PASSWORD)
    assert canvasser.get("/households/").status_code == 302  # signed out: to the login page
    assert AccountChange.objects.get(username="li").action == "重置密码"


def test_a_disabled_account_cannot_sign_in_and_can_be_enabled_again(client, as_user, personas):
    from django.test import Client

    from ..conftest import PASSWORD

    li = personas["li"]
    county = as_user("zhao")
    county.post(f"/accounts/{li.pk}/active/", {"active": "no"})
    assert not User.objects.get(pk=li.pk).is_active
    assert not Client().login(username="li", password=PASSWORD)
    county.post(f"/accounts/{li.pk}/active/", {"active": "yes"})
    assert Client().login(username="li", password=PASSWORD)
    assert list(AccountChange.objects.order_by("pk").values_list("action", flat=True)) == ["停用", "启用"]


def test_county_accounts_are_not_changed_in_the_browser(as_user, personas):
    other = add_user("sun", "x" * 12, "county")
    county = as_user("zhao")
    assert county.get(f"/accounts/{other.pk}/").status_code == 404
    assert county.post(f"/accounts/{other.pk}/active/", {"active": "no"}).status_code == 404
    assert User.objects.get(pk=other.pk).is_active
