"""Throttle password guessing: 5 failed logins for one username from one address
lock that pair for 15 minutes.  Failures live in the database so that every
waitress thread and process sees them; no extra dependency.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest
from django.utils import timezone

from .models import LoginFailure

MAX_FAILURES = 5
LOCK = dt.timedelta(minutes=15)
LOCKED_MESSAGE = "登录失败次数过多，该账号在本机已被暂时锁定 15 分钟，请稍后再试或联系县人普办。"


def client_ip(request: HttpRequest | None) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is typed by the client and would let
    # a guesser pick a fresh address for every try.
    return (request.META.get("REMOTE_ADDR") or "") if request else ""


def is_locked(username: str, ip: str) -> bool:
    since = timezone.now() - LOCK
    recent = LoginFailure.objects.filter(username=username.lower(), ip=ip, at__gte=since)
    return recent.count() >= MAX_FAILURES


def record_failure(username: str, ip: str) -> None:
    LoginFailure.objects.create(username=username.lower()[:150], ip=ip)


def clear_failures(username: str, ip: str) -> None:
    LoginFailure.objects.filter(username=username.lower(), ip=ip).delete()


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's login form, refusing locked username+address pairs before checking."""

    def clean(self) -> dict[str, object]:
        username = str(self.cleaned_data.get("username") or "")
        ip = client_ip(self.request)
        if is_locked(username, ip):
            raise forms.ValidationError(LOCKED_MESSAGE, code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            record_failure(username, ip)
            raise
        clear_failures(username, ip)
        return cleaned
