"""Parse a Markdown conference write-up into a `ConferenceRecord` (pure: no database).

A write-up is a title, an optional byline ("[Author](url), Sep 2015"), an intro, and one
section per talk. A talk section's heading names the speaker(s), optionally a company, a
topic and a ★ ("## Jane Doe & Joe Bloggs, Acme - Scaling ★"), or gives the talk's title with
the speakers in the next heading or line ("by Jane Doe"). A section that names no speaker
(an intro, "Summary", "Final thoughts") is not a talk: its text joins the conference
description. Tables of contents, HTML anchors and tracking images are not content.
Optional lines right under a talk heading carry what prose cannot (`Topic:`, `Tags:`,
`Slug:`, `Recorded:`, `Duration:`, `Thumbnail:`), and a final "Links:" list gives the
talk's links exactly; `export_conference` writes both.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from .dates import parse_loose_date, parse_when
from .people import is_placeholder, looks_like_person, parse_credits, split_people
from .records import (
    LINK_KINDS,
    ConferenceRecord,
    LinkRecord,
    TalkRecord,
    clean_name,
    is_web_url,
    link_kind,
    name_key,
    normalise_tags,
    source_key,
)

TITLE_MAX = 300
SLUG_MAX = 200

ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
FRONT_MATTER_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
EMPTY_ANCHOR = re.compile(
    r"<(a|span|div)\b[^>]*\b(?:id|name)\s*=[^>]*>\s*</\1\s*>|<(?:a|span)\b[^>]*\b(?:id|name)\s*=[^>]*/>",
    re.I,
)
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
ATTRIBUTE_LIST = re.compile(r"\s*\{:?\s*#[\w\-:.]+[^}]*\}\s*$")
TRACKING = re.compile(
    r"beacon|pixel|analytics|tracking|tracker|counter|1x1|doubleclick|googletagmanager|piwik|matomo",
    re.I,
)
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
INLINE_LINK = re.compile(
    r"(?<!!)\[((?:\\.|[^\[\]\\])+)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))+)>?(?:\s+\"[^\"]*\")?\s*\)"
)
REFERENCE_LINK = re.compile(r"(?<![!\]])\[((?:\\.|[^\[\]\\])+)\](?:\[([^\]]*)\])")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+[\"'(].*[\"')])?\s*$")
AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
TOC_ITEM = re.compile(r"^\[(?:\\.|[^\]\\])+\]\(#[^)]*\)\s*$")
STAR = re.compile(r"[★⭐🌟]|\((?:starred|recommended)\)|\[(?:starred|recommended)\]", re.I)
TOPIC_SEPARATOR = re.compile(r"\s+[-–—]\s+|:\s+")
BY_LINE = re.compile(
    r"^[*_]*\s*(?P<verb>by|presented by|speakers?|speaker\(s\))\s*(?P<colon>:?)[*_]*"
    r"\s+(?P<names>.+?)\s*$",
    re.I,
)
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


class WriteupError(ValueError):
    """A write-up this parser cannot understand: where, and what it expected there."""

    def __init__(self, line, expected):
        self.line = line
        self.expected = expected
        super().__init__(f"line {line}: expected {expected}")


@dataclass
class Heading:
    level: int
    text: str
    index: int  # 0-based line of the heading
    end: int  # first line after it (setext headings span two lines)

    @property
    def line(self):
        return self.index + 1


@dataclass
class Section:
    kind: str  # "intro", "talk" or "other"
    heading: Heading | None = None
    lines: list[tuple[int, str]] = field(default_factory=list)
    talk: TalkRecord | None = None
    exported: bool = False  # has a `Slug:` line, as `export_conference` writes
    raw: list[str] = field(default_factory=list)  # the heading's own lines, as written


def parse_writeup(text, *, name=None, known_companies=frozenset(), known_speakers=frozenset()):
    """The conference and talks a write-up describes; raises `WriteupError` if it cannot tell.

    `name` names the conference when the file does not (or names it better).
    `known_companies` and `known_speakers` are `name_key`s that settle "Name, Other":
    a known company is a company, a known speaker is a second speaker.
    """
    lines = text.lstrip("\ufeff").splitlines()
    front, start = _front_matter(lines)
    headings = _headings(lines, start)
    context = _Context(lines, headings, None, known_companies, known_speakers)
    title_heading = _title_heading(front, headings, context)
    context.title_heading = title_heading
    name = (
        clean_name(name or "")
        or _clean_title(front.get("title") or front.get("name") or "")
        or (_clean_title(title_heading.text) if title_heading else "")
    )
    if not name:
        raise WriteupError(
            start + 1,
            "a title: a '# Heading' or 'title:' in the front matter, or --conference-name",
        )
    sections = context.sections(start)
    talks = [section.talk for section in sections if section.kind == "talk"]
    if not talks:
        raise WriteupError(
            len(lines) or 1,
            "at least one talk section: a heading that names its speaker "
            "('## Jane Doe, Acme - Topic') or a title heading followed by 'by Jane Doe'",
        )
    conference = ConferenceRecord(name=name, slug=slugify(front.get("slug") or name), talks=talks)
    _finish_intro(conference, sections, front)
    _apply_front_matter(conference, front)
    for position, (section, talk) in enumerate(
        ((s, s.talk) for s in sections if s.kind == "talk"), start=1
    ):
        _finish_talk(section, talk, position)
    _assign_keys(talks)
    return conference


class _Context:
    def __init__(self, lines, headings, title_heading, known_companies, known_speakers):
        self.lines = lines
        self.headings = {heading.index: heading for heading in headings}
        self.title_heading = title_heading
        self.known_companies = known_companies
        self.known_speakers = known_speakers

    def sections(self, start):
        """Split the document into the intro, talk sections and other sections."""
        sections = [Section(kind="intro")]
        talk_level = None
        index = start
        while index < len(self.lines):
            heading = self.headings.get(index)
            if heading is None:
                sections[-1].lines.append((index + 1, self.lines[index]))
                index += 1
                continue
            if heading is self.title_heading:
                index = heading.end
                continue
            current = sections[-1]
            talk, resume, explicit = self.talk_at(heading)
            if talk and not explicit and talk_level is not None and heading.level != talk_level:
                talk = None
            if current.kind == "talk" and current.exported:
                # In an exported write-up only another exported talk ends a talk: a summary
                # may hold headings of any level.
                if not (talk and explicit and self.has_slug_line(resume)):
                    talk = None
                absorb = talk is None
            else:
                absorb = talk is None and current.kind == "talk"
                absorb = absorb and heading.level > current.heading.level
            if absorb:
                current.lines.extend(
                    (number + 1, self.lines[number]) for number in range(index, heading.end)
                )
                index = heading.end
                continue
            if talk is None:
                sections.append(
                    Section(kind="other", heading=heading, raw=self.lines[index : heading.end])
                )
                index = heading.end
                continue
            talk_level = talk_level or heading.level
            sections.append(
                Section(
                    kind="talk",
                    heading=heading,
                    talk=talk,
                    exported=explicit and self.has_slug_line(resume),
                )
            )
            index = resume
        return sections

    def next_content(self, index):
        """The index of the first non-blank line at or after `index`, or None."""
        while index < len(self.lines):
            if self.lines[index].strip():
                return index
            index += 1
        return None

    def talk_at(self, heading):
        """(TalkRecord or None, index where its body starts, whether the title is explicit)."""
        star, text = _strip_star(_clean_heading(heading.text))
        following = self.next_content(heading.end)
        by_line = None
        resume = heading.end
        if following is not None:
            next_heading = self.headings.get(following)
            candidate = next_heading.text if next_heading else self.lines[following]
            by_line = self.by_line(_clean_heading(candidate) if next_heading else candidate)
            if by_line is not None:
                resume = next_heading.end if next_heading else following + 1
        if by_line is not None:
            credits, by_star = by_line
            talk = self.new_talk(heading, title=text, credits=credits, star=star or by_star)
            return talk, resume, True
        credits, topic = self.heading_credits(text)
        if credits:
            title = topic or "Talk by " + " & ".join(credit.name for credit in credits)
            talk = self.new_talk(heading, title=title, credits=credits, star=star)
            talk.topic = topic or ""
            return talk, resume, False
        if self.has_slug_line(heading.end):
            return self.new_talk(heading, title=text, credits=[], star=star), resume, True
        return None, resume, False

    def new_talk(self, heading, *, title, credits, star):
        if not title:
            raise WriteupError(heading.line, "a talk title in the heading")
        if len(title) > TITLE_MAX:
            raise WriteupError(heading.line, f"a talk title of at most {TITLE_MAX} characters")
        return TalkRecord(
            key="",
            title=title,
            speakers=credits,
            recommended=star,
            origin=f"line {heading.line}",
        )

    def by_line(self, text):
        """(speakers, ★) if `text` is a line such as "by Jane Doe, Acme ★", else None."""
        star, text = _strip_star(text.strip())
        match = BY_LINE.match(text)
        if not match:
            return None
        verb = match["verb"].lower()
        if verb.startswith("speaker") and not match["colon"]:
            return None
        names = match["names"].strip("*_ ")
        if verb.startswith("speaker") and all(is_placeholder(n) for n in split_people(names)):
            return [], star
        credits = parse_credits(
            names,
            known_companies=self.known_companies,
            known_speakers=self.known_speakers,
            loose=verb.startswith("speaker"),
        )
        if credits is None and not verb.startswith("speaker"):
            credits = _single_names(names, self.known_companies)
        if credits is None:
            return None
        return credits, star

    def heading_credits(self, text):
        """(speakers, topic) named by a heading like "Jane Doe, Acme - Topic", or (None, None)."""
        match = TOPIC_SEPARATOR.search(text)
        options = [(text, None)]
        if match:
            left, right = text[: match.start()].strip(), text[match.end() :].strip()
            options = [(left, right), (right, left), (text, None)]
        for names, topic in options:
            credits = parse_credits(
                names, known_companies=self.known_companies, known_speakers=self.known_speakers
            )
            if credits:
                return credits, _strip_emphasis(topic) if topic else ""
        return None, None

    def has_slug_line(self, index):
        index = self.next_content(index)
        while index is not None and index not in self.headings:
            match = META_LINE.match(self.lines[index].strip())
            if not match:
                return False
            if match["key"].lower() == "slug":
                return True
            index += 1
        return False


def _single_names(text, known_companies):
    """Speakers after "by" when they are one-word names ("by Mrinal & Ola")."""
    credits = parse_credits(text, known_companies=known_companies, loose=True)
    if credits and all(looks_like_person(c.name, single_word=True) for c in credits):
        return credits
    return None


def _front_matter(lines):
    """(keys and values of a leading '---' block, index of the first line after it)."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    front = {"_lines": {}}
    for index in range(1, len(lines)):
        line = lines[index]
        if line.strip() in {"---", "..."}:
            return front, index + 1
        if not line.strip() or line.lstrip().startswith("#") or line[:1] in {" ", "\t", "-"}:
            continue  # blank, comment, or part of a nested value we do not read
        match = FRONT_MATTER_LINE.match(line)
        if not match:
            raise WriteupError(index + 1, "'key: value' in the front matter")
        value = match[2].strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        key = match[1].lower().replace("-", "_")
        front[key] = value
        front["_lines"][key] = index + 1
    raise WriteupError(1, "the front matter that starts here to end with a '---' line")


