"""Kill -9 `renpu import canvass` mid-way (small): the store stays whole and a re-run completes it."""

from __future__ import annotations

import os

import pytest
from benchmarks import faults

from renpu.web import server


@pytest.mark.skipif(not server.can_fork(), reason="SIGKILL of a child process")
# The harness kills imports into a SQLite home; PostgreSQL is still to do (benchmarks/faults.py).
@pytest.mark.skipif(bool(os.environ.get("RENPU_DATABASE_URL")), reason="the fault harness runs on SQLite only")
@pytest.mark.parametrize("moment", [2.0, 5.5])
def test_an_import_killed_midway_leaves_whole_files_only(tmp_path, moment):
    rows = faults.build(tmp_path / "files", 4, 200)
    outcome = faults.run(moment, tmp_path / "files", rows, tmp_path)
    assert outcome.integrity == "ok"
    assert outcome.whole, outcome.line()  # every batch holds all of its file's rows, nothing else
    assert outcome.rerun_persons == outcome.expected, outcome.line()
