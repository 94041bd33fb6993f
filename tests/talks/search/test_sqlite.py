"""SQLite's search engine (talks/search/sqlite.py): its FTS5 table, and its query syntax
typed into the search box read as plain words."""

import pytest
from django.db import connection
from django.urls import reverse

from talks import search, services
from talks.models import Talk
from talks.search import parse_query, sqlite
from talks.search.document import DOCUMENT
from talks.search.query import SearchTerms
from tests.factories import TalkFactory

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 table")


def slugs_of(talks):
    return list(talks.order_by("-rank", "position").values_list("slug", flat=True))


def index_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM talks_talk_fts ORDER BY rowid")
        return [pk for (pk,) in cursor.fetchall()]


# --- Queries reach the engine as words --------------------------------------------------------


def test_match_expression_quotes_every_term():
    terms = SearchTerms(groups=(("near",), ("bare metal", 'a"b')), excluded=("title", "x y"))

    assert sqlite.match_expression(terms) == (
        '(("near") AND ("bare metal" OR "a""b")) NOT ("title" OR "x y")'
    )


# FTS5's own syntax typed into the box (operators, prefixes, groups, column filters), and
# the words it must mean instead.
FTS5_SYNTAX = {
    "docker* notary": "docker notary",
    "^notary": "notary",
    "notary AND": "notary and",
    "AND notary": "and notary",
    "NOT notary": "not notary",
    "notary + trust": "notary trust",
    "(notary": "notary",
    "notary)": "notary",
    'notary "': "notary",
    '"notary': "notary",
    "- notary": "notary",
    "notary OR": "notary",
    "NEAR(docker notary)": "near docker notary",
    "docker NEAR notary": "docker near notary",
    "{title summary}: notary": "title summary notary",
}


@pytest.mark.parametrize(("query", "words"), FTS5_SYNTAX.items())
def test_search_reads_engine_syntax_as_words(sample_conference, query, words):
    talks = slugs_of(search.search(Talk.objects.all(), parse_query(query)))

    assert talks == slugs_of(search.search(Talk.objects.all(), parse_query(words)))
    assert talks == ([] if "near" in words or "title" in words else ["docker-content-trust"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("title:notary", []),  # the words "title notary", together
        ("talks_talk_fts:notary", []),
        ("rank:bm25", []),
        ("notary\x00", ["docker-content-trust"]),
        ("x" * 300, []),
    ],
)
def test_search_with_column_names_and_junk_does_not_fail(sample_conference, query, expected):
    assert slugs_of(search.search(Talk.objects.all(), parse_query(query))) == expected


@pytest.mark.parametrize("query", [*FTS5_SYNTAX, "title:notary", '"', "*", "NEAR", "-the"])
def test_list_and_api_answer_engine_syntax_with_a_normal_page(client, sample_conference, query):
    assert client.get(reverse("talks:list"), {"q": query, "sort": "relevance"}).status_code == 200
    assert client.get("/api/talks", {"q": query}).status_code == 200


# --- SQLite's index ---------------------------------------------------------------------------


@sqlite_only
def test_sqlite_searches_with_fts5(db):
    assert search.backend() is sqlite


@sqlite_only
def test_sqlite_index_has_a_column_per_document_field(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pragma_table_info('talks_talk_fts')")
        columns = [name for (name,) in cursor.fetchall()]
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'talks_talk_fts'")
        (definition,) = cursor.fetchone()

    assert columns == [part.name for part in DOCUMENT]
    assert "porter unicode61 remove_diacritics 2" in definition


@sqlite_only
def test_sqlite_index_drops_the_rows_of_talks_gone(db):
    kept, deleted, deleted_past_services = TalkFactory.create_batch(3)

    services.delete(deleted)
    Talk.objects.filter(pk=deleted_past_services.pk).delete()  # the table's trigger

    assert index_rows() == [kept.pk]


@sqlite_only
def test_sqlite_index_talks_removes_rows_of_ids_without_a_talk(db):
    talk = TalkFactory(title="Wombats")
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO talks_talk_fts (rowid, title) VALUES (%s, 'stale')", [999_999])

    assert search.index_talks([talk.pk, 999_999, None]) == 1
    assert index_rows() == [talk.pk]


@sqlite_only
def test_sqlite_index_holds_the_summary_without_markdown(db):
    talk = TalkFactory(summary="**Bold** [link](https://example.com/zebra) `code`")

    with connection.cursor() as cursor:
        cursor.execute("SELECT summary FROM talks_talk_fts WHERE rowid = %s", [talk.pk])
        (summary,) = cursor.fetchone()

    assert summary.split() == ["Bold", "link", "code"]


@sqlite_only
def test_sqlite_search_ignores_accents(sample_conference):
    talks = search.search(Talk.objects.all(), parse_query("monica"))

    assert slugs_of(talks) == ["docker-content-trust"]
