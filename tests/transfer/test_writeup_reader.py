"""The parts of the write-up reader: prose, schedules, favourites, embeds, links, front matter."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transfer.records import LinkRecord
from transfer.writeup import WriteupError, links_in, read_writeup
from transfer.writeup.prose import find_speakers


def credits(talk):
    return [(speaker.name, speaker.company) for speaker in talk.speakers]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This talk was presented by Jane Doe (Acme).", [("Jane Doe", "Acme")]),
        ("Jane Doe from Acme Labs talked about caches.", [("Jane Doe", "Acme Labs")]),
        ("Jane Doe of Acme explained it well.", [("Jane Doe", "Acme")]),
        ("Jane Doe and John Smith from Acme walked us through it.", [
            ("Jane Doe", "Acme"), ("John Smith", "Acme"),
        ]),
        ("In her keynote, Jane Doe (Acme) argued for less.", [("Jane Doe", "Acme")]),
        ("Jane Doe's talk was about caches.", [("Jane Doe", "")]),
        ("Presented by [Jane Doe](https://j.example), engineer at Acme.", [("Jane Doe", "Acme")]),
        ("Next up was Jane Doe from Acme, who showed a demo.", [("Jane Doe", "Acme")]),
        ("Pieter van Dijk spoke last.", [("Pieter van Dijk", "")]),
    ],
)  # fmt: skip
def test_find_speakers_in_prose(text, expected):
    found = find_speakers(text)

    assert [(s.name, s.company) for s in found.speakers] == expected


@pytest.mark.parametrize(
    "text",
    [
        "I chatted with Jane Doe about monorepos.",
        "As Martin Kleppmann writes in his book, derived data is a cache.",
        "At Cache Days in Utrecht the coffee was good.",
        "Kubernetes Operators Explained is a good read.",
        "",
    ],
)
def test_find_speakers_needs_a_cue(text):
    assert find_speakers(text) is None


def test_find_speakers_handle_is_the_speakers_link_not_the_talks():
    found = find_speakers("presented by Jane Doe ([@jdoe](https://twitter.com/jdoe), co-creator)")

    assert (found.speakers[0].website, found.links) == (
        "https://twitter.com/jdoe",
        {"https://twitter.com/jdoe"},
    )


def test_schedule_bold_title_first_and_items_without_time():
    text = (
        "# Conf\n\n- **09:00 to 09:45** **Fast tests** — Jane Doe (Acme)\n"
        "- **10:00–10:30** Coffee break\n- A list item without a time\n"
        "- 11:00 Lightning talks\n"
    )

    writeup = read_writeup(text)

    assert writeup.layout == "schedule"
    assert [(t.title, credits(t)) for t in writeup.conference.talks] == [
        ("Fast tests", [("Jane Doe", "Acme")]),
        ("Lightning talks", []),  # names nobody, but is not a break
    ]
    assert writeup.times == {1: "09:00–09:45", 2: "11:00"}


def test_schedule_description_is_the_summary_and_lists_leave_the_description():
    text = (
        "# Conf\n\nSaturday.\n\n## Track 1\n\n"
        "- `09:30–10:00` Talk One — **Jane Doe**\n  > About [caches](https://e.com/c).\n"
        "- `10:00–10:30` Talk Two — **John Smith**\n"
    )

    conference = read_writeup(text).conference

    assert conference.talks[0].summary == "About [caches](https://e.com/c)."
    assert conference.talks[0].links == [LinkRecord("https://e.com/c", "caches")]
    assert conference.description == "Saturday."


def test_favourites_toc_stars_its_talks_by_anchor_and_by_title():
    text = (
        "# Conf\n\nMy favourite talks:\n\n* [One by Jane Doe](#first)\n* [Three](#nowhere)\n\n"
        '<a id="first"></a>\n## One\n### by Jane Doe\n\nA.\n\n'
        "## Two\n### by John Smith\n\nB.\n\n## Three\n### by Ann Lee\n\nC.\n"
    )

    talks = read_writeup(text).conference.talks

    assert [t.recommended for t in talks] == [True, False, True]


def test_toc_that_carries_stars_itself_is_not_a_favourites_list():
    text = (
        "# Conf\n\nMy favourites have a star.\n\n"
        "* [Jane Doe - One ★](#a)\n* [John Smith - Two](#b)\n\n"
        "## Jane Doe - One ★\n\nA.\n\n## John Smith - Two\n\nB.\n"
    )

    talks = read_writeup(text).conference.talks

    assert [t.recommended for t in talks] == [True, False]


def test_embedded_tweet_and_script_are_not_part_of_the_summary():
    text = (
        "# Conf\n\n## Caching\n\nJane Doe talked about caches.\n\n"
        '<blockquote class="twitter-tweet"><p>Great <a href="https://t.co/x">talk</a></p>\n'
        '</blockquote>\n<script async src="https://platform.twitter.com/widgets.js"></script>\n\n'
        "Afterwards.\n"
    )

    talk = read_writeup(text).conference.talks[0]

    assert talk.summary == "Jane Doe talked about caches.\n\nAfterwards."
    assert talk.links == []


def test_links_in_reads_bare_addresses_and_keeps_urls_as_written():
    text = "Video: https://vimeo.com/123456789. See [Zürich](https://de.wikipedia.org/wiki/Zürich)."

    assert [(link.url, link.kind) for link in links_in(text)] == [
        ("https://vimeo.com/123456789", "recording"),
        ("https://de.wikipedia.org/wiki/Zürich", "reference"),
    ]


def test_front_matter_yaml_values_dates_and_nested_keys():
    text = (
        "---\ntitle: Conf 2021\ndate: 2021-06-03\ncity: Oslo\ntags: [a, b]\n"
        "social:\n  twitter: x\ndraft: false\n---\n\n## Jane Doe - Talk\n\nA.\n"
    )

    conference = read_writeup(text).conference

    assert (conference.name, conference.year, conference.month, conference.city) == (
        "Conf 2021",
        2021,
        6,
        "Oslo",
    )


def test_one_talk_title_comes_from_the_quoted_title_after_talk():
    text = (
        "# My week\n\nAt DevConf, Jane Doe from Acme gave a talk called “Caches lie”. "
        "It was good.\n\n## Part one\n\nStaleness.\n"
    )

    writeup = read_writeup(text)

    assert writeup.layout == "one-talk"
    assert [(t.title, credits(t)) for t in writeup.conference.talks] == [
        ("Caches lie", [("Jane Doe", "Acme")])
    ]


def test_talk_notes_need_a_recording_or_contents_else_no_talk():
    with pytest.raises(WriteupError, match="at least one talk section"):
        read_writeup("# Conf 2020\n\nJust an intro.\n\n## Summary\n\nNothing.\n")

    notes = read_writeup("# Conf 2020\n\nhttps://youtu.be/dQw4w9WgXcQ\n\n## Part\n\nText.\n")

    assert (notes.layout, [t.title for t in notes.conference.talks]) == (
        "talk-notes",
        ["Conf 2020"],
    )


MARKDOWN_PIECES = st.sampled_from(
    [
        "# ", "## ", "### ", "Jane Doe", " - ", "Acme", "by ", "\n", "\n\n", "- ", "> ",
        "`09:30–10:00` ", "**", "*", "[x](https://e.com)", "[t](#a)", '<a id="x"></a>',
        "---\n", "```\n", "title: X\n", "★", "Speaker: ", "Slug: a-b\n", "Links:\n", "(", ")",
        ", ", " & ", "1. ", "Summary", "https://youtu.be/dQw4w9WgXcQ", "<script>x</script>",
        "é", "\t", "    ", "|a|b|\n|-|-|\n", "presented by ", " talked about ", "'s talk",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MARKDOWN_PIECES, max_size=50).map("".join))
def test_read_writeup_only_ever_raises_writeup_error(text):
    try:
        writeup = read_writeup(text)
    except WriteupError as error:
        assert error.line >= 1
    else:
        assert writeup.conference.talks


def test_front_matter_of_plain_key_value_lines_that_are_not_yaml_still_reads():
    text = "---\ntitle: Notes: a talk\ncity: Oslo\n---\n\n## Jane Doe - Talk\n\nA.\n"

    conference = read_writeup(text).conference

    assert (conference.name, conference.city) == ("Notes: a talk", "Oslo")


def test_front_matter_that_is_neither_yaml_nor_plain_lines_is_an_error():
    with pytest.raises(WriteupError, match=r"^line 3: expected 'key: value' in the front matter"):
        read_writeup("---\ntitle: Conf\ntags: [a, b\n---\n\n## Jane Doe - Talk\n")
