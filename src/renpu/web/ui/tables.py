"""The long tables of the list pages, rendered in Python from column definitions.

A page of 50 households is 400 cells; Django's template language resolves and
escapes each one through several layers (10 µs a cell), which made rendering
half of what a list page costs at a million persons.  Here a column says what
it shows, and ``Table.html()`` writes the cells with the standard library's
escape — the same safe output, five times faster.  A value that is already
``SafeString`` (a link, a tag) is written as it is, as Django would.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape, unescape
from typing import Any

from django.utils.safestring import SafeString, mark_safe

NUMERIC = ' class="num"'
TAGS = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Column:
    label: str | SafeString  # SafeString: a header with a link (sorting)
    value: Callable[[Any], Any]  # the cell: text (escaped here) or SafeString
    numeric: bool = False  # right-aligned figures


@dataclass(frozen=True)
class Table:
    columns: Sequence[Column]
    rows: Iterable[Any]
    empty: str = "没有记录。"
    total: Sequence[Any] | None = None  # a last row of plain cells (合计)

    def html(self) -> SafeString:
        """A ``stack`` table: on a phone each row becomes a card, each cell headed by its
        ``data-label`` (app.css), so a canvasser never scrolls sideways."""
        head = "".join(f"<th{NUMERIC if c.numeric else ''}>{_cell(c.label)}</th>" for c in self.columns)
        cells = [(c.value, (NUMERIC if c.numeric else "") + _data_label(c.label)) for c in self.columns]
        body = ["<tr>" + "".join(f"<td{css}>{_cell(value(row))}</td>" for value, css in cells) + "</tr>"
                for row in self.rows]
        if not body:
            body = [f'<tr><td colspan="{len(self.columns)}">{escape(self.empty)}</td></tr>']
        if self.total is not None:
            body.append('<tr class="total">' + "".join(
                f"<td{css}>{_cell(value)}</td>" for value, (_, css) in zip(self.total, cells, strict=True)) + "</tr>")
        return mark_safe(  # noqa: S308  (every value is escaped by _cell)
            f'<table class="data stack"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


def _data_label(label: str | SafeString) -> str:
    """`` data-label="户主姓名"``: the header's text (a sorting link's too), for the phone's cards."""
    text = unescape(TAGS.sub("", str(label))) if isinstance(label, SafeString) else label
    return f' data-label="{escape(text)}"' if text else ""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, SafeString):
        return str(value)
    return escape(str(value))


def link(href: str, text: Any) -> SafeString:
    """``<a href>`` with both parts escaped."""
    return mark_safe(f'<a href="{escape(href)}">{escape(str(text))}</a>')  # noqa: S308


def tag(css: str, text: Any) -> SafeString:
    """A coloured state label (``<span class="tag open">待核查</span>``)."""
    return mark_safe(f'<span class="tag {escape(css)}">{escape(str(text))}</span>')  # noqa: S308


def coded(text: Any, code: str) -> SafeString:
    """A label with its code beneath, small (发现类别 and its stable code)."""
    return mark_safe(f'{escape(str(text))}<br><small class="code">{escape(code)}</small>')  # noqa: S308


def progress_bar(done: int, total: int) -> SafeString:
    """``<progress>`` of ``done`` out of ``total`` (an empty bar when there is nothing to do)."""
    return mark_safe(f'<progress value="{int(done)}" max="{int(total) or 1}"></progress>')  # noqa: S308


def shorten(text: str, length: int) -> str:
    """As Django's ``truncatechars``: at most ``length`` characters, ending in …"""
    return text if len(text) <= length else text[: length - 1] + "…"
