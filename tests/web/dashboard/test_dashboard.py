"""Dashboard: figures per village, check progress, open tasks by code, the pyramid."""

from __future__ import annotations

import datetime as dt

from renpu.web.canvass import summaries

from ..conftest import A, B, person


def test_the_county_sees_every_village_with_summary_figures(as_user, records):
    page = as_user("zhao").get("/").content.decode()
    for name in ["张家湾村", "龙泉村", "陈家垸村", "漕河镇", "赤东镇", "常住人口", "户籍人口"]:
        assert name in page
    assert "<svg" in page and "年龄性别金字塔" in page
    assert "civil.deceased_listed" in page and "canvass.invalid_id" in page


def test_the_village_figures_agree_with_summary_tables(as_user, records):
    county = {r["village_code"]: r for r in summaries.summary_tables().villages}
    from renpu.web.dashboard import figures

    mine = {r["village_code"]: r for r in figures.village_rows([A, B])}
    for code in (A, B):
        assert {k: mine[code][k] for k in ("persons", "resident", "registered")} == {
            k: county[code][k] for k in ("persons", "resident", "registered")
        }


def test_a_canvasser_sees_only_their_village(as_user, records):
    page = as_user("li").get("/").content.decode()
    assert "张家湾村" in page and "龙泉村" not in page and "陈家垸村" not in page


def test_the_county_can_sort_and_drill_down(as_user, records):
    client = as_user("zhao")
    page = client.get("/?sort=persons&dir=desc").content.decode()
    assert page.index("张家湾村") < page.index("龙泉村")  # 3 persons before 1
    village = client.get(f"/villages/{A}/").content.decode()
    assert "分村民小组" in village and "第 1 组" in village


def test_an_unknown_sort_is_ignored(as_user, records):
    assert as_user("zhao").get("/?sort=__class__").status_code == 200


def _persons_cell(page: str, village_name: str) -> str:
    """The 人口 figure in a village's row (its cell labelled 登记人数 for the phone's cards)."""
    row = page[page.index(f">{village_name}</a>"):]
    return row.split('<td class="num" data-label="登记人数">')[1].split("<")[0]


def test_the_county_figures_are_counted_once_and_kept(as_user, records):
    from renpu.web.dashboard import figures

    client = as_user("zhao")
    first = client.get("/").content.decode()
    assert "人口数字统计于" in first and _persons_cell(first, "张家湾村") == "3"
    counted_at = figures.county_figures()["at"]
    person("421126100201", "HA1", "HA1-04", "张小红", dt.date(2015, 6, 1), "2", "2", 144)
    kept = client.get("/").content.decode()
    assert _persons_cell(kept, "张家湾村") == "3"  # the kept figures: not counted again per page
    assert figures.county_figures()["at"] == counted_at
    figures.forget_county_figures()  # as an upload does
    assert _persons_cell(client.get("/").content.decode(), "张家湾村") == "4"


def test_stale_county_figures_are_counted_again(as_user, records, monkeypatch):
    from renpu.web.dashboard import figures

    client = as_user("zhao")
    client.get("/")
    person("421126100201", "HA1", "HA1-04", "张小红", dt.date(2015, 6, 1), "2", "2", 144)
    monkeypatch.setattr(figures, "COUNTY_FRESH", dt.timedelta(0))
    assert _persons_cell(client.get("/").content.decode(), "张家湾村") == "4"


def test_village_pages_count_live(as_user, records):
    client = as_user("li")
    client.get("/")
    person("421126100201", "HA1", "HA1-04", "张小红", dt.date(2015, 6, 1), "2", "2", 144)
    page = client.get("/").content.decode()
    assert "人口数字统计于" not in page and _persons_cell(page, "张家湾村") == "4"
