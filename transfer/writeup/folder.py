"""A folder of notes, one talk per file or sub-folder, with an index README that lists them
(`* [Talk Title](folder)`): one conference, read by `read_folder`."""

from pathlib import Path

from django.utils.text import slugify

from ..records import ConferenceRecord
from . import Writeup, WriteupError, read_writeup
from .conference import (
    apply_front_matter,
    assign_keys,
    conference_name,
    find_title_heading,
    finish_intro,
)
from .credits import Known
from .document import parse_document
from .sections import split_sections

INDEX_NAMES = ("README.md", "readme.md", "Readme.md", "index.md", "README.markdown")
MAX_BYTES = 5_000_000


class FolderError(ValueError):
    """A folder of notes that cannot be read: which file, and what is wrong with it."""


def index_file(folder):
    """The folder's index README, or None."""
    return next((folder / n for n in INDEX_NAMES if (folder / n).is_file()), None)


def read_folder(
    folder, *, name=None, layout=None, known_companies=frozenset(), known_speakers=frozenset()
):
    """The conference a folder of notes describes: the index's title, its talks in its order.

    Each file is read in `layout`, else in the layout that fits it, else as notes on one talk.
    """
    folder = Path(folder)
    index = index_file(folder)
    if index is None:
        raise FolderError(f"expected an index file in the folder ({', '.join(INDEX_NAMES[:3])})")
    document = _parse(index, folder)
    known = Known(frozenset(known_companies), frozenset(known_speakers))
    heading = find_title_heading(document, known)
    title = conference_name(document, heading, name)
    if not title:
        raise FolderError(f"{index.name}: line 1: expected a title: a '# Heading'")
    entries, lists = _entries(document, folder)
    if not entries:
        raise FolderError(
            f"{index.name}: expected a list of links to the talks' notes ('* [Title](folder)')"
        )
    talks = []
    for text, path, line in entries:
        talks.extend(_talks_in(path, folder, text, index, line, known, layout))
    conference = ConferenceRecord(name=title, slug=slugify(title), talks=talks)
    sections = split_sections(document, lambda heading, current: True, heading)
    finish_intro(document, conference, sections, drop=lists)
    apply_front_matter(conference, document.front, document.front_lines)
    for position, talk in enumerate(talks, start=1):
        talk.position = position
    assign_keys(talks)
    return Writeup(conference=conference, layout="notes-folder")


def _parse(path, folder):
    text = read_file(path, folder)
    try:
        return parse_document(text)
    except WriteupError as error:
        raise FolderError(f"{path.relative_to(folder)}: {error}") from None


def read_file(path, folder):
    """The UTF-8 text of a file in the folder, or a FolderError that says what is wrong."""
    relative = path.relative_to(folder) if path.is_relative_to(folder) else path
    try:
        if path.stat().st_size > MAX_BYTES:
            raise FolderError(f"{relative}: expected at most {MAX_BYTES:,} bytes")
        data = path.read_bytes()
    except OSError as error:
        raise FolderError(f"{relative}: cannot read it ({error.strerror})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FolderError(f"{relative}: line {line}: expected UTF-8 text") from None


def _entries(document, folder):
    """(link text, file, line) of every index item that links to notes in the folder, and
    the lists they are in."""
    entries = []
    lists = set()
    root = folder.resolve()
    for block in document.blocks:
        if block.kind != "list":
            continue
        for item in block.children:
            paragraph = item.children[0] if item.children else None
            if paragraph is None or paragraph.kind != "paragraph":
                continue
            link = _local_link(paragraph.inline)
            if link is None:
                continue
            text, href = link
            target = (folder / href.split("#")[0]).resolve()
            if not target.is_relative_to(root):
                continue  # never outside the folder
            if target.is_dir():
                target = index_file(target)
            if target is None or not target.is_file() or target.suffix not in {".md", ".markdown"}:
                continue
            entries.append((text, target, item.start + 1))
            lists.add(block)
    return entries, frozenset(lists)


def _local_link(inline):
    """(text, href) if the item's first link is a relative link to a file or folder."""
    children = inline.children or []
    for index, child in enumerate(children):
        if child.type == "link_open":
            href = child.attrs.get("href", "")
            if (
                not href
                or href.startswith(("#", "/"))
                or "://" in href
                or href.startswith("mailto:")
            ):
                return None
            text = "".join(c.content for c in children[index + 1 :] if c.type == "text")
            close = next(
                (i for i, c in enumerate(children[index:]) if c.type == "link_close"), None
            )
            if close is not None:
                text = "".join(
                    c.content for c in children[index + 1 : index + close] if c.type == "text"
                )
            return text.strip(), href
    return None


def _talks_in(path, folder, text, index, line, known, layout):
    """The talks of one file of notes: as its layout reads them, else as notes on one talk."""
    relative = path.relative_to(folder.resolve())
    source = read_file(path, folder.resolve())
    options = {
        "name": text,
        "known_companies": known.companies,
        "known_speakers": known.speakers,
    }
    try:
        try:
            writeup = read_writeup(source, layout=layout, **options)
        except WriteupError:
            if layout is not None:
                raise
            writeup = read_writeup(source, layout="talk-notes", **options)
    except WriteupError as error:
        raise FolderError(f"{relative} (listed on line {line} of {index.name}): {error}") from None
    talks = writeup.conference.talks
    for talk in talks:
        talk.origin = f"{relative} {talk.origin}"
    return talks