def _headings(lines, start):
    """ATX and setext headings outside code blocks; raises on an unclosed code fence."""
    headings = []
    fence = None
    fence_line = 0
    index = start
    while index < len(lines):
        line = lines[index]
        match = FENCE.match(line)
        if fence:
            if match and match[1][0] == fence[0] and len(match[1]) >= len(fence):
                fence = None
            index += 1
            continue
        if match:
            fence, fence_line = match[1], index + 1
            index += 1
            continue
        atx = ATX_HEADING.match(line)
        if atx:
            headings.append(Heading(len(atx[1]), (atx[2] or "").strip(), index, index + 1))
            index += 1
            continue
        underline = SETEXT_UNDERLINE.match(lines[index + 1]) if index + 1 < len(lines) else None
        previous_blank = index == start or not lines[index - 1].strip()
        if (
            underline
            and line.strip()
            and previous_blank
            and not LIST_ITEM.match(line)
            and not line.startswith(("    ", "\t", ">"))
        ):
            level = 1 if underline[1][0] == "=" else 2
            headings.append(Heading(level, line.strip(), index, index + 2))
            index += 2
            continue
        index += 1
    if fence:
        raise WriteupError(fence_line, f"the code block opened here to be closed with {fence}")
    return headings


def _title_heading(front, headings, context):
    """The heading that titles the write-up: the first, unless front matter gives the title
    or the first heading is a talk (below level 1) among others at its level."""
    if not headings:
        return None
    first = headings[0]
    if front.get("title") or front.get("name"):
        front_title = _clean_title(front.get("title") or front.get("name"))
        same = name_key(_clean_title(first.text)) == name_key(front_title)
        return first if first.level == 1 and same else None
    talks_at_its_level = first.level > 1 and any(h.level == first.level for h in headings[1:])
    if talks_at_its_level and context.talk_at(first)[0] is not None:
        return None
    return first


