import pytest

from talks.video import Video, parse_time, parse_video_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=d9BAUBEyFgM", Video("youtube", video_id="d9BAUBEyFgM")),
        ("https://youtu.be/d9BAUBEyFgM?t=90", Video("youtube", video_id="d9BAUBEyFgM", start=90)),
        (
            "https://m.youtube.com/watch?v=d9BAUBEyFgM&t=1h2m3s",
            Video("youtube", video_id="d9BAUBEyFgM", start=3723),
        ),
        ("https://www.youtube.com/embed/d9BAUBEyFgM", Video("youtube", video_id="d9BAUBEyFgM")),
        (
            "https://www.youtube.com/playlist?list=PLcHZXHMeDzxUrNpD2Tms-zrZn9etw6JcQ",
            Video("youtube", playlist_id="PLcHZXHMeDzxUrNpD2Tms-zrZn9etw6JcQ"),
        ),
        ("https://vimeo.com/123456789", Video("vimeo", video_id="123456789")),
        ("https://vimeo.com/123456789#t=75s", Video("vimeo", video_id="123456789", start=75)),
        ("https://player.vimeo.com/video/42", Video("vimeo", video_id="42")),
    ],
)
def test_parse_video_url_recognises_youtube_and_vimeo(url, expected):
    assert parse_video_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "",
        "not a url",
        "javascript:alert(1)",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/channel/UC123",
        "https://evil.example/watch?v=d9BAUBEyFgM",
        "https://vimeo.com/about",
        "http://[::1",
    ],
)
def test_parse_video_url_rejects_other_urls(url):
    assert parse_video_url(url) is None


def test_embed_urls_use_privacy_friendly_hosts():
    assert (
        Video("youtube", video_id="d9BAUBEyFgM").embed_url(start=30)
        == "https://www.youtube-nocookie.com/embed/d9BAUBEyFgM?autoplay=1&rel=0&start=30"
    )
    assert (
        Video("vimeo", video_id="42").embed_url()
        == "https://player.vimeo.com/video/42?dnt=1&autoplay=1"
    )


def test_watch_urls_link_to_a_moment():
    assert (
        Video("youtube", video_id="d9BAUBEyFgM").watch_url(start=754)
        == "https://www.youtube.com/watch?v=d9BAUBEyFgM&t=754s"
    )
    assert Video("vimeo", video_id="42").watch_url(start=754) == "https://vimeo.com/42#t=754s"


@pytest.mark.parametrize(
    ("value", "seconds"), [("90", 90), ("90s", 90), ("2m", 120), ("1h2m3s", 3723), ("x", 0)]
)
def test_parse_time_reads_url_time_parameters(value, seconds):
    assert parse_time(value) == seconds
