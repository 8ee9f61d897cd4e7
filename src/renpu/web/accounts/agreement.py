"""The confidentiality agreement (保密协议): read and accepted before any personal data.

The text in force is the newest ``Agreement`` row; when there is none, the
default text of ``settings.RENPU_AGREEMENT_TEXT`` is stored as the first one.
Acceptance is per version (a hash of the text), so a changed text asks again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .models import Agreement, AgreementAcceptance

# Pages reachable before accepting: they show no personal data.
OPEN_PREFIXES = ("/login/", "/logout/", "/agreement/", "/static/", "/favicon")


CURRENT_KEY = "agreement:current"


def current_agreement() -> Agreement:
    agreement = Agreement.objects.first()
    if agreement is None:
        agreement = Agreement.objects.create(text=settings.RENPU_AGREEMENT_TEXT)
    return agreement


def current_version() -> str:
    """The version in force, as every request asks it.  Kept ten seconds per server
    process (a query less per page); a new text is in force everywhere within that."""
    version = cache.get(CURRENT_KEY)
    if version is None:
        version = current_agreement().version
        cache.set(CURRENT_KEY, version, 10)
    return str(version)


@receiver(post_save, sender=Agreement)
def _new_text_now(**_: Any) -> None:
    cache.delete(CURRENT_KEY)


def has_accepted(user: Any, agreement: Agreement | None = None) -> bool:
    agreement = agreement or current_agreement()
    return AgreementAcceptance.objects.filter(user=user, version=agreement.version).exists()


def accept(user: Any, agreement: Agreement) -> None:
    AgreementAcceptance.objects.get_or_create(
        user=user, version=agreement.version, defaults={"agreement": agreement}
    )


class AgreementMiddleware:
    """Send a signed-in user to the agreement page until the current text is accepted."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_accept(request):
            return redirect("agreement")
        return self.get_response(request)

    def _must_accept(self, request: HttpRequest) -> bool:
        if not request.user.is_authenticated or request.path.startswith(OPEN_PREFIXES):
            return False
        # Accepted versions are remembered in the session: no query on most requests.
        if request.session.get("agreement_version") == current_version():
            return False
        agreement = current_agreement()
        if has_accepted(request.user, agreement):
            request.session["agreement_version"] = agreement.version
            return False
        return True
