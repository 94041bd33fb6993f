import datetime

import pytest
from django.db.models import Prefetch
from django.urls import reverse

from talks.exports import escape_markdown, notes_as_markdown
from talks.models import Link, Note, Talk
from tests.factories import (
    LinkFactory,
    NoteFactory,
    SpeakerFactory,
    StarFactory,
    TalkFactory,
    UserFactory,
)


@pytest.fixture
def user(db):
    return UserFactory(username="ada")


def test_my_stars_lists_only_my_starred_talks_newest_first(client, user):
    first, second, _unstarred = TalkFactory(), TalkFactory(), TalkFactory()
    StarFactory(talk=first, user=user)
    StarFactory(talk=second, user=user)
    StarFactory(talk=TalkFactory())  # somebody else's
    client.force_login(user)

    response = client.get(reverse("me:stars"))

    assert list(response.context["talks"]) == [second, first]
    assert [talk.is_starred for talk in response.context["talks"]] == [True, True]


def test_my_stars_empty_says_how_to_star(client, user):
    client.force_login(user)

    response = client.get(reverse("me:stars"))

    assert list(response.context["talks"]) == []
    assert "No stars yet." in response.content.decode()


def test_my_notes_groups_my_notes_by_talk(client, user):
    older, newer = TalkFactory(title="Older"), TalkFactory(title="Newer")
    NoteFactory(talk=older, author=user, body="o1", time=90)
    NoteFactory(talk=newer, author=user, body="n1")
    NoteFactory(talk=older, author=user, body="o2", time=30, visibility="public")
    NoteFactory(talk=newer, body="someone else's", visibility="public")
    client.force_login(user)

    response = client.get(reverse("me:notes"))

    groups = [(talk.title, [n.body for n in talk.my_notes]) for talk in response.context["talks"]]
    assert groups == [("Older", ["o2", "o1"]), ("Newer", ["n1"])]


def test_my_notes_links_to_the_download(client, user):
    NoteFactory(author=user)
    client.force_login(user)

    html = client.get(reverse("me:notes")).content.decode()

    assert '<a href="/me/notes.md" download>Download as Markdown</a>' in html


def test_my_notes_markdown_downloads_as_attachment(client, user):
    speaker = SpeakerFactory(name="Ada *Lovelace*", company=None)
    talk = TalkFactory(slug="engines", title="Analytical [engines]", speakers=[speaker])
    LinkFactory(talk=talk, kind=Link.Kind.RECORDING, url="https://youtu.be/dQw4w9WgXcQ")
    NoteFactory(talk=talk, author=user, body="Untimed thought")
    NoteFactory(talk=talk, author=user, body="Key *point*", time=754, visibility="public")
    NoteFactory(talk=talk, body="Not mine", visibility="public")
    client.force_login(user)

    response = client.get(reverse("me:notes_markdown"))

    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="confnotes-my-notes.md"'
    text = response.content.decode()
    body = text.split("\n", 4)[4]  # after the title and the export date
    assert body == (
        "## Analytical \\[engines\\]\n"
        "\n"
        "- Speakers: Ada \\*Lovelace\\*\n"
        f"- Conference: {talk.conference.name}\n"
        "- Link: <http://testserver/talks/engines/>\n"
        "- Recording: <https://youtu.be/dQw4w9WgXcQ>\n"
        "\n"
        "### [12:34](https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=754s) (public)\n"
        "\n"
        "Key *point*\n"
        "\n"
        "### Note (private)\n"
        "\n"
        "Untimed thought\n"
    )


def test_notes_as_markdown_shows_plain_time_without_recording(user):
    talk = TalkFactory(title="No video")
    NoteFactory(talk=talk, author=user, time=3723, body="Late point")
    talks = (
        Talk.objects.filter(pk=talk.pk)
        .for_list()
        .prefetch_related(Prefetch("notes", queryset=Note.objects.by(user), to_attr="my_notes"))
    )

    text = notes_as_markdown(
        talks, site_url="https://confnotes.example/", exported=datetime.datetime(2026, 1, 2, 3, 4)
    )

    assert text.startswith("# My notes from confnotes\n\nExported 2026-01-02 03:04 UTC.\n")
    assert "### 1:02:03 (private)\n\nLate point\n" in text
    assert f"- Link: <https://confnotes.example/talks/{talk.slug}/>" in text


def test_notes_as_markdown_without_notes_says_so():
    text = notes_as_markdown([], site_url="http://x/", exported=datetime.datetime(2026, 1, 1))

    assert text.endswith("You have no notes yet.\n")


def test_escape_markdown_neutralises_markup_and_newlines():
    assert escape_markdown("# [a](b) *c*\n## d_e") == "\\# \\[a\\](b) \\*c\\* \\#\\# d\\_e"
