"""Login throttling, CSRF, security headers, no personal data in URLs."""

from __future__ import annotations

from django.test import Client

from renpu.web.accounts import throttle
from renpu.web.accounts.models import LoginFailure

from ..conftest import PASSWORD


def _login(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


def test_five_failures_lock_the_account_for_this_address(client, personas):
    for _ in range(throttle.MAX_FAILURES):
        assert "用户名或密码不对" in _login(client, "li", "wrong").content.decode()
    locked = _login(client, "li", PASSWORD)
    assert locked.status_code == 200 and "锁定" in locked.content.decode()
    other_address = Client(REMOTE_ADDR="10.0.0.9")
    assert _login(other_address, "li", PASSWORD).status_code == 302


def test_the_lock_ends_after_fifteen_minutes(client, personas):
    for _ in range(throttle.MAX_FAILURES):
        _login(client, "li", "wrong")
    LoginFailure.objects.update(at=LoginFailure.objects.first().at - throttle.LOCK)
    assert _login(client, "li", PASSWORD).status_code == 302


def test_a_success_clears_earlier_failures(client, personas):
    for _ in range(throttle.MAX_FAILURES - 1):
        _login(client, "li", "wrong")
    assert _login(client, "li", PASSWORD).status_code == 302
    assert not LoginFailure.objects.exists()


def test_passwords_are_hashed_with_pbkdf2(county, settings):
    from renpu.web import settings as configured
    from renpu.web.accounts.users import add_user

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS
    assert add_user("hashed", PASSWORD, "county").password.startswith("pbkdf2_sha256$")


def test_forms_need_a_csrf_token(personas, records):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/login/", {"username": "li", "password": PASSWORD}).status_code == 403
    from ..conftest import sign_in

    sign_in(client, personas["li"])
    assert client.post("/search/", {"q": "张"}).status_code == 403


def test_security_headers(as_user, records):
    response = as_user("li").get("/households/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"


def test_search_keeps_the_query_out_of_the_url(as_user, records):
    client = as_user("li")
    number = records["persons"]["head"].id_number
    response = client.post("/search/", {"q": number})
    assert response.status_code == 200 and "张大山" in response.content.decode()
    assert response.request["PATH_INFO"] == "/search/" and not response.request.get("QUERY_STRING")
    # kept in the session: coming back to the page shows the last search
    assert "张大山" in client.get("/search/").content.decode()


def test_sessions_expire(settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.DEBUG is False