def _clean_heading(text):
    """Heading text without anchors, HTML tags or attribute lists."""
    text = HTML_COMMENT.sub("", text)
    text = ATTRIBUTE_LIST.sub("", text)
    text = HTML_TAG.sub("", text)
    return " ".join(text.split())


def _clean_title(text):
    """A title without emoji or decoration around it ("🐳 Container Camp" → "Container Camp")."""
    text = _strip_emphasis(_clean_heading(text or ""))
    return re.sub(r"^[^\w\[(\"'“]+|[^\w)\]\"'”!?.]+$", "", text).strip()


def _strip_emphasis(text):
    text = (text or "").strip()
    while len(text) >= 2 and text[0] == text[-1] and text[0] in "*_`":
        text = text[1:-1].strip()
    return text


def _strip_star(text):
    """(whether `text` carries the editorial ★, the text without it)."""
    text = text.strip()
    starred = bool(STAR.search(text))
    text = STAR.sub("", text).strip()
    # A trailing "*" that closes no emphasis is a star: "Jane Doe - Topic *".
    if text.endswith("*") and (text.endswith(" *") or text.count("*") % 2 == 1):
        starred = True
        text = text.rstrip("*").strip()
    return starred, " ".join(text.split())


def _strip_decoration(lines):
    """Lines without HTML comments, empty anchors and tracking images (none of it is content)."""
    if not lines:
        return []
    text = HTML_COMMENT.sub(lambda match: "\n" * match[0].count("\n"), "\n".join(lines))
    text = EMPTY_ANCHOR.sub("", text)
    text = MARKDOWN_IMAGE.sub(lambda match: "" if TRACKING.search(match[1]) else match[0], text)
    text = HTML_IMAGE.sub(
        lambda match: "" if TRACKING.search(match[0]) or _is_pixel(match[0]) else match[0], text
    )
    # A line that held only decoration goes; blank lines stay blank.
    return [
        cleaned
        for original, cleaned in zip(lines, text.split("\n"), strict=True)
        if cleaned.strip() or not original.strip()
    ]


