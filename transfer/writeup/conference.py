"""The conference around the talks: its title, byline, front matter, description and links,
and what is left to fill in on each talk (metadata lines, summary, links, ★, key)."""

import datetime
import re

from django.utils.text import slugify

from ..dates import parse_loose_date, parse_when
from ..people import looks_like_person
from ..records import (
    LINK_KINDS,
    LinkRecord,
    clean_name,
    is_web_url,
    link_kind,
    name_key,
    normalise_tags,
    source_key,
)
from .credits import bare_credits, by_line, heading_credits
from .document import WriteupError, links_in
from .sections import body_lines, is_toc, summary_text, toc_entries
from .text import (
    clean_heading,
    clean_title,
    paragraphs,
    strip_decoration,
    strip_emphasis,
    strip_star,
)

SLUG_MAX = 200
TITLE_MAX = 300
META_LINE = re.compile(
    r"^[*_]*(?P<key>title|topic|tags|slug|recorded|duration|thumbnail)[*_]*\s*:[*_]*"
    r"\s*(?P<value>.*?)\s*$",
    re.I,
)
LINKS_HEADER = re.compile(r"^[*_]*links[*_]*\s*:?[*_]*\s*$", re.I)
LINK_ITEM = re.compile(
    r"^[-*+]\s+(?:(?P<kind>" + "|".join(LINK_KINDS) + r"):\s+)?"
    r"\[(?P<label>(?:\\.|[^\]\\])*)\]\(<?(?P<url>[^\s>]+?)>?\)\s*$"
)
DURATION = re.compile(r"^(?:(?:(\d+):)?(\d{1,2}):)?(\d+)$")
BYLINE_SEPARATOR = re.compile(r"\s*(?:,|·|\||—|–|\s-\s|\bon\b)\s*")
LINKED_NAME = re.compile(r"^\[(?P<name>[^\]]+)\]\((?P<url>[^)\s]+)\)$")
FAVOURITES = re.compile(
    r"favou?rites?|top picks?|must[- ](?:see|watch)|highlights|recommend|best talks|"
    r"if you only",
    re.I,
)


def find_title_heading(document, known):
    """The heading that titles the write-up: the first, unless front matter gives the title
    or the first heading is a talk (below level 1) among others at its level."""
    headings = document.headings
    if not headings:
        return None
    first = headings[0]
    front = document.front
    front_title = front.get("title") or front.get("name")
    if isinstance(front_title, str) and front_title:
        same = name_key(clean_title(first.text)) == name_key(clean_title(front_title))
        return first if first.level == 1 and same else None
    talks_at_its_level = first.level > 1 and any(h.level == first.level for h in headings[1:])
    if talks_at_its_level and _names_speaker(document, first, known):
        return None
    return first


def _names_speaker(document, heading, known):
    """True if a heading (or the line or sub-heading under it) names a speaker."""
    text = strip_star(clean_heading(heading.text))[1]
    if heading_credits(text, known)[0]:
        return True
    following = next((b for b in document.blocks if b.start >= heading.end), None)
    if following is not None and following.kind in {"heading", "paragraph"}:
        line = clean_heading(following.text.splitlines()[0]) if following.text else ""
        if following.kind == "heading" and following.level > heading.level:
            return bool(by_line(line, known) or bare_credits(line, known))
        return bool(by_line(line, known))
    return False


def conference_name(document, title_heading, name):
    front = document.front
    # The event a post is about names the conference better than the post's own title.
    front_title = front.get("conference") or front.get("event")
    front_title = front_title or front.get("title") or front.get("name") or ""
    return (
        clean_name(name or "")
        or clean_title(front_title if isinstance(front_title, str) else "")
        or (clean_title(title_heading.text) if title_heading else "")
    )


def finish_talk(document, section, talk, position, *, drop=frozenset()):
    """Fill in the talk's metadata, summary, links and position from its section."""
    numbered = body_lines(document, section, drop=drop)
    numbered = _read_metadata(numbered, talk)
    numbered, explicit_links = _split_links_block(numbered)
    talk.summary = summary_text(numbered)
    if explicit_links is not None:
        talk.links = explicit_links
    else:
        talk.links = [
            link for link in links_in(talk.summary) if link.url not in section.speaker_links
        ]
    talk.position = position


