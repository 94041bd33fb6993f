"""Which layout a write-up has, decided from all its sections, and its talk sections read.

A layout says which heading level holds the talks and where each talk's speaker sits:

- `speaker-heading`: in the heading ("## Jane Doe, Acme - Topic ★");
- `speaker-below`: the heading is the title, the speaker is on the line or sub-heading
  below it ("### by Jane Doe", "Speaker: Jane Doe, Acme", "### Jane Doe (Acme)");
- `speaker-prose`: the heading is the title, the prose names the speaker ("presented by
  Jane Doe", "Jane Doe from Acme talked about…");
- `export`: what `export_conference` writes ("Speakers:" and "Slug:" lines under each title).

The other layouts (one talk per post, notes on one talk, schedules) live in `single.py`
and `schedule.py`.
"""

import re
from dataclasses import dataclass

from ..records import TalkRecord
from .credits import NUMBERING, bare_credits, by_line, heading_credits
from .document import WriteupError, inline_text, parse_inline
from .prose import find_speakers
from .sections import by_level, split_sections
from .text import clean_heading, strip_star, strip_symbols

TITLE_MAX = 300
# In order of preference when two read as many talks: a "by" line under a heading is
# stronger evidence than a heading that reads like a name ("## Scaling Postgres").
SECTION_LAYOUTS = ("export", "speaker-below", "speaker-heading", "speaker-prose")
META_LINE = re.compile(
    r"^[*_]*(?P<key>title|topic|tags|slug|recorded|duration|thumbnail)[*_]*\s*:[*_]*"
    r"\s*(?P<value>.*?)\s*$",
    re.I,
)


@dataclass
class Candidate:
    layout: str
    level: int
    talks: int


def candidates(document, known, title_heading):
    """Every (layout, level) with how many sections it reads as talks, best first."""
    found = []
    levels = sorted({h.level for h in document.headings if h is not title_heading})
    for level in levels:
        sections = split_sections(document, by_level(level), title_heading)[1:]
        for layout in SECTION_LAYOUTS[1:]:  # "export" is not per level: below
            count = sum(
                1 for s in sections if s.heading.level == level and read(s, layout, document, known)
            )
            if count:
                found.append(Candidate(layout, level, count))
    exported = sum(1 for heading in document.headings if is_exported(document, heading, known))
    if exported:
        found.append(Candidate("export", 0, exported))
    order = {name: index for index, name in enumerate(SECTION_LAYOUTS)}
    found.sort(key=lambda c: (-c.talks, order[c.layout], c.level))
    return found


def sections_for(document, layout, level, known, title_heading):
    """The document cut for `layout`: each section read as a talk, or left as other."""
    if layout == "export":
        return _export_sections(document, known, title_heading)
    sections = split_sections(document, by_level(level), title_heading)
    for section in sections[1:]:
        if section.heading.level == level:
            section.talk = read(section, layout, document, known)
            if section.talk is not None:
                section.kind = "talk"
    return sections


def read(section, layout, document, known):
    """The talk `section` holds when read in `layout`, or None."""
    heading = section.heading
    star, text = strip_star(clean_heading(heading.text))
    # "## 3. Title", "## 🎤 Title": the number and the emoji are the author's, not the title's.
    text = NUMBERING.sub("", strip_symbols(text))
    if layout == "speaker-heading":
        credits, topic = heading_credits(text, known)
        if not credits:
            return None
        title = topic or "Talk by " + " & ".join(credit.name for credit in credits)
        talk = new_talk(heading, title=title, credits=credits, star=star)
        talk.topic = topic or ""
        return talk
    if layout == "speaker-below":
        found = speaker_below(section, document, known)
        if found is None:
            return None
        credits, by_star, lines = found
        section.skip = set(lines)
        return new_talk(heading, title=text, credits=credits, star=star or by_star)
    if layout == "speaker-prose":
        found = speaker_in_prose(section)
        if found is None:
            return None
        talk = new_talk(heading, title=text, credits=found.speakers, star=star)
        section.speaker_links = found.links
        return talk
    raise ValueError(layout)


def new_talk(heading, *, title, credits, star):
    if not title:
        raise WriteupError(heading.start + 1, "a talk title in the heading")
    if len(title) > TITLE_MAX:
        raise WriteupError(heading.start + 1, f"a talk title of at most {TITLE_MAX} characters")
    return TalkRecord(
        key="",
        title=title,
        speakers=credits,
        recommended=star,
        origin=f"line {heading.start + 1}",
    )


def speaker_below(section, document, known):
    """(speakers, ★, lines to leave out of the summary) from the line or sub-heading under
    the section's heading, or None."""
    blocks = section.content_blocks()
    if not blocks:
        return None
    first = blocks[0]
    if first.kind == "heading" and first.level > section.heading.level:
        text = clean_heading(first.text)
        found = by_line(text, known) or bare_credits(text, known)
        if found:
            return (*found, range(first.start, first.end))
        return None
    if first.kind == "paragraph":
        line = document.lines[first.start].strip()
        text = inline_text(parse_inline(line))
        found = by_line(text, known)
        if found is None and first.end - first.start == 1 and _emphasised(line):
            found = bare_credits(text, known)  # "*Jane Doe, Acme*" on a line of its own
        if found:
            return (*found, range(first.start, first.start + 1))
    return None


def _emphasised(line):
    """True for a line that is all emphasis: "*Jane Doe*", "**Jane Doe, Acme**"."""
    stripped = line.strip()
    return len(stripped) > 2 and stripped[0] in "*_" and stripped[-1] in "*_"


def speaker_in_prose(section):
    """Speakers the first paragraphs of the section credit with the talk, or None."""
    paragraphs = [block for block in section.content_blocks() if block.kind == "paragraph"]
    for paragraph in paragraphs[:2]:
        found = find_speakers(inline_text(paragraph.inline))
        if found:
            return found
    return None


def is_exported(document, heading, known):
    """True if a heading is followed by a "Speakers:" line and a "Slug:" line, as
    `export_conference` writes them."""
    lines = document.lines
    index = _next_content(lines, heading.end)
    if index is None or not by_line(lines[index], known):
        return False
    index = _next_content(lines, index + 1)
    while index is not None:
        match = META_LINE.match(lines[index].strip())
        if not match:
            return False
        if match["key"].lower() == "slug":
            return True
        index += 1
    return False


def _next_content(lines, index):
    while index < len(lines):
        if lines[index].strip():
            return index
        index += 1
    return None


def _export_sections(document, known, title_heading):
    """Sections of an exported write-up: only another exported talk ends a talk, so that a
    summary may hold headings of any level."""
    inside_talk = False

    def starts(heading, current):
        nonlocal inside_talk
        exported = is_exported(document, heading, known)
        if exported or not inside_talk:
            inside_talk = exported
            return True
        return False

    sections = split_sections(document, starts, title_heading)
    for section in sections[1:]:
        if is_exported(document, section.heading, known):
            credits, by_star, lines = speaker_below(section, document, known)
            star, text = strip_star(clean_heading(section.heading.text))
            section.talk = new_talk(
                section.heading, title=text, credits=credits, star=star or by_star
            )
            section.skip = set(lines)
            section.kind = "talk"
            section.exported = True
    return sections
