"""What PostgreSQL's triggers keep (FacetCount, TalkCompany, TalkFacets) against the tables."""

import json
import threading
import time
from io import StringIO

import pgtrigger
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, connections, transaction
from taggit.models import Tag, TaggedItem

from speakers.models import Company, Speaker
from talks.models import Conference, FacetCount, Talk, TalkCompany, TalkFacets, TalkSpeaker
from talks.models.summary import FACET_COUNTS, TALK_FACETS
from talks.search import facets
from tests.factories import SAMPLE_TALKS, CompanyFactory, SpeakerFactory, TalkFactory

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the summary's triggers are PostgreSQL's"
)
EVERYTHING = 1000


def from_summary():
    return facets.facets_of(Talk.objects.all(), limit=EVERYTHING, cached=False)


def aggregated(monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(facets, "uses_facet_counts", lambda: False)
        patch.setattr(facets, "uses_talk_facets", lambda: False)
        return facets.facets_of(Talk.objects.all(), limit=EVERYTHING, cached=False)


def run_at_once(*functions):
    """Run each function in a thread of its own (so a connection of its own); what they raised."""
    errors = []

    def run(function):
        try:
            function()
        except Exception as error:  # returned to the test, which asserts there is none
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(function,)) for function in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def talk_facets_from_tables():
    """Each talk's sorted (tag ids, speaker ids, company ids), for talks with any."""
    rows = {}
    for talk in Talk.objects.prefetch_related("tags", "credits__speaker"):
        credits = talk.credits.all()
        ids = (
            sorted(tag.pk for tag in talk.tags.all()),
            sorted(credit.speaker_id for credit in credits),
            sorted({credit.speaker.company_id for credit in credits} - {None}),
        )
        if any(ids):
            rows[talk.pk] = ids
    return rows


def talk_facets_kept():
    return {
        row.talk_id: (row.tag_ids, row.speaker_ids, row.company_ids)
        for row in TalkFacets.objects.all()
    }


def assert_summary_exact(monkeypatch):
    expected = aggregated(monkeypatch)
    assert from_summary() == expected
    assert facets.count_of(Talk.objects.all(), cached=False) == expected.count
    assert expected.count == Talk.objects.count()
    assert not FacetCount.objects.filter(talks__lt=0).exists()
    assert not TalkCompany.objects.filter(credits__lte=0).exists()
    assert talk_facets_kept() == talk_facets_from_tables()
    # A filtered list counts from TalkFacets; the same counts as joining the tables.
    filtered = Talk.objects.filter(pk__gte=0)
    with monkeypatch.context() as patch:
        patch.setattr(facets, "uses_facet_counts", lambda: False)
        patch.setattr(facets, "uses_talk_facets", lambda: False)
        joined = facets.facets_of(filtered, limit=EVERYTHING, cached=False)
    assert facets.facets_of(filtered, limit=EVERYTHING, cached=False) == joined
    assert joined.count == expected.count and joined.tags == expected.tags


@postgres_only
def test_summary_follows_every_kind_of_write(db, monkeypatch):
    acme = CompanyFactory(slug="acme", name="Acme")
    initech = CompanyFactory(slug="initech", name="Initech")
    ada = SpeakerFactory(slug="ada", name="Ada", company=acme)
    bob = SpeakerFactory(slug="bob", name="Bob", company=acme)
    cy = SpeakerFactory(slug="cy", name="Cy", company=None)
    first = TalkFactory(tags=["go", "dns"], speakers=[ada, bob])
    second = TalkFactory(tags=["go"], speakers=[ada, cy])
    third = TalkFactory(tags=["rust"], speakers=[bob])
    assert_summary_exact(monkeypatch)
    assert from_summary().companies == [facets.Facet("acme", "Acme", 3)]

    first.tags.add("rust")
    second.tags.remove("go")
    assert_summary_exact(monkeypatch)

    Tag.objects.get(slug="dns").delete()
    assert_summary_exact(monkeypatch)

    bob.company = initech  # first still has Ada from Acme; third moves to Initech
    bob.save()
    assert_summary_exact(monkeypatch)
    assert {facet.slug: facet.count for facet in from_summary().companies} == {
        "acme": 2,
        "initech": 2,
    }

    Speaker.objects.filter(pk=cy.pk).update(company=initech)  # no signals
    assert_summary_exact(monkeypatch)

    initech.delete()  # its speakers lose the company (SET_NULL)
    assert_summary_exact(monkeypatch)

    TalkSpeaker.objects.filter(talk=second, speaker=ada).update(speaker=bob)
    TalkSpeaker.objects.filter(talk=first, speaker=ada).delete()
    assert_summary_exact(monkeypatch)

    content_type = ContentType.objects.get_for_model(Talk)
    TaggedItem.objects.bulk_create(
        TaggedItem(content_type=content_type, object_id=talk.pk, tag=Tag.objects.get(slug="go"))
        for talk in (second, third)
    )
    zig = Tag.objects.create(name="zig", slug="zig")
    TaggedItem.objects.filter(object_id=third.pk, tag__slug="go").update(tag=zig)
    assert_summary_exact(monkeypatch)

    bob.delete()  # with their credits
    second.delete()
    assert_summary_exact(monkeypatch)

    Talk.objects.all().delete()
    assert_summary_exact(monkeypatch)
    assert from_summary() == facets.Facets()


