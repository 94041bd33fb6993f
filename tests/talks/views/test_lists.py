"""The list pages: mine, one list, a talk's lists, a shared list, and what bad input gets."""

import pytest

from talks import services
from talks.models import TalkList, TalkListItem
from tests.factories import LinkFactory, SpeakerFactory, TalkFactory, UserFactory
from tests.markdown_safety import PAYLOADS, RENDERERS, live_html

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json", "HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def slugs(talk_list):
    return list(talk_list.items.order_by("position", "pk").values_list("talk__slug", flat=True))


@pytest.fixture
def ada():
    return UserFactory(username="ada")


@pytest.fixture
def talks():
    return [TalkFactory(slug=f"t{n}", title=f"Talk {n}") for n in range(3)]


@pytest.fixture
def signed_in(client, ada):
    client.force_login(ada)
    return client


@pytest.fixture
def watch_later(ada, talks):
    talk_list = services.watch_later(owner=ada)
    for talk in talks:
        services.list_add(talk_list=talk_list, talk=talk)
    return talk_list


@pytest.fixture
def bobs_list(talks):
    talk_list, _ = services.list_create(owner=UserFactory(username="bob"), name="Bob's")
    services.list_add(talk_list=talk_list, talk=talks[0])
    return talk_list


# --- /me/lists/ ------------------------------------------------------------------------------


