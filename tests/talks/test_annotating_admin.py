import pytest

from talks.models import Note
from tests.factories import NoteFactory, StarFactory, TalkFactory, UserFactory


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(username="editor", is_staff=True, is_superuser=True))
    return client


def test_note_admin_lists_talk_author_visibility_created(staff_client):
    NoteFactory(body="Find me", talk=TalkFactory(title="Tracing"), visibility="public", time=61)
    NoteFactory()  # on a talk of another conference, so the conference filter has a choice

    response = staff_client.get("/admin/talks/note/")

    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Find me", "Tracing", "Public: anybody reading the talk", "1:01"):
        assert text in html
    assert [f.title for f in response.context["cl"].filter_specs] == [
        "visibility",
        "created",
        "conference",
    ]


def test_note_admin_search_finds_body_talk_and_author(staff_client):
    wanted = NoteFactory(
        body="unikernels rock", author=UserFactory(username="zed"), talk__title="Mirage"
    )
    NoteFactory(body="other")

    for query in ("unikernels", "zed", "mirage"):
        response = staff_client.get("/admin/talks/note/", {"q": query})
        assert list(response.context["cl"].result_list) == [wanted]


def test_note_admin_filters_by_visibility(staff_client):
    public = NoteFactory(visibility="public")
    NoteFactory()

    response = staff_client.get("/admin/talks/note/", {"visibility__exact": "public"})

    assert list(response.context["cl"].result_list) == [public]


def test_note_admin_make_private_action(staff_client):
    note = NoteFactory(visibility="public")

    staff_client.post(
        "/admin/talks/note/", {"action": "make_private", "_selected_action": [note.pk]}
    )

    note.refresh_from_db()
    assert note.visibility == Note.Visibility.PRIVATE


@pytest.mark.parametrize("count", [1, 5])
def test_note_and_star_admin_queries_do_not_grow(staff_client, django_assert_num_queries, count):
    for _ in range(count):
        NoteFactory()
        StarFactory()

    with django_assert_num_queries(7):
        assert staff_client.get("/admin/talks/note/").status_code == 200
    with django_assert_num_queries(7):
        assert staff_client.get("/admin/talks/star/").status_code == 200


def test_note_admin_change_page_opens(staff_client):
    note = NoteFactory()

    assert staff_client.get(f"/admin/talks/note/{note.pk}/change/").status_code == 200
