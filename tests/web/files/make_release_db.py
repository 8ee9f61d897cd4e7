"""Make ``release-0.1.0.sqlite3``: a small database as renpu 0.1.0 made it.

The file is kept so that tests can check that a newer renpu opens a database
an office made with an older one (``renpu init`` migrates it; the data reads
back).  It was made once, on commit 3d970bb (the last commit before the web
folders were split by capability), and must not be remade with a newer renpu:

    git worktree add /tmp/renpu-0.1.0 3d970bb
    cd /tmp/renpu-0.1.0 && make .venv/bin/renpu
    .venv/bin/python /path/to/tests/web/files/make_release_db.py OUT.sqlite3

It holds a synthetic county of about 130 persons with every department's
extract (seed 4: in a county that small some seeds leave an extract without
rows, which renpu 0.1.0 refuses), one comparison run with its findings and
tasks, a resolved and approved task, a monthly check, a household-head
register's numbers, a snapshot row, an export log entry and one account per
role (password ``renpu-demo-2020``).  626 KB.
It uses renpu 0.1.0's module names (``renpu.web.platform`` …) on purpose.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path


def renpu(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "renpu", *args], check=True, stdout=subprocess.DEVNULL)


def main(out: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="renpu-0.1.0-"))
    county = work / "county"
    os.environ["RENPU_HOME"] = str(work / "home")
    db = ["--db", str(out)]
    renpu("synth", str(county), "--persons", "130", "--seed", "4")
    renpu(*db, "init")
    renpu(*db, "import", "geography", str(county / "区划代码.xlsx"))
    renpu(*db, "import", "canvass", str(county / "canvass"))
    for path in sorted((county / "sources").iterdir()):
        renpu(*db, "import", "source", path.name.split("_")[0], str(path), "--as-of", "2020-09-30")
    renpu(*db, "compare")
    _work_in_the_browser(out)
    connection = sqlite3.connect(out, isolation_level=None)
    connection.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
    connection.execute("DELETE FROM renpu_cache")  # the dashboard's figures, not data
    connection.execute("PRAGMA page_size=1024")  # small pages: sixty small tables
    connection.execute("VACUUM")
    connection.close()


def _work_in_the_browser(out: Path) -> None:
    """What a month of work leaves: accounts, a resolved task, a check, a register, a snapshot."""
    from renpu.web import boot

    boot.setup(str(out))
    from renpu.web.platform import agreement, people, tasks
    from renpu.web.platform.accounts import add_user
    from renpu.web.platform.models import ExportLog, Task
    from renpu.web.reports import registers, snapshots

    from renpu.web.canvass.models import Household, Village

    village = Village.objects.order_by("code").first()
    assert village is not None
    county = add_user("county", "renpu-demo-2020", "county")
    clerk = add_user("clerk", "renpu-demo-2020", "village", [village.code])
    add_user("township", "renpu-demo-2020", "township", [village.township_id])
    agreement.accept(clerk, agreement.current_agreement())
    task = Task.objects.filter(village=village, code="canvass.invalid_id").first() or Task.objects.first()
    assert task is not None
    tasks.resolve(task, clerk, tasks.Resolution(Task.Outcome.NOT_FOUND, "入户核实：查无此人"))
    tasks.approve(task, county, "同意")
    household = Household.objects.filter(village=village).order_by("household_key").first()
    assert household is not None
    people.check_household(household, clerk, "无变动")
    registers.area_registers(village.code)
    snapshots.take_snapshot("2020-10 月度快照", None, "county")
    ExportLog.objects.create(user=county, user_name="county", what="户表", rows=12, masked=False)
    from django.db import connections

    connections.close_all()


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve())