def test_my_lists_needs_signing_in(client):
    response = client.get("/me/lists/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/me/lists/"


def test_a_person_who_never_used_lists_finds_watch_later_there(signed_in, ada):
    assert TalkList.objects.count() == 0

    response = signed_in.get("/me/lists/")

    assert response.status_code == 200
    assert [talk_list.name for talk_list in response.context["lists"]] == ["Watch later"]
    assert list(TalkList.objects.values_list("owner__username", "is_watch_later")) == [
        ("ada", True)
    ]


def test_creating_a_list_goes_to_it_and_the_same_name_again_to_the_same_list(signed_in):
    first = signed_in.post("/me/lists/", {"name": "To share"})
    again = signed_in.post("/me/lists/", {"name": "to SHARE"})

    talk_list = TalkList.objects.get(name="To share")
    assert first["Location"] == again["Location"] == f"/me/lists/{talk_list.pk}/"
    assert TalkList.objects.filter(is_watch_later=False).count() == 1


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_bad_name_shows_the_form_with_its_error(signed_in, name):
    response = signed_in.post("/me/lists/", {"name": name})

    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert TalkList.objects.filter(is_watch_later=False).count() == 0


def test_my_lists_shows_counts_and_only_my_lists(signed_in, watch_later, bobs_list):
    response = signed_in.get("/me/lists/")

    lists = response.context["lists"]
    assert [(talk_list.name, talk_list.talk_count) for talk_list in lists] == [("Watch later", 3)]
    assert "Bob" not in response.content.decode()


# --- One list --------------------------------------------------------------------------------


def test_a_list_page_shows_its_talks_in_order(signed_in, watch_later, talks):
    services.list_move(talk_list=watch_later, talk=talks[2], to=0)

    response = signed_in.get(f"/me/lists/{watch_later.pk}/")

    assert response.status_code == 200
    assert [talk.slug for talk in response.context["talks"]] == ["t2", "t0", "t1"]
    html = response.content.decode()
    assert html.index('id="item-t2"') < html.index('id="item-t0"') < html.index('id="item-t1"')


OTHERS = [
    ("get", "/me/lists/{pk}/", {}),
    ("get", "/me/lists/{pk}.md", {}),
    ("get", "/me/lists/{pk}/rename/", {}),
    ("post", "/me/lists/{pk}/rename/", {"name": "Mine now"}),
    ("get", "/me/lists/{pk}/delete/", {}),
    ("post", "/me/lists/{pk}/delete/", {}),
    ("post", "/me/lists/{pk}/share/", {"action": "share"}),
    ("post", "/me/lists/{pk}/talks/t0/move/", {"direction": "down"}),
    ("post", "/me/lists/{pk}/talks/t0/remove/", {}),
    ("post", "/talks/t1/lists/", {"shown": "{pk}", "list": "{pk}"}),
]


@pytest.mark.parametrize(("method", "path", "data"), OTHERS)
def test_somebody_elses_list_is_not_found_and_stays_as_it_was(
    signed_in, bobs_list, method, path, data
):
    data = {key: value.format(pk=bobs_list.pk) for key, value in data.items()}

    response = getattr(signed_in, method)(path.format(pk=bobs_list.pk), data)

    assert response.status_code == 404
    bobs_list.refresh_from_db()
    assert (bobs_list.name, bobs_list.share_token, slugs(bobs_list)) == ("Bob's", "", ["t0"])


@pytest.mark.parametrize("path", ["/me/lists/999/", "/me/lists/999.md", "/me/lists/999/rename/"])
def test_a_list_that_does_not_exist_is_not_found(signed_in, path):
    assert signed_in.get(path).status_code == 404


def test_rename_and_its_errors(signed_in, ada, watch_later):
    services.list_create(owner=ada, name="Taken")

    clash = signed_in.post(f"/me/lists/{watch_later.pk}/rename/", {"name": "taken"})
    renamed = signed_in.post(f"/me/lists/{watch_later.pk}/rename/", {"name": "Later, maybe"})

    assert clash.status_code == 400
    assert clash.context["form"].errors["name"] == ["You already have a list called “taken”."]
    assert renamed["Location"] == f"/me/lists/{watch_later.pk}/"
    watch_later.refresh_from_db()
    assert (watch_later.name, watch_later.is_watch_later) == ("Later, maybe", True)


def test_delete_asks_first_then_deletes(signed_in, ada, talks):
    talk_list, _ = services.list_create(owner=ada, name="Old")
    services.list_add(talk_list=talk_list, talk=talks[0])

    confirm = signed_in.get(f"/me/lists/{talk_list.pk}/delete/")
    assert confirm.status_code == 200
    assert TalkList.objects.filter(pk=talk_list.pk).exists()

    deleted = signed_in.post(f"/me/lists/{talk_list.pk}/delete/")
    assert deleted["Location"] == "/me/lists/"
    assert not TalkList.objects.filter(pk=talk_list.pk).exists()
    assert TalkListItem.objects.count() == 0


def test_watch_later_cannot_be_deleted(signed_in, watch_later):
    assert signed_in.get(f"/me/lists/{watch_later.pk}/delete/").status_code == 400
    assert signed_in.post(f"/me/lists/{watch_later.pk}/delete/").status_code == 400
    assert TalkList.objects.filter(pk=watch_later.pk).exists()
    assert "Delete" not in signed_in.get(f"/me/lists/{watch_later.pk}/").content.decode()


# --- Moving and removing -----------------------------------------------------------------------


def test_moving_without_javascript_redirects_to_the_talk_in_the_list(signed_in, watch_later):
    response = signed_in.post(f"/me/lists/{watch_later.pk}/talks/t2/move/", {"direction": "up"})

    assert response["Location"] == f"/me/lists/{watch_later.pk}/#item-t2"
    assert slugs(watch_later) == ["t0", "t2", "t1"]


def test_moving_with_javascript_to_a_place_twice_moves_once(signed_in, watch_later):
    path = f"/me/lists/{watch_later.pk}/talks/t0/move/"
    first = signed_in.post(path, {"direction": "down", "to": "1"}, **JSON)
    second = signed_in.post(path, {"direction": "down", "to": "1"}, **JSON)

    assert first.json() == second.json() == {"position": 1}
    assert slugs(watch_later) == ["t1", "t0", "t2"]


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"direction": "up"}, 302),  # the first talk up: stays
        ({"to": "99"}, 302),
        ({"to": "-99"}, 302),
        ({"direction": "sideways"}, 400),
        ({}, 400),
        ({"to": "first"}, 400),
        ({"to": "9" * 30}, 400),
        ({"to": "1.5"}, 400),
    ],
)
def test_moving_out_of_range_or_with_junk_is_harmless(signed_in, watch_later, data, status):
    response = signed_in.post(f"/me/lists/{watch_later.pk}/talks/t0/move/", data)

    assert response.status_code == status
    expected = ["t1", "t2", "t0"] if data == {"to": "99"} else ["t0", "t1", "t2"]
    assert slugs(watch_later) == expected


def test_moving_a_talk_not_in_the_list_or_not_existing_is_not_found(signed_in, watch_later):
    TalkFactory(slug="elsewhere")
    base = f"/me/lists/{watch_later.pk}/talks"

    assert signed_in.post(f"{base}/elsewhere/move/", {"direction": "up"}).status_code == 404
    assert signed_in.post(f"{base}/nope/move/", {"direction": "up"}).status_code == 404
    assert signed_in.post(f"{base}/nope/remove/").status_code == 404
    assert signed_in.get(f"{base}/t0/move/").status_code == 405


