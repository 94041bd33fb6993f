"""Search sees public notes and imported talks, whatever wrote them."""

import json

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from talks.models import Note, Talk
from talks.search import index_talks
from talks.services import note_update
from tests.factories import NoteFactory, sample_conference
from tests.transfer.snapshot import empty_database


def found(client, query):
    response = client.get("/talks/", {"q": query})
    return [talk.slug for talk in response.context["talks"]]


def test_search_finds_talks_by_their_public_notes(client, sample_conference):
    talk = Talk.objects.get(slug="kubernetes")
    NoteFactory(talk=talk, body="Compare with **borgmon** later", visibility="public")
    assert found(client, "borgmon") == ["kubernetes"]


def test_search_never_finds_private_notes(client, sample_conference):
    talk = Talk.objects.get(slug="kubernetes")
    NoteFactory(talk=talk, body="my secret zanzibar plan", visibility="private")
    assert found(client, "zanzibar") == []


def test_a_note_made_private_leaves_the_search(client, sample_conference):
    talk = Talk.objects.get(slug="kubernetes")
    note = NoteFactory(talk=talk, body="quokka sightings", visibility="public")
    assert found(client, "quokka") == ["kubernetes"]
    note_update(note=note, body=note.body, visibility="private")
    assert Note.objects.get(pk=note.pk).visibility == "private"
    assert found(client, "quokka") == []


def test_imported_talks_are_searchable_at_once(client, db, tmp_path):
    writeup = tmp_path / "import-camp.md"
    writeup.write_text(
        "# Import Camp 2015\n\n"
        "## Diogo Example, Docker - Content trust\n\nSigning images with notary.\n\n"
        "## Bryan Example, Weave - Gossip\n\nSpreading state without consensus.\n",
        encoding="utf-8",
    )
    call_command("import_writeup", str(writeup), verbosity=0)

    assert found(client, "notary") == [Talk.objects.get(title="Content trust").slug]
    assert found(client, "consensus") == [Talk.objects.get(title="Gossip").slug]


def index_contents():
    """Every talk's stored search document, by talk id."""
    if connection.vendor == "postgresql":
        return dict(Talk.objects.values_list("pk", "search_vector"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid, * FROM talks_talk_fts")
        return {row[0]: row[1:] for row in cursor.fetchall()}


def index_writes(queries):
    marker = (
        'SET "search_vector"' if connection.vendor == "postgresql" else "INSERT INTO talks_talk_fts"
    )
    return [query for query in queries if marker in query["sql"]]


def sample_fixture(folder):
    """The sample conference dumped as a fixture file (without search documents), then
    deleted: what loaddata reads, as it would read the site's fixtures."""
    sample_conference()
    path = folder / "sample.json"
    call_command(
        "dumpdata",
        "speakers",
        "taggit",
        "talks.conference",
        "talks.talk",
        "talks.talkspeaker",
        "talks.link",
        output=str(path),
        verbosity=0,
    )
    rows = json.loads(path.read_text(encoding="utf-8"))
    for row in rows:
        row["fields"].pop("search_vector", None)
    path.write_text(json.dumps(rows), encoding="utf-8")
    empty_database()
    return path


def test_loaddata_indexes_the_talks_once_at_the_end(db, tmp_path):
    fixture = sample_fixture(tmp_path)

    with CaptureQueriesContext(connection) as queries:
        call_command("loaddata", str(fixture), verbosity=0)

    assert len(index_writes(queries)) == 1
    loaded = index_contents()
    index_talks()
    assert index_contents() == loaded
    assert all(loaded.values()) and sorted(loaded) == sorted(
        Talk.objects.values_list("pk", flat=True)
    )
    assert len(loaded) == 8


def test_a_public_note_deleted_on_its_page_leaves_the_search(client, sample_conference):
    talk = Talk.objects.get(slug="kubernetes")
    note = NoteFactory(talk=talk, body="quokka sightings", visibility="public")
    assert found(client, "quokka") == ["kubernetes"]
    client.force_login(note.author)

    client.post(f"/talks/kubernetes/notes/{note.pk}/delete/")

    assert not Note.objects.filter(pk=note.pk).exists()
    assert found(client, "quokka") == []
