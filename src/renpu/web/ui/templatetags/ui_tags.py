"""Template helpers that would be slow as template loops.

A county has about 500 villages; looping over them in the template language
cost 25 ms on every list page.  Built here, the same ``<select>`` takes under
a millisecond, and it groups the villages by township, which is how people
look for them.
"""

from __future__ import annotations

from html import escape
from itertools import groupby
from typing import Any

from django import template
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from renpu.core import finding_codes
from renpu.web.accounts import scope

register = template.Library()


@register.simple_tag(takes_context=True)
def village_select(context: dict[str, Any], selected: str = "") -> SafeString:
    """``<select name="village">`` of the user's villages, by township; "" is all of them."""
    user = context["request"].user
    key = f"village-options:{user.pk}"
    options = cache.get(key)
    if options is None:  # kept a minute: villages and memberships change rarely
        options = _village_options(user)
        cache.set(key, options, 60)
    if selected:
        options = options.replace(f'value="{escape(selected)}"', f'value="{escape(selected)}" selected', 1)
    return mark_safe(  # noqa: S308  (every value in the options is escaped)
        f'<select name="village" aria-label="村(居)委会"><option value="">全部村(居)</option>{options}</select>')


def _village_options(user: Any) -> str:
    rows = scope.villages_for(user).order_by("township_id", "code").values_list("township__name", "code", "name")
    # The standard library's escape: Django's format_html costs 20 µs an option.
    parts = []
    for township, villages in groupby(rows, key=lambda row: row[0]):
        parts.append(f'<optgroup label="{escape(township)}">')
        parts.extend(f'<option value="{escape(code)}">{escape(name)}</option>' for _, code, name in villages)
        parts.append("</optgroup>")
    return "".join(parts)


@register.filter
def finding_label(code: str) -> str:
    """``civil.deceased_listed`` → 已死亡仍登记在住."""
    return finding_codes.label(code)