def test_removing_answers_json_or_redirects_back(signed_in, watch_later):
    base = f"/me/lists/{watch_later.pk}/talks"
    json_answer = signed_in.post(f"{base}/t1/remove/", **JSON)
    redirect = signed_in.post(f"{base}/t0/remove/")

    assert json_answer.json() == {"removed": True, "count": 2}
    assert redirect["Location"] == f"/me/lists/{watch_later.pk}/"
    assert slugs(watch_later) == ["t2"]


# --- A talk's lists --------------------------------------------------------------------------


def test_the_talk_lists_form_ticks_the_lists_that_hold_the_talk(signed_in, ada, watch_later):
    services.list_create(owner=ada, name="Other")

    response = signed_in.get("/talks/t1/lists/?next=/talks/%23talk-t1")

    assert [(talk_list.name, talk_list.has_talk) for talk_list in response.context["lists"]] == [
        ("Watch later", True),
        ("Other", False),
    ]
    assert response.context["next"] == "/talks/#talk-t1"
    assert 'value="/talks/#talk-t1"' in response.content.decode()


def test_the_talk_lists_form_without_javascript_saves_and_redirects_back(signed_in, ada, talks):
    watch_later = services.watch_later(owner=ada)

    response = signed_in.post(
        "/talks/t1/lists/",
        {
            "shown": [watch_later.pk],
            "list": [watch_later.pk],
            "new_list": "Security",
            "next": "/talks/?tag=x#talk-t1",
        },
    )

    assert response["Location"] == "/talks/?tag=x#talk-t1"
    assert slugs(watch_later) == ["t1"]
    assert slugs(TalkList.objects.get(name="Security")) == ["t1"]


def test_unticking_takes_the_talk_out_and_json_says_where_it_is(signed_in, watch_later):
    response = signed_in.post("/talks/t1/lists/", {"shown": [watch_later.pk]}, **JSON)

    assert response.json() == {
        "lists": [{"id": watch_later.pk, "name": "Watch later", "has_talk": False}]
    }
    assert slugs(watch_later) == ["t0", "t2"]


def test_the_talk_lists_form_never_redirects_off_the_site(signed_in, watch_later):
    response = signed_in.post(
        "/talks/t1/lists/", {"shown": [watch_later.pk], "next": "https://evil.example/"}
    )

    assert response["Location"] == "/talks/t1/"


def test_a_talk_that_does_not_exist_is_not_found(signed_in, watch_later):
    data = {"shown": [watch_later.pk], "list": [watch_later.pk]}

    assert signed_in.post("/talks/nope/lists/", data).status_code == 404
    assert signed_in.get("/talks/nope/lists/").status_code == 404
    assert slugs(watch_later) == ["t0", "t1", "t2"]


@pytest.mark.parametrize("ids", [["x"], ["1e3"], [""], ["\x00"]])
def test_list_ids_that_are_not_numbers_are_refused(signed_in, watch_later, ids):
    response = signed_in.post("/talks/t1/lists/", {"shown": ids, "list": ids})

    assert response.status_code == 400
    assert slugs(watch_later) == ["t0", "t1", "t2"]


def test_a_bad_new_name_is_shown_and_nothing_changes(signed_in, watch_later):
    data = {"shown": [watch_later.pk], "new_list": "x" * 300}

    page = signed_in.post("/talks/t1/lists/", data)
    answer = signed_in.post("/talks/t1/lists/", data, **JSON)

    assert page.status_code == answer.status_code == 400
    assert "Keep the name to 100 characters or fewer." in page.content.decode()
    assert answer.json() == {"error": "Keep the name to 100 characters or fewer."}
    assert slugs(watch_later) == ["t0", "t1", "t2"]


def test_signed_out_the_talk_lists_ask_to_log_in(client, talks):
    page = client.get("/talks/t1/lists/?next=/talks/")
    answer = client.post("/talks/t1/lists/", {}, **JSON)

    assert page["Location"] == "/accounts/login/?next=/talks/t1/lists/%3Fnext%3D/talks/"
    assert answer.status_code == 401
    assert answer.json() == {"login_url": "/accounts/login/?next=/talks/t1/"}


def test_every_card_and_the_talk_page_offer_save_to_a_list(signed_in, client, talks):
    listing = signed_in.get("/talks/").content.decode()
    detail = signed_in.get("/talks/t1/").content.decode()

    assert listing.count("Save to a list") == 3
    assert 'href="/talks/t1/lists/?next=/talks/%23talk-t1"' in listing
    assert 'href="/talks/t1/lists/?next=/talks/t1/"' in detail


