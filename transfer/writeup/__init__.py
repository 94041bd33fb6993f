"""Read a Markdown conference write-up into a `ConferenceRecord` (pure: no database).

The document is parsed with markdown-it-py; its layout (which heading level holds the talks,
and where each talk's speaker sits) is decided from all its sections at once, then every
section is read the same way. Layouts: `speaker-heading`, `speaker-below`, `speaker-prose`,
`export` (layouts.py), `one-talk`, `talk-notes` (single.py) and `schedule` (schedule.py);
a folder of notes with an index README is `notes-folder` (folder.py).

A section that is not a talk (an intro, "Summary", "Final thoughts", a day or a track) joins
the conference description. Tables of contents, HTML anchors, embedded tweets and tracking
images are not content. Optional lines right under a talk heading carry what prose cannot
(`Topic:`, `Tags:`, `Slug:`, `Recorded:`, `Duration:`, `Thumbnail:`), and a final "Links:"
list gives the talk's links exactly; `export_conference` writes both.
"""

from dataclasses import dataclass, field

from django.utils.text import slugify

from ..records import ConferenceRecord
from . import layouts, schedule, single
from .conference import (
    apply_front_matter,
    assign_keys,
    conference_name,
    find_title_heading,
    finish_intro,
    finish_talk,
    mark_favourites,
)
from .credits import Known
from .document import WriteupError, links_in, parse_document
from .sections import Section, by_level, is_toc, split_sections
from .text import clean_title

LAYOUTS = (
    "speaker-heading",
    "speaker-below",
    "speaker-prose",
    "export",
    "one-talk",
    "talk-notes",
    "schedule",
)
__all__ = ["LAYOUTS", "Writeup", "WriteupError", "links_in", "parse_writeup", "read_writeup"]


@dataclass
class Writeup:
    """What a write-up says: the conference and its talks, the layout it was read in, and
    each talk's time as written (by position; schedules only)."""

    conference: ConferenceRecord
    layout: str
    times: dict[int, str] = field(default_factory=dict)


def parse_writeup(text, **options):
    """The conference and talks a write-up describes; raises `WriteupError` if it cannot tell."""
    return read_writeup(text, **options).conference


def read_writeup(
    text, *, name=None, layout=None, known_companies=frozenset(), known_speakers=frozenset()
):
    """The write-up read in `layout` (default: the one that fits it best).

    `name` names the conference when the file does not (or names it better).
    `known_companies` and `known_speakers` are `name_key`s that settle "Name, Other":
    a known company is a company, a known speaker is a second speaker.
    """
    document = parse_document(text)
    known = Known(frozenset(known_companies), frozenset(known_speakers))
    title_heading = find_title_heading(document, known)
    conference_title = conference_name(document, title_heading, name)
    if not conference_title:
        raise WriteupError(
            document.body_start + 1,
            "a title: a '# Heading' or 'title:' in the front matter, or --conference-name",
        )
    chosen, level = (layout, None) if layout else choose_layout(document, known, title_heading)
    reading = _read(document, known, title_heading, chosen, level, name)
    talks = [section.talk for section in reading.sections if section.kind == "talk"]
    if not talks and layout:
        raise WriteupError(
            len(document.lines) or 1,
            f"at least one talk read in the layout '{layout}' "
            "(without --layout the layout that reads the most talks is chosen)",
        )
    if not talks:
        raise WriteupError(
            len(document.lines) or 1,
            "at least one talk section: a heading that names its speaker "
            "('## Jane Doe, Acme - Topic') or a title heading followed by 'by Jane Doe'",
        )
    conference = ConferenceRecord(
        name=conference_title,
        slug=slugify(document.front.get("slug") or conference_title),
        talks=talks,
    )
    finish_intro(document, conference, reading.sections, drop=reading.drop)
    apply_front_matter(conference, document.front, document.front_lines)
    talk_sections = [section for section in reading.sections if section.kind == "talk"]
    for position, section in enumerate(talk_sections, start=1):
        if reading.slots:
            schedule.finish_slot(section.talk, position)
        else:
            finish_talk(document, section, section.talk, position, drop=reading.talk_drop)
    mark_favourites(reading.sections, talk_sections)
    assign_keys(talks)
    times = {index: slot.time for index, slot in enumerate(reading.slots, start=1)}
    return Writeup(conference=conference, layout=chosen, times=times)


@dataclass
class _Reading:
    sections: list
    drop: frozenset = frozenset()  # blocks that are neither description nor summary
    talk_drop: frozenset = frozenset()  # blocks left out of a talk's summary
    slots: list = field(default_factory=list)


def choose_layout(document, known, title_heading):
    """(layout, heading level) that reads the most talks out of the document."""
    found = layouts.candidates(document, known, title_heading)
    best = found[0] if found else None
    slots = schedule.count_slots(document, known)
    if slots >= 2 and (best is None or slots >= best.talks):
        return "schedule", None
    intro = split_sections(document, lambda heading, current: True, title_heading)[0]
    if (best is None or best.talks <= 1) and single.one_talk_evidence(document, intro, known):
        return "one-talk", None
    if best is not None:
        return best.layout, best.level
    if single.has_notes_evidence(intro):
        return "talk-notes", None
    return "speaker-heading", None  # reads nothing: the caller reports it


def _read(document, known, title_heading, layout, level, name):
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    if layout == "schedule":
        return _read_schedule(document, known, title_heading)
    if layout in {"one-talk", "talk-notes"}:
        return _read_single(document, title_heading, layout, name, known)
    if level is None:
        level = _best_level(document, known, title_heading, layout)
    return _Reading(layouts.sections_for(document, layout, level, known, title_heading))


def _best_level(document, known, title_heading, layout):
    """The heading level at which a forced layout reads the most talks."""
    found = [c for c in layouts.candidates(document, known, title_heading) if c.layout == layout]
    if found:
        return found[0].level
    levels = [h.level for h in document.headings if h is not title_heading]
    return min(levels) if levels else 2


def _read_schedule(document, known, title_heading):
    slots = schedule.read_schedule(document, known)
    levels = [h.level for h in document.headings if h is not title_heading]
    sections = split_sections(document, by_level(min(levels, default=1)), title_heading)
    drop = schedule.drop_blocks(slots)
    # The talks come from the slots, not from sections: each gets a talk section of its own.
    sections += [Section("talk", talk=slot.talk) for slot in slots]
    return _Reading(sections, drop=frozenset(drop), slots=slots)


def _read_single(document, title_heading, layout, name, known):
    intro = split_sections(document, lambda heading, current: True, title_heading)[0]
    speakers, links, lead = [], set(), ""
    if layout == "one-talk":
        evidence = single.one_talk_evidence(document, intro, known)
        if evidence:
            found, lead = evidence
            speakers, links = found.speakers, found.links
    title = single.talk_title(document, title_heading, lead) or clean_title(name or "")
    if not title:
        raise WriteupError(document.body_start + 1, "a title for the talk: a '# Heading'")
    section = single.single_section(
        document, title_heading, title=title, speakers=speakers, speaker_links=links
    )
    toc = frozenset(block for block in section.blocks if is_toc(block))
    intro = Section("intro", start=document.body_start, end=document.body_start)
    return _Reading([intro, section], talk_drop=toc)
