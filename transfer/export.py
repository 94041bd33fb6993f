"""A conference out again: as JSON (the API's shape) and as a write-up `import_writeup` reads.

Talks are exported through `talks.schemas.talk_data`, the API's own definition of a talk,
so that an export and an API response never drift apart.
"""

import json
import re

import yaml
from django.db.models import Prefetch
from django.utils.text import slugify

from talks.exports import escape_url, markdown_without_html
from talks.models import Link, Talk
from talks.schemas import TalkOut, conference_data, talk_data

from .dates import format_when


def link_to_dict(link):
    return {"kind": link.kind, "url": link.url, "label": link.label}


def talk_to_dict(talk):
    """A talk exactly as the API serves it (`talks.schemas`), JSON-ready.

    Expects `Talk.objects.for_data()` (no queries of its own).
    """
    return TalkOut.model_validate(talk_data(talk)).model_dump(mode="json")


def conference_to_dict(conference, talks):
    """A conference with its links and `talks` (from `conference_talks`) as JSON."""
    return {
        **conference_data(conference),
        "start_date": conference.start_date.isoformat() if conference.start_date else None,
        "end_date": conference.end_date.isoformat() if conference.end_date else None,
        "description": conference.description,
        "writeup_author": conference.writeup_author,
        "writeup_author_url": conference.writeup_author_url,
        "writeup_url": conference.writeup_url,
        "raw_notes_url": conference.raw_notes_url,
        "links": [link_to_dict(link) for link in conference.links.all()],
        "talks": [talk_to_dict(talk) for talk in talks],
    }


def conference_talks(conference):
    """The conference's talks in write-up order, with everything an export reads."""
    return Talk.objects.filter(conference=conference).for_data().order_by("position", "pk")


def conference_with_links(queryset, slug):
    """The conference with this slug, its links prefetched; raises DoesNotExist."""
    return queryset.prefetch_related(
        Prefetch("links", queryset=Link.objects.order_by("position", "pk"))
    ).get(slug=slug)


def conference_to_markdown(conference, talks):
    """A write-up that `import_writeup` reads back to the same conference, talks and links."""
    when = format_when(
        year=conference.year,
        month=conference.month,
        start_date=conference.start_date,
        end_date=conference.end_date,
    )
    front = [
        ("title", conference.name),
        ("slug", conference.slug if conference.slug != slugify(conference.name) else ""),
        ("city", conference.city),
        ("country", conference.country),
        ("dates", when),
        ("author", conference.writeup_author),
        ("author_url", conference.writeup_author_url),
        ("writeup_url", conference.writeup_url),
        ("raw_notes_url", conference.raw_notes_url),
    ]
    parts = ["---\n" + "".join(f"{k}: {_quote(v)}\n" for k, v in front if v) + "---"]
    parts.append(f"# {_text(conference.name)}")
    if conference.description:
        parts.append(markdown_without_html(conference.description))
    conference_links = list(conference.links.all())
    if conference_links:
        parts.append(_links_block(conference_links))
    for talk in talks:
        parts.append(_talk_markdown(talk))
    return "\n\n".join(parts) + "\n"


def _talk_markdown(talk):
    star = " ★" if talk.recommended else ""
    lines = [f"## {_text(_one_line(talk.title))}{star}", ""]
    speakers = talk.speaker_list()
    credits = " & ".join(_credit(speaker) for speaker in speakers) if speakers else "unknown"
    lines += [f"Speakers: {credits}", ""]
    meta = [("Slug", talk.slug)]
    if talk.topic:
        meta.append(("Topic", _text(talk.topic)))
    tags = sorted(tag.name for tag in talk.tag_list())
    if tags:
        meta.append(("Tags", _text(", ".join(tags))))
    if talk.recorded_on:
        meta.append(("Recorded", talk.recorded_on.isoformat()))
    if talk.duration is not None:
        hours, rest = divmod(talk.duration, 3600)
        meta.append(("Duration", f"{hours}:{rest // 60:02d}:{rest % 60:02d}"))
    if escape_url(talk.thumbnail_url):
        meta.append(("Thumbnail", escape_url(talk.thumbnail_url)))
    # Two trailing spaces: a line break, so each fact shows on its own line.
    lines += [f"{key}: {value}  " for key, value in meta]
    block = "\n".join(lines).rstrip()
    parts = [block]
    if talk.summary:
        parts.append(markdown_without_html(talk.summary))
    links = list(talk.links.all())
    if links:
        parts.append(_links_block(links))
    return "\n\n".join(parts)


def _credit(speaker):
    """ "Name (Company)", each linked to its website when it has one."""
    name = _linked(_text(speaker.name), speaker.website)
    company = speaker.company
    if not company:
        return name
    return f"{name} ({_linked(_text(company.name), company.website)})"


def _linked(text, url):
    """`[text](url)` for an http(s) URL (escaped), else `text`."""
    return f"[{text}]({escape_url(url)})" if escape_url(url) else text


def _links_block(links):
    items = [
        f"- {link.kind}: [{_escape_label(link.label)}]({escape_url(link.url)})"
        for link in links
        if escape_url(link.url)
    ]
    return "Links:\n\n" + "\n".join(items)


def _escape_label(label):
    return _text(re.sub(r"([\[\]\\])", r"\\\1", label))


def _one_line(text):
    return " ".join(text.split())


def _text(text):
    """Text shown as written, not as HTML: raw HTML escaped, script links unlinked."""
    return markdown_without_html(text)


def _quote(value):
    """`value` as a YAML scalar that reads back as this very string (quoted only if needed)."""
    value = _one_line(str(value))
    value = escape_url(value) if re.match(r"https?://", value) else _text(value)
    try:
        plain = yaml.safe_load(f"key: {value}") == {"key": value}
    except yaml.YAMLError:
        plain = False
    return value if plain else json.dumps(value, ensure_ascii=False)
