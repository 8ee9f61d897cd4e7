"""Who sees which villages: the one place every page and export filters through.

A record outside the user's villages answers 404, never 403, so that nobody
learns that it exists (healthchecks' ``_get_check_for_user``).

* county office (and superusers): every village;
* township office: the villages of its townships;
* village canvasser: its villages;
* a user without a membership: nothing.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest

from renpu.web.canvass.models import Village

from .models import Membership, Role

M = TypeVar("M", bound=Model)
AnyUser = User | AnonymousUser | AbstractBaseUser


def membership_of(user: AnyUser) -> Membership | None:
    if not user.is_authenticated:
        return None
    try:
        return user.membership  # type: ignore[union-attr,attr-defined,no-any-return]
    except Membership.DoesNotExist:
        return None


def role_of(user: AnyUser) -> str | None:
    if getattr(user, "is_superuser", False):
        return Role.COUNTY
    membership = membership_of(user)
    return membership.role if membership else None


def is_county(user: AnyUser) -> bool:
    return role_of(user) == Role.COUNTY


def villages_for(user: AnyUser) -> QuerySet[Village]:
    """The villages this user may see and edit."""
    role = role_of(user)
    if role == Role.COUNTY:
        return Village.objects.all()
    membership = membership_of(user)
    if membership is None:
        return Village.objects.none()
    if role == Role.TOWNSHIP:
        return Village.objects.filter(
            Q(township__in=membership.townships.all()) | Q(pk__in=membership.villages.all())
        ).distinct()
    return membership.villages.all()


def village_codes_for(user: AnyUser) -> list[str]:
    return list(villages_for(user).values_list("code", flat=True))


def scoped(queryset: QuerySet[M], user: AnyUser, field: str = "village") -> QuerySet[M]:
    """``queryset`` restricted to the user's villages (``field`` names the village FK)."""
    if is_county(user):
        return queryset
    return queryset.filter(**{f"{field}__in": villages_for(user)})


def in_villages(queryset: QuerySet[M], village_codes: list[str] | None, field: str = "village_id") -> QuerySet[M]:
    """``queryset`` within these villages (as ``village_codes_for`` gives them); None: every village."""
    return queryset if village_codes is None else queryset.filter(**{f"{field}__in": village_codes})


def get_scoped_or_404(queryset: QuerySet[M], user: AnyUser, field: str = "village", **lookup: Any) -> M:
    """The one record matching ``lookup`` inside the user's villages, else 404."""
    found = list(scoped(queryset, user, field).filter(**lookup)[:2])
    if len(found) != 1:
        raise Http404("没有找到该记录")
    return found[0]


def require_village(user: AnyUser, village_code: str) -> Village:
    """The village if the user may work in it, else 404 (for forms naming a village)."""
    return get_scoped_or_404(Village.objects.all(), user, field="pk", pk=village_code)


# --- for pages: the signed-in user and the villages a request may see ---------------------

def user_of(request: HttpRequest) -> User:
    """The signed-in user (pages are behind ``login_required``)."""
    assert request.user.is_authenticated
    return request.user  # type: ignore[return-value]


def require_county(request: HttpRequest) -> None:
    """County-office pages answer 404 to everyone else, like out-of-scope records."""
    if not is_county(request.user):
        raise Http404("没有找到该页面")


def selected_villages(request: HttpRequest) -> list[str] | None:
    """The village filter of a list (``?village=``), within the user's scope.

    None means "all villages" for a county user; a village outside the scope is 404.
    """
    code = request.GET.get("village") or ""
    if code:
        return [require_village(request.user, code).code]
    if is_county(request.user):
        return None
    return village_codes_for(request.user)
