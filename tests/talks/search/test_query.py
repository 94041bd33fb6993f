"""Reading what a visitor types into search terms (talks/search/query.py): no database."""

from talks.search import SearchTerms, parse_query
from talks.search.query import as_websearch


def test_parse_query_reads_words_phrases_exclusions_and_or():
    terms = parse_query('docker "bare metal" -windows kubernetes or nomad')

    assert terms.groups == (("docker",), ("bare metal",), ("kubernetes", "nomad"))
    assert terms.excluded == ("windows",)


def test_parse_query_lowercases_and_drops_punctuation():
    assert parse_query("Docker's, (TUF)!").groups == (("docker's",), ("tuf",))


def test_parse_query_ignores_lone_quotes_and_operators():
    assert parse_query('"""').groups == ()
    assert parse_query("or -").groups == ()
    assert not parse_query('  "  " ')


def test_parse_query_reads_an_unclosed_quote_as_a_phrase():
    assert parse_query('"bare metal').groups == (("bare metal",),)


def test_parse_query_removes_control_characters():
    assert parse_query("con\x00sen\x1fsus").groups == (("con",), ("sen",), ("sus",))


def test_parse_query_caps_the_length_of_huge_input():
    terms = parse_query("word " * 2000)

    assert len(terms.text) == 200
    assert len(terms.groups) == 12


def test_as_websearch_writes_clean_syntax():
    terms = SearchTerms(groups=(("bare metal",), ("a", "b")), excluded=("c d",))

    assert as_websearch(terms) == '"bare metal" a or b -"c d"'
