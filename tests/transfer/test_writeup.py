"""The write-up parser on its own: text in, records out, no database."""

import datetime

import pytest

from transfer.records import LinkRecord, SpeakerRecord
from transfer.writeup import WriteupError, links_in, parse_writeup


def parse(folder, name, **kwargs):
    return parse_writeup((folder / name).read_text(encoding="utf-8"), **kwargs)


def credits(talk):
    return [(speaker.name, speaker.company) for speaker in talk.speakers]


def test_parse_container_camp_reads_title_byline_and_twelve_talks(container_camp_writeup):
    conference = parse_writeup(container_camp_writeup[0].read_text(encoding="utf-8"))

    assert (conference.name, conference.slug) == (
        "Container Camp London 2015",
        "container-camp-london-2015",
    )
    assert (conference.writeup_author, conference.writeup_author_url) == (
        "Csaba Palfi",
        "https://csabapalfi.github.io",
    )
    assert (conference.year, conference.month) == (2015, 9)
    assert [talk.recommended for talk in conference.talks] == [
        True, False, True, False, False, False, False, True, True, True, True, True,
    ]  # fmt: skip
    assert credits(conference.talks[0]) == [("Bryan Cantrill", "Joyent")]
    assert conference.talks[0].topic == "keynote"
    assert conference.links == [
        LinkRecord(
            url="https://www.youtube.com/playlist?list=PLcHZXHMeDzxUrNpD2Tms-zrZn9etw6JcQ",
            label="videos are up here",
            kind="playlist",
        )
    ]


def test_parse_container_camp_drops_toc_anchors_and_tracking_pixel(container_camp_writeup):
    conference = parse_writeup(container_camp_writeup[0].read_text(encoding="utf-8"))

    assert "(#bryanc)" not in conference.description
    assert conference.description.startswith("**Update**: [videos are up here]")
    assert all("<a" not in talk.summary for talk in conference.talks)
    assert conference.talks[-1].summary.endswith("faster and more reliable by using IPFS.")


def test_parse_known_company_settles_name_comma_name(container_camp_writeup):
    text = container_camp_writeup[0].read_text(encoding="utf-8")

    unknown = parse_writeup(text).talks[6]
    known = parse_writeup(text, known_companies={"red hat"}).talks[6]

    assert credits(unknown) == [("Alissa Bonas", ""), ("Red Hat", "")]
    assert credits(known) == [("Alissa Bonas", "Red Hat")]


def test_parse_front_matter_and_talks_as_h1(writeups):
    conference = parse(writeups, "front-matter-hash-talks.md")

    assert (conference.name, conference.slug, conference.city, conference.country) == (
        "RustFest Zürich 2017",
        "rustfest-zurich-2017",
        "Zürich",
        "Switzerland",
    )
    assert (conference.start_date, conference.end_date) == (
        datetime.date(2017, 9, 30),
        datetime.date(2017, 10, 1),
    )
    assert conference.writeup_author == "Ana Example"
    assert [talk.title for talk in conference.talks] == [
        "Async in practice",
        "Talk by Carol Nichols & Jake Goulding",
        "Atomics",
    ]


def test_parse_several_speakers_with_ampersand_and_and(writeups):
    talks = parse(writeups, "front-matter-hash-talks.md").talks

    assert credits(talks[0]) == [("Jane Doe", ""), ("John Smith", "")]
    assert credits(talks[1]) == [("Carol Nichols", ""), ("Jake Goulding", "")]
    assert credits(talks[2]) == [("Mara Bos", "Ferrocene")]


def test_parse_star_as_symbol_asterisk_and_word(writeups):
    talks = parse(writeups, "front-matter-hash-talks.md").talks

    assert [talk.recommended for talk in talks] == [True, True, True]
    assert [talk.topic for talk in talks] == ["Async in practice", "", "Atomics"]


def test_parse_bullet_notes_kept_as_markdown_with_links_by_kind(writeups):
    talks = parse(writeups, "front-matter-hash-talks.md").talks

    assert talks[0].summary == (
        "- futures are **lazy**\n"
        "- [tokio](https://tokio.rs/) drives them\n"
        "- watch it: [the video](https://www.youtube.com/watch?v=dQw4w9WgXcQ)"
    )
    assert [(link.kind, link.label) for link in talks[0].links] == [
        ("reference", "tokio"),
        ("recording", "the video"),
    ]
    assert [link.kind for link in talks[1].links] == ["reference", "slides"]


def test_parse_subheading_inside_talk_stays_in_summary(writeups):
    talk = parse(writeups, "front-matter-hash-talks.md").talks[2]

    assert talk.summary == (
        "Memory ordering is hard; `SeqCst` is not a fix-all.\n\n"
        "## What I took away\n\n"
        "Sub-headings inside a talk stay in its summary."
    )


def test_parse_sections_without_speaker_join_description(writeups):
    conference = parse(writeups, "front-matter-hash-talks.md")

    assert conference.description == (
        "Two days of Rust by the lake. These are my notes.\n\n"
        "# Intro\n\nI had never been to a RustFest before.\n\n"
        "# Summary\n\nA great conference."
    )


def test_parse_title_heading_then_by_line_or_by_heading(writeups):
    conference = parse(writeups, "title-then-by.md")

    assert conference.name == "PyCon Ireland 2019 notes"
    assert (conference.writeup_author, conference.writeup_author_url) == (
        "Sam Writer",
        "https://sam.example.org",
    )
    assert (conference.year, conference.month) == (2019, 10)
    assert [(talk.title, talk.recommended, credits(talk)) for talk in conference.talks] == [
        ("Scaling Postgres", True, [("Alice Jones", "Acme Corp")]),
        ("Typing all the things", False, [("Bob Brown", "")]),
    ]


