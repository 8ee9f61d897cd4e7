"""A synthetic province end to end, each stage timed with its peak memory, on both engines.

    .venv/bin/python benchmarks/bench_province.py --counties 5 --sizes 20000,60000 [--engines duckdb,spark]

For each size: ``renpu synth-province``; every county into its own store as a
county office would (``renpu import`` geography, canvass, sources;
``renpu compare``; ``renpu export province``); ``renpu province compare`` on
each engine; ``renpu province evaluate``.  Every stage runs as the command a
user types, in its own process; peak memory is the largest resident set of
that process and its children (the JVM and Spark's Python workers too),
sampled every 0.2 s.  Pair counts per blocking rule come from the compare
run's summary.json.  The figures are ratios on one machine in one run: the
2-core box is shared, so read them side by side, not as absolutes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.processes import measure  # noqa: E402

BIN = Path(sys.executable).parent
RENPU = str(BIN / "renpu")
SOURCES = ("police", "pension", "medical", "grid", "education", "health", "civil", "mapping")


def measured(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run a command; (seconds, peak MB of its process tree, its output)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output:
        result = measure(args, {**os.environ, **(env or {})}, output, every=0.2)
        output.seek(0)
        out = output.read()
    if result.returncode:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(args)}\n{out[-2000:]}")
    return result.wall, result.peak / 2**20, out


def county_store(county: Path, export: Path, work: Path) -> tuple[float, float]:
    """One county office: its files into its own store, its comparisons, its export for the province."""
    db, home = work / f"{county.name[:6]}.sqlite", work / f"home-{county.name[:6]}"
    base = [RENPU, "--db", str(db), "--home", str(home)]
    steps = [[*base, "import", "geography", str(county / "区划代码.xlsx")],
             [*base, "import", "canvass", str(county / "canvass")]]
    for path in sorted((county / "sources").iterdir()):
        if path.name.split("_")[0] in SOURCES:
            steps.append([*base, "import", "source", path.name.split("_")[0], str(path)])
    steps += [[*base, "compare"], [*base, "export", "province", "--out", str(export)]]
    seconds, peak = 0.0, 0.0
    for step in steps:
        took, mb, _ = measured(step)
        seconds, peak = seconds + took, max(peak, mb)
    return seconds, peak


def run_size(persons: int, counties: int, seed: int, engines: list[str], work: Path) -> dict[str, object]:
    root = work / f"p{persons}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    figures: dict[str, object] = {"persons": persons, "counties": counties}
    took, mb, out = measured([RENPU, "synth-province", str(root / "synth"), "--counties", str(counties),
                              "--persons", str(persons), "--seed", str(seed)])
    figures["synth"] = {"seconds": round(took, 1), "peak_mb": round(mb)}
    print(out.strip(), flush=True)
    stores = [county_store(c, root / "export", root) for c in sorted((root / "synth" / "counties").iterdir())]
    figures["county_stores"] = {"seconds": round(sum(s for s, _ in stores), 1), "peak_mb": round(max(m for _, m in stores))}
    deaths = next((root / "synth" / "province").glob("*.csv"))
    for engine in engines:
        out_dir = root / f"findings-{engine}"
        took, mb, _ = measured([RENPU, "province", "compare", str(root / "export"), "--engine", engine,
                                "--out", str(out_dir), "--deaths", str(deaths)])
        summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
        _, _, scored = measured([RENPU, "province", "evaluate", str(root / "synth" / "truth"), "--findings", str(out_dir)])
        figures[engine] = {"seconds": round(took, 1), "peak_mb": round(mb), "stages": summary["seconds"],
                           "links": summary["links"], "blocking": summary["blocking"], "evaluate": scored.strip()}
        print(f"{persons} {engine}: {took:.1f} s, {mb:.0f} MB", flush=True)
    if len(engines) == 2:
        same = all((root / "findings-duckdb" / p.relative_to(root / "findings-spark")).read_bytes() == p.read_bytes()
                   for p in (root / "findings-spark").glob("county=*/findings.csv"))
        figures["engines_identical"] = same
    return figures


def throughput(records: int, days: int, engines: list[str]) -> dict[str, dict[str, float]]:
    """Splink's scoring rate with the province's model: records blocked on birth date alone (pairs/s)."""
    import datetime as dt
    import logging
    import random

    import pyarrow as pa
    from splink import Linker

    from renpu.core import names
    from renpu.province import linking
    from renpu.province.engines import open_engine

    rng = random.Random(1)
    pool = "张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏"
    rows = []
    for i in range(records):
        name = rng.choice(pool) + rng.choice(pool) + rng.choice(pool)
        rows.append({"uid": f"u{i}", "county": str(421100 + rng.randrange(5)),
                     "id_number": "".join(rng.choice("0123456789") for _ in range(18)), "name": name,
                     "name_py": names.pinyin_key(name), "sex": rng.choice("12"),
                     "birth_date": dt.date(1980, 1, 1) + dt.timedelta(days=rng.randrange(days))})
    table = pa.Table.from_pylist(rows)
    out = {}
    for name in engines:
        engine = open_engine(name)
        engine.load_arrow("people", table)
        api = engine.splink_api()
        frames = [api.register("people", table_name="tl"), api.register("people", table_name="tr")]
        pairs = engine.arrow("SELECT count(*) AS n FROM people l JOIN people r ON l.birth_date = r.birth_date "
                             "AND l.county < r.county").to_pylist()[0]["n"]
        linker = Linker(frames, linking.settings("l.county < r.county", {"birth": ("birth_date",)}),
                        log_level=logging.ERROR)
        started = time.perf_counter()
        predicted = linker.inference.predict(threshold_match_probability=0.5).physical_name
        kept = engine.arrow(f"SELECT count(*) AS n FROM {predicted}").to_pylist()[0]["n"]
        seconds = time.perf_counter() - started
        out[name] = {"pairs": pairs, "seconds": round(seconds, 1), "pairs_per_second": round(pairs / seconds),
                     "kept": kept}
        print(f"throughput {name}: {pairs} pairs in {seconds:.1f} s", flush=True)
        engine.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counties", type=int, default=5)
    parser.add_argument("--sizes", default="20000,60000", help="persons in the province, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--engines", default="duckdb,spark")
    parser.add_argument("--work", type=Path, default=Path("bench-out/province"))
    parser.add_argument("--throughput", type=int, default=0, help="also: Splink's pairs/s on this many records")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores", flush=True)
    args.work.mkdir(parents=True, exist_ok=True)
    results = [run_size(int(size), args.counties, args.seed, args.engines.split(","), args.work)
               for size in args.sizes.split(",") if size]
    report: dict[str, object] = {"load_average_at_start": load, "sizes": results}
    if args.throughput:
        report["throughput"] = throughput(args.throughput, 100, args.engines.split(","))
    (args.work / "figures.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
