"""``renpu province evaluate``: the province's findings against synth-province's truth.

A finding is the county it is sent to, its code, the record it names (the
canvass key, or the police file and row for ``province.lives_elsewhere``) and,
for the cross-county codes, the other county: a duplicate found with the wrong
county is as wrong as one not found.  Scored with the county's own
``core.evaluate.score`` (precision and recall per code).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path, PurePath

from renpu.core.evaluate import CodeScore, Key, score

from .comparing import CODES, DECEASED, FINDINGS_FILE


def key(code: str, county: str, canvass_key: str, source_file: str, source_row: object, other: str) -> Key:
    record = canvass_key or f"{PurePath(source_file).name}#{int(float(str(source_row)))}"
    return (code, county, record if code == DECEASED else f"{record}→{other}")


def truth_keys(truth_dir: Path) -> set[Key]:
    with (truth_dir / "findings.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {key(r["code"], r["county"], r["canvass_key"], r["source_file"], r["source_row"], r["other_county"])
                for r in csv.DictReader(handle)}


def found_keys(findings_dir: Path) -> set[Key]:
    found = set()
    for path in sorted(findings_dir.glob(f"county=*/{FINDINGS_FILE}")):
        county = path.parent.name.removeprefix("county=")
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                other = json.loads(row["evidence"] or "{}").get("other_county", "")
                found.add(key(row["code"], county, row["canvass_key"], row["source_file"], row["source_row"], other))
    return found


def score_province(truth_dir: Path, findings_dir: Path) -> dict[str, CodeScore]:
    scores = score(found_keys(findings_dir), truth_keys(truth_dir))
    for code in CODES:  # a code with neither truth nor findings is still shown
        scores.setdefault(code, CodeScore(code))
    return dict(sorted(scores.items()))


def format_table(scores: dict[str, CodeScore]) -> str:
    lines = [f"{'code':32s} {'truth':>6s} {'found':>6s} {'precision':>9s} {'recall':>7s}"]
    for code, entry in scores.items():
        lines.append(f"{code:32s} {entry.truth:6d} {entry.found:6d} {entry.precision:9.2%} {entry.recall:7.2%}")
    return "\n".join(lines)
