"""The evaluation set (tests/data/writeups): every write-up reads as its expected talks."""

import json

import pytest

from tests.transfer.conftest import REPO
from transfer.writeup import read_writeup
from transfer.writeup.folder import read_folder

DATA = REPO / "tests" / "data" / "writeups"
SHAPES = ("seed-", "below-", "prose-", "one-talk-", "notes-", "notes-folder-", "schedule-")


def cases():
    return [
        pytest.param(name, id=name)
        for name in sorted(p.name.removesuffix(".expected.json") for p in DATA.glob("*.json"))
    ]


def read_case(name):
    """(the write-up as read, what the case expects)."""
    path = DATA / f"{name}.md"
    writeup = read_folder(DATA / name) if not path.exists() else read_writeup(path.read_text())
    return writeup, json.loads((DATA / f"{name}.expected.json").read_text(encoding="utf-8"))


def talk_as_expected(talk, time):
    return {
        "title": talk.title,
        "speakers": [speaker.name for speaker in talk.speakers],
        "companies": [speaker.company for speaker in talk.speakers],
        "recommended": bool(talk.recommended),
        "links": [link.url for link in talk.links],
        "time": time,
    }


@pytest.mark.parametrize("name", cases())
def test_writeup_eval_case_reads_as_expected(name):
    writeup, expected = read_case(name)

    talks = [talk_as_expected(t, writeup.times.get(t.position)) for t in writeup.conference.talks]

    assert (writeup.layout, talks) == (expected["layout"], expected["talks"])
    if "conference" in expected:
        assert writeup.conference.name == expected["conference"]


def test_writeup_eval_set_has_every_shape_and_at_least_fifteen_cases():
    names = [case.values[0] for case in cases()]
    layouts = {json.loads((DATA / f"{n}.expected.json").read_text())["layout"] for n in names}

    assert len(names) >= 15
    assert all(any(name.startswith(shape) for name in names) for shape in SHAPES)
    assert layouts == {
        "speaker-heading",
        "speaker-below",
        "speaker-prose",
        "one-talk",
        "talk-notes",
        "notes-folder",
        "schedule",
        "export",
    }


@pytest.mark.parametrize("name", [c for c in cases() if (DATA / f"{c.values[0]}.md").exists()])
def test_writeup_eval_case_reads_the_same_when_its_layout_is_forced(name):
    writeup, expected = read_case(name)
    path = DATA / f"{name}.md"

    forced = read_writeup(path.read_text(), layout=expected["layout"])

    assert forced.conference.talks == writeup.conference.talks
