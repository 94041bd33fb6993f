"""PostgreSQL's two ways of ranking: the RUM index where the extension exists (migration
0014_rum_index), `ts_rank` over the GIN index where it does not. Both must rank well."""

import importlib

import pytest
from django.db import connection, transaction

from talks.models import Talk
from talks.search import facets, parse_query, postgres
from talks.search.filters import WRITEUP_ORDER
from tests.factories import TalkFactory

pytestmark = pytest.mark.postgres("RUM and ts_rank are PostgreSQL's")

migration = importlib.import_module("talks.migrations.0014_rum_index")


def rum_available():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        return cursor.fetchone() is not None


def rum_index_exists():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [postgres.RUM_INDEX])
        return cursor.fetchone() is not None


@pytest.fixture(autouse=True)
def fresh_detection():
    """`uses_rum()` checks once per database: forget around each test."""
    postgres._rum_indexes.clear()
    yield
    postgres._rum_indexes.clear()


@pytest.fixture(params=["rum", "ts_rank"])
def ranking(request, db, monkeypatch):
    """Each test twice: with the RUM index (skipped where the server lacks RUM), without."""
    if request.param == "rum":
        if not postgres.uses_rum():
            pytest.skip("no RUM index: the extension is not installed, or may not be created")
    else:
        monkeypatch.setattr(postgres, "uses_rum", lambda: False)
    return request.param


def found(text):
    terms = parse_query(text)
    searched = postgres.search(Talk.objects.all(), terms)
    return list(searched.order_by("-rank", *WRITEUP_ORDER).values_list("slug", flat=True))


def best(text, limit=10):
    terms = parse_query(text)
    searched = postgres.search(Talk.objects.all(), terms)
    ids = facets.best_ids(searched, terms, ties=WRITEUP_ORDER, limit=limit, cached=False)
    slugs = dict(Talk.objects.filter(pk__in=ids).values_list("pk", "slug"))
    return [slugs[pk] for pk in ids[:limit]]


def plan(text):
    terms = parse_query(text)
    searched = postgres.search(Talk.objects.all(), terms)
    ordered = postgres.best_first(searched, terms, WRITEUP_ORDER).values("pk")[:5]
    return ordered.explain()


def test_the_migration_creates_the_rum_index_where_the_extension_exists(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'rum'")
        created = cursor.fetchone() is not None
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        (superuser,) = cursor.fetchone()

    if rum_available() and superuser:
        assert created
    assert rum_index_exists() == created
    assert postgres.uses_rum() == created


def test_title_hits_rank_above_tag_hits_above_summary_hits(ranking):
    in_summary = TalkFactory(title="Something", summary="A word about raft here.")
    tagged = TalkFactory(title="Other", tags=["raft"])
    in_title = TalkFactory(title="Raft explained", summary="Nothing to see.")

    assert found("raft") == [in_title.slug, tagged.slug, in_summary.slug]
    assert best("raft", limit=2) == [in_title.slug, tagged.slug]


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("consensus", "distributed-systems-with-almost-no-consensus"),
        ("notary", "docker-content-trust"),
        ('"bare metal"', "towards-a-containerized-future"),
    ],
)
def test_relevance_cases_pass_either_way(ranking, sample_conference, query, slug):
    assert found(query)[0] == slug
    assert best(query, limit=1) == [slug]


def test_best_matches_come_from_the_rum_index_in_order(ranking, sample_conference):
    explained = plan("docker")

    if ranking == "rum":
        assert postgres.RUM_INDEX in explained
        assert "Order By: (search_vector <=> " in explained
    else:
        # Either index may find the matches; ts_rank ranks them all.
        assert "ts_rank" in explained
        assert "Order By" not in explained


def test_a_search_page_works_either_way(ranking, client, sample_conference):
    response = client.get("/talks/", {"q": "docker"})

    assert response.status_code == 200
    assert response.context["paginator"].count == len(found("docker")) >= 3
    assert not response.context["more_matches"]


def test_without_the_extension_the_migration_leaves_the_search_as_it_was(db, monkeypatch):
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {postgres.RUM_INDEX}")
    monkeypatch.setattr(migration, "_exists", lambda cursor, sql, params=(): False)

    with connection.schema_editor() as editor:
        migration.create_index(None, editor)

    assert not rum_index_exists()
    assert not postgres.uses_rum()
    TalkFactory(title="Raft explained")
    assert found("raft") != []


def test_a_role_that_may_not_create_the_extension_migrates_without_it(db):
    """CREATE EXTENSION needs a superuser: without one, no index and no error."""
    if not postgres.uses_rum():
        pytest.skip("no RUM index: the extension is not installed, or may not be created")
    with connection.cursor() as cursor:
        cursor.execute("DROP EXTENSION IF EXISTS rum CASCADE")  # and its index
        cursor.execute("CREATE ROLE confnotes_test_not_superuser")
        cursor.execute("SET ROLE confnotes_test_not_superuser")
    try:
        with connection.schema_editor() as editor:
            migration.create_index(None, editor)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")

    assert not rum_index_exists()
    postgres._rum_indexes.clear()  # checked above, before the extension went
    assert not postgres.uses_rum()
    # The transaction is still usable; the test's rollback restores the extension and index.
    TalkFactory(title="Raft explained")
    assert found("raft") != []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("in_transaction", [False, True])
def test_reindexing_every_talk_rebuilds_the_rum_index(transactional_db, in_transaction):
    """Outside a transaction the RUM index is rebuilt (faster than row by row); inside
    one it is kept up to date row by row. Either way the search finds the talks."""
    if not postgres.uses_rum():
        pytest.skip("no RUM index: the extension is not installed, or may not be created")
    talk = TalkFactory(title="Raft explained")
    Talk.objects.update(search_vector=None)

    if in_transaction:
        with transaction.atomic():
            TalkFactory(title="Other")  # a deferred foreign-key check pending
            assert postgres.index_talks() == 2
    else:
        assert postgres.index_talks() == 1

    assert rum_index_exists()
    assert postgres.uses_rum()
    assert found("raft") == [talk.slug]
    assert best("raft") == [talk.slug]
