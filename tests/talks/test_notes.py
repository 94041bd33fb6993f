import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from talks import services
from talks.forms import NoteForm
from talks.models import NOTE_BODY_MAX_LENGTH, Link, Note
from tests.factories import LinkFactory, NoteFactory, TalkFactory, UserFactory


@pytest.fixture
def talk(db):
    return TalkFactory(slug="crdts", title="CRDTs in practice", duration=1800)


@pytest.fixture
def author(db):
    return UserFactory(username="ada", first_name="Ada L.")


@pytest.fixture
def other(db):
    return UserFactory(username="grace")


def create_url(talk):
    return reverse("talks:note_create", kwargs={"slug": talk.slug})


def edit_url(note):
    return reverse("talks:note_edit", kwargs={"slug": note.talk.slug, "pk": note.pk})


def delete_url(note):
    return reverse("talks:note_delete", kwargs={"slug": note.talk.slug, "pk": note.pk})


# --- the form -------------------------------------------------------------------------


def note_form(talk, author, **data):
    return NoteForm(
        {"body": "", "time": "", "visibility": "private", **data}, talk=talk, author=author
    )


def test_note_form_cleans_time_to_seconds(talk, author):
    form = note_form(talk, author, body="Good bit", time="12:34", visibility="public")

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"body": "Good bit", "time": 754, "visibility": "public"}


def test_note_form_time_is_optional(talk, author):
    form = note_form(talk, author, body="Untimed")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["time"] is None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"body": ""}, "body", "This field is required."),
        ({"body": "   \n\t "}, "body", "This field is required."),
        ({"body": "x", "time": "12.34"}, "time", "minutes:seconds (12:34)"),
        ({"body": "x", "time": "1:2:3"}, "time", "minutes:seconds (12:34)"),
        ({"body": "x", "time": "31:00"}, "time", "The recording is only 30:00 long"),
        ({"body": "x", "visibility": "friends"}, "visibility", "Select a valid choice."),
        ({"body": "x" * (NOTE_BODY_MAX_LENGTH + 1)}, "body", "at most 10000 characters"),
        ({"body": "nul \x00 byte"}, "body", "Null characters are not allowed."),
    ],
)
def test_note_form_rejects_bad_input_with_clear_message(talk, author, data, field, message):
    form = note_form(talk, author, **data)

    assert not form.is_valid()
    assert list(form.errors) == [field]
    assert message in form.errors[field][0]


def test_note_form_accepts_time_at_the_very_end(talk, author):
    assert note_form(talk, author, body="x", time="30:00").is_valid()


def test_note_form_without_known_duration_accepts_any_valid_time(author):
    talk = TalkFactory(duration=None)

    assert note_form(talk, author, body="x", time="99:59:59").is_valid()


def test_note_form_shows_stored_time_as_timecode(talk, author):
    note = NoteFactory(talk=talk, author=author, time=3723)

    form = NoteForm(instance=note, talk=talk, author=author)

    assert 'value="1:02:03"' in str(form["time"])


# --- the services ---------------------------------------------------------------------


def test_note_create_saves_a_valid_note(talk, author):
    note = services.note_create(
        talk=talk, author=author, body="Hello", time=60, visibility=Note.Visibility.PUBLIC
    )

    assert list(Note.objects.values_list("pk", "body", "time", "visibility")) == [
        (note.pk, "Hello", 60, "public")
    ]


def test_note_create_rejects_time_beyond_recording_and_saves_nothing(talk, author):
    with pytest.raises(ValidationError) as raised:
        services.note_create(talk=talk, author=author, body="Late", time=1801)

    assert list(raised.value.message_dict) == ["time"]
    assert Note.objects.count() == 0


def test_note_update_invalid_leaves_stored_note_unchanged(talk, author):
    note = NoteFactory(talk=talk, author=author, body="Before", time=10)

    with pytest.raises(ValidationError):
        services.note_update(note=note, body="", time=10, visibility="private")

    note.refresh_from_db()
    assert (note.body, note.time) == ("Before", 10)


# --- creating through the site ------------------------------------------------------


