"""Whatever path a write takes, what visitors see equals a recount from the tables.

Random sequences of writes go through every write path: the services, the admin's own
views (change forms with their inlines, deletions, bulk actions, taggit's tag pages), an
import and a fixture load. After each write, search results (incremental index against
one rebuilt from the tables), counts and facets (cached, as pages serve them, against a
count of the rows) and the anonymous API must agree. Runs on SQLite and PostgreSQL.
"""

import json
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from taggit.models import Tag, TaggedItem

from speakers.models import Company, Speaker
from talks import search, services
from talks.models import Note, Talk, TalkSpeaker
from talks.search.facets import count_of, facets_of
from tests.factories import (
    CompanyFactory,
    ConferenceFactory,
    NoteFactory,
    SpeakerFactory,
    TalkFactory,
    UserFactory,
)

# Words the writes put into titles, names, tags and notes; each is searched after every write.
WORDS = ("kiwi", "mango", "papaya", "quince", "lychee")
word = st.sampled_from(WORDS)


# --- The catalogue every example starts from ----------------------------------------------


@pytest.fixture
def catalogue(db):
    conference = ConferenceFactory(slug="propcon")
    companies = [CompanyFactory(name="Acme"), CompanyFactory(name="Globex")]
    speakers = [
        SpeakerFactory(name="Ada Example", company=companies[0]),
        SpeakerFactory(name="Grace Example", company=companies[1]),
        SpeakerFactory(name="Linus Example", company=companies[0]),
    ]
    talks = [
        TalkFactory(conference=conference, title="Talk one", speakers=speakers[:1], tags=["go"]),
        TalkFactory(conference=conference, title="Talk two", speakers=speakers[1:], tags=["dns"]),
        TalkFactory(conference=conference, title="Talk three", speakers=speakers[2:]),
    ]
    reader = UserFactory(username="reader")
    NoteFactory(talk=talks[0], author=reader, body="a public note", visibility="public")
    return conference


# --- Writes -------------------------------------------------------------------------------


def pick(model, index):
    rows = list(model.objects.order_by("pk"))
    return rows[index % len(rows)] if rows else None


