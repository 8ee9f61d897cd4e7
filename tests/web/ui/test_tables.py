"""List tables rendered in Python: escaped like Django templates, links and tags kept."""

from __future__ import annotations

from django.utils.safestring import SafeString

from renpu.web.canvass.models import Household
from renpu.web.ui.tables import Column, Table, link, shorten, tag

from ..conftest import A

HOSTILE = '<script>alert("x")</script>&'


def test_cells_are_escaped_and_safe_values_kept():
    html = Table([Column("姓名", lambda r: r["name"]), Column("户", lambda r: link("/households/1/?a=1&b=2", r["key"])),
                  Column("分", lambda r: r["score"], numeric=True), Column("状态", lambda r: tag("open", "待核查"))],
                 [{"name": HOSTILE, "key": "<HA1>", "score": 0.5}]).html()
    assert isinstance(html, SafeString)
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;" in html
    assert '<a href="/households/1/?a=1&amp;b=2">&lt;HA1&gt;</a>' in html
    assert '<th class="num">分</th>' in html and '<td class="num" data-label="分">0.5</td>' in html
    assert '<span class="tag open">待核查</span>' in html


def test_every_cell_is_labelled_for_the_phones_cards():
    sorted_by = SafeString('<a href="?sort=name&amp;dir=asc" class="active">户主&lt;姓名&gt;</a>')
    html = Table([Column(sorted_by, lambda r: r), Column("", lambda r: "bar")], ["张三"]).html()
    assert html.startswith('<table class="data stack">')
    # the sorting link's text, escaped once; a column without a header gets no label
    assert '<td data-label="户主&lt;姓名&gt;">张三</td><td>bar</td>' in html


def test_an_empty_table_says_so_across_all_columns():
    html = Table([Column("a", str), Column("b", str)], [], "没有任务。").html()
    assert '<td colspan="2">没有任务。</td>' in html


def test_none_is_an_empty_cell_and_shorten_matches_truncatechars():
    assert '<td data-label="a"></td>' in Table([Column("a", lambda r: None)], [1]).html()
    assert shorten("一二三四五", 5) == "一二三四五" and shorten("一二三四五六", 5) == "一二三四…"


def test_a_hostile_name_in_the_household_list_is_shown_as_text(as_user, records):
    Household.objects.filter(household_key="HA1").update(head_name=HOSTILE)
    page = as_user("li").get(f"/households/?village={A}").content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page

