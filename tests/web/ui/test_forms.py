"""What every form shares: an empty choice reads 请选择."""

from __future__ import annotations

from ..conftest import A


def test_an_empty_choice_says_choose(as_user, records):
    page = as_user("li").get(f"/households/{records['households'][A].pk}/persons/new/").content.decode()
    assert "---------" not in page and '<option value="" selected>请选择</option>' in page
    new = as_user("li").get("/records/vacant/new/").content.decode()
    assert "---------" not in new and "请选择" in new
