"""My notes as one Markdown document."""

import re

# Enough to keep titles and names literal in a heading or list item; "(" is harmless once
# "[" is escaped.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#])")


def escape_markdown(text):
    """Inline text that Markdown shows as written (titles and names are not Markdown)."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def note_heading(note, video):
    """ "12:34" linked to that moment of the recording, the bare time, or "Note"."""
    if note.time is None:
        return "Note"
    if video and not video.is_playlist:
        return f"[{note.timecode}]({video.watch_url(note.time)})"
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
        lines.append(f"- Link: <{site_url}{talk.get_absolute_url()}>")
        recording = talk.recording()
        if recording:
            lines.append(f"- Recording: <{recording.url}>")
        lines.append("")
        video = talk.video()
        for note in talk.my_notes:
            visibility = "public" if note.is_public else "private"
            lines += [f"### {note_heading(note, video)} ({visibility})", "", note.body.strip(), ""]
    if len(lines) == 4:
        lines += ["You have no notes yet.", ""]
    return "\n".join(lines)
