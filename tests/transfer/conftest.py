from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parents[1]


@pytest.fixture
def writeups():
    """The folder of hand-written test write-ups."""
    return TESTS / "writeups"


@pytest.fixture
def pyvideo():
    """The folder of hand-written pyvideo-format test conferences."""
    return TESTS / "pyvideo"


@pytest.fixture
def container_camp_writeup():
    """(the site's write-up, the facts file beside it)."""
    folder = REPO / "fixtures" / "writeups"
    return (
        folder / "container-camp-london-2015.md",
        folder / "container-camp-london-2015.facts.toml",
    )


@pytest.fixture
def schedules():
    """The folder of hand-written test schedules (pretalx-style and frab-style events)."""
    return TESTS / "schedules"