# --- Sharing ---------------------------------------------------------------------------------


def test_a_private_list_has_no_address_and_a_wrong_token_is_not_found(client, watch_later):
    assert watch_later.share_token == ""
    assert client.get("/lists/not-a-real-token/").status_code == 404
    assert client.get("/lists/not-a-real-token.md").status_code == 404


def test_a_shared_list_reads_anonymously_but_is_not_indexed_or_cached(
    signed_in, client, watch_later
):
    signed_in.post(f"/me/lists/{watch_later.pk}/share/", {"action": "share"})
    watch_later.refresh_from_db()
    signed_in.logout()

    response = client.get(f"/lists/{watch_later.share_token}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert [talk.slug for talk in response.context["talks"]] == ["t0", "t1", "t2"]
    assert "list-item-controls" not in html


def test_a_shared_list_shows_changes_on_the_next_request(client, ada, watch_later, talks):
    services.list_share(talk_list=watch_later)
    path = f"/lists/{watch_later.share_token}/"
    assert len(client.get(path).context["talks"]) == 3

    services.list_remove(talk_list=watch_later, talk=talks[1])
    services.list_rename(talk_list=watch_later, name="Renamed")

    response = client.get(path)
    assert [talk.slug for talk in response.context["talks"]] == ["t0", "t2"]
    assert "<h1>Renamed</h1>" in response.content.decode()


def test_a_new_address_or_making_private_ends_the_old_one(signed_in, client, watch_later):
    share = f"/me/lists/{watch_later.pk}/share/"
    signed_in.post(share, {"action": "share"})
    watch_later.refresh_from_db()
    old = watch_later.share_token

    response = signed_in.post(share, {"action": "renew"})
    watch_later.refresh_from_db()
    assert response["Location"] == f"/me/lists/{watch_later.pk}/#sharing"
    assert client.get(f"/lists/{old}/").status_code == 404
    assert client.get(f"/lists/{watch_later.share_token}/").status_code == 200

    signed_in.post(share, {"action": "private"})
    assert client.get(f"/lists/{watch_later.share_token}/").status_code == 404
    assert signed_in.post(share, {"action": "publish"}).status_code == 400


def test_the_shared_address_is_on_the_owners_page(signed_in, watch_later):
    services.list_share(talk_list=watch_later)

    html = signed_in.get(f"/me/lists/{watch_later.pk}/").content.decode()

    assert f'value="http://testserver/lists/{watch_later.share_token}/"' in html


# --- Markdown --------------------------------------------------------------------------------


def test_a_list_downloads_as_markdown_in_its_order(signed_in, client, watch_later, talks):
    talks[0].credits.create(speaker=SpeakerFactory(name="Jane Doe"))
    LinkFactory(talk=talks[0], kind="recording", url="https://youtu.be/dQw4w9WgXcQ")
    services.list_move(talk_list=watch_later, talk=talks[0], to=2)

    response = signed_in.get(f"/me/lists/{watch_later.pk}.md")

    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="confnotes-watch-later.md"'
    text = response.content.decode()
    assert text.startswith("# Watch later\n\nA list of 3 talks from confnotes, exported ")
    headings = [line for line in text.split("\n") if line.startswith("## ")]
    assert headings == ["## 1\\. Talk 1", "## 2\\. Talk 2", "## 3\\. Talk 0"]
    assert "- Speakers: Jane Doe\n" in text
    assert "- Link: <http://testserver/talks/t0/>\n" in text
    assert "- Recording: <https://youtu.be/dQw4w9WgXcQ>\n" in text

    services.list_share(talk_list=watch_later)
    shared = client.get(f"/lists/{watch_later.share_token}.md")
    assert shared.content.decode().split("\n")[4:] == text.split("\n")[4:]
    assert shared["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_raw_html_survives_in_a_list_download(signed_in, ada, payload):
    talk = TalkFactory(title=payload[:300], slug="hostile")
    talk.credits.create(speaker=SpeakerFactory(name=payload[:200]))
    talk.conference.name = payload[:200]
    services.save(talk.conference)
    LinkFactory(talk=talk, kind="recording", url=f"https://example.com/{payload}"[:1000])
    talk_list, _ = services.list_create(owner=ada, name=payload[:100])
    services.list_add(talk_list=talk_list, talk=talk)

    text = signed_in.get(f"/me/lists/{talk_list.pk}.md").content.decode()

    for name, render in RENDERERS.items():
        assert live_html(render(text)) == [], name
