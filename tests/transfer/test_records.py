import datetime

import pytest

from transfer.dates import When, format_when, parse_loose_date, parse_when
from transfer.records import is_web_url, link_kind, normalise_tags, source_key, tag_slug


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "recording"),
        ("https://youtu.be/dQw4w9WgXcQ", "recording"),
        ("https://vimeo.com/123456789", "recording"),
        ("https://www.youtube.com/playlist?list=PLcHZXHMeDzxUrNpD2Tms", "playlist"),
        ("https://speakerdeck.com/a/b", "slides"),
        ("https://www.slideshare.net/a/b", "slides"),
        ("https://docs.google.com/presentation/d/abc/edit", "slides"),
        ("https://example.com/talk.PDF", "slides"),
        ("https://github.com/miekg/dinit", "reference"),
    ],
)
def test_link_kind_by_host(url, kind):
    assert link_kind(url) == kind


@pytest.mark.parametrize(
    ("tag", "slug"),
    [
        ("Web Frameworks", "web-frameworks"),
        ("pythran\n", "pythran"),
        ("C++", "cpp"),
        ("C#", "csharp"),
        (
            "Scientific Libraries (Numpy/Pandas/SciKit/...)",
            "scientific-libraries-numpy-pandas-scikit",
        ),
        ("machine_learning", "machine-learning"),
    ],
)
def test_tag_slug(tag, slug):
    assert tag_slug(tag) == slug


def test_normalise_tags_unique_in_first_seen_order():
    assert normalise_tags(["Django", "django", " ", "Async IO", "async-io"]) == [
        "django",
        "async-io",
    ]


def test_is_web_url():
    assert is_web_url("http://ipn.io/")
    assert not is_web_url("http://www.skylit.c%20om/mathandpython.html")
    assert not is_web_url("javascript:alert(1)")
    assert not is_web_url("#anchor")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sep 2015", (2015, 9, None)),
        ("September 2015", (2015, 9, None)),
        ("17 Sept. 2015", (2015, 9, 17)),
        ("March 9th, 2011", (2011, 3, 9)),
        ("2015-09-17", (2015, 9, 17)),
        ("2015-09", (2015, 9, None)),
        ("2015-02-30", None),
        ("Smarch 2015", None),
    ],
)
def test_parse_loose_date(text, expected):
    assert parse_loose_date(text) == expected


def test_parse_when_and_format_when_round_trip():
    for text in ("2015", "2015-09", "2015-09-17", "2015-09-17/2015-09-18"):
        when = parse_when(text)
        assert format_when(**when.__dict__) == text
    assert parse_when("2015-09-17..2015-09-18") == When(
        2015, 9, datetime.date(2015, 9, 17), datetime.date(2015, 9, 18)
    )


@pytest.mark.parametrize("text", ["soon", "2015-09/2015-10", "2015-09-18/2015-09-17"])
def test_parse_when_refuses(text):
    with pytest.raises(ValueError, match=r"^expected "):
        parse_when(text)


def test_source_key_fits_the_column_and_stays_distinct():
    long_a, long_b = "pyvideo:" + "a" * 400, "pyvideo:" + "a" * 399 + "b"

    assert source_key("pyvideo:short") == "pyvideo:short"
    assert len(source_key(long_a)) == 300
    assert source_key(long_a) != source_key(long_b)
