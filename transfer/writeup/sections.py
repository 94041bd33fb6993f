"""A document cut into sections at one heading level, and the Markdown of a section's body."""

import re
from dataclasses import dataclass, field

from .document import inline_text
from .text import anchor_ids, clean_heading, github_slug, paragraphs, strip_decoration

EMBED = re.compile(
    r"^\s*<(?:script|style|noscript)\b|class\s*=\s*[\"'][^\"']*"
    r"(?:twitter-tweet|twitter-timeline|instagram-media|tiktok-embed)",
    re.I,
)


@dataclass
class Section:
    """The intro (no heading), a talk, or another section ("Summary", "Day 1")."""

    kind: str  # "intro", "talk" or "other"
    heading: object = None  # the heading Block
    start: int = 0  # first line of the body
    end: int = 0  # line after the body
    blocks: list = field(default_factory=list)  # the body's top-level blocks
    talk: object = None  # TalkRecord of a talk section
    skip: set = field(default_factory=set)  # body lines that are not its summary (a by-line)
    exported: bool = False  # has a `Slug:` line, as `export_conference` writes
    anchors: set = field(default_factory=set)  # ids a table of contents may link to
    speaker_links: set = field(default_factory=set)  # URLs that are a speaker's, not the talk's

    @property
    def line(self):
        return (self.heading.start if self.heading else self.start) + 1

    @property
    def title(self):
        return clean_heading(self.heading.text) if self.heading else ""

    def content_blocks(self):
        """The body's blocks that carry words: no HTML anchors, comments or embeds."""
        return [block for block in self.blocks if not is_decoration(block)]


def is_decoration(block):
    """True for an HTML block that is only an anchor, a comment, a script or an embed."""
    if block.kind != "html":
        return False
    text = strip_decoration(block.content.splitlines())
    return not "".join(text).strip() or bool(EMBED.search(block.content))


def split_sections(document, starts, title_heading=None):
    """The intro and one section per heading for which `starts(heading, current)` is true;
    other headings stay in the body of the section they are in."""
    intro = Section("intro", start=document.body_start)
    sections = [intro]
    previous = None
    for block in document.blocks:
        current = sections[-1]
        if block is title_heading:
            current.skip.update(range(block.start, block.end))
            previous = block
            continue
        if block.kind == "heading" and starts(block, current):
            current.end = block.start
            section = Section("other", heading=block, start=block.end)
            section.anchors = _anchors(block, previous)
            sections.append(section)
        else:
            current.blocks.append(block)
        previous = block
    sections[-1].end = len(document.lines)
    return sections


def _anchors(heading, previous):
    """Ids a link may use to reach this heading: its own, an anchor line just above it,
    and the id GitHub would give it."""
    ids = set(anchor_ids(heading.text))
    if previous is not None and previous.end >= heading.start - 1:
        if previous.kind == "html":
            ids.update(anchor_ids(previous.content))
        elif previous.kind == "paragraph" and not strip_decoration(previous.text.splitlines()):
            ids.update(anchor_ids(previous.text))  # a line of nothing but `<a id="x"></a>`
    ids.add(github_slug(heading.text))
    return ids


def by_level(level):
    """A section starts at every heading of `level` or above."""
    return lambda heading, current: heading.level <= level


def body_lines(document, section, *, drop=()):
    """The section's body as written, without dropped blocks, skipped lines or embeds."""
    hidden = set(section.skip)
    lines = document.lines
    for block in section.blocks:
        if block in drop or (block.kind == "html" and EMBED.search(block.content)):
            hidden.update(range(block.start, block.end))
            after = block.end
            # The blank lines after a dropped block go too, when one is kept before it.
            while block.start > 0 and not lines[block.start - 1].strip() and after < len(lines):
                if lines[after].strip():
                    break
                hidden.add(after)
                after += 1
    return [
        (number + 1, lines[number])
        for number in range(section.start, min(section.end, len(lines)))
        if number not in hidden
    ]


def summary_text(numbered):
    """A summary from numbered lines: decoration off, blank space trimmed."""
    return paragraphs(strip_decoration([line for _, line in numbered]))


def is_toc(block):
    """True for a list whose every item only links to an anchor in the page."""
    if block.kind != "list" or not block.children:
        return False
    for item in block.children:
        if not item.children:
            return False
        first, *rest = item.children
        if first.kind != "paragraph" or not _only_anchor_link(first.inline):
            return False
        if any(not is_toc(child) for child in rest):
            return False
    return True


def toc_entries(block):
    """(link text, anchor) of every item of a table of contents, nested ones too."""
    entries = []
    for item in block.children:
        first, *rest = item.children
        link = next(child for child in first.inline.children if child.type == "link_open")
        text = inline_text(first.inline, links=False)
        entries.append((text, link.attrs.get("href", "").removeprefix("#")))
        for child in rest:
            entries.extend(toc_entries(child))
    return entries


def _only_anchor_link(inline):
    if inline is None or not inline.children:
        return False
    children = [child for child in inline.children if child.type != "text" or child.content.strip()]
    if not children or children[0].type != "link_open":
        return False
    if not children[0].attrs.get("href", "").startswith("#"):
        return False
    close = next((i for i, child in enumerate(children) if child.type == "link_close"), None)
    return close == len(children) - 1
