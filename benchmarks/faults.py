"""Kill -9 `renpu import canvass` at several moments; what is left must be whole.

    python benchmarks/faults.py [--files 6] [--persons 300] [--moments 0.5,1,2,4,8]

For each moment: a fresh store (geography imported), the import of a folder of
workbooks killed with SIGKILL after that many seconds; then PRAGMA
integrity_check must be ok, every import batch in the store must hold all of its
file's rows (no half file), the persons must be exactly those of the finished
files, and running the import again must give the totals of a clean run.
(Still to do: `renpu import source`, `renpu compare`, a browser upload, PostgreSQL,
a full disk and a read-only database.)
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import hostile_files as files  # noqa: E402


@dataclass
class Outcome:
    moment: float
    finished_files: int
    persons: int
    integrity: str
    whole: bool  # every batch holds all its file's rows
    originals: int
    rerun_persons: int
    expected: int

    @property
    def held(self) -> bool:
        return self.integrity == "ok" and self.whole and self.rerun_persons == self.expected

    def line(self) -> str:
        return (f"kill at {self.moment:5.1f} s: {'held' if self.held else 'FAILED'}  files finished "
                f"{self.finished_files}, persons {self.persons}, integrity {self.integrity}, whole batches {self.whole}, "
                f"originals kept {self.originals}, after re-run {self.rerun_persons}/{self.expected}")


def build(folder: Path, count: int, persons: int) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    persons -= persons % 3  # households of three never straddle two files
    rows = {}
    for number in range(count):
        name = f"村{number:02d}.xlsx"
        files.write_xlsx(folder / name, {"户表": [files.HEADER, *files.people(persons, start=number * persons)]})
        rows[name] = persons
    return rows


def _command(home: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "renpu", "--db", str(home / "renpu.sqlite3"), "--home", str(home), *args]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("RENPU_")} | {"RENPU_SECRET_KEY": "faults"}


def kill_import(home: Path, folder: Path, moment: float) -> None:
    child = subprocess.Popen(_command(home, "import", "canvass", str(folder)), env=_env(),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(moment)
    if child.poll() is None:
        os.kill(child.pid, signal.SIGKILL)
    child.wait()


def inspect(home: Path, rows: dict[str, int]) -> tuple[str, int, int, bool]:
    with sqlite3.connect(home / "renpu.sqlite3") as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        batches = connection.execute(
            "SELECT b.file_name, count(p.id) FROM canvass_importbatch b LEFT JOIN canvass_person p ON p.batch_id = b.id "
            "WHERE b.kind = 'canvass' GROUP BY b.id").fetchall()
        persons = connection.execute("SELECT count(*) FROM canvass_person").fetchone()[0]
    whole = all(rows.get(name) == count for name, count in batches) and persons == sum(n for _, n in batches)
    return integrity, len(batches), persons, whole


def run(moment: float, folder: Path, rows: dict[str, int], work: Path) -> Outcome:
    home = work / f"home-{moment}"
    files.prepare_home(home)
    base = 3  # prepare_home's own household
    kill_import(home, folder, moment)
    integrity, finished, persons, whole = inspect(home, {**rows, "底册.xlsx": base})
    originals = len([p for p in (home / "originals").rglob("*.xlsx") if "村" in p.name])
    subprocess.run(_command(home, "import", "canvass", str(folder)), env=_env(), capture_output=True, check=False)
    _, _, again, _ = inspect(home, {**rows, "底册.xlsx": base})
    return Outcome(moment, finished - 1, persons - base, integrity, whole, originals, again - base, sum(rows.values()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=6)
    parser.add_argument("--persons", type=int, default=300)
    parser.add_argument("--moments", default="0.5,1,2,4,8")
    options = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="renpu-faults-"))
    rows = build(work / "files", options.files, options.persons)
    outcomes = [run(float(m), work / "files", rows, work) for m in options.moments.split(",")]
    for outcome in outcomes:
        print(outcome.line(), flush=True)
    return 0 if all(o.held for o in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
