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