@postgres_only
def test_summary_ignores_taggings_of_other_models(db, monkeypatch):
    TalkFactory(tags=["go"])
    company = CompanyFactory()
    TaggedItem.objects.create(
        content_type=ContentType.objects.get_for_model(Company),
        object_id=company.pk,
        tag=Tag.objects.get(slug="go"),
    )

    assert from_summary().tags == [facets.Facet("go", "go", 1)]
    assert_summary_exact(monkeypatch)


@postgres_only
def test_summary_of_the_sample_equals_a_recount(sample_conference, monkeypatch):
    assert_summary_exact(monkeypatch)
    kept = set(FacetCount.objects.values_list("kind", "item_id", "talks"))

    with connection.cursor() as cursor:
        cursor.execute("SELECT talks_recount_facets()")
        cursor.execute("SELECT talks_refresh_talk_facets(NULL)")

    assert set(FacetCount.objects.values_list("kind", "item_id", "talks")) == kept
    assert talk_facets_kept() == talk_facets_from_tables() != {}


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_talk_facets_stay_exact_when_two_transactions_tag_one_talk_at_once():
    talk = TalkFactory(tags=["go"])
    rust, zig = (
        Tag.objects.create(name="rust", slug="rust"),
        Tag.objects.create(name="zig", slug="zig"),
    )
    first_wrote = threading.Event()

    def tag_first():
        with transaction.atomic():
            talk.tags.add(rust)
            first_wrote.set()
            time.sleep(0.5)  # the other transaction writes before this one commits

    def tag_second():
        first_wrote.wait(timeout=10)
        talk.tags.add(zig)

    assert run_at_once(tag_first, tag_second) == []
    expected = sorted(
        Tag.objects.filter(slug__in=["go", "rust", "zig"]).values_list("pk", flat=True)
    )
    assert TalkFacets.objects.get(talk_id=talk.pk).tag_ids == expected
    assert talk_facets_kept() == talk_facets_from_tables()


@postgres_only
def test_facets_of_all_talks_read_the_summary(db, django_assert_num_queries):
    TalkFactory(tags=["go"], speakers=[SpeakerFactory()])

    with django_assert_num_queries(1) as context:
        facets.facets_of(Talk.objects.all(), cached=False)

    sql = context.captured_queries[0]["sql"]
    assert FacetCount._meta.db_table in sql
    assert TaggedItem._meta.db_table not in sql


def test_summary_stays_empty_off_postgres(db):
    TalkFactory(tags=["go"], speakers=[SpeakerFactory()])

    assert FacetCount.objects.exists() == (connection.vendor == "postgresql")


def test_count_of_all_talks_is_one_summary_row_or_cached(db, django_assert_num_queries):
    """PostgreSQL reads the count of all talks from its summary row (cheaper than a cache
    entry); other databases count once, then from the cache like every other count."""
    TalkFactory()
    assert facets.count_of(Talk.objects.all()) == 1

    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 0):
        assert facets.count_of(Talk.objects.all()) == 1


@postgres_only
def test_loading_rows_before_what_they_point_to_leaves_the_summaries_exact(
    sample_conference, monkeypatch, tmp_path
):
    # Foreign keys are checked at commit: a fixture may hold taggings and credits before
    # their talks, and credits before their speakers (dumpdata writes apps in the order
    # it is given).
    dumped = StringIO()
    call_command(
        "dumpdata",
        "taggit",
        "talks.conference",
        "talks.talk",
        "talks.talkspeaker",
        "talks.link",
        "speakers",
        stdout=dumped,
    )
    first = ["taggit.taggeditem", "talks.talkspeaker", "talks.talk"]
    records = sorted(
        json.loads(dumped.getvalue()),
        key=lambda record: first.index(record["model"]) if record["model"] in first else 3,
    )
    fixture = tmp_path / "out-of-order.json"
    fixture.write_text(json.dumps(records))
    Tag.objects.all().delete()
    Conference.objects.all().delete()
    Speaker.objects.all().delete()
    Company.objects.all().delete()
    assert not TalkFacets.objects.exists() and not TalkCompany.objects.exists()

    call_command("loaddata", str(fixture), verbosity=0)

    assert_summary_exact(monkeypatch)
    assert all(row[2] for row in talk_facets_kept().values())  # every talk has a company
    # Each of the sample's talks by a speaker of a company of their own.
    assert len(from_summary().companies) == len(SAMPLE_TALKS)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_talk_facets_stay_exact_when_a_speaker_moves_while_being_credited():
    # Without a company first: FacetCount's company rows would otherwise make the
    # second writer wait anyway, hiding the race.
    initech = CompanyFactory()
    ada = SpeakerFactory(company=None)
    TalkFactory(speakers=[ada])
    talk = TalkFactory()
    moved = threading.Event()

    def move_speaker():
        with transaction.atomic():
            Speaker.objects.filter(pk=ada.pk).update(company=initech)
            moved.set()
            time.sleep(0.5)  # the credit below is written before this commits

    def credit_speaker():
        moved.wait(timeout=10)
        TalkSpeaker.objects.create(talk=talk, speaker=ada, position=0)

    assert run_at_once(move_speaker, credit_speaker) == []
    assert TalkFacets.objects.get(talk_id=talk.pk).company_ids == [initech.pk]
    assert talk_facets_kept() == talk_facets_from_tables()