def _is_pixel(tag):
    return bool(re.search(r"\b(?:width|height)\s*=\s*[\"']?[01][\"'\s/>]", tag, re.I))


def _without_toc(lines):
    """Lines without a list whose every item only links to an anchor in the page."""
    result = []
    block = []

    def flush():
        items = [LIST_ITEM.match(line) for line in block]
        if not (block and all(item and TOC_ITEM.match(item[1].strip()) for item in items)):
            result.extend(block)
        block.clear()

    for line in lines:
        if LIST_ITEM.match(line):
            block.append(line)
            continue
        flush()
        result.append(line)
    flush()
    return result


def _paragraphs(lines):
    """Join lines and trim blank space at both ends; the Markdown in between is kept as is."""
    return "\n".join(lines).strip()


def _split_links_block(numbered):
    """(lines before a closing "Links:" list, its links or None) for a section's lines."""
    content = [(number, line) for number, line in numbered]
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


def links_in(text):
    """Links written in Markdown text, in order, one per URL; images and anchors skipped."""
    definitions = {}
    for line in text.splitlines():
        match = REFERENCE_DEFINITION.match(line)
        if match:
            definitions.setdefault(match[1].strip().lower(), match[2])
    found = []
    for match in INLINE_LINK.finditer(text):
        found.append((match.start(), match[1], match[2]))
    for match in REFERENCE_LINK.finditer(text):
        reference = (match[2] or match[1]).strip().lower()
        if reference in definitions:
            found.append((match.start(), match[1], definitions[reference]))
    for match in AUTOLINK.finditer(text):
        found.append((match.start(), match[1], match[1]))
    links = {}
    for _, label, url in sorted(found, key=lambda item: item[0]):
        if not is_web_url(url) or url in links:
            continue
        label = re.sub(r"\\(.)", r"\1", label).strip().strip("*_`").strip()
        links[url] = LinkRecord(url=url, label=label, kind=link_kind(url))
    return list(links.values())


