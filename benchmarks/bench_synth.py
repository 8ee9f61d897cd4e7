"""Time renpu.synth.generate at a given size: prints seconds and peak RSS.

    .venv/bin/python benchmarks/bench_synth.py --persons 100000 [--seed 1] [--out /tmp/bench_synth]
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path

import psutil

from renpu.synth import generate


def _peak_rss(stop: threading.Event, peak: list[int]) -> None:
    me = psutil.Process()
    while not stop.is_set():
        try:
            total = me.memory_info().rss + sum(c.memory_info().rss for c in me.children(recursive=True))
        except psutil.Error:
            total = 0
        peak[0] = max(peak[0], total)
        stop.wait(0.2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="bench_synth_"))
    stop, peak = threading.Event(), [0]
    watcher = threading.Thread(target=_peak_rss, args=(stop, peak), daemon=True)
    watcher.start()
    start = time.perf_counter()
    summary = generate(out, args.persons, args.seed, processes=args.processes)
    seconds = time.perf_counter() - start
    stop.set()
    watcher.join()
    print(f"persons={args.persons} listed={summary.persons_listed} villages={summary.villages} "
          f"seconds={seconds:.1f} peak_rss_mb={peak[0] / 2**20:.0f} (parent+workers) out={out}")


if __name__ == "__main__":
    main()
