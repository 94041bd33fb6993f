"""manage.py export_conference: JSON in the API's shape, and a write-up that reads back."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tests.factories import ConferenceFactory, LinkFactory, SpeakerFactory, TalkFactory
from tests.transfer.snapshot import conference_snapshot, database_state, empty_database
from transfer.export import conference_talks, talk_to_dict

SLUG = "container-camp-london-2015"


def export(slug, tmp_path, name):
    path = tmp_path / name
    call_command("export_conference", slug, output=str(path), verbosity=0)
    return path


def round_trip(slug, tmp_path):
    """Export `slug` as Markdown, empty the database, import the file; (before, after)."""
    before = conference_snapshot(slug)
    path = export(slug, tmp_path, f"{slug}.md")
    empty_database()
    call_command("import_writeup", str(path), verbosity=0)
    return before, conference_snapshot(slug)


@pytest.mark.django_db
def test_export_markdown_round_trip_container_camp(container_camp, tmp_path):
    # The site's own data on purpose: its real write-up must survive an export and import.
    before, after = round_trip(SLUG, tmp_path)

    assert after == before


@pytest.mark.django_db
def test_export_markdown_round_trip_pyvideo_conference(pyvideo, tmp_path):
    call_command("import_pyvideo", str(pyvideo / "minicon-2019"), verbosity=0)

    before, after = round_trip("minicon-2019", tmp_path)

    assert after == before
    assert [talk["speakers"] for talk in after["talks"]][-1] == []  # a talk with no speaker


@pytest.mark.django_db
def test_export_markdown_round_trip_awkward_content(tmp_path):
    conference = ConferenceFactory(
        slug="odd-conf", name="Odd Conf", description="Intro.\n\n## A heading\n\nMore."
    )
    talk = TalkFactory(
        conference=conference,
        title="Jane Doe",  # a title that reads like a speaker's name
        slug="jane-doe-talk",
        position=1,
        topic="",
        summary="Setext heading inside\n===\n\n# And an ATX one\n\nTags: not metadata here",
        speakers=[SpeakerFactory(name="Mrinal", slug="mrinal", company=None)],
        tags=["Machine-Learning"],
    )
    LinkFactory(talk=talk, url="https://en.wikipedia.org/wiki/Foo_(bar)", label="Foo [bar]")

    before, after = round_trip("odd-conf", tmp_path)

    before["talks"][0]["tags"] = ["machine-learning"]  # tags come back as slugs
    for key in before["talks"][0]:
        assert (key, after["talks"][0][key]) == (key, before["talks"][0][key])
    assert after == before


@pytest.mark.django_db
def test_export_markdown_quotes_front_matter_that_yaml_would_misread(tmp_path):
    conference = ConferenceFactory(slug="notes-caching", name="Notes: “Caching”", city="Oslo")
    TalkFactory(conference=conference, slug="caching", title="Caching", position=1)

    path = export("notes-caching", tmp_path, "notes.md")

    assert path.read_text(encoding="utf-8").startswith(
        '---\ntitle: "Notes: “Caching”"\ncity: Oslo\n'
    )
    before, after = round_trip("notes-caching", tmp_path)
    assert after == before


@pytest.mark.django_db
def test_export_json_has_the_api_shape(sample_conference, tmp_path):
    slug = sample_conference.slug
    data = json.loads(export(slug, tmp_path, "cc.json").read_text(encoding="utf-8"))

    assert (data["slug"], data["name"], data["when"], len(data["talks"])) == (
        slug,
        "Sample Camp London 2015",
        "September 2015",
        8,
    )
    assert [link["kind"] for link in data["links"]] == ["playlist", "notes"]
    api = Client()
    for talk in data["talks"]:
        assert talk == api.get(f"/api/talks/{talk['slug']}").json()
    conference = api.get("/api/conferences").json()["items"][0]
    del conference["talk_count"]
    assert {key: data[key] for key in conference} == conference


@pytest.mark.django_db
def test_export_format_option_and_stdout(sample_conference, capsys):
    call_command("export_conference", sample_conference.slug, format="markdown")

    out = capsys.readouterr().out
    assert out.startswith("---\ntitle: Sample Camp London 2015\n")
    assert "## Towards a Containerized Future ★\n\nSpeakers: Bryan Cantrill (Joyent)\n" in out


@pytest.mark.django_db
def test_export_unknown_slug_fails():
    with pytest.raises(CommandError, match=r"^No conference with the slug 'nope'\.$"):
        call_command("export_conference", "nope")


@pytest.mark.django_db
def test_export_unwritable_output_fails(sample_conference, tmp_path):
    with pytest.raises(CommandError, match=r"cannot write it"):
        call_command(
            "export_conference",
            sample_conference.slug,
            output=str(tmp_path / "missing" / "x.json"),
        )


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_talk_to_dict_queries_do_not_grow_with_talks(django_assert_num_queries, count):
    conference = ConferenceFactory()
    for _ in range(count):
        talk = TalkFactory(conference=conference, speakers=[SpeakerFactory()], tags=["x"])
        LinkFactory(talk=talk)

    with django_assert_num_queries(4):
        data = [talk_to_dict(talk) for talk in conference_talks(conference)]

    assert len(data) == count


@pytest.mark.django_db
def test_export_then_import_same_database_updates_in_place(sample_conference, tmp_path):
    path = export(sample_conference.slug, tmp_path, "cc.md")
    before = database_state()

    call_command("import_writeup", str(path), verbosity=0)

    assert database_state() == before
