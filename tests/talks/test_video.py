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


# --- Which video plays a talk --------------------------------------------------------------

PLAYLIST = "https://www.youtube.com/playlist?list=PLcHZXHMeDzxUrNpD2Tms-zrZn9etw6JcQ"


def test_video_in_a_playlist_embeds_its_place_and_start():
    playlist = parse_video_url(PLAYLIST)
    video = playlist.at_position(3).starting_at(90)

    assert video.is_in_playlist and not video.is_playlist
    assert video.embed_url() == (
        "https://www.youtube-nocookie.com/embed/videoseries"
        "?list=PLcHZXHMeDzxUrNpD2Tms-zrZn9etw6JcQ&index=2&autoplay=1&rel=0&start=90"
    )
    assert video.watch_url() == PLAYLIST
    assert video.moment(60) == 150  # a note at 1:00 into the talk


@pytest.fixture
def conference_with_playlist(db):
    from talks.models import Link
    from tests.factories import ConferenceFactory, LinkFactory

    conference = ConferenceFactory()
    LinkFactory(talk=None, conference=conference, kind=Link.Kind.PLAYLIST, url=PLAYLIST)
    return conference


def test_talk_without_a_recording_is_honest_about_the_playlist(client, conference_with_playlist):
    from tests.factories import TalkFactory

    talk = TalkFactory(conference=conference_with_playlist)

    page = client.get(talk.get_absolute_url()).text

    assert "data-embed-url" not in page  # no play box that would play another talk
    assert "It is in the <a href=" in page
    assert client.get("/talks/?has_video=1").context["paginator"].count == 0


def test_talk_with_a_playlist_position_plays_and_its_timed_notes_seek(
    client, conference_with_playlist
):
    from tests.factories import NoteFactory, TalkFactory

    talk = TalkFactory(conference=conference_with_playlist, playlist_position=4, video_start=600)
    NoteFactory(talk=talk, time=75, visibility="public", body="Here")
    TalkFactory(conference=conference_with_playlist)  # no place: cannot play

    page = client.get(talk.get_absolute_url()).text

    assert "&amp;index=3&amp;autoplay=1&amp;rel=0&amp;start=600" in page
    assert "video 4 of the conference playlist" in page
    assert 'data-seek="675"' in page  # 10:00 + 1:15
    assert 'class="video-link"' in page  # stays after the player loads
    listed = client.get("/talks/?has_video=1")
    assert [t.pk for t in listed.context["talks"]] == [talk.pk]
    assert listed.text.count('class="has-video"') == 1


def test_own_recording_wins_over_the_playlist(client, conference_with_playlist):
    from talks.models import Link
    from tests.factories import LinkFactory, TalkFactory

    talk = TalkFactory(conference=conference_with_playlist, playlist_position=2)
    LinkFactory(talk=talk, kind=Link.Kind.RECORDING, url="https://youtu.be/d9BAUBEyFgM")

    assert talk.video() == Video("youtube", video_id="d9BAUBEyFgM")


def test_position_without_a_conference_playlist_cannot_play(client, db):
    from tests.factories import TalkFactory

    talk = TalkFactory(playlist_position=2)

    assert talk.video() is None
    assert client.get("/talks/?has_video=1").context["paginator"].count == 0
