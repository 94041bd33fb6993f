"""My write-up, downloaded, reads back with import_writeup into the same talks."""

import pytest
from django.core.management import call_command

from speakers.models import Company, Speaker
from talks.models import Conference, Link, Talk
from tests.factories import NoteFactory, StarFactory, UserFactory

DOWNLOAD = "/me/writeup/{slug}.md"


def catalogue():
    """What an import must not duplicate or lose: talks with their speakers and links."""
    return sorted(
        (
            talk.slug,
            talk.source_key,
            tuple((s.name, s.company.name if s.company else "") for s in talk.speaker_list()),
            tuple(sorted(link.url for link in talk.links.all())),
        )
        for talk in Talk.objects.with_speakers().prefetch_related("links")
    )


def download_and_import(client, user, slug, tmp_path, query=""):
    client.force_login(user)
    response = client.get(DOWNLOAD.format(slug=slug) + query)
    assert response.status_code == 200
    path = tmp_path / f"{slug}.md"
    path.write_bytes(response.content)
    call_command("import_writeup", str(path), verbosity=0)
    return response.content.decode()


def test_my_write_up_imports_back_into_the_same_talks(client, sample_conference, tmp_path):
    ada = UserFactory(username="ada")
    noted = {
        "docker-content-trust": "The root key stays **offline**.",
        "lessons-learnt-from-running-potentially-malicious-code": "Watch the disks.",
        "container-visibility": "Sysdig's take.",
    }
    for slug, body in noted.items():
        talk = Talk.objects.get(slug=slug)
        StarFactory(talk=talk, user=ada)
        NoteFactory(talk=talk, author=ada, body=body)
    before = catalogue()
    counts = (Conference.objects.count(), Speaker.objects.count(), Company.objects.count())
    when = Conference.objects.values_list("name", "year", "month", "writeup_author").get()
    untouched = Talk.objects.get(slug="kubernetes").summary

    download_and_import(client, ada, sample_conference.slug, tmp_path, "?private=1")

    assert catalogue() == before  # matched: nothing added, no speaker or link changed
    assert (Conference.objects.count(), Speaker.objects.count(), Company.objects.count()) == (
        counts
    )
    for slug, body in noted.items():
        talk = Talk.objects.get(slug=slug)
        assert (talk.summary, talk.recommended) == (body, True)
    assert Talk.objects.get(slug="kubernetes").summary == untouched
    # The first paragraph is no byline: the conference keeps its name, date and author.
    assert Conference.objects.values_list("name", "year", "month", "writeup_author").get() == when
    assert Link.objects.filter(talk__isnull=False).count() == sum(len(t[3]) for t in before)


def test_a_speakers_second_talk_is_found_by_its_slug(client, db, tmp_path):
    source = tmp_path / "source.md"
    source.write_text(
        "# Two By Jane\n\n"
        "## Jane Doe, Acme - First topic\n\nThe first one.\n\n"
        "## John Roe, Initech - Middle\n\nIn between.\n\n"
        "## Jane Doe, Acme - Second topic\n\nThe second one.\n"
    )
    call_command("import_writeup", str(source), verbosity=0)
    assert sorted(Talk.objects.values_list("source_key", flat=True)) == [
        "by:jane-doe",
        "by:jane-doe#2",
        "by:john-roe",
    ]
    second = Talk.objects.get(source_key="by:jane-doe#2")
    ada = UserFactory()
    StarFactory(talk=second, user=ada)
    NoteFactory(talk=second, author=ada, body="Only this one.", visibility="public")
    before = catalogue()

    text = download_and_import(client, ada, "two-by-jane", tmp_path)

    assert "## Jane Doe, Acme - Second topic ★" in text
    assert catalogue() == before
    assert Talk.objects.get(source_key="by:jane-doe").summary == "The first one."
    assert Talk.objects.get(source_key="by:jane-doe#2").summary == "Only this one."


def test_importing_my_write_up_twice_changes_nothing_more(client, sample_conference, tmp_path):
    ada = UserFactory()
    StarFactory(talk=Talk.objects.get(slug="container-visibility"), user=ada)
    download_and_import(client, ada, sample_conference.slug, tmp_path)
    after_first = catalogue(), list(Talk.objects.values_list("slug", "summary", "recommended"))

    download_and_import(client, ada, sample_conference.slug, tmp_path)

    assert (catalogue(), list(Talk.objects.values_list("slug", "summary", "recommended"))) == (
        after_first
    )


@pytest.mark.parametrize("title", ["Containers: *the* _future_ [1]", "A & B <C>"])
def test_titles_with_markdown_characters_come_back_as_they_were(
    client, sample_conference, tmp_path, title
):
    talk = Talk.objects.get(slug="kubernetes")
    talk.title = title
    talk.save()
    ada = UserFactory()
    StarFactory(talk=talk, user=ada)

    download_and_import(client, ada, sample_conference.slug, tmp_path)

    expected = title if "<" not in title else "A & B &lt;C>"  # no raw HTML is written
    assert Talk.objects.get(slug="kubernetes").title == expected
