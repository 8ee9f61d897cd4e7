"""查看记录: every page of one household's personal data is written down; only the county reads them."""

from __future__ import annotations

from django.urls import reverse

from renpu.web.accounts.access_log import PAGES, AccessLog

from ..conftest import A


def test_viewing_a_household_a_person_a_task_and_a_record_is_logged(as_user, records, other_records):
    client = as_user("li")
    household, head = records["households"][A], records["persons"]["head"]
    for url in (reverse("household", kwargs={"pk": household.pk}), reverse("person_edit", kwargs={"pk": head.pk}),
                reverse("task", kwargs={"pk": records["tasks"][A].pk}),
                reverse("record", kwargs={"slug": "vacant", "pk": other_records["vacant"][A].pk})):
        assert client.get(url).status_code == 200
    logged = list(AccessLog.objects.order_by("at").values_list("user_name", "village_code", "household_key", "page"))
    assert logged == [("li", A, "HA1", "户卡"), ("li", A, "HA1", "修改人员"), ("li", A, "HA1-01", "核查任务"),
                      ("li", A, "VA1", "其他表记录")]


def test_a_refused_page_is_not_logged_as_viewed(as_user, records):
    client = as_user("wang")
    assert client.get(reverse("household", kwargs={"pk": records["households"][A].pk})).status_code == 404
    assert not AccessLog.objects.exists()


def test_only_the_county_reads_the_log(as_user, records):
    as_user("li").get(reverse("household", kwargs={"pk": records["households"][A].pk}))
    assert as_user("zhou").get(reverse("access_log")).status_code == 404
    page = as_user("zhao").get(reverse("access_log"), {"household": "HA1"})
    assert page.status_code == 200 and "HA1" in page.content.decode() and "li" in page.content.decode()


def test_every_page_naming_one_household_is_logged():
    """A new page of one household's personal data must be added to PAGES (tests/web/test_every_url.py lists them)."""
    from ..test_every_url import named_patterns

    personal = {name for name, parameters in named_patterns()
                if parameters and name.startswith(("household", "person", "task", "record"))}
    posts_only = {"household_check", "task_resolve", "task_review", "record_delete", "record_list", "record_new"}
    assert personal - posts_only <= set(PAGES)
