"""Import and compare speed of this tree against another commit's, side by side in one run.

One county is generated (by this tree), then for each round and each tree, on
its own fresh SQLite store: import geography, ``renpu import canvass`` (timed),
import the departments, ``renpu compare`` (timed).  Wall time and CPU (user +
system of the command and every process it waited for) per whole command; the
trees alternate so that a busy machine weighs on both alike.

    git worktree add /tmp/old 3d970bb && (cd /tmp/old && make .venv/bin/renpu)
    python benchmarks/speed_against.py --other /tmp/old/.venv/bin/python --persons 200000 [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.processes import measure  # noqa: E402

SOURCES = ("police", "pension", "medical", "grid", "education", "health", "civil", "mapping")
TIMED = ("import canvass", "compare")


def timed(python: str, args: list[str], env: dict[str, str], log: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one whole ``renpu`` command and every process under it."""
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"$ {python} -m renpu {' '.join(args)}\n")
        handle.flush()
        measured = measure([python, "-m", "renpu", *args], env, handle, every=0.1)
    if measured.returncode != 0:
        raise SystemExit(f"{python} renpu {args[0]} failed: see {log}")
    return measured.wall, measured.cpu


def one_round(python: str, county: Path, work: Path) -> dict[str, tuple[float, float]]:
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    env = {**os.environ, "RENPU_HOME": str(work / "home"), "RENPU_DB_PATH": str(work / "renpu.sqlite3")}
    env.pop("RENPU_DATABASE_URL", None)
    log = work / "commands.log"
    timed(python, ["import", "geography", str(county / "区划代码.xlsx")], env, log)
    figures = {"import canvass": timed(python, ["import", "canvass", str(county / "canvass")], env, log)}
    for name in SOURCES:
        files = sorted((county / "sources").glob(f"{name}_*"))
        if files:
            timed(python, ["import", "source", name, *map(str, files)], env, log)
    figures["compare"] = timed(python, ["compare"], env, log)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--other", required=True, help="the other tree's python (its venv has renpu installed)")
    parser.add_argument("--persons", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path("speed-out"))
    parser.add_argument("--reuse", action="store_true", help="keep an already generated county")
    args = parser.parse_args()
    county = args.workdir / f"county-{args.persons}"
    if not (args.reuse and (county / "truth").exists()):
        shutil.rmtree(county, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "renpu", "synth", str(county), "--persons", str(args.persons),
                        "--seed", str(args.seed)], check=True, stdout=subprocess.DEVNULL)
    trees = {"this": sys.executable, "other": args.other}
    results: dict[str, dict[str, list[tuple[float, float]]]] = {t: {s: [] for s in TIMED} for t in trees}
    for number in range(args.rounds):
        order = list(trees) if number % 2 == 0 else list(reversed(trees))
        for tree in order:
            figures = one_round(trees[tree], county, args.workdir / f"{tree}-store")
            for stage, value in figures.items():
                results[tree][stage].append(value)
                print(f"round {number + 1} {tree:5s} {stage:15s} wall {value[0]:7.1f} s  cpu {value[1]:7.1f} s", flush=True)
    print(f"\n{args.persons:,} persons, {args.rounds} round(s), medians; ratio = this / other")
    for stage in TIMED:
        this_wall, this_cpu = (statistics.median(v[i] for v in results["this"][stage]) for i in (0, 1))
        other_wall, other_cpu = (statistics.median(v[i] for v in results["other"][stage]) for i in (0, 1))
        print(f"{stage:15s} wall {this_wall:7.1f} vs {other_wall:7.1f} s ({this_wall / other_wall:.2f}×)   "
              f"cpu {this_cpu:7.1f} vs {other_cpu:7.1f} s ({this_cpu / other_cpu:.2f}×)")


if __name__ == "__main__":
    main()
