"""Web pages of the canvass store (the platform's pages grow here)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from renpu.core.tables import VILLAGE_SUMMARY

from . import queries


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The county's per-village summary (分村(居)人口汇总表)."""
    tables = queries.summary_tables()
    columns = [c for c in VILLAGE_SUMMARY.columns if c.field != "village_code"]
    rows = [[row[c.field] for c in columns] for row in tables.villages]
    total = tables.county.as_dict()
    total_row = ["合计", ""] + [total[c.field] for c in columns[2:]]
    return render(
        request,
        "canvass/home.html",
        {"headers": [c.label for c in columns], "rows": rows, "total_row": total_row},
    )
