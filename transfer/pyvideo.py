"""Read a conference folder in pyvideo's data layout (pure: no database).

A folder holds `category.json` (the conference) and `videos/*.json` (one talk each). Each
video file is checked on its own, so that a bad one can be reported by name and skipped
without touching the others; see docs/importing.md for the fields read. The pyvideo/data
repository is a folder of such folders, with `NO_PUBLISH.json` listing the ids of videos
that pyvideo.org does not show.
"""

import datetime
import functools
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

from talks.video import parse_video_url

from .files import MAX_SIZE, inside, read_bytes
from .people import parse_names
from .records import (
    ConferenceRecord,
    LinkRecord,
    SpeakerRecord,
    TalkRecord,
    clean_name,
    is_web_url,
    link_kind,
    normalise_tags,
    source_key,
)

REQUIRED = ("title", "speakers", "recorded", "description", "videos")
TITLE_MAX = 300
NAME_MAX = 200
EMBEDDABLE = {"youtube": "YouTube", "vimeo": "Vimeo"}


class PyvideoError(ValueError):
    """A file in a pyvideo folder that cannot be imported: which file, and why."""

    def __init__(self, name, problem):
        self.name = name
        self.problem = problem
        super().__init__(f"{name}: {problem}")


@dataclass
class Folder:
    conference: ConferenceRecord
    problems: list[PyvideoError] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)  # files of videos not to publish


def conference_folders(root):
    """The conference folders of a repository (those with a category.json), sorted by name;
    hidden ones (`.schemas`) left out. (`read_folder(…, root=root)` refuses linked ones.)"""
    return [
        folder
        for folder in sorted(Path(root).iterdir())
        if not folder.name.startswith(".") and (folder / "category.json").is_file()
    ]


def is_repository(path):
    """True for a folder of conference folders rather than a conference folder."""
    path = Path(path)
    if not path.is_dir() or (path / "category.json").exists():
        return False
    return any(
        not child.name.startswith(".") and (child / "category.json").is_file()
        for child in path.iterdir()
    )


def read_unpublished(root, *, max_size=MAX_SIZE):
    """The video ids a repository's `NO_PUBLISH.json` withholds (none if it has no such file)."""
    path = Path(root) / "NO_PUBLISH.json"
    if not path.exists():
        return frozenset()
    data = _load(path, "NO_PUBLISH.json", root=root, max_size=max_size, kind=list)
    if not all(isinstance(item, int) and not isinstance(item, bool) for item in data):
        raise PyvideoError("NO_PUBLISH.json", "expected a list of video ids (numbers)")
    return frozenset(data)


def folder_digest(folder, *, extra=b"", max_size=MAX_SIZE):
    """SHA-256 of everything a folder's import depends on: the importer's own code, `extra`
    (e.g. NO_PUBLISH.json), category.json and every video file's name and bytes. Reads files
    as `read_folder` does (size limit, no links out of the folder)."""
    digest = hashlib.sha256(_code_digest())
    digest.update(hashlib.sha256(extra).digest())
    folder = Path(folder)
    paths = [folder / "category.json"]
    if (folder / "videos").is_dir():
        paths += video_files(folder)
    for path in paths:
        name = path.relative_to(folder).as_posix()
        inside(path, folder, name=name)
        data = read_bytes(path, max_size=max_size, name=name)
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


@functools.cache
def _code_digest():
    """The source of the reader and the loader: a change to either reads every folder again."""
    code = hashlib.sha256()
    for module in ("pyvideo", "records", "people", "load", "files"):
        code.update(Path(__file__).with_name(f"{module}.py").read_bytes())
    code.update(Path(sys.modules[parse_video_url.__module__].__file__).read_bytes())
    return code.digest()


def video_files(folder):
    """The video files of a pyvideo folder, sorted by name."""
    return sorted(Path(folder, "videos").glob("*.json"))


