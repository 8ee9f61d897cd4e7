"""Long lists page by position (?after= / ?before=): every row once, in order, in scope."""

from __future__ import annotations

import html
import re

import pytest

from renpu.web.canvass.models import Household

from ..conftest import A, B, C

KEY_LINK = re.compile(r'href="/households/\d+/">([^<]+)</a>')


@pytest.fixture
def many_households(county):
    """130 households: 61 in A over groups 1, 2 and 10 (text order: 1 < 10 < 2), 50 in B, 19 in C."""
    rows = [Household(household_key=f"{village}-{n:03d}", village_id=village, group=str(group), kind="1",
                      head_name=f"户主{n}")
            for village, count in ((A, 61), (B, 50), (C, 19))
            for n in range(count)
            for group in ((1, 2, 10)[n % 3],)]
    Household.objects.bulk_create(rows)
    return sorted((h.village_id, h.group, h.household_key) for h in rows)


def keys_on(text: str) -> list[str]:
    return KEY_LINK.findall(text)


def link(text: str, label: str) -> str | None:
    found = re.search(r'href="([^"]*)">' + label + "</a>", text)
    return html.unescape(found.group(1)) if found else None


def walk(client, start: str, label: str) -> list[list[str]]:
    pages, url = [], start
    while url is not None:
        text = client.get(url).content.decode()
        pages.append(keys_on(text))
        target = link(text, label)
        url = "/households/" + target if target else None
    return pages


def test_next_links_show_every_household_once_in_register_order(as_user, many_households):
    client = as_user("zhao")
    pages = walk(client, "/households/", "下一页")
    assert [len(p) for p in pages] == [50, 50, 30]
    assert [key for page in pages for key in page] == [key for _, _, key in many_households]
    assert "共 130 条" in client.get("/households/").content.decode()


def test_previous_links_walk_back_through_the_same_pages(as_user, many_households):
    client = as_user("zhao")
    forward = walk(client, "/households/", "下一页")
    last = client.get("/households/").content.decode()
    for _ in range(2):
        last = client.get("/households/" + link(last, "下一页")).content.decode()
    backward, text = [keys_on(last)], last
    while (target := link(text, "上一页")) is not None:
        text = client.get("/households/" + target).content.decode()
        backward.append(keys_on(text))
    assert backward[::-1] == forward
    assert link(text, "第一页") is None  # back on the first page: no way further back


def test_filters_stay_in_the_page_links(as_user, many_households):
    client = as_user("zhao")
    pages = walk(client, f"/households/?village={A}", "下一页")
    assert [len(p) for p in pages] == [50, 11]
    assert all(key.startswith(A) for page in pages for key in page)


def test_a_village_clerk_pages_only_through_their_village(as_user, many_households):
    client = as_user("li")
    outsider = Household.objects.get(household_key=f"{B}-010")
    text = client.get(f"/households/?after={outsider.pk}").content.decode()
    # B's household only marks a position: A's rows sort before B's, so nothing follows it
    assert keys_on(text) == [] and B not in text
    pages = walk(client, "/households/", "下一页")
    assert sum(len(p) for p in pages) == 61 and all(k.startswith(A) for p in pages for k in p)


@pytest.mark.parametrize("anchor", ["abc", "-5", "999999", ""])
def test_a_bad_or_vanished_anchor_gives_the_first_page(as_user, many_households, anchor):
    client = as_user("zhao")
    first = keys_on(client.get("/households/").content.decode())
    assert keys_on(client.get(f"/households/?after={anchor}").content.decode()) == first
    assert keys_on(client.get(f"/households/?before={anchor}").content.decode()) == first


def test_before_the_first_row_gives_the_first_page(as_user, many_households):
    client = as_user("zhao")
    first_row = Household.objects.order_by("village_id", "group", "household_key").first()
    first = keys_on(client.get("/households/").content.decode())
    assert keys_on(client.get(f"/households/?before={first_row.pk}").content.decode()) == first


def test_paging_is_an_index_range_not_an_offset(as_user, many_households):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user("zhao")
    second = link(client.get("/households/").content.decode(), "下一页")
    with CaptureQueriesContext(connection) as queries:
        client.get("/households/" + second)
    listing = [q["sql"] for q in queries.captured_queries if 'FROM "canvass_household"' in q["sql"] and "LIMIT 51" in q["sql"]]
    assert len(listing) == 1 and "OFFSET" not in listing[0]
    # one row-value comparison (not Django's nested ORs), which SQLite answers from the index
    assert re.search(r'\("canvass_household"\."village_id", "canvass_household"\."group", '
                     r'"canvass_household"\."household_key", "canvass_household"\."id"\) >', listing[0])
    if connection.vendor != "sqlite":
        return  # the plan below is SQLite's
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + listing[0].replace("%", "%%"))
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "(village_id,group,household_key)>" in plan and "TEMP B-TREE" not in plan


def test_large_counts_are_kept_a_minute_small_ones_are_exact(as_user, many_households, monkeypatch):
    from renpu.web.ui import paging

    client = as_user("zhao")
    monkeypatch.setattr(paging, "LARGE_COUNT", 100)
    assert "共 130 条" in client.get("/households/").content.decode()
    Household.objects.filter(village_id=C).delete()
    assert "共 130 条" in client.get("/households/").content.decode()  # county-wide: the kept figure
    assert "共 61 条" in client.get(f"/households/?village={A}").content.decode()  # small: counted
    Household.objects.filter(household_key=f"{A}-000").delete()
    assert "共 60 条" in client.get(f"/households/?village={A}").content.decode()
