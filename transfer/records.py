"""Plain records that importers produce and `load` writes: no database access here."""

import datetime
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

from talks.video import parse_video_url

SLIDE_HOSTS = {
    "speakerdeck.com",
    "www.speakerdeck.com",
    "slideshare.net",
    "www.slideshare.net",
    "slides.com",
    "www.slides.com",
}
LINK_KINDS = ("recording", "playlist", "slides", "notes", "reference")
WEB_URL = URLValidator(schemes=["http", "https"])


@dataclass
class LinkRecord:
    url: str
    label: str = ""
    kind: str = "reference"


@dataclass
class SpeakerRecord:
    name: str
    company: str = ""
    website: str = ""
    company_website: str = ""


@dataclass
class SlotRecord:
    """When and where a schedule puts a talk (aware datetimes; None: the source does not say)."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    room: str | None = None
    track: str | None = None
    session_type: str | None = None
    language: str | None = None
    cancelled: bool = False


@dataclass
class TalkRecord:
    """One talk. `None` means "the source does not say": the database value is kept."""

    key: str
    title: str
    speakers: list[SpeakerRecord] = field(default_factory=list)
    summary: str = ""
    topic: str | None = None
    slug: str | None = None
    recommended: bool | None = None
    position: int = 0
    tags: list[str] | None = None
    links: list[LinkRecord] = field(default_factory=list)
    recorded_on: datetime.date | None = None
    duration: int | None = None
    thumbnail_url: str | None = None
    slot: SlotRecord | None = None  # from a schedule; None leaves the talk's schedule alone
    origin: str = ""  # where the source says it, for messages: "line 12", "videos/x.json"


@dataclass
class CompanyRecord:
    name: str
    website: str = ""


@dataclass
class ConferenceRecord:
    """A conference and its talks, as one source describes it."""

    name: str
    slug: str
    talks: list[TalkRecord] = field(default_factory=list)
    links: list[LinkRecord] = field(default_factory=list)
    companies: list[CompanyRecord] = field(default_factory=list)
    city: str | None = None
    country: str | None = None
    year: int | None = None
    month: int | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    description: str | None = None
    writeup_author: str | None = None
    writeup_author_url: str | None = None
    writeup_url: str | None = None
    raw_notes_url: str | None = None
    time_zone: str | None = None


def clean_name(name):
    """A name with Unicode normalised (NFC) and runs of whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", name or "").split())


def name_key(name):
    """The key two spellings of one person's name share: case, accents, dots and spaces ignored.

    "Frank J. Wierzbicki", "frank j wierzbicki" and "Frank  J Wierzbicki " are one person.
    """
    decomposed = unicodedata.normalize("NFKD", name or "")
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.findall(r"\w+", bare.casefold()))


def tag_slug(tag):
    """A tag in our vocabulary style: a lowercase slug ("Web Frameworks" → "web-frameworks")."""
    text = clean_name(tag).replace("/", " ").replace("_", "-")
    text = re.sub(r"\+\+(?!\w)", "pp", re.sub(r"(?<=\w)#(?!\w)", "sharp", text))  # C++, C#
    return slugify(text)


def normalise_tags(tags):
    """Tags as unique lowercase slugs in their first-seen order; empty ones dropped."""
    seen = {}
    for tag in tags:
        slug = tag_slug(tag)
        if slug:
            seen.setdefault(slug, None)
    return list(seen)


def link_kind(url):
    """What a link is, recognised by its host: recording, playlist, slides or reference."""
    video = parse_video_url(url)
    if video:
        return "playlist" if video.is_playlist else "recording"
    host = (re.match(r"^[a-z]+://([^/:?#]+)", url.strip().lower()) or [None, ""])[1]
    path = url.split("?", 1)[0].lower()
    if host in SLIDE_HOSTS or host.endswith(".slides.com") or "/presentation/" in path:
        return "slides"
    if path.endswith((".pdf", ".ppt", ".pptx", ".key", ".odp")):
        return "slides"
    return "reference"


def is_web_url(url, *, max_length=1000):
    """True for an http(s) URL our URL fields accept."""
    if not isinstance(url, str) or len(url) > max_length:
        return False
    try:
        WEB_URL(url)
    except ValidationError:
        return False
    return True


def source_key(key, *, max_length=300):
    """`key` as it fits `Talk.source_key`: long ones end in a hash of the whole key."""
    if len(key) <= max_length:
        return key
    digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:16]
    return f"{key[: max_length - 17]}~{digest}"