def read_category(folder, *, slug=None, max_size=MAX_SIZE):
    """The conference a folder's `category.json` describes; raises `PyvideoError`
    (`InputRefused` for a file too large or linked from outside the folder)."""
    folder = Path(folder)
    path = folder / "category.json"
    data = _load(path, "category.json", root=folder, max_size=max_size)
    title = data.get("title")
    if not isinstance(title, str) or not clean_name(title):
        raise PyvideoError("category.json", "expected a non-empty string 'title'")
    description = data.get("description") or ""
    if not isinstance(description, str):
        raise PyvideoError("category.json", "expected 'description' to be a string")
    conference = ConferenceRecord(
        name=clean_name(title),
        slug=slug or slugify(folder.resolve().name) or slugify(title),
        description=description.strip(),
    )
    dates = []
    for key in ("start_date", "end_date"):
        value = data.get(key)
        if value is None:
            dates.append(None)
            continue
        try:
            dates.append(datetime.date.fromisoformat(value))
        except (TypeError, ValueError):
            raise PyvideoError("category.json", f"expected '{key}' as YYYY-MM-DD") from None
    conference.start_date, conference.end_date = dates
    if conference.start_date:
        conference.year, conference.month = conference.start_date.year, conference.start_date.month
        if conference.end_date and conference.end_date < conference.start_date:
            raise PyvideoError("category.json", "expected 'end_date' on or after 'start_date'")
    elif conference.end_date:
        raise PyvideoError("category.json", "expected a 'start_date' with the 'end_date'")
    if isinstance(data.get("url"), str) and data["url"].startswith(("http://", "https://")):
        conference.links.append(LinkRecord(url=data["url"], label="Conference website"))
    return conference


def read_video(
    path, *, event_words=frozenset(), root=None, max_size=MAX_SIZE, unpublished=frozenset()
):
    """The talk one video file describes, or None for a video whose `id` is `unpublished`;
    raises `PyvideoError` naming the file (`InputRefused` for a file too large or linked
    from outside `root`, by default the folder above videos/)."""
    name = f"videos/{path.name}"
    root = Path(path).parent.parent if root is None else root
    data = _load(path, name, root=root, max_size=max_size)
    if unpublished and data.get("id") in unpublished:
        return None
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise PyvideoError(name, f"expected the field{'s' * (len(missing) > 1)} {missing}")
    title = data["title"]
    if not isinstance(title, str) or not clean_name(title):
        raise PyvideoError(name, "expected a non-empty string 'title'")
    if len(clean_name(title)) > TITLE_MAX:
        raise PyvideoError(name, f"expected a 'title' of at most {TITLE_MAX} characters")
    speakers = _strings(data, "speakers", name)
    if any(len(clean_name(speaker)) > NAME_MAX for speaker in speakers):
        raise PyvideoError(name, f"expected 'speakers' names of at most {NAME_MAX} characters")
    tags = _strings(data, "tags", name)
    description = data["description"] or data.get("abstract") or data.get("summary") or ""
    if not isinstance(description, str):
        raise PyvideoError(name, "expected 'description' to be a string")
    talk = TalkRecord(
        key=source_key(f"pyvideo:{path.stem}"),
        title=clean_name(title),
        speakers=[SpeakerRecord(name=person) for person in parse_names(speakers)],
        summary=_without_repeats(description, title),
        # No tags (or only the event's name) says nothing: tags added in admin are kept.
        tags=[tag for tag in normalise_tags(tags) if not _is_event_tag(tag, event_words)] or None,
        recorded_on=_recorded(data["recorded"], name),
        duration=_duration(data.get("duration"), name),
        thumbnail_url=_thumbnail(data.get("thumbnail_url"), name),
        links=_video_links(data["videos"], name) + _related_links(data, name),
        origin=name,
    )
    talk.links = list({link.url: link for link in reversed(talk.links)}.values())[::-1]
    return talk


