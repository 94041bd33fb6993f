"""The fixtures must say what the Container Camp write-up says, talk by talk."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from speakers.models import Company, Speaker
from talks import search
from talks.models import Conference, Link, Talk, TalkSpeaker
from talks.search import parse_query

WRITEUPS = Path(__file__).resolve().parents[2] / "fixtures" / "writeups"
MARKDOWN_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
PLAYLIST = "https://www.youtube.com/playlist?list=PLcHZXHMeDzxUrNpD2Tms-zrZn9etw6JcQ"


def writeup_sections():
    """(heading, body) of each talk section of the write-up, in order."""
    source = (WRITEUPS / "container-camp-london-2015.md").read_text(encoding="utf-8")
    content = source.split("![](https://ga-beacon")[0]
    sections = re.split(r"^## ", content, flags=re.MULTILINE)[1:]
    result = []
    for section in sections:
        heading, _, body = section.partition("\n")
        heading = re.sub(r"<a [^>]*></a>", "", heading).strip()
        result.append((heading, body.strip()))
    return result


def facts_rows():
    """The talk table of FACTS.md as dicts."""
    rows = []
    for line in (WRITEUPS / "FACTS.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0].isdigit():
            number, speaker, company, topic, title, star = cells
            rows.append(
                {
                    "position": int(number),
                    "speaker": speaker,
                    "company": company.split(" (")[0],
                    "topic": "" if topic == "—" else topic,
                    "title": title,
                    "recommended": star == "★",
                }
            )
    return rows


@pytest.fixture
def talks(container_camp):
    return list(Talk.objects.filter(conference=container_camp).for_list())


def test_fixtures_hold_one_conference_twelve_talks_twelve_speakers(container_camp):
    assert Conference.objects.count() == 1
    assert Talk.objects.count() == 12
    assert Speaker.objects.count() == 12
    assert Company.objects.count() == 12


def test_talks_follow_the_writeup_order_and_headings(talks):
    sections = writeup_sections()
    assert len(sections) == len(talks) == 12
    for talk, (heading, _body) in zip(talks, sections, strict=True):
        speaker = talk.speaker_list()[0]
        assert heading.startswith(speaker.name), (heading, speaker.name)
        assert talk.recommended == heading.endswith("★"), heading


def test_talk_summaries_are_the_writeup_markdown_verbatim(talks):
    for talk, (_heading, body) in zip(talks, writeup_sections(), strict=True):
        assert talk.summary == body


def test_titles_speakers_companies_topics_and_stars_match_the_facts(talks):
    rows = facts_rows()
    assert len(rows) == 12
    for talk, row in zip(talks, rows, strict=True):
        (speaker,) = talk.speaker_list()
        assert talk.position == row["position"]
        assert talk.title == row["title"]
        assert talk.topic == row["topic"]
        assert talk.recommended is row["recommended"]
        assert speaker.name == row["speaker"]
        assert speaker.company.name == row["company"]


def test_seven_talks_carry_the_editorial_star(container_camp):
    assert Talk.objects.recommended().count() == 7


def test_every_link_in_a_summary_is_a_link_of_its_talk(talks):
    for talk, (_heading, body) in zip(talks, writeup_sections(), strict=True):
        expected = list(dict.fromkeys(url for _label, url in MARKDOWN_LINK.findall(body)))
        urls = [link.url for link in talk.links.all()]
        assert urls[: len(expected)] == expected, talk.title


def test_arjan_schaafs_own_writeup_is_a_reference_link(container_camp):
    link = Link.objects.get(url="https://arjanschaaf.github.io/is-the-network-the-limit/")
    assert link.talk.speaker_list()[0].name == "Arjan Schaaf"
    assert link.kind == Link.Kind.REFERENCE


def test_no_talk_has_an_invented_recording(container_camp):
    assert not Link.objects.filter(kind=Link.Kind.RECORDING).exists()


def test_conference_has_playlist_raw_notes_and_writeup_facts(container_camp):
    assert container_camp.city == "London"
    assert (container_camp.year, container_camp.month, container_camp.start_date) == (2015, 9, None)
    assert container_camp.when == "September 2015"
    assert container_camp.writeup_author == "Csaba Palfi"
    assert container_camp.writeup_author_url == "https://csabapalfi.github.io"
    assert container_camp.raw_notes_url == "https://github.com/csabapalfi/container-camp-ldn-2015"
    links = {(link.kind, link.url) for link in container_camp.links.all()}
    assert links == {
        (Link.Kind.PLAYLIST, PLAYLIST),
        (Link.Kind.NOTES, "https://github.com/csabapalfi/container-camp-ldn-2015"),
    }
    assert "https://www.yld.io/" in container_camp.description


def test_security_and_networking_tags_are_on_the_right_talks(container_camp):
    def speakers_tagged(slug):
        return sorted(
            TalkSpeaker.objects.filter(talk__in=Talk.objects.tagged(slug)).values_list(
                "speaker__name", flat=True
            )
        )

    assert speakers_tagged("security") == ["Ben Hall", "Diogo Mónica"]
    assert speakers_tagged("networking") == ["Arjan Schaaf", "Bryan Boreham"]


def test_every_talk_has_two_to_five_lowercase_slug_tags(talks):
    for talk in talks:
        names = [tag.name for tag in talk.tags.all()]
        assert 2 <= len(names) <= 5, talk.title
        for name in names:
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), name


def test_loading_the_fixtures_twice_leaves_the_same_data(container_camp):
    def snapshot():
        return (
            list(Talk.objects.values_list("slug", "title", "summary", "recommended", "position")),
            list(Speaker.objects.values_list("slug", "company__name")),
            list(Link.objects.values_list("url", "kind", "talk_id", "conference_id")),
            sorted(Talk.objects.values_list("slug", "tags__name")),
        )

    before = snapshot()
    call_command("loaddata", "container-camp-london-2015", verbosity=0)
    assert snapshot() == before


# --- The site's data through each search engine ---------------------------------------------

# What PostgreSQL's full-text search finds for these words in the site's real write-up text;
# SQLite's FTS5 must find exactly the same talks (by position in the write-up). Real prose
# exercises the two stemmers more than made-up summaries would.
PLAIN_WORDS = {
    "consensus": [3],
    "notary": [10],
    "tuf": [10],
    "kubernetes": [4, 6, 7],
    "docker": [1, 2, 5, 6, 9, 10, 11, 12],
    "security": [1, 7, 9, 10],
    "containers": [1, 2, 4, 5, 8, 9, 11, 12],
    "building": [8, 9],
    "dns": [3, 8],
    "weave": [3, 6],
    "monitoring": [7, 9, 11],
    "engineers": [3, 4],
    "collections": [7, 10],
    "the": [],
}


@pytest.mark.parametrize(("word", "positions"), PLAIN_WORDS.items())
def test_plain_words_find_the_same_talks_on_every_database(container_camp, word, positions):
    talks = search.search(Talk.objects.all(), parse_query(word))

    assert sorted(talks.values_list("position", flat=True)) == positions