# The tables the summaries' triggers watch.
WATCHED_TABLES = ("talks_talk", "taggit_taggeditem", "talks_talkspeaker", "speakers_speaker")


def triggers_in_database():
    """(table, trigger) of every trigger on the watched tables but the foreign keys' own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger "
            "WHERE NOT tgisinternal AND tgrelid::regclass::text = ANY(%s)",
            [list(WATCHED_TABLES)],
        )
        return set(cursor.fetchall())


@postgres_only
def test_the_installed_triggers_are_the_declared_ones(db):
    declared = {
        (model._meta.db_table, trigger.get_pgid(model)): trigger
        for model, trigger in pgtrigger.registered()
    }
    # Both sets on each watched table: the declarations, the models and the
    # migrations agree, and nothing of migrations 0006/0007 is left over.
    sets = [*FACET_COUNTS.values(), *TALK_FACETS.values()]
    assert len(declared) == sum(len(triggers) for triggers in sets) == 20
    assert {table for table, _ in declared} == set(WATCHED_TABLES)
    assert triggers_in_database() == set(declared)
    for model, trigger in pgtrigger.registered():  # what `manage.py pgtrigger ls` shows
        assert trigger.get_installation_status(model) == (pgtrigger.core.INSTALLED, True)


def test_no_trigger_off_postgres(db):
    # pgtrigger is PostgreSQL's: elsewhere its migrations create nothing.
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            assert {name for (name,) in cursor.fetchall()} <= {"talks_talk_fts_delete"}
    assert all(
        trigger.get_installation_status(model)[0]
        == (
            pgtrigger.core.INSTALLED
            if connection.vendor == "postgresql"
            else pgtrigger.core.UNALLOWED
        )
        for model, trigger in pgtrigger.registered()
    )


@postgres_only
def test_raw_sql_writes_keep_the_summaries_exact(db, monkeypatch):
    acme, initech = CompanyFactory(), CompanyFactory()
    ada = SpeakerFactory(company=acme)
    bob = SpeakerFactory(company=None)
    first = TalkFactory(tags=["go"], speakers=[ada])
    second = TalkFactory(tags=["dns"], speakers=[bob])
    content_type = ContentType.objects.get_for_model(Talk).pk
    go = Tag.objects.get(slug="go")

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO taggit_taggeditem (content_type_id, object_id, tag_id) "
            "VALUES (%s, %s, %s)",
            [content_type, second.pk, go.pk],
        )
        cursor.execute(
            "INSERT INTO talks_talkspeaker (talk_id, speaker_id, position) VALUES (%s, %s, 1)",
            [second.pk, ada.pk],
        )
        cursor.execute(
            "UPDATE speakers_speaker SET company_id = %s WHERE id = %s", [initech.pk, bob.pk]
        )
    assert_summary_exact(monkeypatch)
    assert {facet.slug: facet.count for facet in from_summary().companies} == {
        acme.slug: 2,
        initech.slug: 1,
    }

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM talks_talkspeaker WHERE talk_id = %s", [first.pk])
        cursor.execute(
            "UPDATE taggit_taggeditem SET tag_id = %s WHERE object_id = %s", [go.pk, first.pk]
        )
        cursor.execute("DELETE FROM taggit_taggeditem WHERE object_id = %s", [second.pk])
    assert_summary_exact(monkeypatch)
    assert {facet.slug: facet.count for facet in from_summary().companies} == {
        acme.slug: 1,
        initech.slug: 1,
    }


@postgres_only
def test_a_credit_write_deletes_the_empty_pairs_of_its_own_talks_only(db):
    # talks_pairs_bump deletes the (talk, company) pairs a write left with no credits: of
    # the talks written, not a scan of the whole table on every write.
    acme = CompanyFactory()
    ada = SpeakerFactory(company=acme)
    first, other = TalkFactory(speakers=[ada]), TalkFactory()
    TalkCompany.objects.create(talk_id=other.pk, company_id=acme.pk, credits=0)  # planted

    TalkSpeaker.objects.filter(talk=first).delete()

    assert not TalkCompany.objects.filter(talk_id=first.pk).exists()
    assert FacetCount.objects.get(kind="company", item_id=acme.pk).talks == 0
    assert TalkCompany.objects.filter(talk_id=other.pk, credits=0).exists()
