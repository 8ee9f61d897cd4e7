"""A database made by renpu 0.1.0 keeps working: `renpu init` migrates it and its data reads back.

``files/release-0.1.0.sqlite3`` was made by ``files/make_release_db.py`` on the
0.1.0 release (before the web folders were split by capability: findings then
lived in the ``sources`` app, tasks and monthly checks in ``platform``,
snapshots in ``reports``).  The models moved; their tables did not.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RELEASE_0_1_0 = Path(__file__).parent / "files" / "release-0.1.0.sqlite3"

# Run on the migrated copy, in its own process (the test database is pytest's).
READ_BACK = """
import json, sys
from renpu.web import boot
boot.setup(sys.argv[1])
from renpu.web.accounts.models import AgreementAcceptance, ExportLog, Membership
from renpu.web.canvass.models import HouseholdCheck, Person, derived
from renpu.web.registers.models import HouseholdNumber
from renpu.web.snapshots.models import Snapshot
from renpu.web.sources.models import SourceBatch, SourceRecord
from renpu.web.verification.models import ComparisonRun, Finding, Task, TaskEvent
from renpu.web.verification.tasks import sync_tasks

named = SourceRecord.objects.exclude(name="").values_list("name", "name_pinyin")
approved = Task.objects.select_related("finding", "village").get(state=Task.State.APPROVED)
check = HouseholdCheck.objects.select_related("village").get()
print(json.dumps({
    "persons": Person.objects.count(), "batches": SourceBatch.objects.count(),
    "runs": ComparisonRun.objects.count(), "findings": Finding.objects.count(),
    "tasks": Task.objects.count(), "events": TaskEvent.objects.count(),
    "approved": [approved.code == approved.finding.code, approved.finding.state, approved.outcome,
                 [e.action for e in approved.events.all()]],
    "findings_of_runs": Finding.objects.filter(run__isnull=False).count(),
    "check": [check.month, check.changes, check.checked_by_name, check.village.name != ""],
    "numbers": HouseholdNumber.objects.count(), "snapshots": list(Snapshot.objects.values_list("label", flat=True)),
    "exports": ExportLog.objects.count(), "roles": sorted(Membership.objects.values_list("role", flat=True)),
    "acceptances": AgreementAcceptance.objects.count(), "new_tasks": sync_tasks(),
    # the name key the linkage reads, filled by the migration for records stored before it existed
    "records_pinyin": [len(named), sum(key != derived(name)["name_pinyin"] for name, key in named)],
}))
"""


@pytest.fixture
def release_database(tmp_path: Path) -> Path:
    """A copy of the 0.1.0 database (the kept file is never written to)."""
    copy = tmp_path / "renpu.sqlite3"
    shutil.copy(RELEASE_0_1_0, copy)
    return copy


def _run(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    """In a process of its own, on the SQLite file (not on a RENPU_DATABASE_URL the suite runs with)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RENPU_")} | {"RENPU_HOME": str(home)}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, check=False, env=env)


def _renpu(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return _run(["-m", "renpu", *args], home)


def test_init_migrates_a_release_database_and_the_data_reads_back(release_database, tmp_path):
    done = _renpu("--db", str(release_database), "init", home=tmp_path)
    assert done.returncode == 0, done.stderr
    read = _run(["-c", READ_BACK, str(release_database)], tmp_path)
    assert read.returncode == 0, read.stderr
    found = json.loads(read.stdout)
    assert found == {
        "persons": 235, "batches": 9, "runs": 1, "findings": 17, "tasks": 17, "events": 19,
        "approved": [True, "resolved", "not_found", ["created", "resolved", "approved"]],
        "findings_of_runs": 17,
        "check": ["2026-12", "无变动", "clerk", True],
        "numbers": 15, "snapshots": ["2020-10 月度快照"], "exports": 1,
        "roles": ["county", "township", "village"], "acceptances": 1, "new_tasks": 0,
        "records_pinyin": [681, 0],
    }


def test_a_migrated_release_database_compares_again(release_database, tmp_path):
    assert _renpu("--db", str(release_database), "init", home=tmp_path).returncode == 0
    done = _renpu("--db", str(release_database), "compare", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "再次发现" in done.stdout


def test_the_models_need_no_migration_that_is_not_written(db):
    """A model changed without its migration would leave older databases behind."""
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
