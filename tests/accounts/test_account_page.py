"""The account page: password change, all my data as JSON, deleting my account."""

import json

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.utils import timezone

from talks import services
from talks.models import Note, Star, Talk
from tests.factories import NoteFactory, StarFactory, TalkFactory, UserFactory

User = get_user_model()
PASSWORD = "a-long-unusual-passphrase-42"


@pytest.fixture
def ada(db):
    return UserFactory(
        username="ada", first_name="Ada L.", email="ada@example.com", password=PASSWORD
    )


def found(client, query):
    return [talk.slug for talk in client.get("/talks/", {"q": query}).context["talks"]]


def test_account_page_links_to_everything_a_person_can_do(client, ada):
    StarFactory(user=ada)
    client.force_login(ada)

    html = client.get("/accounts/").content.decode()

    assert "<h1>Your account</h1>" in html
    assert '<a href="/me/stars/">My stars</a> (1)' in html
    assert '<a href="/me/notes/">My notes</a> (0)' in html
    assert '<a href="/accounts/password_change/">Change your password</a>' in html
    assert '<a href="/accounts/data.json" download>Download all your data</a>' in html
    assert '<a href="/accounts/delete/">Delete your account</a>' in html


@pytest.mark.parametrize("path", ["/accounts/", "/accounts/data.json", "/accounts/delete/"])
def test_account_pages_need_a_signed_in_person(client, db, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={path}"


def test_data_download_holds_exactly_my_profile_stars_and_notes(client, ada):
    talk = TalkFactory(slug="crdts", title="CRDTs in practice")
    other = TalkFactory(slug="raft", title="Raft")
    star = StarFactory(user=ada, talk=talk)
    public = NoteFactory(
        author=ada, talk=talk, body="**Merge** <b>wins</b>", time=62, visibility="public"
    )
    private = NoteFactory(author=ada, talk=other, body="private thought")
    StarFactory(talk=other)  # somebody else's
    NoteFactory(talk=talk, body="not mine", visibility="public")
    client.force_login(ada)
    ada.refresh_from_db()

    response = client.get("/accounts/data.json")

    data = json.loads(response.content)
    exported = data.pop("exported")
    assert abs(timezone.datetime.fromisoformat(exported) - timezone.now()).total_seconds() < 60
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="confnotes-my-data.json"'
    public.refresh_from_db()
    private.refresh_from_db()
    assert data == {
        "profile": {
            "username": "ada",
            "display_name": "Ada L.",
            "last_name": "",
            "email": "ada@example.com",
            "date_joined": ada.date_joined.isoformat(),
            "last_login": ada.last_login.isoformat(),
        },
        "stars": [
            {
                "talk": "crdts",
                "title": "CRDTs in practice",
                "url": "http://testserver/talks/crdts/",
                "starred": star.created.isoformat(),
            }
        ],
        "notes": [
            {
                "talk": "crdts",
                "title": "CRDTs in practice",
                "url": f"http://testserver/talks/crdts/#note-{public.pk}",
                "body": "**Merge** <b>wins</b>",
                "time": 62,
                "visibility": "public",
                "created": public.created.isoformat(),
                "updated": public.updated.isoformat(),
            },
            {
                "talk": "raft",
                "title": "Raft",
                "url": f"http://testserver/talks/raft/#note-{private.pk}",
                "body": "private thought",
                "time": None,
                "visibility": "private",
                "created": private.created.isoformat(),
                "updated": private.updated.isoformat(),
            },
        ],
        "lists": [],
    }


def test_data_download_holds_my_lists_in_their_order(client, ada):
    first, second = TalkFactory(slug="first"), TalkFactory(slug="second", title="Second")
    shared, _ = services.list_create(owner=ada, name="To share")
    for talk in (first, second):
        services.list_add(talk_list=shared, talk=talk)
    services.list_move(talk_list=shared, talk=second, to=0)
    services.list_share(talk_list=shared)
    later = services.watch_later(owner=ada)
    services.list_create(owner=UserFactory(), name="Not mine")
    client.force_login(ada)

    lists = json.loads(client.get("/accounts/data.json").content)["lists"]

    item = shared.items.get(talk=second)
    assert lists == [
        {
            "name": "To share",
            "watch_later": False,
            "shared_url": f"http://testserver/lists/{shared.share_token}/",
            "created": shared.created.isoformat(),
            "talks": [
                {
                    "talk": "second",
                    "title": "Second",
                    "url": "http://testserver/talks/second/",
                    "added": item.added.isoformat(),
                },
                {
                    "talk": "first",
                    "title": first.title,
                    "url": "http://testserver/talks/first/",
                    "added": shared.items.get(talk=first).added.isoformat(),
                },
            ],
        },
        {
            "name": "Watch later",
            "watch_later": True,
            "shared_url": None,
            "created": later.created.isoformat(),
            "talks": [],
        },
    ]


def test_delete_page_asks_for_the_password_and_deletes_nothing_on_get(client, ada):
    StarFactory(user=ada)
    client.force_login(ada)

    html = client.get("/accounts/delete/").content.decode()

    assert "<h1>Delete your account?</h1>" in html
    assert 'name="password"' in html
    assert "with its 1 star and 0 notes" in html
    assert User.objects.filter(username="ada").exists()


def test_delete_with_a_wrong_password_deletes_nothing(client, ada):
    StarFactory(user=ada)
    NoteFactory(author=ada)
    client.force_login(ada)

    response = client.post("/accounts/delete/", {"password": "not-it"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"password": ["That is not your password."]}
    assert User.objects.filter(username="ada").exists()
    assert (Star.objects.count(), Note.objects.count()) == (1, 1)


def test_delete_needs_a_csrf_token(ada):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(ada)

    response = client.post("/accounts/delete/", {"password": PASSWORD})

    assert response.status_code == 403
    assert User.objects.filter(username="ada").exists()


def test_delete_removes_the_person_their_stars_and_notes_and_signs_out(client, ada):
    talk = TalkFactory()
    StarFactory(user=ada, talk=talk)
    NoteFactory(author=ada, talk=talk, visibility="public")
    NoteFactory(author=ada, talk=talk)
    kept_star = StarFactory(talk=talk)
    kept_note = NoteFactory(talk=talk)
    AccessAttempt.objects.create(
        username="ada",
        ip_address="192.0.2.1",
        user_agent="x",
        failures_since_start=2,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/accounts/login/",
    )
    client.force_login(ada)

    response = client.post("/accounts/delete/", {"password": PASSWORD})

    assert response.url == "/"
    assert not User.objects.filter(username="ada").exists()
    assert list(Star.objects.all()) == [kept_star]
    assert list(Note.objects.all()) == [kept_note]
    assert not AccessAttempt.objects.exists()
    assert client.get("/me/stars/").status_code == 302
    home = client.get("/").content.decode()
    assert "Your account, your notes and your stars are deleted." in home


def test_a_deleted_account_s_public_notes_leave_search_and_the_talk_page(client, sample_conference):
    ada = UserFactory(username="ada", password=PASSWORD)
    talk = Talk.objects.get(slug="kubernetes")
    NoteFactory(author=ada, talk=talk, body="watch the quokka demo", visibility="public")
    assert found(client, "quokka") == ["kubernetes"]
    assert "quokka" in client.get("/talks/kubernetes/").content.decode()
    client.force_login(ada)

    client.post("/accounts/delete/", {"password": PASSWORD})

    assert found(client, "quokka") == []
    assert "quokka" not in client.get("/talks/kubernetes/").content.decode()
