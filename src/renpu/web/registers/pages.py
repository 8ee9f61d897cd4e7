"""Reports in the browser (报表): the household-head register, the summaries, the eight
hard-case registers, 查漏房 and 核变动 — for the area the page was opened from (a
village, a township, or all of the user's villages), by calling the very code the
CLI calls (``renpu report …``).  An area outside the user's is 404; ID numbers are
masked by role (``accounts.masking``); every download is logged (``accounts.exports``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renpu.core.hardcases import CASES
from renpu.web.accounts import exports, masking, scope
from renpu.web.accounts.scope import user_of
from renpu.web.canvass import county
from renpu.web.canvass.models import EnumerationArea, Township, Village
from renpu.web.snapshots.models import Snapshot

CASE_NAMES = {case.name: case for case in CASES}


@dataclass(frozen=True)
class Area:
    """Where the reports are for: ``code`` as the page was opened ("" = all the user's villages)."""

    code: str
    name: str
    villages: list[str] | None  # None: the whole county (county office only)

    @property
    def query(self) -> str:
        return f"?area={self.code}" if self.code else ""


def area_of(request: HttpRequest, code: str) -> Area:
    """The area named by ``code`` — a 12-digit village, a 9-digit township or "" — within the user's, else 404."""
    user = request.user
    if not code:
        if scope.is_county(user):
            return Area("", f"{county.current().name}（全县）", None)
        return Area("", "我的村(居)", scope.village_codes_for(user))
    if len(code) == 12:
        village = scope.require_village(user, code)
        return Area(code, f"{village.township.name} · {village.name}", [village.code])
    codes = list(scope.villages_for(user).filter(township_id=code).values_list("code", flat=True))
    if not codes:
        raise Http404("没有找到该乡镇")
    return Area(code, Township.objects.get(pk=code).name, codes)


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    area = area_of(request, request.GET.get("area", ""))
    villages = Village.objects.order_by("code")
    if area.villages is not None:
        villages = villages.filter(code__in=area.villages)
    by_village: dict[str, list[EnumerationArea]] = {}
    for enumeration_area in EnumerationArea.objects.filter(village__in=villages).order_by("code"):
        by_village.setdefault(enumeration_area.village_id, []).append(enumeration_area)
    return render(request, "registers/reports.html", {
        "area": area, "villages": [(v, by_village.get(v.code, [])) for v in villages.select_related("township")],
        "cases": CASES, "snapshots": Snapshot.objects.order_by("-as_of")[:60],
        "masked": not masking.full_ids_in_lists(request.user),
    })


def _download(request: HttpRequest, suffix: str, what: str,
              write: Callable[[Path], int], masked: bool = False) -> HttpResponseBase:
    """Write the report with the CLI's writer, then send it and log it; a missing PDF font is said so."""
    from renpu.exporters import pdf

    path = exports.temporary_path(suffix)
    try:
        rows = write(path)
    except (pdf.FontMissing, ValueError) as error:
        path.unlink(missing_ok=True)
        messages.error(request, f"{what}未能生成：{error}")
        return redirect(reverse("reports") + (f"?area={request.POST.get('area', '')}" if request.POST.get("area") else ""))
    return exports.file_response(user_of(request), what, path, rows, masked)


def _format(request: HttpRequest) -> str:
    return ".pdf" if request.POST.get("format") == "pdf" else ".xlsx"


@login_required
@require_POST
def register(request: HttpRequest) -> HttpResponseBase:
    """户主姓名底册 of one 普查小区 (15 digits) or every 小区 of a village (12)."""
    from renpu.core.registers import RegisterFull
    from renpu.exporters import pdf
    from renpu.exporters.register import write_register
    from renpu.web.registers.household_heads import UnknownArea, area_registers

    code = request.POST.get("code", "").strip()
    if len(code) not in (12, 15):
        raise Http404("没有找到该普查小区")
    village = scope.require_village(request.user, code[:12])
    suffix = _format(request)

    def write(path: Path) -> int:
        try:
            registers = area_registers(code)
        except (UnknownArea, RegisterFull) as error:
            raise ValueError(str(error)) from error
        if suffix == ".pdf":
            pdf.write_register_pdf(path, registers)
        else:
            write_register(path, registers)
        return sum(len(r.lines) for r in registers)

    return _download(request, suffix, f"户主姓名底册_{village.name}{code[12:]}", write)


@login_required
@require_POST
def summaries(request: HttpRequest) -> HttpResponseBase:
    """分小组/分村(居)/乡镇/全县人口汇总表 of the area, .xlsx or .pdf (the CLI's writers)."""
    from renpu.exporters import pdf
    from renpu.exporters.summaries import write_summaries
    from renpu.web.canvass.summaries import level_summary

    area = area_of(request, request.POST.get("area", ""))
    suffix = _format(request)

    def write(path: Path) -> int:
        levels = level_summary(village_codes=area.villages)
        if area.villages is not None:  # the last row is the area's total, not the county's
            levels.county.county_name = f"{county.current().name}{area.name}"
        if suffix == ".pdf":
            return int(pdf.write_summaries_pdf(path, levels))
        return sum(write_summaries(path, levels).values())

    return _download(request, suffix, f"人口汇总表_{area.name}", write)


def _masked_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: masking.mask(str(v or "")) if k.endswith("id_number") else v for k, v in row.items()}


