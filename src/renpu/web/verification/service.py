"""A comparison run on the store, from the names asked for to the tasks it leaves.

``run(names)`` is the one way to run the comparisons on the store (``renpu
compare`` calls it, and nothing else):

1. resolves the names (``runner.resolve``: an unknown one is refused before the
   store is read);
2. reads what they need of the store (``runner.needs``, ``context.build_context``) and compares (``runner.run``),
   noting department data older than a quarter;
3. keeps the findings: new ones are added, ones seen before (same fingerprint)
   are marked seen again, so a re-run duplicates nothing and a resolved finding
   stays resolved;
4. makes every new finding its village's task (``tasks.sync_tasks``);
5. says the store changed (``renpu.web.signals``): the dashboard counts afresh.

``keep(findings, sources)`` keeps findings compared elsewhere (the province's)
the same way, steps 3–5.  ``compare_only(options)`` compares without keeping anything (the VLOOKUP
baseline of ``renpu evaluate``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from renpu.core import linkage
from renpu.core.comparisons import Context, Finding, runner
from renpu.web.canvass.models import Village
from renpu.web.signals import COMPARED, say_store_changed

from . import models
from .context import build_context
from .tasks import sync_tasks

STALE_AFTER_DAYS = 92  # a quarter: older department data is reported as stale
UnknownComparison = runner.UnknownComparison


@dataclass
class StoredRun:
    run: models.ComparisonRun
    result: runner.RunResult
    new: int = 0
    seen_again: int = 0
    notes: dict[str, str] = field(default_factory=dict)


def run(names: list[str] | None = None) -> StoredRun:
    """Run the comparisons named (None: all), keep their findings, make their tasks."""
    comparisons = runner.resolve(names)
    context = _context(comparisons)
    result = runner.run(context, comparisons)
    _note_stale_sources(context, result)
    with transaction.atomic():
        stored = models.ComparisonRun.objects.create(
            sources=",".join(comparisons),
            parameters={name: links.model for name, links in context.links.items() if links.model},
        )
        new, again = _store(result.findings, stored)
        stored.finished_at = timezone.now()
        stored.summary = {"notes": result.notes, "seconds": result.seconds, "new": new, "seen_again": again}
        stored.save()
        sync_tasks()
    say_store_changed(run, COMPARED)
    return StoredRun(stored, result, new, again, result.notes)


def keep(findings: list[Finding], sources: str, summary: dict[str, object] | None = None) -> StoredRun:
    """Keep findings compared elsewhere (the province's, ``renpu import province-findings``) as a run of their own.

    The same keeping as ``run``: a finding seen before (same fingerprint) is only marked
    seen again, so a re-import duplicates nothing and a resolved finding stays resolved;
    every new finding becomes its village's task.
    """
    with transaction.atomic():
        stored = models.ComparisonRun.objects.create(sources=sources, parameters={})
        new, again = _store(findings, stored)
        stored.finished_at = timezone.now()
        stored.summary = {**(summary or {}), "new": new, "seen_again": again}
        stored.save()
        sync_tasks()
    say_store_changed(keep, COMPARED)
    return StoredRun(stored, runner.RunResult(findings=findings), new, again)


def compare_only(options: linkage.LinkOptions, names: list[str] | None = None) -> runner.RunResult:
    """The comparisons named (None: all) on the store with these options; nothing is kept."""
    comparisons = runner.resolve(names)
    return runner.run(_context(comparisons, options), comparisons)


def _context(comparisons: list[str], options: linkage.LinkOptions | None = None) -> Context:
    """The store's tables these comparisons read, and no others (``renpu compare police`` reads no grid)."""
    needs = runner.needs(comparisons)
    return build_context(options, needs.tables, needs.sources)


def _note_stale_sources(context: Context, result: runner.RunResult) -> None:
    today = dt.date.today()
    for name, source in context.sources.items():
        if source.as_of and (today - dt.date.fromisoformat(source.as_of)).days > STALE_AFTER_DAYS:
            comparison = runner.SOURCE_TO_COMPARISON.get(name, name)
            if comparison in result.notes:
                result.notes[comparison] += f"；注意：{name} 数据截至 {source.as_of}，已超过 {STALE_AFTER_DAYS} 天，请取新数据"


def _store(findings: list[Finding], run: models.ComparisonRun) -> tuple[int, int]:
    fingerprints = [f.fingerprint for f in findings]
    existing = set()
    for start in range(0, len(fingerprints), 500):
        existing |= set(models.Finding.objects.filter(fingerprint__in=fingerprints[start:start + 500])
                        .values_list("fingerprint", flat=True))
    fresh = {f.fingerprint: f for f in findings if f.fingerprint not in existing}
    villages = set(Village.objects.values_list("code", flat=True))
    models.Finding.objects.bulk_create([_model(f, run, villages) for f in fresh.values()], batch_size=500)
    for start in range(0, len(fingerprints), 500):
        models.Finding.objects.filter(fingerprint__in=[fp for fp in fingerprints[start:start + 500] if fp in existing]) \
            .update(run=run, last_seen=timezone.now())
    return len(fresh), len(existing)


def _model(finding: Finding, run: models.ComparisonRun, villages: set[str]) -> models.Finding:
    return models.Finding(
        code=finding.code, village_id=finding.village_code if finding.village_code in villages else None, canvass_table=finding.canvass_table,
        canvass_key=finding.canvass_key, source=finding.source,
        source_record_id=int(finding.source_rid) if finding.source_rid.isdigit() else None,
        source_file=finding.source_file, source_row=finding.source_row, id_number=finding.id_number,
        name=finding.name, method=finding.method, score=finding.score, evidence=finding.evidence,
        action=finding.action, fingerprint=finding.fingerprint, run=run,
    )
