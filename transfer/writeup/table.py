"""What a write-up was read as, in a plain-text table for `import_writeup --dry-run`."""

COLUMNS = ("#", "title", "speakers", "company", "★", "links", "time")
WIDTHS = {"title": 44, "speakers": 32, "company": 24}


def reading_table(writeup):
    """Lines: the layout, then one row per talk (title, speakers, company, ★, links, time)."""
    conference = writeup.conference
    rows = [COLUMNS]
    for talk in conference.talks:
        companies = sorted({s.company for s in talk.speakers if s.company})
        rows.append(
            (
                str(talk.position),
                talk.title,
                ", ".join(speaker.name for speaker in talk.speakers) or "—",
                ", ".join(companies) or "—",
                "★" if talk.recommended else "",
                str(len(talk.links)),
                writeup.times.get(talk.position, ""),
            )
        )
    rows = [
        tuple(_cut(cell, WIDTHS.get(name)) for name, cell in zip(COLUMNS, row, strict=True))
        for row in rows
    ]
    widths = [max(len(row[index]) for row in rows) for index in range(len(COLUMNS))]
    lines = [f"{conference.name}: {len(conference.talks)} talks read as layout '{writeup.layout}'"]
    for number, row in enumerate(rows):
        lines.append(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return lines


def _cut(text, width):
    if width is None or len(text) <= width:
        return text
    return text[: width - 1] + "…"