class FormValues(HTMLParser):
    """The values a browser would submit from the admin's change form."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.values[name] = attrs.get("value", "on")
            else:
                self.values[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def admin_change(admin_client, url, **changes):
    form = FormValues()
    form.feed(admin_client.get(url).content.decode())
    data = {key: value for key, value in form.values.items() if "__prefix__" not in key}
    data.update(changes)
    data["_save"] = "Save"
    response = admin_client.post(url, data)
    # Saved, or refused with the reason shown (a name another tag has, say): never a 500.
    assert response.status_code == 302 or (
        response.status_code == 200 and 'class="errornote"' in response.content.decode()
    ), response.content.decode()[:2000]


def write(step, env):
    """Carry out one write; `step` is (path, index, word)."""
    path, index, text = step
    talk, note = pick(Talk, index), pick(Note, index)
    speaker, company, tag = pick(Speaker, index), pick(Company, index), pick(Tag, index)
    admin = env["admin_client"]
    if path == "service: star" and talk:
        services.star_toggle(talk=talk, user=env["reader"])
    elif path == "service: public note" and talk:
        services.note_create(talk=talk, author=env["reader"], body=text, visibility="public")
    elif path == "service: private note" and talk:
        services.note_create(talk=talk, author=env["reader"], body=text)
    elif path == "service: note visibility flip" and note:
        flipped = "private" if note.is_public else "public"
        services.note_update(note=note, body=note.body, time=note.time, visibility=flipped)
    elif path == "service: delete note" and note:
        services.note_delete(note=note)
    elif path == "service: retitle talk" and talk:
        talk.title = f"{text} talk"
        services.save(talk)
    elif path == "service: tag talk" and talk:
        talk.tags.add(text)
        services.saved(talk)
    elif path == "service: untag talk" and talk and talk.tags.exists():
        talk.tags.remove(*talk.tags.all()[:1])
        services.saved(talk)
    elif path == "service: rename speaker" and speaker:
        speaker.name = f"{text.title()} Speaker"
        services.save(speaker)
    elif path == "service: rename company" and company:
        company.name = f"{text.title()} Inc {company.pk}"  # company names are unique
        services.save(company)
    elif path == "service: move speaker" and speaker and company:
        speaker.company = company
        services.save(speaker)
    elif path == "service: new talk":
        TalkFactory(conference=env["conference"], title=f"New {text}", tags=[text])
    elif path == "service: delete talk" and talk:
        services.delete(talk)
    elif path == "admin: edit talk" and talk:
        admin_change(
            admin, f"/admin/talks/talk/{talk.pk}/change/", title=f"{text} edited", tags=text
        )
    elif path == "admin: recommend" and talk:
        admin.post(
            "/admin/talks/talk/", {"action": "mark_recommended", "_selected_action": [talk.pk]}
        )
    elif path == "admin: hide notes" and note:
        public = list(Note.objects.public().values_list("pk", flat=True))
        admin.post("/admin/talks/note/", {"action": "make_private", "_selected_action": public})
    elif path == "admin: delete notes" and note:
        admin.post(
            "/admin/talks/note/",
            {"action": "delete_selected", "_selected_action": [note.pk], "post": "yes"},
        )
    elif path == "admin: rename speaker" and speaker:
        admin_change(admin, f"/admin/speakers/speaker/{speaker.pk}/change/", name=text.title())
    elif path == "admin: delete speaker" and speaker:
        admin.post(f"/admin/speakers/speaker/{speaker.pk}/delete/", {"post": "yes"})
    elif path == "admin: delete company" and company:
        admin.post(f"/admin/speakers/company/{company.pk}/delete/", {"post": "yes"})
    elif path == "admin: rename tag" and tag:
        admin_change(admin, f"/admin/taggit/tag/{tag.pk}/change/", name=text, slug=text)
    elif path == "admin: delete tag" and tag:
        admin.post(f"/admin/taggit/tag/{tag.pk}/delete/", {"post": "yes"})
    elif path == "import: write-up":
        writeup = env["tmp_path"] / f"writeup-{index}.md"
        writeup.write_text(
            f"# Propcon {index}\n\n## Jane {text.title()}, {text.title()} Ltd - {text} ★\n\n"
            f"All about {text}.\n",
            encoding="utf-8",
        )
        call_command("import_writeup", str(writeup), "--date", "2015", verbosity=0)
    elif path == "fixture: load":
        fixture = env["tmp_path"] / f"fixture-{index}.json"
        fixture.write_text(
            json.dumps(
                [
                    {
                        "model": "talks.talk",
                        "pk": 900_000 + index,
                        "fields": {
                            "conference": env["conference"].pk,
                            "title": f"Loaded {text}",
                            "slug": f"loaded-{index}",
                            "summary": f"A {text} summary.",
                            "created": "2015-09-17T09:00:00Z",
                            "updated": "2015-09-17T09:00:00Z",
                        },
                    }
                ]
            ),
            encoding="utf-8",
        )
        call_command("loaddata", str(fixture), verbosity=0)


PATHS = (
    "service: star",
    "service: public note",
    "service: private note",
    "service: note visibility flip",
    "service: delete note",
    "service: retitle talk",
    "service: tag talk",
    "service: untag talk",
    "service: rename speaker",
    "service: rename company",
    "service: move speaker",
    "service: new talk",
    "service: delete talk",
    "admin: edit talk",
    "admin: recommend",
    "admin: hide notes",
    "admin: delete notes",
    "admin: rename speaker",
    "admin: delete speaker",
    "admin: delete company",
    "admin: rename tag",
    "admin: delete tag",
    "import: write-up",
    "fixture: load",
)
steps = st.lists(st.tuples(st.sampled_from(PATHS), st.integers(0, 5), word), min_size=1, max_size=6)


# --- What visitors see, against a recount ---------------------------------------------------


def found(text):
    return set(
        search.search(Talk.objects.all(), search.parse_query(text)).values_list("pk", flat=True)
    )


def recounted_facets():
    """(talk count, tag, speaker and company counts) counted from the rows."""
    talk_type = ContentType.objects.get_for_model(Talk)
    tags = Counter(
        TaggedItem.objects.filter(content_type=talk_type).values_list("tag__slug", flat=True)
    )
    speakers = Counter(TalkSpeaker.objects.values_list("speaker__slug", flat=True))
    companies = Counter(
        slug
        for _, slug in set(
            TalkSpeaker.objects.exclude(speaker__company=None).values_list(
                "talk_id", "speaker__company__slug"
            )
        )
    )
    return Talk.objects.count(), dict(tags), dict(speakers), dict(companies)


def shown_facets():
    facets = facets_of(Talk.objects.all())
    return (
        facets.count,
        {facet.slug: facet.count for facet in facets.tags},
        {facet.slug: facet.count for facet in facets.speakers},
        {facet.slug: facet.count for facet in facets.companies},
    )


def assert_visitors_see_the_tables(client):
    live = {text: found(text) for text in WORDS}
    api = {text: client.get("/api/talks", {"q": text}).json()["count"] for text in WORDS}
    assert shown_facets() == recounted_facets()
    assert count_of(Talk.objects.all()) == Talk.objects.count()
    for tag in Tag.objects.all():
        tagged = Talk.objects.tagged(tag.slug)
        assert facets_of(tagged).count == tagged.count()
    search.index_talks()  # rebuilt from the tables
    rebuilt = {text: found(text) for text in WORDS}
    assert live == rebuilt
    assert api == {text: len(ids) for text, ids in rebuilt.items()}
    for note in Note.objects.filter(visibility="private"):
        if note.body in WORDS and not Note.objects.public().filter(body__contains=note.body):
            assert note.talk_id not in rebuilt[note.body] or _elsewhere(note)


def _elsewhere(note):
    """Whether the note's word also stands in its talk's own text (so finding it is right)."""
    talk = Talk.objects.get(pk=note.talk_id)
    text = " ".join(
        [
            talk.title,
            talk.summary,
            *talk.tags.values_list("name", flat=True),
            *talk.speakers.values_list("name", flat=True),
            *talk.speakers.exclude(company=None).values_list("company__name", flat=True),
        ]
    )
    return note.body in text.lower()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps)
# The leak of issue 11: a public note hidden by the admin's bulk action kept finding its talk.
@example(steps=[("service: public note", 0, "kiwi"), ("admin: hide notes", 0, "kiwi")])
@example(steps=[("service: rename company", 1, "mango"), ("admin: delete company", 1, "kiwi")])
@example(steps=[("service: tag talk", 2, "papaya"), ("admin: rename tag", 0, "quince")])
@example(steps=[("import: write-up", 0, "lychee"), ("fixture: load", 1, "kiwi")])
def test_every_write_path_keeps_search_counts_and_facets_exact(
    catalogue, client, admin_client, tmp_path, steps
):
    env = {
        "conference": catalogue,
        "reader": UserFactory(username="reader"),
        "admin_client": admin_client,
        "tmp_path": tmp_path,
    }
    savepoint = transaction.savepoint()
    try:
        for step in steps:
            write(step, env)
            assert_visitors_see_the_tables(client)
    finally:
        transaction.savepoint_rollback(savepoint)
        # The rollback takes back the rows, not the cache: start the next example clean.
        cache.clear()


# --- Batches of writes --------------------------------------------------------------------


def slugs_found(text):
    return {Talk.objects.get(pk=pk).slug for pk in found(text)}


def test_a_batch_indexes_its_talks_once_at_its_end(db, client):
    from talks import changes

    with changes.batched():
        TalkFactory(
            slug="batched",
            title="Plain title",
            speakers=[SpeakerFactory(name="Zebediah Quux")],
            tags=["wombats"],
        )
        # Not yet: the batch indexes its talks when it ends.
        assert slugs_found("wombats") == set()

    assert slugs_found("wombats") == {"batched"}
    assert slugs_found("zebediah") == {"batched"}
    assert_visitors_see_the_tables(client)  # search, counts and facets equal a recount


def test_a_failed_batch_writes_nothing(db):
    from talks import changes

    with pytest.raises(RuntimeError), changes.batched():
        TalkFactory(slug="never", title="Wombats")
        raise RuntimeError("import failed")

    assert not Talk.objects.filter(slug="never").exists()
    assert slugs_found("wombats") == set()
