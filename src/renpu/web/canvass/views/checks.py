"""Monthly verification (月度核查): which households are not yet checked this month."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from renpu.web.accounts.scope import selected_villages
from renpu.web.dashboard import figures
from renpu.web.ui.paging import page_of
from renpu.web.ui.tables import Column, Table, link, progress_bar

from .. import people
from ..models import HouseholdCheck, Village
from .households import HOUSEHOLD_ORDER, household_columns, household_list_query


def unchecked_query(request: HttpRequest, month: str):  # type: ignore[no-untyped-def]
    checked = HouseholdCheck.objects.filter(month=month).values("household_key")
    return household_list_query(request).exclude(household_key__in=checked)


def _progress_row(village: Village, done: int, total: int) -> dict[str, Any]:
    return {"village": village, "code": village.code, "done": done, "total": total, "share": figures.share(done, total)}


PROGRESS_COLUMNS = [
    Column("乡镇(街道)", lambda r: r["village"].township.name),
    Column("村(居)委会", lambda r: link(f"?village={r['code']}", r["village"].name)),
    Column("已核查户", lambda r: r["done"], numeric=True),
    Column("总户数", lambda r: r["total"], numeric=True),
    Column("完成率", lambda r: f"{r['share']:.1f}%", numeric=True),
    Column("", lambda r: progress_bar(r["done"], r["total"])),
]


TOWNSHIP_COLUMNS = [
    Column("乡镇(街道)", lambda r: link(r["url"], r["name"])),
    Column("村(居)数", lambda r: r["villages"], numeric=True),
    *PROGRESS_COLUMNS[2:],
]


def _township_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The county's view: one row per township, least checked first; each opens its township page."""
    by_township: dict[str, dict[str, Any]] = {}
    for row in rows:
        township = row["village"].township
        entry = by_township.setdefault(township.code, {
            "name": township.name, "url": reverse("township", args=[township.code]), "villages": 0, "done": 0, "total": 0})
        entry["villages"] += 1
        entry["done"] += row["done"]
        entry["total"] += row["total"]
    for entry in by_township.values():
        entry["share"] = figures.share(entry["done"], entry["total"])
    return sorted(by_township.values(), key=lambda r: (r["share"], r["name"]))


def unchecked_columns() -> list[Column]:
    shown = {"村(居)委会", "小组", "户编号", "户主姓名", "现住地址"}
    return [column for column in household_columns() if column.label in shown]


@login_required
def checks(request: HttpRequest) -> HttpResponse:
    month = people.current_month()
    codes = selected_villages(request)
    progress = figures.check_progress(codes, month)
    villages = Village.objects.filter(code__in=list(progress)).select_related("township")
    rows = sorted((_progress_row(v, *progress[v.code]) for v in villages), key=lambda r: (r["share"], r["code"]))
    page = page_of(request, unchecked_query(request, month), HOUSEHOLD_ORDER)
    townships = _township_rows(rows) if codes is None else []
    return render(request, "canvass/checks.html", {
        "month": month, "progress": Table(PROGRESS_COLUMNS, rows, "没有户。").html(), "page": page,
        "townships": Table(TOWNSHIP_COLUMNS, townships).html() if townships else "",
        "table": Table(unchecked_columns(), page, "本月全部户已核查。").html(),
        "village": request.GET.get("village", ""),
    })
