"""Scores of every finding code on synthetic counties of both profiles and several seeds.

For each profile × seed: ``renpu synth`` → import geography, canvass, every
department → ``renpu compare`` → ``renpu evaluate``, each its own process on its
own SQLite store.  Prints one table per code (precision / recall per seed), the
review list's share of accepted links, and the codes below the target.

    python benchmarks/score_profiles.py --persons 30000 --seeds 1 2 3 [--profiles default wild]
        [--workdir score-out] [--keep] [--markdown notes.md]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

RENPU = [sys.executable, "-m", "renpu"]
SOURCES = ("police", "pension", "medical", "grid", "education", "health", "civil", "mapping")
TARGET = 0.995
_ROW = re.compile(r"^(\S+)\s+(\d+)\s+(\d+)\s+([\d.]+)%\s+([\d.]+)%")
_REVIEW = re.compile(r"待人工核对的疑似匹配 (\d+) 对(?:，为已链接 (\d+) 对的)?")


def run(args: list[str], env: dict[str, str], log: Path) -> str:
    started = time.perf_counter()
    done = subprocess.run([*RENPU, *args], env=env, capture_output=True, text=True)
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"$ renpu {' '.join(args)}  ({time.perf_counter() - started:.1f} s)\n{done.stdout}{done.stderr}\n")
    if done.returncode != 0:
        raise SystemExit(f"renpu {args[0]} failed (see {log}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return done.stdout


def score_one(profile: str, seed: int, persons: int, work: Path) -> tuple[dict[str, tuple[int, int, float, float]], tuple[int, int]]:
    """{code: (truth, found, precision, recall)}, (review pairs, accepted links)."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    county, log = work / "county", work / "commands.log"
    env = {**os.environ, "RENPU_HOME": str(work / "home"), "RENPU_DB_PATH": str(work / "renpu.sqlite3")}
    env.pop("RENPU_DATABASE_URL", None)
    run(["synth", str(county), "--persons", str(persons), "--seed", str(seed), "--profile", profile], env, log)
    run(["import", "geography", str(county / "区划代码.xlsx")], env, log)
    run(["import", "canvass", str(county / "canvass")], env, log)
    for name in SOURCES:
        files = sorted((county / "sources").glob(f"{name}_*"))
        if files:
            run(["import", "source", name, *map(str, files)], env, log)
    compared = run(["compare"], env, log)
    evaluated = run(["evaluate", str(county / "truth"), "--no-baseline", "--misses", "10"], env, log)
    scores = {m[1]: (int(m[2]), int(m[3]), float(m[4]) / 100, float(m[5]) / 100)
              for m in map(_ROW.match, evaluated.splitlines()) if m}
    review = _REVIEW.search(compared)
    return scores, ((int(review[1]), int(review[2] or 0)) if review else (0, 0))


def markdown(results: dict[tuple[str, int], tuple[dict, tuple[int, int]]], persons: int) -> str:
    runs = sorted(results)
    lines = [f"persons {persons:,}; each cell precision / recall (truth count)", "",
             "| code | " + " | ".join(f"{p} s{s}" for p, s in runs) + " |",
             "|---|" + "---|" * len(runs)]
    codes = sorted({code for scores, _ in results.values() for code in scores})
    for code in codes:
        cells = []
        for run_key in runs:
            entry = results[run_key][0].get(code)
            mark = " ⚠" if entry and min(entry[2], entry[3]) < TARGET else ""
            cells.append(f"{entry[2]:.2%} / {entry[3]:.2%} ({entry[0]}){mark}" if entry else "–")
        lines.append(f"| {code} | " + " | ".join(cells) + " |")
    reviews = [f"{r[1][0]}/{r[1][1]} = {r[1][0] / r[1][1]:.2%}" if r[1][1] else "–" for r in (results[k] for k in runs)]
    lines.append("| review / accepted links | " + " | ".join(reviews) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=30_000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--profiles", nargs="+", default=["default", "wild"])
    parser.add_argument("--workdir", type=Path, default=Path("score-out"))
    parser.add_argument("--keep", action="store_true", help="keep each run's county and store")
    parser.add_argument("--markdown", type=Path, help="append the table to this file")
    args = parser.parse_args()
    results = {}
    for profile in args.profiles:
        for seed in args.seeds:
            work = args.workdir / f"{profile}-{seed}-{args.persons}"
            started = time.perf_counter()
            results[(profile, seed)] = score_one(profile, seed, args.persons, work)
            scores, review = results[(profile, seed)]
            low = [c for c, e in scores.items() if min(e[2], e[3]) < TARGET]
            print(f"{profile} seed {seed}: {len(scores)} codes, below {TARGET:.1%}: {', '.join(low) or 'none'}; "
                  f"review {review[0]}/{review[1]}; {time.perf_counter() - started:.0f} s", flush=True)
            if not args.keep:
                shutil.rmtree(work / "home", ignore_errors=True)
                (work / "renpu.sqlite3").unlink(missing_ok=True)
    table = markdown(results, args.persons)
    print(table)
    if args.markdown:
        with args.markdown.open("a", encoding="utf-8") as handle:
            handle.write("\n" + table + "\n")


if __name__ == "__main__":
    main()
