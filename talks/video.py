"""Recognise YouTube and Vimeo links so that pages can embed them.

Embeds use the privacy-friendly hosts (youtube-nocookie.com, Vimeo with
`dnt=1`) and are only loaded when the visitor asks for them.
"""

import re
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlsplit

YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "music.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
YOUTUBE_LIST = re.compile(r"^[A-Za-z0-9_-]{2,64}$")
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
VIMEO_ID = re.compile(r"^\d{1,12}$")
TIME = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$")


@dataclass(frozen=True)
class Video:
    """A recognised video or playlist on YouTube or Vimeo."""

    provider: str  # "youtube" or "vimeo"
    video_id: str = ""
    playlist_id: str = ""
    start: int = 0
    position: int = 0  # in a playlist: which video, from 1 (0: the whole playlist)

    @property
    def is_playlist(self):
        """A whole playlist, not one video in it."""
        return not self.video_id and bool(self.playlist_id) and not self.position

    @property
    def is_in_playlist(self):
        return not self.video_id and bool(self.playlist_id) and bool(self.position)

    def at_position(self, position):
        """Video `position` (from 1) of this playlist."""
        return replace(self, position=position, start=0)

    def starting_at(self, start):
        """The same video, starting `start` seconds in."""
        return replace(self, start=start)

    def moment(self, seconds):
        """The time in the video of `seconds` into the talk (the talk starts at `start`)."""
        return self.start + seconds

    @property
    def provider_name(self):
        return {"youtube": "YouTube", "vimeo": "Vimeo"}[self.provider]

    def embed_url(self, start=None):
        """The player URL for an iframe, starting at `start` seconds if given."""
        start = self.start if start is None else start
        if self.provider == "vimeo":
            url = f"https://player.vimeo.com/video/{self.video_id}?dnt=1&autoplay=1"
            return f"{url}#t={start}s" if start else url
        if self.is_playlist:
            return f"https://www.youtube-nocookie.com/embed/videoseries?list={self.playlist_id}&autoplay=1"
        if self.is_in_playlist:
            # The player counts a playlist's videos from 0.
            index = self.position - 1
            url = (
                "https://www.youtube-nocookie.com/embed/videoseries"
                f"?list={self.playlist_id}&index={index}&autoplay=1&rel=0"
            )
            return f"{url}&start={start}" if start else url
        url = f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1&rel=0"
        return f"{url}&start={start}" if start else url

    def watch_url(self, start=None):
        """The URL of the video's own page, at `start` seconds if given."""
        start = self.start if start is None else start
        if self.provider == "vimeo":
            url = f"https://vimeo.com/{self.video_id}"
            return f"{url}#t={start}s" if start else url
        if self.is_playlist or self.is_in_playlist:
            return f"https://www.youtube.com/playlist?list={self.playlist_id}"
        url = f"https://www.youtube.com/watch?v={self.video_id}"
        return f"{url}&t={start}s" if start else url


def parse_time(value):
    """Seconds from a URL time parameter such as "90", "90s" or "1h2m3s"; 0 if unreadable."""
    match = TIME.match(value or "")
    if not match or not any(match.groups()):
        return 0
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def parse_video_url(url):
    """The `Video` a URL points at, or None when it is not a YouTube or Vimeo video."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"}:
        return None
    host = (parts.hostname or "").lower()
    query = parse_qs(parts.query)
    fragment = parse_qs(parts.fragment)
    start = parse_time((query.get("t") or query.get("start") or fragment.get("t") or [""])[0])
    segments = [segment for segment in parts.path.split("/") if segment]

    if host == "youtu.be" and segments and YOUTUBE_ID.match(segments[0]):
        return Video("youtube", video_id=segments[0], start=start)
    if host in YOUTUBE_HOSTS:
        video_id = ""
        if segments[:1] == ["watch"]:
            video_id = (query.get("v") or [""])[0]
        elif len(segments) >= 2 and segments[0] in {"embed", "shorts", "live", "v"}:
            video_id = segments[1]
        playlist_id = (query.get("list") or [""])[0]
        if video_id and YOUTUBE_ID.match(video_id):
            return Video("youtube", video_id=video_id, start=start)
        if segments and segments[0] in {"playlist", "embed"} and YOUTUBE_LIST.match(playlist_id):
            return Video("youtube", playlist_id=playlist_id)
        return None
    if host in VIMEO_HOSTS:
        if host == "player.vimeo.com":
            segments = segments[1:] if segments[:1] == ["video"] else []
        numeric = [segment for segment in segments if VIMEO_ID.match(segment)]
        if numeric:
            return Video("vimeo", video_id=numeric[0], start=start)
    return None