def _read_metadata(section, talk):
    """Consume the `Key: value` lines under a talk heading into `talk`."""
    lines = section.lines
    index = 0
    while index < len(lines) and not lines[index][1].strip():
        index += 1
    while index < len(lines):
        number, line = lines[index]
        match = META_LINE.match(line.strip())
        if not match:
            break
        _set_metadata(talk, match["key"].lower(), match["value"].rstrip("\\ ").strip(), number)
        index += 1
    section.lines = lines[index:]


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


def _finish_talk(section, talk, position):
    """Fill in the talk's summary, links and position from its section."""
    _read_metadata(section, talk)
    numbered, explicit_links = _split_links_block(section.lines)
    summary = _paragraphs(_strip_decoration([line for _, line in numbered]))
    talk.summary = summary
    talk.links = explicit_links if explicit_links is not None else links_in(summary)
    talk.position = position


def _finish_intro(conference, sections, front):
    """Byline, description and conference links from the intro and the non-talk sections."""
    intro = sections[0]
    numbered, explicit_links = _split_links_block(intro.lines)
    lines = [line for _, line in numbered]
    if not {"author", "date", "dates"} & set(front):
        lines = _read_byline(conference, lines)
    parts = [_paragraphs(_without_toc(_strip_decoration(lines)))]
    for section in sections[1:]:
        if section.kind != "other":
            continue
        body = _paragraphs(_without_toc(_strip_decoration([line for _, line in section.lines])))
        if body:
            heading = "\n".join(_strip_decoration(section.raw)).strip()
            parts.append(f"{heading}\n\n{body}")
    description = "\n\n".join(part for part in parts if part)
    conference.description = description
    if explicit_links is not None:
        conference.links = explicit_links
    else:
        conference.links = [
            link for link in links_in(description) if link.kind in {"playlist", "recording"}
        ]


def _read_byline(conference, lines):
    """Take "[Author](url), Sep 2015" (or "by Author", or a date) off the top of the intro."""
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines) or (index + 1 < len(lines) and lines[index + 1].strip()):
        return lines
    line = _strip_emphasis(lines[index].strip())
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
    line, by = re.subn(r"^(?:posted |written )?by\s+", "", line, flags=re.I)
    date = parse_loose_date(_strip_emphasis(line))
    if date:
        return "", "", date
    for match in BYLINE_SEPARATOR.finditer(line):
        who = _strip_emphasis(line[: match.start()])
        when = parse_loose_date(_strip_emphasis(line[match.end() :]))
        if when:
            author, url = _author(who)
            if author:
                return author, url, when
    author, url = _author(_strip_emphasis(line)) if by else ("", "")
    return author, url, None


def _author(text):
    linked = LINKED_NAME.match(text.strip())
    if linked and is_web_url(linked["url"]):
        return clean_name(linked["name"]), linked["url"]
    if looks_like_person(text, single_word=True):
        return clean_name(text), ""
    return "", ""


def _apply_front_matter(conference, front):
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
        if front.get(key):
            setattr(conference, attribute, front[key])
    if front.get("date"):
        date = parse_loose_date(front["date"][:10])
        if date:
            conference.year, conference.month = date[0], date[1]
    if front.get("dates"):
        try:
            when = parse_when(front["dates"])
        except ValueError as error:
            line = _front_line(front, "dates")
            raise WriteupError(line, str(error).removeprefix("expected ")) from None
        conference.year, conference.month = when.year, when.month
        conference.start_date, conference.end_date = when.start_date, when.end_date


def _front_line(front, key):
    return front.get("_lines", {}).get(key, 1)


def _assign_keys(talks):
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