def test_note_create_view_saves_and_redirects_to_the_note(client, talk, author):
    client.force_login(author)

    response = client.post(
        create_url(talk), {"body": "*Nice*", "time": "1:05", "visibility": "public"}
    )

    note = Note.objects.get()
    assert response.status_code == 302
    assert response.url == f"/talks/crdts/#note-{note.pk}"
    assert (note.author, note.talk, note.body, note.time, note.visibility) == (
        author,
        talk,
        "*Nice*",
        65,
        "public",
    )


def test_note_create_view_defaults_to_private(client, talk, author):
    client.force_login(author)

    client.post(create_url(talk), {"body": "Mine", "visibility": "private"})

    assert Note.objects.get().visibility == Note.Visibility.PRIVATE


def test_note_create_view_keeps_what_was_typed_on_error(client, talk, author):
    client.force_login(author)

    response = client.post(
        create_url(talk), {"body": "Keep me <3", "time": "ninety", "visibility": "public"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Keep me &lt;3</textarea>" in html
    assert 'value="ninety"' in html
    assert 'value="public" required id="id_visibility_1" checked>' in html
    assert "Write the time as minutes:seconds (12:34)" in html
    assert "Please fix the 1 problem below" in html
    assert Note.objects.count() == 0


def test_note_create_view_empty_post_shows_required_error(client, talk, author):
    client.force_login(author)

    response = client.post(create_url(talk), {})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "body": ["This field is required."],
        "visibility": ["This field is required."],
    }


def test_note_create_anonymous_goes_to_login(client, talk):
    response = client.post(create_url(talk), {"body": "x", "visibility": "private"})

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/talks/crdts/notes/new/"
    assert Note.objects.count() == 0


def test_note_create_unknown_talk_is_404(client, author):
    client.force_login(author)

    assert client.get("/talks/nope/notes/new/").status_code == 404


def test_note_create_without_csrf_token_is_forbidden(talk, author):
    client = Client(enforce_csrf_checks=True)
    client.force_login(author)

    response = client.post(create_url(talk), {"body": "x", "visibility": "private"})

    assert response.status_code == 403
    assert Note.objects.count() == 0


def test_note_edit_and_delete_without_csrf_token_are_forbidden(talk, author):
    note = NoteFactory(talk=talk, author=author, body="Before")
    client = Client(enforce_csrf_checks=True)
    client.force_login(author)

    edited = client.post(edit_url(note), {"body": "After", "visibility": "private"})
    deleted = client.post(delete_url(note))

    assert (edited.status_code, deleted.status_code) == (403, 403)
    assert list(Note.objects.values_list("body", flat=True)) == ["Before"]


def test_log_out_without_csrf_token_is_forbidden(author):
    client = Client(enforce_csrf_checks=True)
    client.force_login(author)

    assert client.post("/accounts/logout/").status_code == 403
    assert client.get("/me/notes/").status_code == 200


# --- editing and deleting ---------------------------------------------------------------


def test_note_edit_by_author_updates_it(client, talk, author):
    note = NoteFactory(talk=talk, author=author, body="Before", time=5)
    client.force_login(author)

    response = client.post(edit_url(note), {"body": "After", "time": "", "visibility": "public"})

    note.refresh_from_db()
    assert response.url == f"/talks/crdts/#note-{note.pk}"
    assert (note.body, note.time, note.visibility) == ("After", None, "public")


def test_note_edit_with_bad_input_changes_nothing(client, talk, author):
    note = NoteFactory(talk=talk, author=author, body="Before", time=5)
    client.force_login(author)

    response = client.post(edit_url(note), {"body": "", "time": "99:99", "visibility": "public"})

    note.refresh_from_db()
    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["body", "time"]
    assert (note.body, note.time, note.visibility) == ("Before", 5, "private")


def test_note_delete_get_asks_then_post_deletes(client, talk, author):
    note = NoteFactory(talk=talk, author=author)
    client.force_login(author)

    confirm = client.get(delete_url(note))
    response = client.post(delete_url(note))

    assert confirm.status_code == 200
    assert response.url == "/talks/crdts/#notes"
    assert Note.objects.count() == 0


def test_note_edit_with_wrong_talk_slug_is_404(client, talk, author):
    note = NoteFactory(talk=talk, author=author)
    client.force_login(author)
    TalkFactory(slug="other")

    assert client.get(f"/talks/other/notes/{note.pk}/edit/").status_code == 404


# --- the talk page ------------------------------------------------------------------------


def test_talk_page_lists_notes_in_video_order_with_author_names(client, talk, author, other):
    NoteFactory(talk=talk, author=other, body="Untimed", visibility="public")
    NoteFactory(talk=talk, author=author, body="Late", time=600, visibility="public")
    NoteFactory(talk=talk, author=author, body="Early", time=30)

    client.force_login(author)
    response = client.get(talk.get_absolute_url())

    notes = response.context["talk"].visible_notes
    assert [note.body for note in notes] == ["Early", "Late", "Untimed"]
    html = response.content.decode()
    assert (
        '<span class="note-author">Ada L. <span class="note-username">@ada</span> (you)</span>'
        in html
    )
    assert '<span class="note-author">grace</span>' in html


def test_talk_page_timed_note_links_to_youtube_moment(client, talk, author):
    LinkFactory(talk=talk, kind=Link.Kind.RECORDING, url="https://youtu.be/dQw4w9WgXcQ")
    NoteFactory(talk=talk, author=author, time=754, visibility="public")

    html = client.get(talk.get_absolute_url()).content.decode()

    assert (
        '<a class="note-time" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=754s" '
        'data-seek="754"'
    ) in html


def test_talk_page_timed_note_links_to_vimeo_moment(client, talk, author):
    LinkFactory(talk=talk, kind=Link.Kind.RECORDING, url="https://vimeo.com/123456")
    NoteFactory(talk=talk, author=author, time=65, visibility="public")

    html = client.get(talk.get_absolute_url()).content.decode()

    assert '<a class="note-time" href="https://vimeo.com/123456#t=65s" data-seek="65"' in html


def test_talk_page_timed_note_without_own_recording_shows_plain_time(client, author):
    talk = TalkFactory()
    LinkFactory(
        talk=None,
        conference=talk.conference,
        kind=Link.Kind.PLAYLIST,
        url="https://www.youtube.com/playlist?list=PLabcdefgh",
    )
    NoteFactory(talk=talk, author=author, time=754, visibility="public")

    html = client.get(talk.get_absolute_url()).content.decode()

    assert '<span class="note-time" title="Time in the recording">12:34</span>' in html
    assert "data-seek" not in html


def test_talk_page_shows_note_form_only_when_signed_in(client, talk, author):
    anonymous = client.get(talk.get_absolute_url()).content.decode()
    client.force_login(author)
    signed_in = client.get(talk.get_absolute_url()).content.decode()

    assert 'action="/talks/crdts/notes/new/"' not in anonymous
    assert 'href="/accounts/login/?next=/talks/crdts/%23notes">Log in</a>' in anonymous
    assert 'action="/talks/crdts/notes/new/"' in signed_in


def test_talk_page_edit_links_only_on_own_notes(client, talk, author, other):
    mine = NoteFactory(talk=talk, author=author, visibility="public")
    theirs = NoteFactory(talk=talk, author=other, visibility="public")
    client.force_login(author)

    html = client.get(talk.get_absolute_url()).content.decode()

    assert edit_url(mine) in html
    assert edit_url(theirs) not in html


@pytest.mark.parametrize("pk", ["99999999999999999999999", "9223372036854775808"])
def test_note_edit_out_of_range_id_is_404(client, talk, author, pk):
    client.force_login(author)

    assert client.get(f"/talks/crdts/notes/{pk}/edit/").status_code == 404
    assert client.post(f"/talks/crdts/notes/{pk}/delete/").status_code == 404


def test_note_create_with_oversized_request_is_bad_request(client, talk, author, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(author)

    response = client.post(create_url(talk), {"body": "x" * 2000, "visibility": "private"})

    assert response.status_code == 400
    assert Note.objects.count() == 0
