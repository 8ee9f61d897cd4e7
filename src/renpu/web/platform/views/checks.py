"""Monthly verification (月度核查): which households are not yet checked this month."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from renpu.web.canvass.models import Village

from .. import figures, people
from ..models import HouseholdCheck
from .common import page_of, selected_villages
from .households import HOUSEHOLD_ORDER, household_list_query


def unchecked_query(request: HttpRequest, month: str):  # type: ignore[no-untyped-def]
    checked = HouseholdCheck.objects.filter(month=month).values("household_key")
    return household_list_query(request).exclude(household_key__in=checked)


def _progress_row(village: Village, done: int, total: int) -> dict[str, Any]:
    share = 100 * done / total if total else 0.0
    return {"village": village, "code": village.code, "done": done, "total": total, "share": share}


@login_required
def checks(request: HttpRequest) -> HttpResponse:
    month = people.current_month()
    codes = selected_villages(request)
    progress = figures.check_progress(codes, month)
    villages = Village.objects.filter(code__in=list(progress)).select_related("township")
    rows = sorted((_progress_row(v, *progress[v.code]) for v in villages), key=lambda r: (r["share"], r["code"]))
    return render(request, "platform/checks.html", {
        "month": month, "rows": rows, "page": page_of(request, unchecked_query(request, month), HOUSEHOLD_ORDER),
        "village": request.GET.get("village", ""),
    })
