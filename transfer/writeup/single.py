"""Write-ups about one talk: a post about a talk (`one-talk`) and notes on a talk
(`talk-notes`: a title, the recording's address, parts, and no speaker anywhere)."""

import re

from ..records import link_kind
from .credits import Known
from .document import bare_urls, embedded_videos, inline_links, inline_text
from .layouts import new_talk
from .prose import Found, find_speakers
from .sections import Section, is_decoration, is_toc
from .text import clean_title, strip_quotes

SUMMARY_KEYS = ("summary", "description", "excerpt", "subtitle", "lead")
QUOTED_TITLE = re.compile(
    r"\b(?:talk|keynote|presentation|session|lecture)\b(?:\s+(?:called|titled|named|on))?"
    r"[\s,:]*(?:“(?P<curly>[^”]+)”|\"(?P<straight>[^\"]+)\"|\*(?P<star>[^*]+)\*|_(?P<under>[^_]+)_)",
    re.I,
)
NOTES_PREFIX = re.compile(
    r"^(?:(?:my\s+)?(?:talk\s+)?notes(?:\s+on|\s+from)?|recap|summary)\s*[:\-–—]?\s*", re.I
)


SPEAKER_KEYS = ("speaker", "speakers", "presenter", "presenters")


def one_talk_evidence(document, intro, known=None):
    """(speakers found, the text they were found in) if the front matter names the speaker,
    or its summary or the first paragraphs of the intro credit someone with a talk."""
    for key in SPEAKER_KEYS:
        value = document.front.get(key)
        names = ", ".join(value) if isinstance(value, list) else value
        if isinstance(names, str) and names:
            credits = (known or Known()).credits(names, loose=True)
            if credits:
                return Found(credits), ""
    for text in _leads(document, intro):
        found = find_speakers(text)
        if found:
            return found, text
    return None


def _leads(document, intro):
    for key in SUMMARY_KEYS:
        value = document.front.get(key)
        if isinstance(value, str) and value:
            yield value
    paragraphs = [block for block in intro.content_blocks() if block.kind == "paragraph"]
    for paragraph in paragraphs[:2]:
        yield inline_text(paragraph.inline)


def has_notes_evidence(intro):
    """True if the intro holds a recording's address or a table of contents."""
    for block in intro.blocks:
        if is_toc(block) or (block.kind == "html" and embedded_videos(block.content)):
            return True
        if block.kind == "paragraph":
            urls = [url for _, url in inline_links(block.inline)]
            urls += bare_urls(block.text)
            if any(link_kind(url) in {"recording", "playlist"} for url in urls):
                return True
    return False


def single_section(document, title_heading, *, title, speakers, speaker_links=()):
    """The whole document as one talk section titled `title`."""
    heading = title_heading
    section = Section(
        "talk",
        heading=heading,
        start=document.body_start,
        end=len(document.lines),
        blocks=[block for block in document.blocks if block is not heading],
    )
    if heading is not None:
        section.skip = set(range(heading.start, heading.end))
    anchor = heading or _first_block(document)
    section.talk = new_talk(anchor, title=title, credits=speakers, star=False)
    section.speaker_links = set(speaker_links)
    return section


def _first_block(document):
    return next((b for b in document.blocks if not is_decoration(b)), document.blocks[0])


def talk_title(document, title_heading, lead=""):
    """The talk's title: a quoted title after "talk" in the lead, else the post's title."""
    for text in (lead, *_raw_leads(document)):
        match = QUOTED_TITLE.search(" ".join((text or "").split()))
        if match:
            return next(group for group in match.groups() if group).strip()
    title = document.front.get("title") or (title_heading.text if title_heading else "")
    title = clean_title(title) if isinstance(title, str) else ""
    return strip_quotes(NOTES_PREFIX.sub("", title))


def _raw_leads(document):
    for key in SUMMARY_KEYS:
        value = document.front.get(key)
        if isinstance(value, str):
            yield value
    paragraphs = [block for block in document.blocks if block.kind == "paragraph"]
    for paragraph in paragraphs[:2]:
        yield paragraph.text
