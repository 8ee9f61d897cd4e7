"""Figures for the dashboard: population counts, monthly check progress, open tasks, ages.

The population figures and the age-sex pyramid are the summaries' (tables 8
and 9 and their total, ``canvass.summaries.summary_tables``): one count of every
person, 5 s at a million.  The county's are computed once for all server
processes and kept in the shared cache: counted again when the store changes
(``renpu.web.signals``; see ``on_store_changed``), or by the first county page
that finds them more than five minutes old.  A township or village user's are
the same count over their villages only (``area_tables``), so a canvasser's
dashboard stays quick and shows their own edits at once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.core.cache import caches
from django.db.models import Count
from django.utils import timezone

from renpu.web.canvass import summaries
from renpu.web.canvass.models import Household, HouseholdCheck
from renpu.web.signals import COMPARED
from renpu.web.verification.models import Task

COUNTY_KEY = "renpu:county-figures"
COUNTY_FRESH = dt.timedelta(minutes=5)


def county_figures() -> dict[str, Any]:
    """``villages`` (table 9 rows), ``pyramid`` (resident men, women by band) and ``at`` (when counted)."""
    found: dict[str, Any] | None = caches["shared"].get(COUNTY_KEY)
    if found is None or timezone.now() - found["at"] > COUNTY_FRESH:
        found = refresh_county_figures()
    return found


def refresh_county_figures() -> dict[str, Any]:
    tables = summaries.summary_tables()
    counted = {"villages": tables.villages, "pyramid": pyramid_of(tables), "at": timezone.now()}
    caches["shared"].set(COUNTY_KEY, counted, None)
    return counted


def forget_county_figures() -> None:
    """After an import: the next county page counts afresh."""
    caches["shared"].delete(COUNTY_KEY)


def on_store_changed(change: str, **_: Any) -> None:
    """A comparison run ends a day's updates: count the county now, once, rather than in a
    county officer's page view.  Imports come file by file: count when next asked."""
    if change == COMPARED:
        refresh_county_figures()
    else:
        forget_county_figures()


def village_rows(codes: list[str] | None) -> list[dict[str, Any]]:
    """Table 9 rows of these villages (None = the whole county)."""
    if codes is None:
        return list(county_figures()["villages"])
    return area_tables(codes).villages


def area_tables(codes: list[str]) -> summaries.SummaryTables:
    """Tables 8 and 9 of these villages, counted now (a township's or a village's dashboard)."""
    return summaries.summary_tables(villages=codes)


def pyramid_of(tables: summaries.SummaryTables) -> tuple[list[int], list[int]]:
    """The resident population by five-year band at the standard time point: (men, women)."""
    return list(tables.county.males), list(tables.county.females)


def share(done: int, total: int) -> float:
    """Percent done; 0 when there is nothing to do."""
    return 100 * done / total if total else 0.0


def check_progress(codes: list[str] | None, month: str) -> dict[str, tuple[int, int]]:
    """village code → (households checked this month, households)."""
    households = Household.objects.all() if codes is None else Household.objects.filter(village_id__in=codes)
    checks = HouseholdCheck.objects.filter(month=month)
    if codes is not None:
        checks = checks.filter(village_id__in=codes)
    totals = dict(households.values_list("village_id").annotate(n=Count("id")).values_list("village_id", "n"))
    done = dict(checks.values_list("village_id").annotate(n=Count("id")).values_list("village_id", "n"))
    return {code: (done.get(code, 0), n) for code, n in totals.items()}


def open_tasks(codes: list[str] | None) -> dict[str, dict[str, int]]:
    """village code → finding code → open tasks (待核查 and 退回重查)."""
    query = Task.objects.filter(state__in=[Task.State.OPEN, Task.State.RETURNED])
    if codes is not None:
        query = query.filter(village_id__in=codes)
    result: dict[str, dict[str, int]] = defaultdict(dict)
    for village, code, n in query.values_list("village_id", "code").annotate(n=Count("id")).values_list("village_id", "code", "n"):
        result[village or ""][code] = n
    return dict(result)
