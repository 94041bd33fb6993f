"""talks.search, the small interface (talks/search/__init__.py) on whichever engine runs:
relevance on the sample conference, snippets, and each talk's search document kept current."""

import pytest
from django.db import connection

from speakers.models import Company
from talks import search, services
from talks.models import Talk
from talks.search import parse_query, snippet_html
from tests.factories import SAMPLE_TALKS, CompanyFactory, SpeakerFactory, TalkFactory


def forget_index(talks):
    """Lose these talks' search documents behind the app's back (as a write outside it would)."""
    if connection.vendor == "postgresql":
        talks.update(search_vector=None)
        return
    with connection.cursor() as cursor:
        for pk in talks.values_list("pk", flat=True):
            cursor.execute("DELETE FROM talks_talk_fts WHERE rowid = %s", [pk])


def found(text):
    """Slugs of the talks a query finds, best first."""
    terms = parse_query(text)
    return list(
        search.search(Talk.objects.all(), terms)
        .order_by("-rank", "position")
        .values_list("slug", flat=True)
    )


# --- Relevance on the sample conference ---------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("consensus", "distributed-systems-with-almost-no-consensus"),
        ("tuf", "docker-content-trust"),
        ("notary", "docker-content-trust"),
        ('"bare metal"', "towards-a-containerized-future"),
    ],
)
def test_search_finds_the_expected_talk_first(sample_conference, query, slug):
    assert found(query)[0] == slug


def test_search_for_security_puts_the_talks_tagged_security_first(sample_conference):
    tagged = set(Talk.objects.filter(tags__slug="security").values_list("slug", flat=True))

    assert len(tagged) == 2
    assert set(found("security")[:2]) == tagged


def test_search_drops_stop_words_but_keeps_them_inside_phrases(sample_conference):
    assert (
        found("the consensus")
        == found("consensus")
        == ["distributed-systems-with-almost-no-consensus"]
    )
    assert found('"distributed systems with almost no consensus"') == [
        "distributed-systems-with-almost-no-consensus"
    ]
    assert found('"lessons learnt from running"') == [
        "lessons-learnt-from-running-potentially-malicious-code"
    ]
    assert found("the -notary") == found("-notary")


def test_search_for_a_plain_word_finds_every_talk_containing_it(sample_conference):
    assert found("notary") == ["docker-content-trust"]
    assert found("consensus") == ["distributed-systems-with-almost-no-consensus"]


def test_search_matches_speaker_names_and_companies(sample_conference):
    assert found("Boreham") == ["distributed-systems-with-almost-no-consensus"]
    assert found("ocelot") == ["lessons-learnt-from-running-potentially-malicious-code"]


def test_search_matches_tags(sample_conference):
    assert set(found("p2p")) == {"containers-at-hyperspeed"}


def test_search_excludes_minus_terms(sample_conference):
    with_docker = set(found("security"))
    without_docker = set(found("security -docker"))

    assert "docker-content-trust" in with_docker
    assert "docker-content-trust" not in without_docker
    assert without_docker < with_docker
    assert without_docker == {
        "kubernetes",
        "lessons-learnt-from-running-potentially-malicious-code",
        "container-visibility",
    }


def test_search_or_finds_either(sample_conference):
    assert set(found("notary or consensus")) == {
        "docker-content-trust",
        "distributed-systems-with-almost-no-consensus",
    }


def test_search_phrase_needs_the_words_together(sample_conference):
    assert found('"metal bare"') == []


@pytest.mark.parametrize(
    ("query", "has_words"),
    [
        ('"', False),
        ("'", False),
        ("-", False),
        ("or", False),
        ("\x00", False),
        ("!@#$%^&*()", False),
        ("'; DROP TABLE talks_talk; --", True),
        ("a" * 10_000, True),
        ("é", True),
    ],
)
def test_search_with_odd_input_does_not_fail(sample_conference, query, has_words):
    found_slugs = sorted(
        search.search(Talk.objects.all(), parse_query(query)).values_list("slug", flat=True)
    )

    # Without a word nothing narrows the list; with words that no talk has, nothing is found.
    assert found_slugs == ([] if has_words else sorted(Talk.objects.values_list("slug", flat=True)))
    assert Talk.objects.count() == len(SAMPLE_TALKS)


def test_search_with_only_stop_words_finds_nothing(sample_conference):
    assert found("the and of") == []


