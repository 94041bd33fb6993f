"""My notes as one Markdown document, and the escaping that keeps any Markdown we write
free of raw HTML: whatever renders it (with raw HTML allowed) makes no tag of its own."""

import html
import re

# Enough to keep titles and names literal in a heading or list item; "(" is harmless once
# "[" is escaped. "<" becomes "&lt;": Python-Markdown keeps "\<" as a backslash and a tag.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]>#])")
ENTITY_START = re.compile(r"&(?=#?\w+;)")
# "<" that could open a tag, a comment, a declaration or a processing instruction.
HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
# An autolink every renderer reads as a link: nothing in it could end it or quote.
AUTOLINK = re.compile(r"<https?://[^\s<>\"'`\\]*>", re.IGNORECASE)
# Where a link's destination starts: `](` of an inline link or image, `]:` of a definition.
LINK_TARGET = re.compile(r"\]([(:])([ \t]*\n?[ \t]*<?)")
SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
SAFE_SCHEMES = {"http", "https", "mailto"}
# Characters a URL keeps percent-encoded in Markdown: they could end an autolink or a
# destination, quote, escape or start HTML; or ("[", "]") start a link inside an autolink,
# which Python-Markdown reads before the autolink.
URL_UNSAFE = re.compile(r"[\x00-\x20\x7f<>\"'`\\\[\]]")


def escape_markdown(text):
    """Inline text that Markdown shows as written (titles and names are not Markdown)."""
    text = MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    return ENTITY_START.sub("&amp;", text).replace("<", "&lt;")


def escape_url(url):
    """A web (http, https, ftp) URL with what could end a Markdown link or start HTML
    percent-encoded, for `<url>` or `[label](url)`; "" for any other scheme (not linked)."""
    if not re.match(r"(?:https?|ftps?)://", url or "", re.IGNORECASE):
        return ""
    url = URL_UNSAFE.sub(lambda match: f"%{ord(match.group()):02X}", url)
    if url.count("(") != url.count(")"):  # unbalanced, they would end `[label](url)`
        url = url.replace("(", "%28").replace(")", "%29")
    return url


def autolink(url):
    """`<url>`, or the URL as plain text if it is not a web URL."""
    escaped = escape_url(url)
    return f"<{escaped}>" if escaped else escape_markdown(url)


def _unsafe_target(match):
    """A link destination with a scheme other than http(s) or mailto loses its link syntax."""
    ahead = html.unescape(match.string[match.end() : match.end() + 100])
    ahead = re.sub(r"[\x00-\x20\x7f\\]", "", ahead).lower()
    scheme = SCHEME.match(ahead)
    if scheme and scheme[1] not in SAFE_SCHEMES:
        return f"]\\{match[1]}{match[2]}"
    return match.group()


def markdown_without_html(text):
    """Markdown (a note, a summary) kept as Markdown, but with raw HTML escaped so that it
    shows as written, and links to scripts (javascript: and the like) no longer links."""
    text = LINK_TARGET.sub(_unsafe_target, text)
    parts, last = [], 0
    for link in AUTOLINK.finditer(text):
        parts += [HTML_START.sub("&lt;", text[last : link.start()]), link.group()]
        last = link.end()
    parts.append(HTML_START.sub("&lt;", text[last:]))
    return "".join(parts)


def note_heading(note, video):
    """ "12:34" linked to that moment of the recording, the bare time, or "Note"."""
    if note.time is None:
        return "Note"
    if video and not video.is_playlist:
        return f"[{note.timecode}]({escape_url(video.watch_url(note.time))})"
    return note.timecode


def notes_as_markdown(talks, *, site_url, exported):
    """Each talk (title, speakers, link) followed by its `my_notes`, with their times."""
    site_url = site_url.rstrip("/")
    lines = ["# My notes from confnotes", "", f"Exported {exported:%Y-%m-%d %H:%M} UTC.", ""]
    for talk in talks:
        lines += [f"## {escape_markdown(talk.title)}", ""]
        speakers = ", ".join(escape_markdown(speaker.name) for speaker in talk.speaker_list())
        if speakers:
            lines.append(f"- Speakers: {speakers}")
        lines.append(f"- Conference: {escape_markdown(talk.conference.name)}")
        lines.append(f"- Link: {autolink(site_url + talk.get_absolute_url())}")
        recording = talk.recording()
        if recording:
            lines.append(f"- Recording: {autolink(recording.url)}")
        lines.append("")
        video = talk.video()
        for note in talk.my_notes:
            visibility = "public" if note.is_public else "private"
            body = markdown_without_html(note.body.strip())
            lines += [f"### {note_heading(note, video)} ({visibility})", "", body, ""]
    if len(lines) == 4:
        lines += ["You have no notes yet.", ""]
    return "\n".join(lines)
