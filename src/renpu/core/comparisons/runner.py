"""Run the comparisons named (or all) and say, per source, what was compared."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType

from . import canvass, civil, education, grid, health, insurance, mapping, police, review
from .base import Context, Finding

# Which comparison module serves which name, and the sources each needs.
COMPARISONS: dict[str, tuple[ModuleType, tuple[str, ...]]] = {
    "canvass": (canvass, ()),
    "police": (police, ("police",)),
    "insurance": (insurance, ("pension", "medical")),
    "grid": (grid, ("grid",)),
    "education": (education, ("education",)),
    "health": (health, ("health",)),
    "civil": (civil, ("civil",)),
    "mapping": (mapping, ("mapping",)),
}
SOURCE_TO_COMPARISON = {"pension": "insurance", "medical": "insurance"}
# What else each comparison reads: the canvass tables (``Context`` fields) and other sources
# (insurance asks for the members of police's 空挂户 candidates).  The store reads no more.
READS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "canvass": (("persons",), ()),
    "police": (("persons", "absent_members", "households"), ()),
    "insurance": (("persons", "absent_members", "households", "persons_away"), ("police",)),
    "grid": (("persons", "households", "vacant_dwellings"), ()),
    "education": (("persons",), ()),
    "health": (("persons",), ()),
    "civil": (("persons",), ()),
    "mapping": (("households", "vacant_dwellings", "complexes"), ()),
}


@dataclass(frozen=True)
class Needs:
    """The canvass tables and the sources a run of some comparisons reads."""

    tables: frozenset[str]
    sources: frozenset[str]


def needs(names: list[str]) -> Needs:
    """What the comparisons ``names`` (resolved) read from the store, and nothing more."""
    tables = {t for name in names for t in READS[name][0]}
    sources = {s for name in names for s in (*COMPARISONS[name][1], *READS[name][1])}
    return Needs(frozenset(tables), frozenset(sources))


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # comparison → what happened, in Chinese
    seconds: dict[str, float] = field(default_factory=dict)
    accepted_links: int = 0  # pairs the linkage accepted, all sources (the review list is measured against it)


class UnknownComparison(ValueError):
    """A name that is neither a comparison nor a source; the message lists the names there are."""


def resolve(names: list[str] | None) -> list[str]:
    """The comparisons to run, in order, once each: a source's name (pension) gives its comparison (insurance)."""
    if not names:
        return list(COMPARISONS)
    resolved = []
    for name in names:
        name = SOURCE_TO_COMPARISON.get(name, name)
        if name not in COMPARISONS:
            raise UnknownComparison(f"没有名为 {name} 的比对；可用：{', '.join(COMPARISONS)}")
        if name not in resolved:
            resolved.append(name)
    return resolved


def run(context: Context, names: list[str] | None = None) -> RunResult:
    import time

    result = RunResult()
    for name in resolve(names):
        module, needed = COMPARISONS[name]
        missing = [s for s in needed if context.source(s) is None]
        if needed and len(missing) == len(needed):
            result.notes[name] = f"未比对：尚未导入{'、'.join(missing)}数据（不把任何人报为缺失）"
            continue
        started = time.perf_counter()
        found = module.compare(context)
        result.seconds[name] = time.perf_counter() - started
        result.findings.extend(found)
        stale = [f"{s}（截至 {context.sources[s].as_of}）" for s in needed if context.source(s) and context.sources[s].as_of]
        result.notes[name] = f"发现 {len(found)} 条" + (f"；数据：{'、'.join(stale)}" if stale else "")
    undecided = review.review_findings(context)
    result.findings.extend(undecided)
    result.accepted_links = sum(links.accepted().num_rows for links in context.links.values())
    share = f"，为已链接 {result.accepted_links} 对的 {len(undecided) / result.accepted_links:.2%}" if result.accepted_links else ""
    result.notes["review"] = f"待人工核对的疑似匹配 {len(undecided)} 对{share}"
    return result