def test_search_ranks_title_hits_above_summary_hits(db):
    in_summary = TalkFactory(title="Something else", summary="A word about raft here.")
    in_title = TalkFactory(title="Raft explained", summary="Nothing to see.")

    assert found("raft") == [in_title.slug, in_summary.slug]


def test_search_stems_words(sample_conference):
    assert "docker-content-trust" in found("verify")


def test_snippet_highlights_the_matching_words(sample_conference):
    terms = parse_query("consensus")
    talk = search.with_snippets(search.search(Talk.objects.all(), terms), terms).get()

    snippet = snippet_html(talk, terms)

    assert "<mark>consensus</mark>" in snippet
    assert "**" not in snippet


def test_snippet_escapes_html_from_the_summary(db):
    TalkFactory(summary="Beware <script>alert(1)</script> of consensus.")
    terms = parse_query("consensus")
    talk = search.with_snippets(search.search(Talk.objects.all(), terms), terms).get()

    snippet = snippet_html(talk, terms)

    assert "<script>" not in snippet
    assert "<mark>consensus</mark>" in snippet


# --- Keeping the search index current ------------------------------------------------------


def test_vector_follows_a_talk_edit(db):
    talk = TalkFactory(title="Old title")

    talk.title = "Quokkas in production"
    services.save(talk)

    assert found("quokkas") == [talk.slug]


def test_vector_follows_added_and_removed_tags(db):
    talk = TalkFactory()

    talk.tags.add("wombats")
    services.saved(talk)
    assert found("wombats") == [talk.slug]

    talk.tags.remove("wombats")
    services.saved(talk)
    assert found("wombats") == []


def test_vector_follows_speaker_and_company_renames(db):
    company = CompanyFactory(name="Acme")
    speaker = SpeakerFactory(name="Ada Lovelace", company=company)
    talk = TalkFactory(speakers=[speaker])
    assert found("lovelace") == [talk.slug]

    speaker.name = "Grace Hopper"
    services.save(speaker)
    company.name = "Initech"
    services.save(company)

    assert found("lovelace") == []
    assert found("hopper") == [talk.slug]
    assert found("initech") == [talk.slug]


def test_vector_follows_a_deleted_company(db):
    company = CompanyFactory(name="Globex")
    talk = TalkFactory(speakers=[SpeakerFactory(company=company)])
    assert found("globex") == [talk.slug]

    services.delete(Company.objects.get(pk=company.pk))

    assert found("globex") == []


def test_vector_follows_a_renamed_tag(db):
    talk = TalkFactory(tags=["alpha"])
    tag = talk.tags.get()

    tag.name = "omega"
    services.save(tag)

    assert found("omega") == [talk.slug]


def test_vector_follows_removed_credits(db):
    speaker = SpeakerFactory(name="Linus Example")
    talk = TalkFactory(speakers=[speaker])

    services.delete(talk.credits.get())

    assert found("linus") == []


def test_update_search_vectors_command_fills_missing_vectors(db):
    from django.core.management import call_command

    talk = TalkFactory(title="Capybaras at scale")
    forget_index(Talk.objects.all())
    assert found("capybaras") == []

    call_command("update_search_vectors", stdout=None)

    assert found("capybaras") == [talk.slug]


def test_search_with_only_an_exclusion_finds_the_other_talks(sample_conference):
    assert "docker-content-trust" not in found("-notary")
    assert len(found("-notary")) == 7


def test_snippet_ignores_marker_characters_in_a_summary(db):
    TalkFactory(summary="A \ue000sneaky\ue001 summary about consensus.")
    terms = parse_query("consensus")
    talk = search.with_snippets(search.search(Talk.objects.all(), terms), terms).get()

    assert snippet_html(talk, terms).count("<mark>") == 1


@pytest.mark.postgres("the GIN index of stored vectors is PostgreSQL's")
def test_search_vector_has_a_gin_index(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'talks_talk' "
            "AND indexname = 'talks_talk_search_vector_gin'"
        )
        assert cursor.fetchone() == (
            "CREATE INDEX talks_talk_search_vector_gin ON public.talks_talk "
            "USING gin (search_vector)",
        )


def test_search_uses_the_stored_vector(sample_conference):
    forget_index(Talk.objects.filter(slug="docker-content-trust"))

    assert found("notary") == []