def test_parse_reference_links_and_autolinks(writeups):
    talks = parse(writeups, "title-then-by.md").talks

    assert talks[0].links == [
        LinkRecord(
            url="https://www.slideshare.net/alice/scaling-postgres",
            label="the slides",
            kind="slides",
        )
    ]
    assert talks[1].links == [
        LinkRecord(url="https://mypy-lang.org/", label="https://mypy-lang.org/")
    ]
    assert "stats.example.com" not in talks[1].summary


def test_parse_linked_toc_section_is_not_content(writeups):
    conference = parse(writeups, "title-then-by.md")

    assert conference.description == "## Final thoughts\n\nDublin was lovely; I will be back."


def test_parse_speaker_lists_commas_parentheses_and_reversed_topic(writeups):
    conference = parse(writeups, "speaker-lists.md")

    assert [(talk.title, credits(talk)) for talk in conference.talks] == [
        ("Pairing at scale", [("Alice Smith", ""), ("Bob Jones", "")]),
        ("Keynote", [("Carol Danvers", "")]),
        ("Security", [("Dan Brown", "Acme"), ("Eve Adams", "Initech")]),
        ("Ops", [("Frank Castle", "Globex"), ("Grace Hopper", "Globex")]),
        ("Talk by Judy Hopps", [("Judy Hopps", "Zootopia")]),
    ]
    assert conference.talks[4].speakers[0].website == "https://judy.example.org"
    assert [talk.position for talk in conference.talks] == [1, 2, 3, 4, 5]
    assert "### Mrinal" in conference.description


def test_parse_playlist_in_intro_becomes_conference_link(writeups):
    conference = parse(writeups, "speaker-lists.md")

    assert conference.links == [
        LinkRecord(
            url="https://www.youtube.com/playlist?list=PLheapcon2018",
            label="videos",
            kind="playlist",
        )
    ]


def test_parse_metadata_lines_and_links_list():
    text = (
        "# Conf\n\n## Lightning talk ★\n\nSpeakers: Mrinal & Ola (Acme)\n\n"
        "Slug: lightning-1  \nTopic: Tools  \nTags: Web Frameworks, django  \n"
        "Recorded: 2019-10-05  \nDuration: 0:05:30  \nThumbnail: https://img.example.com/1.jpg\n\n"
        "Short and [sweet](https://example.com/a).\n\n"
        "Links:\n\n- slides: [Deck \\[v2\\]](https://example.com/deck)\n- [](https://example.com/b)\n"
    )

    talk = parse_writeup(text).talks[0]

    assert (talk.title, talk.slug, talk.topic, talk.recommended) == (
        "Lightning talk",
        "lightning-1",
        "Tools",
        True,
    )
    assert talk.speakers == [SpeakerRecord("Mrinal"), SpeakerRecord("Ola", "Acme")]
    assert talk.tags == ["web-frameworks", "django"]
    assert (talk.recorded_on, talk.duration, talk.thumbnail_url) == (
        datetime.date(2019, 10, 5),
        330,
        "https://img.example.com/1.jpg",
    )
    assert talk.summary == "Short and [sweet](https://example.com/a)."
    assert talk.links == [
        LinkRecord(url="https://example.com/deck", label="Deck [v2]", kind="slides"),
        LinkRecord(url="https://example.com/b", label="", kind="reference"),
    ]


def test_parse_by_line_must_name_people():
    text = "# Conf\n\n## Jane Doe - Talk\n\nBy the way, this was great.\n"

    talk = parse_writeup(text).talks[0]

    assert credits(talk) == [("Jane Doe", "")]
    assert talk.summary == "By the way, this was great."


def test_parse_code_blocks_hide_headings():
    text = "# Conf\n\n## Jane Doe - Shell\n\n```sh\n# Not A Heading\n```\n"

    conference = parse_writeup(text)

    assert len(conference.talks) == 1
    assert conference.talks[0].summary == "```sh\n# Not A Heading\n```"


def test_parse_repeat_speaker_gets_distinct_keys():
    text = "# Conf\n\n## Jane Doe - One\n\nA.\n\n## Jane Doe - Two\n\nB.\n"

    talks = parse_writeup(text).talks

    assert [talk.key for talk in talks] == ["by:jane-doe", "by:jane-doe#2"]


@pytest.mark.parametrize(
    ("name", "line", "expected"),
    [
        ("unclosed-fence.md", 5, "the code block opened here to be closed with ```"),
        ("bad-front-matter.md", 3, "'key: value' in the front matter"),
        ("bad-duration.md", 5, "a duration like 1834 or 0:30:34 after 'Duration:'"),
        ("no-title.md", 1, "a title: a '# Heading' or 'title:' in the front matter"),
        ("no-talks.md", 11, "at least one talk section"),
    ],
)
def test_parse_malformed_names_line_and_expectation(writeups, name, line, expected):
    with pytest.raises(WriteupError) as caught:
        parse(writeups / "bad", name)

    assert caught.value.line == line
    assert caught.value.expected.startswith(expected)
    assert str(caught.value).startswith(f"line {line}: expected ")


def test_parse_unterminated_front_matter():
    with pytest.raises(WriteupError, match=r"^line 1: expected the front matter"):
        parse_writeup("---\ntitle: Conf\n\n## Jane Doe - Talk\n")


def test_links_in_skips_images_anchors_and_repeats():
    text = "![x](https://img.example.com/a.png) [a](#top) [b](https://e.com/b) [c](https://e.com/b)"

    assert links_in(text) == [LinkRecord(url="https://e.com/b", label="b")]
