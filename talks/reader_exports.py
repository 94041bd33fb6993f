"""What a reader downloads besides their notes: a list of talks, and their own write-up of a
conference in the seed's shape, which `import_writeup` reads back into the same talks.

Everything is escaped as in `talks.exports`: whatever renders the Markdown (raw HTML
allowed or not) makes no tag of its own.
"""

from .exports import autolink, escape_markdown, escape_url, markdown_without_html


def _talk_facts(talk, site_url):
    """The list items under a talk's heading: speakers, conference, its page, its recording."""
    lines = []
    speakers = ", ".join(escape_markdown(speaker.name) for speaker in talk.speaker_list())
    if speakers:
        lines.append(f"- Speakers: {speakers}")
    lines.append(f"- Conference: {escape_markdown(talk.conference.name)}")
    lines.append(f"- Link: {autolink(site_url + talk.get_absolute_url())}")
    recording = talk.recording()
    if recording:
        lines.append(f"- Recording: {autolink(recording.url)}")
    return lines


def list_as_markdown(talk_list, talks, *, site_url, exported):
    """A list's talks in its order, each with its speakers, conference and links."""
    site_url = site_url.rstrip("/")
    talks = list(talks)
    count = f"{len(talks)} talk{'' if len(talks) == 1 else 's'}"
    lines = [
        f"# {escape_markdown(talk_list.name)}",
        "",
        f"A list of {count} from confnotes, exported {exported:%Y-%m-%d %H:%M} UTC.",
        "",
    ]
    for number, talk in enumerate(talks, start=1):
        lines += [f"## {number}\\. {escape_markdown(talk.title)}", ""]
        lines += [*_talk_facts(talk, site_url), ""]
    if not talks:
        lines += ["The list is empty.", ""]
    return "\n".join(lines)


# --- My write-up of a conference -----------------------------------------------------------


def _heading_credits(speakers):
    """The speakers as a write-up heading names them: "Jane Doe, Acme", "A & B, Acme",
    "A (Acme) & B (Initech)" or "A & B"."""
    names = [escape_markdown(speaker.name) for speaker in speakers]
    companies = [speaker.company.name if speaker.company else "" for speaker in speakers]
    if len(set(companies)) == 1:
        company = escape_markdown(companies[0]) if companies[0] else ""
        return " & ".join(names) + (f", {company}" if company else "")
    return " & ".join(
        f"{name} ({escape_markdown(company)})" if company else name
        for name, company in zip(names, companies, strict=True)
    )


def writeup_heading(talk, *, starred):
    """ "Speaker, Company - topic ★": the seed's heading (★ for a talk I starred)."""
    speakers = talk.speaker_list()
    credits = _heading_credits(speakers) if speakers else ""
    topic = escape_markdown(talk.topic or ("" if credits else talk.title))
    text = " - ".join(part for part in (credits, topic) if part)
    return f"## {text}{' ★' if starred else ''}"


def _note_text(note):
    """A note's Markdown without raw HTML, led by its time in the recording if it has one."""
    body = markdown_without_html(note.body.strip())
    return f"**{note.timecode}** {body}" if note.timecode else body


def _links_block(talk):
    items = [
        f"- {link.kind}: [{escape_markdown(link.label or link.url)}]({escape_url(link.url)})"
        for link in talk.links.all()
        if escape_url(link.url)
    ]
    return ["Links:", "", *items, ""] if items else []


def writeup_as_markdown(conference, talks, *, author, site_url):
    """My write-up of `conference`: a `#` title, a line saying whose it is, then a heading
    per talk (`talks`, in write-up order, with `is_starred` and `my_notes` as chosen), its
    title and slug (so an import finds the same talk), my notes, and its links."""
    site_url = site_url.rstrip("/")
    talks = list(talks)
    lines = [f"# {escape_markdown(conference.name)}", ""]
    lines += [
        f"My notes from {escape_markdown(conference.name)}, by {escape_markdown(author)}, "
        f"written with confnotes ({autolink(site_url + conference.get_absolute_url())}); "
        "★ marks the talks I starred.",
        "",
    ]
    for talk in talks:
        lines += [writeup_heading(talk, starred=talk.is_starred), ""]
        # Read back as written (not unescaped), so the title keeps its Markdown characters
        # and only loses what could be HTML. Two trailing spaces: a line break.
        title = markdown_without_html(" ".join(talk.title.split()))
        lines += [f"Title: {title}  ", f"Slug: {talk.slug}", ""]
        for note in talk.my_notes:
            lines += [_note_text(note), ""]
        lines += _links_block(talk)
    if not talks:
        lines += ["I have not starred or noted any talk of this conference yet.", ""]
    return "\n".join(lines)