def read_folder(folder, *, slug=None, progress=None, max_size=MAX_SIZE, unpublished=frozenset()):
    """The conference and every readable talk in a folder, plus the problems of the others.

    Raises `PyvideoError` if the folder itself (its `category.json`) cannot be read, and
    `InputRefused` for any file larger than `max_size` bytes or any link that leaves the folder.
    `progress` wraps the list of files, e.g. with a progress bar. Videos whose `id` is in
    `unpublished` are left out (listed in `withheld`).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise PyvideoError(str(folder), "expected a folder with category.json and videos/")
    conference = read_category(folder, slug=slug, max_size=max_size)
    inside(folder / "videos", folder, name="videos/")
    if not (folder / "videos").is_dir():
        raise PyvideoError("videos/", "expected a folder of video files next to category.json")
    event_words = set(re.findall(r"[a-z]+|\d+", f"{conference.slug} {slugify(conference.name)}"))
    result = Folder(conference=conference)
    files = video_files(folder)
    for path in progress(files) if progress else files:
        try:
            talk = read_video(
                path,
                event_words=event_words,
                root=folder,
                max_size=max_size,
                unpublished=unpublished,
            )
        except PyvideoError as error:
            result.problems.append(error)
            continue
        if talk is None:
            result.withheld.append(f"videos/{path.name}")
        else:
            conference.talks.append(talk)
    conference.talks.sort(key=lambda talk: (talk.recorded_on or datetime.date.max, talk.key))
    for position, talk in enumerate(conference.talks, start=1):
        talk.position = position
    if not conference.start_date:
        _year_and_month(conference)
    return result


def _load(path, name, *, root, max_size, kind=dict):
    inside(path, root, name=name)
    try:
        data = json.loads(read_bytes(path, max_size=max_size, name=name).decode("utf-8"))
    except FileNotFoundError:
        raise PyvideoError(name, "missing") from None
    except OSError as error:
        raise PyvideoError(name, f"cannot read it ({error.strerror})") from None
    except UnicodeDecodeError:
        raise PyvideoError(name, "expected UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise PyvideoError(
            name, f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    if not isinstance(data, kind):
        raise PyvideoError(name, f"expected a JSON {'object' if kind is dict else 'list'}")
    return data


def _without_repeats(description, title):
    """The description without leading paragraphs that only repeat the title or the speakers
    ("Presented by Zed A. Shaw"), as old pyvideo imports have them."""
    paragraphs = re.split(r"\n[ \t]*\n", description.strip())
    if paragraphs and clean_name(paragraphs[0]) == clean_name(title):
        paragraphs.pop(0)
    if paragraphs and re.match(r"^presented by\s", paragraphs[0].strip(), re.I):
        paragraphs.pop(0)
    return "\n\n".join(paragraphs).strip()


def _strings(data, key, name):
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise PyvideoError(name, f"expected '{key}' to be a list of strings")
    return value


def _recorded(value, name):
    """The day from "2011-03-11", "2017-10-29T10:30:00+01:00" or "2017-10-29T10:30:00"."""
    if value is None:
        return None
    try:
        return datetime.datetime.fromisoformat(value).date()
    except (TypeError, ValueError):
        raise PyvideoError(name, f"expected 'recorded' as YYYY-MM-DD, not {value!r}") from None


def _duration(value, name):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise PyvideoError(name, "expected 'duration' to be a number of seconds")
    return round(value)


def _thumbnail(value, name):
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        raise PyvideoError(name, "expected 'thumbnail_url' to be a string")
    return value if is_web_url(value, max_length=500) else ""


def _video_links(videos, name):
    """Recording links, embeddable YouTube and Vimeo ones first."""
    if not isinstance(videos, list):
        raise PyvideoError(name, "expected 'videos' to be a list of {type, url}")
    links = []
    for video in videos:
        if not isinstance(video, dict) or not isinstance(video.get("url"), str):
            raise PyvideoError(name, "expected each of 'videos' to be an object with a 'url'")
        url = video["url"].strip()
        if not is_web_url(url):
            continue
        kind = str(video.get("type") or "").strip().lower()
        embedded = parse_video_url(url)
        if embedded and not embedded.is_playlist:
            label = f"Video on {embedded.provider_name}"
        else:
            label = f"Video on {kind}" if "." in kind else f"Video ({kind or 'file'})"
        links.append(
            (embedded is None or embedded.is_playlist, LinkRecord(url, label, "recording"))
        )
    return [link for _, link in sorted(links, key=lambda item: item[0])]


def _related_links(data, name):
    """Related URLs, bare strings or {label, url} objects."""
    related = data.get("related_urls") or []
    if not isinstance(related, list):
        raise PyvideoError(name, "expected 'related_urls' to be a list")
    links = []
    for item in related:
        if isinstance(item, str):
            url, label = item.strip(), ""
        elif isinstance(item, dict) and isinstance(item.get("url"), str):
            url, label = item["url"].strip(), clean_name(str(item.get("label") or ""))
        else:
            raise PyvideoError(name, "expected each of 'related_urls' to be a URL or {label, url}")
        if not is_web_url(url):
            continue
        kind = link_kind(url)
        if kind == "reference" and "slide" in label.lower():
            kind = "slides"
        links.append(LinkRecord(url=url, label=label[:200], kind=kind))
    return links


def _is_event_tag(tag, event_words):
    """True for tags that only repeat the event ("pycon", "pycon2011" at PyCon US 2011)."""
    parts = re.findall(r"[a-z]+|\d+", tag)
    return bool(parts) and all(part in event_words for part in parts)


def _year_and_month(conference):
    """Year (and month, if all agree) from the talks' recording dates."""
    days = sorted({talk.recorded_on for talk in conference.talks if talk.recorded_on})
    if not days:
        return
    if days[0].year == days[-1].year:
        conference.year = days[0].year
        if (days[0].month) == days[-1].month:
            conference.month = days[0].month
