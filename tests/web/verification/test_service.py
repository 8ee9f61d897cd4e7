"""One owner of a comparison run: service.run resolves, reads, compares, keeps, makes tasks, says so."""

from __future__ import annotations

import pytest

from renpu.web import signals
from renpu.web.canvass.importing import import_canvass_file
from renpu.web.dashboard import figures
from renpu.web.sources.importing import import_source_file
from renpu.web.verification import service
from renpu.web.verification.models import ComparisonRun, Finding, Task
from tests.codebase import users_of

from ..conftest import A
from ..transfer.test_imports import _workbook


@pytest.fixture
def heard():
    """Every store_changed sent while the test runs: (sender, change)."""
    found: list[tuple[object, str]] = []

    def listen(sender: object, change: str, **_: object) -> None:
        found.append((sender, change))

    signals.store_changed.connect(listen)
    yield found
    signals.store_changed.disconnect(listen)


def test_a_run_keeps_findings_makes_tasks_and_says_so(records, heard):
    before = Task.objects.count()
    stored = service.run(["canvass"])
    assert stored.run.sources == "canvass"
    assert Finding.objects.filter(run=stored.run).count() == stored.new
    assert Task.objects.count() == before + stored.new  # every new finding its village's task
    assert heard == [(service.run, signals.COMPARED)]


def test_a_run_counts_the_county_figures_afresh(records):
    stale = figures.county_figures()["at"]
    service.run(["canvass"])
    cached = figures.caches["shared"].get(figures.COUNTY_KEY)
    assert cached is not None and cached["at"] > stale  # counted by the run, not by the next page


def test_a_source_name_runs_its_comparison_and_an_unknown_name_reads_nothing(records, monkeypatch):
    assert service.run(["pension"]).run.sources == "insurance"
    monkeypatch.setattr(service, "build_context", lambda: pytest.fail("the store was read"))
    runs = ComparisonRun.objects.count()
    with pytest.raises(service.UnknownComparison, match="没有名为 police2 的比对"):
        service.run(["police2"])
    assert ComparisonRun.objects.count() == runs


def test_imports_say_the_store_changed_and_the_dashboard_counts_afresh(records, heard, tmp_path):
    figures.county_figures()
    (tmp_path / "a.xlsx").write_bytes(_workbook(tmp_path, A))
    assert import_canvass_file(tmp_path / "a.xlsx", "test").ok
    extract = tmp_path / "民政死亡.csv"
    extract.write_text("姓名,公民身份号码,性别,出生日期,死亡日期\n张大山,,男,1960-05-01,2025-01-15\n", encoding="utf-8")
    assert import_source_file("civil", extract, "test").ok
    assert heard == [(import_canvass_file, signals.IMPORTED), (import_source_file, signals.IMPORTED)]
    assert figures.caches["shared"].get(figures.COUNTY_KEY) is None  # the next county page counts


def test_a_refused_or_repeated_file_says_nothing(records, heard, tmp_path):
    (tmp_path / "a.xlsx").write_bytes(_workbook(tmp_path, "429999999999"))
    assert not import_canvass_file(tmp_path / "a.xlsx", "test").ok
    (tmp_path / "b.xlsx").write_bytes(_workbook(tmp_path, A))
    assert import_canvass_file(tmp_path / "b.xlsx", "test").ok
    assert import_canvass_file(tmp_path / "b.xlsx", "test").message.endswith("未重复导入")
    assert heard == [(import_canvass_file, signals.IMPORTED)]


# --- one owner: a second copy of the run, the task sync or the figures refresh fails here ---------

def test_only_the_service_runs_comparisons_on_the_store_and_makes_tasks():
    assert users_of("renpu.core.comparisons.runner", "runner") == {"web/verification/service.py"}
    assert users_of("sync_tasks") == {"web/verification/service.py"}
    # The province export reads the same tables the comparisons read (and compares nothing).
    assert users_of("build_context") == {"web/verification/service.py", "web/province/exporting.py"}


def test_only_the_dashboard_recounts_its_figures_and_only_imports_and_runs_say_the_store_changed():
    assert users_of("refresh_county_figures", "forget_county_figures") == {"web/dashboard/figures.py"}
    assert users_of("say_store_changed", "store_changed") == {
        "web/signals.py", "web/canvass/importing.py", "web/sources/importing.py", "web/verification/service.py",
        "web/dashboard/apps.py"}
