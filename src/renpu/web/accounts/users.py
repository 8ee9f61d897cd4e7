"""Creating accounts with their role and area (used by ``renpu users add`` and tests)."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db import transaction

from renpu.web.canvass.models import Township, Village

from .models import Membership, Role


class AccountError(ValueError):
    """A role or area code that cannot be used; the message says what to fix."""


@transaction.atomic
def add_user(username: str, password: str, role: str, area_codes: Sequence[str] = ()) -> AbstractUser:
    """Create the account (or reset its password, role and area).

    ``role`` is ``county``, ``township`` or ``village``; ``area_codes`` are
    9-digit township codes for a township officer and 12-digit village codes
    for a canvasser (a county officer needs none).
    """
    if role not in Role.values:
        raise AccountError(f"角色“{role}”不存在，可选：{'、'.join(Role.values)}")
    townships, villages = _areas(role, list(area_codes))
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.set_password(password)
    user.is_staff = role == Role.COUNTY  # county staff create accounts in the admin
    user.save()
    membership, _ = Membership.objects.update_or_create(user=user, defaults={"role": role})
    membership.townships.set(townships)
    membership.villages.set(villages)
    return user  # type: ignore[return-value]


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
