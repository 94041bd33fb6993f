import pytest

from talks import services
from talks.models import Note, TalkList
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
        "conference",
        "talk",
        "author",
        "created",
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

    # Two more than the star list: the talks and the authors offered as filters.
    with django_assert_num_queries(9):
        assert staff_client.get("/admin/talks/note/").status_code == 200
    with django_assert_num_queries(7):
        assert staff_client.get("/admin/talks/star/").status_code == 200


def test_note_admin_change_page_opens(staff_client):
    note = NoteFactory()

    assert staff_client.get(f"/admin/talks/note/{note.pk}/change/").status_code == 200


def test_talk_change_page_edits_its_notes_inline_with_times_as_timecodes(admin_client):
    from talks.models import Talk
    from tests.talks.admin.test_catalogue import change_form_data

    talk = TalkFactory()
    note = NoteFactory(talk=talk, body="Keys stay offline", time=754, visibility="public")
    url = f"/admin/talks/talk/{talk.pk}/change/"
    page = admin_client.get(url)
    assert "eaders&#x27; notes" in page.text
    assert 'value="12:34"' in page.text

    data = change_form_data(page)
    prefix = next(key for key in data if key.endswith("-0-body")).removesuffix("-0-body")
    data[f"{prefix}-0-time"] = "1:02:03"
    data[f"{prefix}-0-visibility"] = "private"
    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    note.refresh_from_db()
    assert (note.time, note.visibility) == (3723, "private")
    assert Talk.objects.get(pk=talk.pk).title == talk.title


def test_note_admin_rejects_an_unreadable_time(staff_client):
    note = NoteFactory()
    page = staff_client.get(f"/admin/talks/note/{note.pk}/change/")
    from tests.talks.admin.test_catalogue import change_form_data

    data = change_form_data(page)
    data["time"] = "twelve"
    response = staff_client.post(f"/admin/talks/note/{note.pk}/change/", data)

    assert response.status_code == 200
    assert "minutes:seconds" in response.text


def test_note_admin_filters_by_talk_and_author(staff_client):
    first, second = TalkFactory(title="First talk"), TalkFactory(title="Second talk")
    ada = UserFactory(username="ada")
    mine = NoteFactory(talk=first, author=ada, body="first note")
    NoteFactory(talk=second, body="second note")

    by_talk = staff_client.get("/admin/talks/note/", {"talk": first.pk})
    by_author = staff_client.get("/admin/talks/note/", {"author__id__exact": ada.pk})

    assert list(by_talk.context["cl"].result_list) == [mine]
    assert list(by_author.context["cl"].result_list) == [mine]
    assert "Second talk" in by_talk.text  # offered as a choice


def test_note_admin_previews_markdown_as_readers_see_it(staff_client):
    note = NoteFactory(body="**bold** <script>alert(1)</script>")

    page = staff_client.get(f"/admin/talks/note/{note.pk}/change/")
    preview = staff_client.post(
        "/admin/talks/note/preview/", {"body": "*live* <img src=x onerror=alert(1)>"}
    )

    assert "<strong>bold</strong>" in page.text
    assert "<script>alert" not in page.text
    assert preview.json() == {"html": "<p><em>live</em> </p>"}
    assert staff_client.get("/admin/talks/note/preview/").status_code == 405


def test_talk_change_page_suggests_existing_tags(admin_client):
    talk = TalkFactory(tags=["security"])
    TalkFactory(tags=["networking"])

    page = admin_client.get(f"/admin/talks/talk/{talk.pk}/change/").text

    assert 'list="id_tags-suggestions"' in page
    assert '<option value="networking">' in page


# --- Readers' lists in the admin: listed with their counts, edited with their talks in order ------


@pytest.fixture
def shared_list(db):
    talk_list, _ = services.list_create(owner=UserFactory(username="ada"), name="Security")
    for slug in ("a", "b"):
        services.list_add(talk_list=talk_list, talk=TalkFactory(slug=slug))
    return services.list_share(talk_list=talk_list)


@pytest.mark.parametrize("lists", [1, 3])
def test_list_admin_shows_counts_in_a_fixed_number_of_queries(
    staff_client, shared_list, django_assert_num_queries, lists
):
    for n in range(lists - 1):
        services.list_create(owner=UserFactory(), name=f"Other {n}")

    with django_assert_num_queries(5):  # the session comes from the cache
        response = staff_client.get("/admin/talks/talklist/")

    rows = {(row.name, row.item_count) for row in response.context["cl"].result_list}
    assert ("Security", 2) in rows
    assert len(rows) == lists


def test_list_admin_search_finds_name_and_owner(staff_client, shared_list):
    services.list_create(owner=UserFactory(username="bob"), name="Other")

    for query in ("secur", "ada"):
        response = staff_client.get("/admin/talks/talklist/", {"q": query})
        assert list(response.context["cl"].result_list) == [shared_list]


def test_list_admin_edits_the_order_of_talks(staff_client, shared_list):
    items = list(shared_list.items.order_by("position"))
    page = staff_client.get(f"/admin/talks/talklist/{shared_list.pk}/change/")
    assert page.status_code == 200

    response = staff_client.post(
        f"/admin/talks/talklist/{shared_list.pk}/change/",
        {
            "owner": shared_list.owner_id,
            "name": "Security, reordered",
            "items-TOTAL_FORMS": "2",
            "items-INITIAL_FORMS": "2",
            "items-0-id": items[0].pk,
            "items-0-talk_list": shared_list.pk,
            "items-0-talk": items[0].talk_id,
            "items-0-position": "5",
            "items-1-id": items[1].pk,
            "items-1-talk_list": shared_list.pk,
            "items-1-talk": items[1].talk_id,
            "items-1-position": "1",
        },
    )

    assert response.status_code == 302
    shared_list.refresh_from_db()
    assert shared_list.name == "Security, reordered"
    assert list(shared_list.items.values_list("talk__slug", flat=True)) == ["b", "a"]


def test_list_admin_makes_lists_private(staff_client, shared_list):
    staff_client.post(
        "/admin/talks/talklist/",
        {"action": "make_private", "_selected_action": [shared_list.pk]},
    )

    shared_list.refresh_from_db()
    assert shared_list.share_token == ""


def test_list_admin_deletes_a_list(staff_client, shared_list):
    staff_client.post(f"/admin/talks/talklist/{shared_list.pk}/delete/", {"post": "yes"})

    assert not TalkList.objects.filter(pk=shared_list.pk).exists()
