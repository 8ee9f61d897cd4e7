"""Findings as truth keys, the VLOOKUP baseline, and the score table."""

from __future__ import annotations

from collections.abc import Iterator

from renpu.core import evaluate, linkage

from . import models, service


def stored_keys() -> Iterator[evaluate.Key]:
    for code, canvass_key, source_file, source_row in models.Finding.objects.values_list(
        "code", "canvass_key", "source_file", "source_row"
    ).iterator(chunk_size=10_000):
        yield evaluate.finding_key(code, canvass_key, source_file, source_row)


def baseline_keys() -> list[evaluate.Key]:
    """What the county's VLOOKUPs on the ID number find: the same comparisons, exact IDs only."""
    result = service.compare_only(linkage.LinkOptions(exact_only=True))
    return [evaluate.finding_key(f.code, f.canvass_key, f.source_file, f.source_row) for f in result.findings]


def format_table(scores: dict[str, evaluate.CodeScore], baseline: dict[str, evaluate.CodeScore]) -> str:
    header = f"{'code':32s} {'truth':>6s} {'found':>6s} {'precision':>9s} {'recall':>7s}"
    if baseline:
        header += f" | {'VLOOKUP precision':>17s} {'recall':>7s}"
    lines = [header]
    for code, entry in scores.items():
        line = f"{code:32s} {entry.truth:6d} {entry.found:6d} {entry.precision:9.2%} {entry.recall:7.2%}"
        if baseline:
            base = baseline.get(code, evaluate.CodeScore(code, truth=entry.truth))
            line += f" | {base.precision:17.2%} {base.recall:7.2%}"
        lines.append(line)
    return "\n".join(lines)
