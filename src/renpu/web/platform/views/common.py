"""What every page needs: the signed-in user, the page of a long list, 404 for outsiders."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest

from .. import scope
from ..paging import ListPage, keyset_page


def user_of(request: HttpRequest) -> User:
    """The signed-in user (pages are behind ``login_required``)."""
    assert request.user.is_authenticated
    return request.user  # type: ignore[return-value]


def page_of(request: HttpRequest, items: Any, ordering: tuple[str, ...]) -> ListPage:
    """The page of ``items`` the request asks for (``?after=`` / ``?before=``)."""
    return keyset_page(items, ordering, request.GET)


def require_county(request: HttpRequest) -> None:
    """County-office pages answer 404 to everyone else, like out-of-scope records."""
    if not scope.is_county(request.user):
        raise Http404("没有找到该页面")


def selected_villages(request: HttpRequest) -> list[str] | None:
    """The village filter of a list (``?village=``), within the user's scope.

    None means "all villages" for a county user; a village outside the scope is 404.
    """
    code = request.GET.get("village") or ""
    if code:
        return [scope.require_village(request.user, code).code]
    if scope.is_county(request.user):
        return None
    return scope.village_codes_for(request.user)