@login_required
@require_POST
def hardcases(request: HttpRequest) -> HttpResponseBase:
    """The eight hard-case registers (or one of them), ID numbers masked for village and township staff."""
    from renpu.exporters.hardcases import write_hardcases
    from renpu.web.registers.hardcases import count_rows, hardcase_rows

    area = area_of(request, request.POST.get("area", ""))
    chosen = request.POST.get("case", "")
    if chosen and chosen not in CASE_NAMES:
        raise Http404("没有这一类难点")
    wanted = [CASE_NAMES[chosen]] if chosen else list(CASES)
    masked = not masking.full_ids_in_lists(request.user)

    def write(path: Path) -> int:
        rows = {c.name: hardcase_rows(c.name, area.villages) for c in wanted}
        counts = count_rows(rows)
        if masked:
            rows = {name: [_masked_row(r) for r in found] for name, found in rows.items()}
        write_hardcases(path, rows, counts, area.name)
        return sum(len(found) for found in rows.values())

    label = CASE_NAMES[chosen].label if chosen else "八类难点"
    return _download(request, ".xlsx", f"{label}登记册_{area.name}", write, masked)


@login_required
@require_POST
def missed(request: HttpRequest) -> HttpResponseBase:
    """查漏房: dwellings with no mapped building and mapped buildings with no record."""
    from renpu.exporters.hardcases import write_missed_dwellings
    from renpu.web.registers.missed_dwellings import missed_dwellings

    area = area_of(request, request.POST.get("area", ""))

    def write(path: Path) -> int:
        result = missed_dwellings(area.villages)
        write_missed_dwellings(path, result, dict(Village.objects.values_list("code", "name")), area.name)
        return len(result.unmapped) + len(result.unlisted)

    return _download(request, ".xlsx", f"查漏房_{area.name}", write)


@login_required
@require_POST
def changes(request: HttpRequest) -> HttpResponseBase:
    """核变动 between two snapshots (or a snapshot and now), within the area."""
    from renpu.exporters.changes import write_changes
    from renpu.web.snapshots.changes import changes_between

    area = area_of(request, request.POST.get("area", ""))
    before = Snapshot.objects.filter(pk=_int(request.POST.get("before"))).first()
    after_pk = request.POST.get("after", "")
    after = Snapshot.objects.filter(pk=_int(after_pk)).first() if after_pk else None
    if before is None or (after_pk and after is None):
        raise Http404("没有找到该快照")
    masked = not masking.full_ids_in_lists(request.user)

    def write(path: Path) -> int:
        report = changes_between(before, after, area.villages)
        if masked:
            report.rows = [dataclasses.replace(row, change=_masked_change(row.change)) for row in report.rows]
        write_changes(path, report)
        return len(report.rows)

    return _download(request, ".xlsx", f"核变动_{area.name}", write, masked)


def _masked_change(change: Any) -> Any:
    numbers = {"id_number": masking.mask(change.id_number)}
    if change.field == "id_number":
        numbers |= {"old": masking.mask(change.old), "new": masking.mask(change.new)}
    return dataclasses.replace(change, **numbers)


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else -1


@login_required
def indicators(request: HttpRequest) -> HttpResponse:
    """指标解释: the census's definitions, the very texts printed with the summaries and the register."""
    from renpu.core import census, registers, summaries

    measures = [(m.label, m.explanation) for m in summaries.MEASURES if "·" not in m.label]
    shown = {label for label, _ in measures}
    return render(request, "registers/indicators.html", {
        "measures": measures, "register": [(k, v) for k, v in registers.EXPLANATIONS if k not in shown],
        "time_point": census.STANDARD_TIME_POINT,
    })
