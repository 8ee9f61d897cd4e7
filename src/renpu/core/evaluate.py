"""Score findings against the synthetic county's truth: precision and recall per code.

A finding is identified by its source record (code, file name, Excel row) when
the truth names one, else by the canvass record (code, canvass key): the two
ways a village would find the same case.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

Key = tuple[str, str, str]


@dataclass
class CodeScore:
    code: str
    truth: int = 0
    found: int = 0
    correct: int = 0
    misses: list[Key] = field(default_factory=list)
    false_alarms: list[Key] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else (1.0 if not self.truth else 0.0)

    @property
    def recall(self) -> float:
        return self.correct / self.truth if self.truth else 1.0


def finding_key(code: str, canvass_key: str, source_file: str, source_row: object) -> Key:
    if source_row not in (None, "") and not code.startswith("canvass."):
        return (code, PurePath(str(source_file)).name, str(int(float(str(source_row)))))
    return (code, "", canvass_key or "")


def truth_keys(truth_dir: Path) -> set[Key]:
    with (truth_dir / "findings.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {finding_key(r["code"], r["canvass_key"], r["source_file"], r["source_row"]) for r in csv.DictReader(handle)}


def score(found: Iterable[Key], truth: set[Key]) -> dict[str, CodeScore]:
    # the clerical review list is not a finding the truth can hold
    found_set = {key for key in found if key[0] != "linkage.review"}
    scores: dict[str, CodeScore] = defaultdict(lambda: CodeScore(""))
    for key in truth | found_set:
        entry = scores[key[0]]
        entry.code = key[0]
        entry.truth += key in truth
        entry.found += key in found_set
        entry.correct += key in truth and key in found_set
        if key in truth and key not in found_set:
            entry.misses.append(key)
        if key in found_set and key not in truth:
            entry.false_alarms.append(key)
    return dict(sorted(scores.items()))
