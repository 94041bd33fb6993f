import pytest

from transfer.people import is_placeholder, looks_like_person, parse_credits, parse_names
from transfer.records import SpeakerRecord, name_key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bryan Cantrill, Joyent", [("Bryan Cantrill", "Joyent")]),
        ("Alice Smith, Bob Jones", [("Alice Smith", ""), ("Bob Jones", "")]),
        ("Alice Smith & Bob Jones, Acme", [("Alice Smith", "Acme"), ("Bob Jones", "Acme")]),
        ("A Smith, B Jones and C Brown", [("A Smith", ""), ("B Jones", ""), ("C Brown", "")]),
        ("Jane Doe (AT&T)", [("Jane Doe", "AT&T")]),
        ("Jane Doe @ Acme", [("Jane Doe", "Acme")]),
        ("Martin Luther King, Jr.", [("Martin Luther King, Jr.", "")]),
        ("Guido van Rossum", [("Guido van Rossum", "")]),
        ("Final thoughts", None),
        ("Summary", None),
        ("Day 2", None),
        ("Lightning Talks", None),
    ],
)
def test_parse_credits_heading_forms(text, expected):
    credits = parse_credits(text)

    result = None if credits is None else [(c.name, c.company) for c in credits]
    assert result == expected


def test_parse_credits_known_company_and_known_speaker():
    assert parse_credits("Alissa Bonas, Red Hat", known_companies={"red hat"}) == [
        SpeakerRecord("Alissa Bonas", "Red Hat")
    ]
    assert parse_credits("Jane Doe, Prince", known_speakers={"prince"}) is None  # one word
    assert parse_credits("Jane Doe, Prince", known_speakers={"prince"}, loose=True) == [
        SpeakerRecord("Jane Doe"),
        SpeakerRecord("Prince"),
    ]


def test_parse_credits_linked_names_and_companies():
    assert parse_credits(
        "[Juan Batiz-Benet](https://juan.example) ([Protocol Labs](http://ipn.io/))"
    ) == [
        SpeakerRecord(
            "Juan Batiz-Benet",
            "Protocol Labs",
            website="https://juan.example",
            company_website="http://ipn.io/",
        )
    ]


def test_parse_names_splits_cleans_and_drops_placeholders():
    names = parse_names(
        ["Harry  Percival", "Sara Peeters ", "Various Speakers", "A Lushnikov & M Schmitt", "TBA"]
    )

    assert names == ["Harry Percival", "Sara Peeters", "A Lushnikov", "M Schmitt"]


def test_parse_names_same_person_twice_once():
    assert parse_names(["Frank J. Wierzbicki", "frank j wierzbicki"]) == ["Frank J. Wierzbicki"]


def test_name_key_ignores_case_accents_dots_and_spaces():
    assert name_key(" Stéphane  GRABER ") == name_key("stephane graber") == "stephane graber"
    assert name_key("山田 太郎") == "山田 太郎"


@pytest.mark.parametrize("name", ["Various speakers", "various Speakers", "TBA", "N/A"])
def test_is_placeholder(name):
    assert is_placeholder(name)


def test_looks_like_person_single_word_only_when_allowed():
    assert not looks_like_person("Mrinal")
    assert looks_like_person("Mrinal", single_word=True)
    assert not looks_like_person("IPFS", single_word=True)
