"""Accounts with their role and area: ``renpu users add`` and the county's 账号管理 pages
call the same functions, so a rule about roles and areas is written once (here)."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, User
from django.db import transaction

from renpu.web.canvass.models import Township, Village

from .models import AccountChange, Membership, Role

ROLE_LABELS = dict(Role.choices)


class AccountError(ValueError):
    """A role or area code that cannot be used; the message says what to fix."""


@transaction.atomic
def add_user(username: str, password: str, role: str, area_codes: Sequence[str] = ()) -> AbstractUser:
    """Create the account (or reset its password, role and area).

    ``role`` is ``county``, ``township`` or ``village``; ``area_codes`` are
    9-digit township codes for a township officer and 12-digit village codes
    for a canvasser (a county officer needs none).
    """
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.set_password(password)
    user.save()
    set_role(user, role, area_codes)
    return user  # type: ignore[return-value]


@transaction.atomic
def set_role(user: AbstractUser, role: str, area_codes: Sequence[str] = ()) -> str:
    """Give ``user`` this role and area (checked as ``add_user`` checks them); the area as text."""
    if role not in Role.values:
        raise AccountError(f"角色“{role}”不存在，可选：{'、'.join(Role.values)}")
    townships, villages = _areas(role, list(area_codes))
    user.is_staff = role == Role.COUNTY  # county staff may also open the Django admin
    user.save(update_fields=["is_staff"])
    membership, _ = Membership.objects.update_or_create(user=user, defaults={"role": role})
    membership.townships.set(townships)
    membership.villages.set(villages)
    return area_text(membership)


def area_text(membership: Membership | None) -> str:
    """``漕河镇；张家湾村、龙泉村``: a membership's area as people read it."""
    if membership is None:
        return "（无角色）"
    if membership.role == Role.COUNTY:
        return "全县"
    names = [t.name for t in membership.townships.order_by("code")] + [
        v.name for v in membership.villages.order_by("code")]
    return "、".join(names) or "（未指定）"


def log_change(by: User, user: AbstractUser, action: str, detail: str = "") -> None:
    """Every change made in 账号管理 is kept: who changed which account, when, and what."""
    AccountChange.objects.create(by=by, by_name=by.get_username(), username=user.get_username(),
                                 action=action, detail=detail[:500])


def _areas(role: str, codes: list[str]) -> tuple[list[Township], list[Village]]:
    if role == Role.COUNTY:
        return [], []
    if not codes:
        raise AccountError("乡镇和村级账号必须指定所辖区划代码（--area）")
    townships = list(Township.objects.filter(code__in=codes))
    villages = list(Village.objects.filter(code__in=codes))
    unknown = set(codes) - {t.code for t in townships} - {v.code for v in villages}
    if unknown:
        raise AccountError(f"区划代码不存在：{'、'.join(sorted(unknown))}（请先导入区划代码表）")
    if role == Role.VILLAGE and townships:
        raise AccountError("村级账号只能指定12位村(居)代码")
    return townships, villages
