"""The confidentiality agreement is accepted before any personal data is shown."""

from __future__ import annotations

from renpu.web.accounts.models import Agreement, AgreementAcceptance

from ..conftest import A


def test_it_sends_a_new_user_to_the_agreement_first(client, personas, records):
    client.force_login(personas["li"])
    for url in ["/", "/households/", f"/households/{records['households'][A].pk}/", "/tasks/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/agreement/"


def test_it_shows_the_text_and_stores_the_acceptance(client, personas, records):
    client.force_login(personas["li"])
    page = client.get("/agreement/").content.decode()
    assert "保密协议" in page and "统计法" in page
    assert client.post("/agreement/", {}).status_code == 200  # not ticked: asked again
    assert not AgreementAcceptance.objects.exists()
    assert client.post("/agreement/", {"accept": "yes"})["Location"] == "/"
    acceptance = AgreementAcceptance.objects.get()
    assert acceptance.user == personas["li"] and acceptance.accepted_at is not None
    assert "张大山" in client.get(f"/households/{records['households'][A].pk}/").content.decode()


def test_a_changed_text_asks_again(client, personas, records):
    client.force_login(personas["li"])
    client.post("/agreement/", {"accept": "yes"})
    assert client.get("/households/").status_code == 200
    Agreement.objects.create(text="新版协议：不得拍照。")
    assert client.get("/households/")["Location"] == "/agreement/"
    assert "新版协议" in client.get("/agreement/").content.decode()
    client.post("/agreement/", {"accept": "yes"})
    assert client.get("/households/").status_code == 200
    assert AgreementAcceptance.objects.filter(user=personas["li"]).count() == 2


def test_login_and_static_pages_need_no_agreement(client, personas):
    client.force_login(personas["li"])
    assert client.get("/agreement/").status_code == 200
    assert client.get("/login/").status_code == 302  # already signed in
