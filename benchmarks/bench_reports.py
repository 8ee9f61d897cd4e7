"""Reports benchmark: summaries, one village's register, hard-case counts, a snapshot, changes.

Times each report against a given database, which is first copied (reports
write household numbers and snapshots; the original is never touched).

    python benchmarks/bench_reports.py --db /tmp/bench/county-1000000/renpu.sqlite3 [--workdir /tmp/bench-reports]

Targets for a 1,000,000-person county: all summaries < 10 s, one village's
register < 2 s, a snapshot < 30 s and < 20 % of the database's size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def timed(label: str, run: Callable[[], Any], results: list[tuple[str, float, str]], note: Callable[[Any], str] = str) -> Any:
    started = time.perf_counter()
    value = run()
    seconds = time.perf_counter() - started
    results.append((label, seconds, note(value)))
    print(f"{label:40s} {seconds:7.2f} s   {note(value)}", flush=True)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, type=Path, help="an SQLite renpu database (copied first)")
    parser.add_argument("--workdir", type=Path, default=Path("bench-reports"))
    parser.add_argument("--no-copy", action="store_true", help="use the database in place (it will be written to)")
    args = parser.parse_args()
    work = args.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    db = args.db.resolve()
    if not args.no_copy:
        target = work / "renpu.sqlite3"
        print(f"copying {db} → {target}", flush=True)
        source = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        copy = sqlite3.connect(target)
        source.backup(copy)  # a consistent copy even if a WAL is present
        source.close()
        copy.close()
        db = target
    home = work / "home"
    from renpu.web import boot

    boot.setup(str(db), str(home), migrate=True)
    from django.db.models import Count

    from renpu.exporters.pdf import write_register_pdf
    from renpu.exporters.register import write_register
    from renpu.exporters.summaries import write_summaries
    from renpu.web.canvass import summaries
    from renpu.web.canvass.models import Household, Person
    from renpu.web.registers import hardcases
    from renpu.web.registers import household_heads as registers
    from renpu.web.registers.missed_dwellings import missed_dwellings
    from renpu.web.snapshots import monthly as snapshots
    from renpu.web.snapshots.changes import changes_between

    persons = Person.objects.count()
    db_size = snapshots.database_size() or 0
    print(f"database {db}: {persons:,} persons, {db_size / 1e6:.0f} MB", flush=True)
    results: list[tuple[str, float, str]] = []

    summary = timed("summaries: all levels (compute)", summaries.level_summary, results,
                    lambda s: f"{len(s.townships)} townships, {len(s.villages)} villages, {len(s.groups)} groups")
    timed("summaries: write .xlsx with charts", lambda: write_summaries(work / "summaries.xlsx", summary), results,
          lambda w: f"{sum(w.values())} rows")
    village = Household.objects.values("village_id").order_by().annotate(n=Count("id")).order_by("-n").first()
    assert village is not None
    code = village["village_id"]
    first = timed(f"register: village {code} (first: numbering)", lambda: registers.area_registers(code), results,
                  lambda r: f"{len(r)} areas, {sum(len(a.lines) for a in r)} lines, {village['n']} households")
    again = timed("register: same village again", lambda: registers.area_registers(code), results,
                  lambda r: f"{sum(len(a.lines) for a in r)} lines")
    timed("register: write .xlsx", lambda: write_register(work / "register.xlsx", again), results,
          lambda w: f"{sum(w.values())} rows")
    try:
        timed("register: write .pdf", lambda: write_register_pdf(work / "register.pdf", first), results,
              lambda pages: f"{pages} pages")
    except Exception as error:  # a missing font must not stop the benchmark
        print(f"register pdf skipped: {error}", file=sys.stderr)
    timed("hard cases: counts (county)", hardcases.hardcase_counts, results, lambda c: str(c))
    timed("hard cases: counts (one village)", lambda: hardcases.hardcase_counts([code]), results, lambda c: str(c))
    timed("missed dwellings (county)", missed_dwellings, results,
          lambda m: f"{len(m.unmapped)} unmapped, {len(m.unlisted)} unlisted")
    snap = timed("snapshot", lambda: snapshots.take_snapshot("bench"), results,
                 lambda s: f"{s.size_bytes / 1e6:.1f} MB = {s.size_bytes / db_size:.1%} of the database")
    # A month of typical change: ~2 % of persons touched (status, education), then the changes report.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("UPDATE canvass_person SET education = '5' WHERE id % 97 = 0")
        cursor.execute("UPDATE canvass_person SET status = '2' WHERE id % 101 = 0 AND status = '1'")
    report = timed("changes: snapshot → now (≈2 % changed)", lambda: changes_between(snap), results,
                   lambda r: f"{len(r.rows)} changes")
    assert report.rows
    print()
    print("| stage | seconds | note |\n|---|---:|---|")
    for label, seconds, note in results:
        print(f"| {label} | {seconds:.2f} | {note} |")
    if os.environ.get("BENCH_KEEP") != "1" and not args.no_copy:
        shutil.rmtree(work / "home" / "snapshots", ignore_errors=True)


if __name__ == "__main__":
    main()
