"""Who sees ID numbers in full (公民身份号码脱敏).

* County office: in full everywhere (they compare records and answer departments).
* Everyone else sees full numbers on the detail pages of their own villages'
  records (one household, one task: they must check the number against the
  户口簿), and masked numbers in lists, search results and exports — the bulk
  views that end up printed or on a USB stick.

Masked: first 6 (region) and last 4 digits kept, 421126********1234.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser, User

from . import scope


def mask(number: str) -> str:
    if not number:
        return ""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def full_ids_in_lists(user: User | AnonymousUser) -> bool:
    return scope.is_county(user)


def for_lists(user: User | AnonymousUser) -> Callable[[str], str]:
    """How this user's lists show an ID number, decided once per page, not per row."""
    return _whole if full_ids_in_lists(user) else mask


def _whole(number: str) -> str:
    return number