def finish_intro(document, conference, sections, *, drop=frozenset()):
    """Byline, description and conference links from the intro and the non-talk sections."""
    intro = sections[0]
    toc = _toc_lines(intro)
    numbered = [(n, line) for n, line in body_lines(document, intro, drop=drop) if n - 1 not in toc]
    numbered, explicit_links = _split_links_block(numbered)
    lines = [line for _, line in numbered]
    if not {"author", "date", "dates"} & set(document.front):
        lines = _read_byline(conference, lines)
    parts = [paragraphs(strip_decoration(lines))]
    for section in sections[1:]:
        if section.kind != "other":
            continue
        toc = _toc_lines(section)
        body = [
            (n, line) for n, line in body_lines(document, section, drop=drop) if n - 1 not in toc
        ]
        text = summary_text(body)
        if text:
            raw = document.lines[section.heading.start : section.heading.end]
            heading = "\n".join(strip_decoration(raw)).strip()
            parts.append(f"{heading}\n\n{text}")
    description = "\n\n".join(part for part in parts if part)
    conference.description = description
    if explicit_links is not None:
        conference.links = explicit_links
    else:
        conference.links = [
            link for link in links_in(description) if link.kind in {"playlist", "recording"}
        ]


def _toc_lines(section):
    lines = set()
    for block in section.blocks:
        if is_toc(block):
            lines.update(range(block.start, block.end))
    return lines


def mark_favourites(sections, talk_sections):
    """★ the talks a "favourites" table of contents lists (one whose items carry no ★)."""
    by_anchor, by_title = {}, {}
    for section in talk_sections:
        for anchor in section.anchors:
            by_anchor.setdefault(anchor, section.talk)
        by_title.setdefault(name_key(section.talk.title), section.talk)
    for section in sections:
        if section.kind == "talk":
            continue
        previous = None
        for block in section.blocks:
            if is_toc(block) and _introduces_favourites(previous, section):
                entries = toc_entries(block)
                if not any(strip_star(text)[0] for text, _ in entries):
                    for text, anchor in entries:
                        talk = by_anchor.get(anchor) or _by_title(text, by_title)
                        if talk is not None:
                            talk.recommended = True
            previous = block


def _introduces_favourites(previous, section):
    texts = []
    if previous is not None and previous.kind in {"paragraph", "heading"}:
        texts.append(previous.text)
    elif previous is None and section.heading is not None:
        texts.append(section.heading.text)
    return any(FAVOURITES.search(text) for text in texts)


def _by_title(text, by_title):
    """The talk a table of contents entry names: "Title" or "Title by Jane Doe"."""
    wanted = name_key(text)
    if wanted in by_title:
        return by_title[wanted]
    title, by, _ = wanted.rpartition(" by ")
    return by_title.get(title) if by else None


def _split_links_block(numbered):
    """(lines before a closing "Links:" list, its links or None) for a section's lines."""
    content = list(numbered)
    while content and not content[-1][1].strip():
        content.pop()
    items = []
    index = len(content) - 1
    while index >= 0 and (
        LINK_ITEM.match(content[index][1].strip()) or not content[index][1].strip()
    ):
        if content[index][1].strip():
            items.append(content[index])
        index -= 1
    if index < 0 or not items or not LINKS_HEADER.match(content[index][1].strip()):
        return numbered, None
    links = []
    for _, line in reversed(items):
        match = LINK_ITEM.match(line.strip())
        url = match["url"]
        if not is_web_url(url):
            continue
        label = re.sub(r"\\(.)", r"\1", match["label"])
        links.append(LinkRecord(url=url, label=label, kind=match["kind"] or link_kind(url)))
    return content[:index], links


def _read_metadata(numbered, talk):
    """Consume the `Key: value` lines at the top of a talk's body into `talk`."""
    index = 0
    while index < len(numbered) and not numbered[index][1].strip():
        index += 1
    while index < len(numbered):
        number, line = numbered[index]
        match = META_LINE.match(line.strip())
        if not match:
            break
        _set_metadata(talk, match["key"].lower(), match["value"].rstrip("\\ ").strip(), number)
        index += 1
    return numbered[index:]


