"""generate(): plan the county, run villages in a pool of two, assemble sources and truth."""

from __future__ import annotations

import multiprocessing
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from renpu.synth import assemble
from renpu.synth.counties import QICHUN, County
from renpu.synth.geography import VillagePlan, plan_county
from renpu.synth.guests import Guest
from renpu.synth.profiles import PROFILES
from renpu.synth.village import Export, Job, VillageResult, run

Progress = Callable[[int, int], None]


@dataclass
class SynthSummary:
    outdir: Path
    seed: int
    villages: int
    persons_listed: int  # rows of the two person tables (duplicates included)
    findings: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


def generate(outdir: Path, persons: int = 20_000, seed: int = 1, progress: Progress | None = None,
             processes: int = 2, county: County = QICHUN, guests: list[Guest] | None = None,
             profile: str = "default") -> SynthSummary:
    """Write a synthetic county of about ``persons`` listed persons into ``outdir``.

    ``progress(done, total)`` is called after each village.  ``processes=1``
    runs in-process (handy for debugging; output is identical).  ``county``:
    which county it is (Qichun unless a province is being made); ``guests``:
    persons of the province this county lists or registers (renpu.synth.province);
    ``profile``: ``wild`` for a county renpu was not built on (synth.profiles).
    """
    if profile != "default":
        county = PROFILES[profile]
    outdir = Path(outdir)
    for sub in ("canvass", "sources", "truth"):
        shutil.rmtree(outdir / sub, ignore_errors=True)
    (outdir / "sources").mkdir(parents=True, exist_ok=True)
    (outdir / "truth").mkdir(parents=True, exist_ok=True)
    plans = plan_county(persons, seed, county)
    places = {p.code: (p.township_name, p.name) for p in plans}
    hosts = {school: p.code for p in plans for school in p.schools}
    hubs = [p for p in plans if p.hub]
    first = [p for p in plans if not p.hub]
    total = len(plans)
    placed: dict[str, list[Guest]] = {p.code: [] for p in plans}
    for guest in guests or []:
        placed[plans[guest.village % total].code].append(guest)
    out = assemble.Assembler(outdir, plans)
    with _pool(processes) as mapper:
        jobs: Iterator[Job] = ((p, seed, str(outdir), places, [], hosts, placed[p.code]) for p in first)
        exports: list[Export] = []
        for done, result in enumerate(mapper(run, jobs), start=1):
            exports.extend(result.exports)
            out.add(result)
            _tick(progress, done, total)
        incoming = _route(exports, hubs, hosts)
        jobs = ((p, seed, str(outdir), places, incoming[p.code], hosts, placed[p.code]) for p in hubs)
        for done, result in enumerate(mapper(run, jobs), start=len(first) + 1):
            out.add(result)
            _tick(progress, done, total)
    counts = out.close(seed)
    return SynthSummary(outdir, seed, len(plans), out.persons, counts, out.files)


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _route(exports: list[Export], hubs: list[VillagePlan], hosts: dict[str, str]) -> dict[str, list[Export]]:
    incoming: dict[str, list[Export]] = {p.code: [] for p in hubs}
    for i, export in enumerate(exports):
        target = hosts[export.school] if export.kind == "student" else hubs[i % len(hubs)].code
        incoming[target].append(export)
    return incoming


class _pool:
    """A pool of worker processes (or none), giving an ordered lazy map."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self.pool: multiprocessing.pool.Pool | None = None

    def __enter__(self) -> Callable[..., Iterator[VillageResult]]:
        if self.processes <= 1:
            return map
        # fork is the fastest start, but a parent that has loaded DuckDB (tests, the web app)
        # holds threads and locks a forked child would inherit mid-use and deadlock on.
        context = multiprocessing.get_context("forkserver" if "duckdb" in sys.modules else "fork")
        self.pool = context.Pool(self.processes)
        pool = self.pool
        return lambda fn, jobs: pool.imap(fn, jobs, chunksize=1)

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
