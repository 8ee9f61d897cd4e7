"""One way to time a whole command: wall seconds, CPU seconds and peak memory of its process tree.

The tree is sampled while the command runs: renpu's parse workers are forkserver
children and Spark's are the JVM's, which ``RUSAGE_CHILDREN`` of this process
never sees, so each process's CPU is remembered by pid and its memory summed
with its siblings'.
"""

from __future__ import annotations

import contextlib
import subprocess
import time
from dataclasses import dataclass
from typing import IO

import psutil


@dataclass(frozen=True)
class Measured:
    wall: float  # seconds
    cpu: float  # user + system seconds of every process of the tree
    peak: int  # bytes: the largest sum of resident sets seen at once
    returncode: int


def measure(args: list[str], env: dict[str, str] | None = None, output: IO[str] | None = None,
            every: float = 0.05) -> Measured:
    """Run ``args`` to its end, its output (and errors) into ``output`` — a file, never a pipe nobody reads."""
    cpu: dict[int, float] = {}
    peak = 0
    started = time.perf_counter()
    process = psutil.Popen(args, env=env, stdout=output, stderr=subprocess.STDOUT if output else None)
    while process.poll() is None:
        with contextlib.suppress(psutil.Error):
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(member.memory_info().rss for member in tree))
            for member in tree:
                times = member.cpu_times()
                cpu[member.pid] = times.user + times.system
        time.sleep(every)
    return Measured(time.perf_counter() - started, sum(cpu.values()), peak, process.returncode)