def _set_metadata(talk, key, value, number):
    if key == "title":
        if not value or len(value) > TITLE_MAX:
            raise WriteupError(number, f"a title of 1 to {TITLE_MAX} characters after 'Title:'")
        talk.title = value
    elif key == "topic":
        talk.topic = value
    elif key == "tags":
        talk.tags = (talk.tags or []) + normalise_tags(value.split(","))
    elif key == "slug":
        if not value or slugify(value) != value or len(value) > SLUG_MAX:
            raise WriteupError(number, "a slug of lowercase letters, digits and '-' after 'Slug:'")
        talk.slug = value
    elif key == "recorded":
        try:
            talk.recorded_on = datetime.date.fromisoformat(value)
        except ValueError:
            raise WriteupError(number, "a date like 2015-09-17 after 'Recorded:'") from None
    elif key == "duration":
        match = DURATION.match(value)
        if not match:
            raise WriteupError(number, "a duration like 1834 or 0:30:34 after 'Duration:'")
        hours, minutes, seconds = (int(part or 0) for part in match.groups())
        talk.duration = hours * 3600 + minutes * 60 + seconds
    elif key == "thumbnail":
        if not is_web_url(value):
            raise WriteupError(number, "an http(s) URL after 'Thumbnail:'")
        talk.thumbnail_url = value


def _read_byline(conference, lines):
    """Take "[Author](url), Sep 2015" (or "by Author", or a date) off the top of the intro."""
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines) or (index + 1 < len(lines) and lines[index + 1].strip()):
        return lines
    line = strip_emphasis(lines[index].strip())
    author, url, date = _parse_byline(line)
    if not (author or date):
        return lines
    if author:
        conference.writeup_author = author
        conference.writeup_author_url = url
    if date:
        conference.year, conference.month = date[0], date[1]
    return lines[:index] + lines[index + 1 :]


def _parse_byline(line):
    """(author, author URL, (year, month, day)) from a byline; blanks for what it lacks."""
    line, by = re.subn(r"^(?:posted |written |notes )?by\s+", "", line, flags=re.I)
    date = parse_loose_date(strip_emphasis(line))
    if date:
        return "", "", date
    for match in BYLINE_SEPARATOR.finditer(line):
        who = strip_emphasis(line[: match.start()])
        when = parse_loose_date(strip_emphasis(line[match.end() :]))
        if when:
            author, url = _author(who)
            if author:
                return author, url, when
    author, url = _author(strip_emphasis(line)) if by else ("", "")
    return author, url, None


def _author(text):
    linked = LINKED_NAME.match(text.strip())
    if linked and is_web_url(linked["url"]):
        return clean_name(linked["name"]), linked["url"]
    if looks_like_person(text, single_word=True):
        return clean_name(text), ""
    return "", ""


def apply_front_matter(conference, front, front_lines):
    """Conference fields the front matter gives (it wins over the title and byline)."""
    for key, attribute in (
        ("author", "writeup_author"),
        ("author_url", "writeup_author_url"),
        ("writeup_url", "writeup_url"),
        ("url", "writeup_url"),
        ("raw_notes_url", "raw_notes_url"),
        ("city", "city"),
        ("country", "country"),
    ):
        if isinstance(front.get(key), str) and front[key]:
            setattr(conference, attribute, front[key])
    if isinstance(front.get("date"), str) and front["date"]:
        date = parse_loose_date(front["date"][:10])
        if date:
            conference.year, conference.month = date[0], date[1]
    if isinstance(front.get("dates"), str) and front["dates"]:
        try:
            when = parse_when(front["dates"])
        except ValueError as error:
            line = front_lines.get("dates", 1)
            raise WriteupError(line, str(error).removeprefix("expected ")) from None
        conference.year, conference.month = when.year, when.month
        conference.start_date, conference.end_date = when.start_date, when.end_date


def assign_keys(talks):
    """A stable key per talk for re-imports: its speakers, or its slug if it names none."""
    seen = {}
    for talk in talks:
        if talk.speakers:
            base = "by:" + "+".join(
                slugify(name_key(s.name)) or name_key(s.name) for s in talk.speakers
            )
        else:
            base = "slug:" + (talk.slug or slugify(talk.title))
        seen[base] = seen.get(base, 0) + 1
        talk.key = source_key(base if seen[base] == 1 else f"{base}#{seen[base]}")
