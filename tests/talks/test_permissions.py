"""Who may do what with a private note, a star and the /me/ pages: one case per cell."""

import re

import pytest
from django.urls import reverse

from talks.models import Note, Star
from tests.factories import NoteFactory, TalkFactory, UserFactory

ACTORS = ["anonymous", "author", "other", "staff"]


@pytest.fixture
def world(db):
    author = UserFactory(username="author")
    people = {
        "anonymous": None,
        "author": author,
        "other": UserFactory(username="other"),
        "staff": UserFactory(username="staff", is_staff=True, is_superuser=True),
    }
    talk = TalkFactory(slug="the-talk")
    note = NoteFactory(talk=talk, author=author, body="Secret thought", time=42)
    return people, talk, note


def without_csrf(response):
    """The page with its per-response CSRF token masked out."""
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.content.decode())


def as_actor(client, people, actor):
    if people[actor] is not None:
        client.force_login(people[actor])
    return client


@pytest.mark.parametrize(
    ("actor", "sees"), [("anonymous", False), ("author", True), ("other", False), ("staff", False)]
)
def test_permission_see_private_note_on_talk_page(client, world, actor, sees):
    people, talk, _ = world

    response = as_actor(client, people, actor).get(talk.get_absolute_url())

    assert response.status_code == 200
    assert ("Secret thought" in response.content.decode()) is sees


@pytest.mark.parametrize(
    ("actor", "status"), [("anonymous", 302), ("author", 200), ("other", 404), ("staff", 404)]
)
def test_permission_edit_private_note(client, world, actor, status):
    people, _, note = world
    url = reverse("talks:note_edit", kwargs={"slug": "the-talk", "pk": note.pk})
    client = as_actor(client, people, actor)

    page = client.get(url)
    post = client.post(url, {"body": "Changed", "visibility": "public"})

    assert page.status_code == status
    if actor == "anonymous":
        assert page.url == f"/accounts/login/?next={url}"
    if status == 404:
        # Same page as for a note that never existed: no hint of a private note.
        missing = client.get(reverse("talks:note_edit", kwargs={"slug": "the-talk", "pk": 999}))
        assert without_csrf(page) == without_csrf(missing)
    expected_body = "Changed" if actor == "author" else "Secret thought"
    assert Note.objects.get().body == expected_body
    assert post.status_code == (302 if actor in {"anonymous", "author"} else 404)


@pytest.mark.parametrize(
    ("actor", "status", "remaining"),
    [("anonymous", 302, 1), ("author", 302, 0), ("other", 404, 1), ("staff", 404, 1)],
)
def test_permission_delete_private_note(client, world, actor, status, remaining):
    people, _, note = world
    url = reverse("talks:note_delete", kwargs={"slug": "the-talk", "pk": note.pk})

    response = as_actor(client, people, actor).post(url)

    assert response.status_code == status
    assert Note.objects.count() == remaining


@pytest.mark.parametrize(
    ("actor", "stars"),
    [("anonymous", []), ("author", ["author"]), ("other", ["other"]), ("staff", ["staff"])],
)
def test_permission_star(client, world, actor, stars):
    people, talk, _ = world

    response = as_actor(client, people, actor).post(
        reverse("talks:star", kwargs={"slug": talk.slug}), {"action": "star"}
    )

    assert response.status_code == 302
    expected_url = (
        "/accounts/login/?next=/talks/the-talk/" if actor == "anonymous" else "/talks/the-talk/"
    )
    assert response.url == expected_url
    assert list(Star.objects.values_list("user__username", flat=True)) == stars


@pytest.mark.parametrize(
    ("actor", "notes"),
    [("anonymous", None), ("author", ["Secret thought"]), ("other", []), ("staff", [])],
)
@pytest.mark.parametrize("page", ["me:stars", "me:notes", "me:notes_markdown"])
def test_permission_me_pages(client, world, actor, notes, page):
    people, _, _ = world
    url = reverse(page)

    response = as_actor(client, people, actor).get(url)

    if notes is None:
        assert response.status_code == 302
        assert response.url == f"/accounts/login/?next={url}"
        return
    assert response.status_code == 200
    if page == "me:notes":
        shown = [note.body for talk in response.context["talks"] for note in talk.my_notes]
        assert shown == notes
    elif page == "me:notes_markdown":
        assert ("Secret thought" in response.content.decode()) is bool(notes)
    else:
        assert list(response.context["talks"]) == []


@pytest.mark.parametrize(
    ("actor", "reaches"),
    [("anonymous", False), ("author", False), ("other", False), ("staff", True)],
)
def test_permission_admin_only_for_staff(client, world, actor, reaches):
    people, _, _ = world

    response = as_actor(client, people, actor).get("/admin/talks/note/")

    assert (response.status_code == 200) is reaches
    if not reaches:
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")
