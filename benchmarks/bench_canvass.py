"""Canvass benchmark: synth → import → summaries → comparisons, timed stage by stage.

Each stage runs as its own `renpu` process so that its wall time and peak
memory (RSS of the process tree, sampled every 50 ms) are its own.

    python benchmarks/bench_canvass.py --persons 1000000 [--workdir bench-out] [--skip-compare]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.processes import measure  # noqa: E402

RENPU = [sys.executable, "-m", "renpu"]


def run_stage(label: str, args: list[str], env: dict[str, str], log: Path) -> tuple[float, float]:
    with log.open("a", encoding="utf-8") as handle:
        measured = measure([*RENPU, *args], env, handle)
    if measured.returncode != 0:
        print(log.read_text(encoding="utf-8")[-3000:])
        raise SystemExit(f"{label} failed")
    print(f"{label:28s} {measured.wall:8.1f} s   peak {measured.peak / 2**30:5.2f} GiB")
    return measured.wall, measured.peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--workdir", type=Path, default=Path("bench-out"))
    parser.add_argument("--skip-compare", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep an already generated county")
    args = parser.parse_args()
    work = args.workdir / f"county-{args.persons}"
    county = work / "county"
    reuse = args.reuse and (county / "truth" / "findings.csv").exists()
    if work.exists():
        for item in work.iterdir():
            if not (reuse and item == county):
                shutil.rmtree(item) if item.is_dir() else item.unlink()
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "RENPU_HOME": str(work / "home"), "RENPU_DB_PATH": str(work / "renpu.sqlite3")}
    log = work / "stages.log"
    print(f"county of {args.persons:,} persons in {work} (output of each stage in {log})")
    synth_s = 0.0
    if not reuse:
        synth_s, _ = run_stage("synth", ["synth", str(county), "--persons", str(args.persons), "--seed", str(args.seed)], env, log)
    run_stage("init + import geography", ["import", "geography", str(county / "区划代码.xlsx")], env, log)
    import_s, _ = run_stage("import canvass", ["import", "canvass", str(county / "canvass")], env, log)
    print(f"{'':28s} {args.persons / import_s:8.0f} persons/s")
    run_stage("report summaries", ["report", "summaries", "--out", str(work / "summaries.xlsx")], env, log)
    if not args.skip_compare:
        for name in ("police", "pension", "medical", "grid", "education", "health", "civil", "mapping"):
            files = sorted((county / "sources").glob(f"{name}_*"))
            run_stage(f"import source {name}", ["import", "source", name, *map(str, files)], env, log)
        run_stage("compare (all)", ["compare"], env, log)
        run_stage("evaluate", ["evaluate", str(county / "truth"), "--no-baseline"], env, log)
    print(f"database size {os.path.getsize(work / 'renpu.sqlite3') / 2**20:.0f} MiB; synth {synth_s:.1f} s")


if __name__ == "__main__":
    main()
