"""A Markdown schedule: list items like "- `09:30–10:00` Title — **Jane Doe** (Acme)".

The time comes first (in code, in bold or plain); then the title; then the speakers in bold,
each optionally followed by "(Company)" or ", Company" (a panel may put several names in
one bold run). The talk's description is a quote under the item or right after the list.
Items that name nobody and read as a break ("Coffee break", "Registration", "Opening
remarks") are not talks. Section headings (tracks, days) only group the items.
"""

import re
from dataclasses import dataclass

from ..records import TalkRecord
from .document import WriteupError, links_in
from .text import strip_quotes, strip_star

TIME = r"\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?"
TIME_RANGE = re.compile(rf"^(?P<start>{TIME})(?:\s*(?:[-–—]|to)\s*(?P<end>{TIME}))?", re.I)
SEPARATOR = re.compile(r"\s+[-–—|·•]\s+")
LEADING = re.compile(r"^[\s\-–—|·•:]+")
TRAILING = re.compile(r"(?:[\s—–\-:|,]|\bwith\b|\bby\b)+$", re.I)
BREAK_WORDS = re.compile(
    r"\b(?:break|coffee|tea|lunch|breakfast|dinner|registration|doors|opening|closing|"
    r"welcome|remarks|raffle|party|after-party|networking|social|drinks|announcements|"
    r"check-in|reception)\b",
    re.I,
)
QUOTE_MARK = re.compile(r"^\s*>\s?")
TITLE_MAX = 300


@dataclass
class Slot:
    """A talk of the schedule and when it is."""

    talk: TalkRecord
    time: str
    blocks: tuple = ()  # the list or table it is in, and its description's blocks


def read_schedule(document, known):
    """Every talk the schedule lists, with its time as written."""
    slots = []
    for children in _containers(document.blocks):
        for index, block in enumerate(children):
            if block.kind == "table":
                slots.extend(_table_slots(block, known))
            if block.kind != "list":
                continue
            following = children[index + 1] if index + 1 < len(children) else None
            items = block.children
            for position, item in enumerate(items):
                after = following if position == len(items) - 1 else None
                slot = _slot(item, after, document, known)
                if slot is not None:
                    slot.blocks = (block, *slot.blocks)
                    slots.append(slot)
    return slots


def count_slots(document, known):
    return len(read_schedule(document, known))


def _containers(blocks):
    """The top-level block list and the block lists inside list items, outermost first."""
    yield blocks
    for block in blocks:
        if block.kind == "list":
            for item in block.children:
                yield from _containers(item.children[1:])


def _slot(item, after, document, known):
    if not item.children or item.children[0].kind != "paragraph":
        return None
    paragraph = item.children[0]
    parts = _parts(paragraph.inline)
    time, parts = _time(parts)
    if not time:
        return None
    title, speakers, star = _title_and_speakers(parts, known)
    title = strip_quotes(title)
    if not title or (not speakers and BREAK_WORDS.search(title)):
        return None
    if len(title) > TITLE_MAX:
        raise WriteupError(item.start + 1, f"a talk title of at most {TITLE_MAX} characters")
    description = [
        child for child in item.children[1:] if child.kind in {"blockquote", "paragraph"}
    ]
    if not description and after is not None and after.kind == "blockquote":
        description = [after]
    summary = "\n".join(
        QUOTE_MARK.sub("", line).strip() if QUOTE_MARK.match(line) else line.strip()
        for block in description
        for line in document.lines[block.start : block.end]
    ).strip()
    talk = TalkRecord(
        key="",
        title=title,
        speakers=speakers,
        summary=summary,
        recommended=star,
        origin=f"line {item.start + 1}",
    )
    return Slot(talk=talk, time=time, blocks=tuple(description))


def _parts(inline):
    """The item's inline content as ("text" | "strong" | "code", words) runs."""
    parts = []
    strong = 0
    for child in inline.children or ():
        kind = child.type
        if kind == "strong_open":
            strong += 1
            parts.append(["strong", ""])
        elif kind == "strong_close":
            strong -= 1
            parts.append(["text", ""])
        elif kind in {"text", "code_inline", "softbreak", "hardbreak"}:
            content = child.content if kind in {"text", "code_inline"} else " "
            if kind == "code_inline" and not strong:
                parts.append(["code", content])
                parts.append(["text", ""])
                continue
            if not parts:
                parts.append(["strong" if strong else "text", ""])
            parts[-1][1] += content
    return [(kind, " ".join(text.split())) for kind, text in parts if text.strip()]


def _time(parts):
    """(the time as written with one kind of dash, the parts after it)."""
    if not parts:
        return "", parts
    kind, text = parts[0]
    match = TIME_RANGE.match(text)
    if not match:
        return "", parts
    rest = text[match.end() :].strip()
    if kind in {"code", "strong"} and rest:
        return "", parts  # a code or bold run that is more than a time
    time = match["start"].strip()
    if match["end"]:
        time = f"{time}–{match['end'].strip()}"
    rest = LEADING.sub("", rest)  # "10:00 · Title": the separator after the time
    if not rest and len(parts) > 1 and parts[1][0] == "text":
        parts = [parts[0], ("text", LEADING.sub("", parts[1][1])), *parts[2:]]
    remaining = ([(kind, rest)] if rest else []) + [part for part in parts[1:] if part[1]]
    return time, remaining


def _title_and_speakers(parts, known):
    """(title, speakers, ★) from the parts after the time."""
    star = any(strip_star(text)[0] for _, text in parts)
    parts = [(kind, strip_star(text)[1]) for kind, text in parts]
    parts = [(kind, text) for kind, text in parts if text]
    strong_at = [index for index, (kind, _) in enumerate(parts) if kind == "strong"]
    if not strong_at:
        return (*_plain(" ".join(text for _, text in parts), known), star)
    if strong_at[0] == 0 and len(parts) > 1 and not any(i > 0 for i in strong_at):
        # "**Title** — Jane Doe (Acme)": the bold run is the title.
        rest = SEPARATOR.sub(" — ", " " + " ".join(text for _, text in parts[1:])).strip()
        rest = rest.lstrip("—–-|: ").strip()
        return parts[0][1], known.credits(rest) or [], star
    title = TRAILING.sub("", " ".join(text for _, text in parts[: strong_at[0]])).strip()
    speakers = []
    for index in strong_at:
        names = parts[index][1]
        company = _company_after(parts[index + 1][1] if index + 1 < len(parts) else "")
        if parts[index + 1 : index + 2] and parts[index + 1][0] != "text":
            company = ""
        credits = known.credits(names) or []
        if company and credits and not credits[-1].company:
            credits[-1].company = company
        speakers.extend(credits)
    return title, speakers, star


def _plain(text, known):
    """(title, speakers) of "Title — Jane Doe (Acme)" without bold: split at the last dash."""
    matches = list(SEPARATOR.finditer(text))
    if matches:
        last = matches[-1]
        credits = known.credits(text[last.end() :].strip())
        if credits:
            return text[: last.start()].strip(), credits
    return text.strip(), []


def _company_after(text):
    """The company right after a bold name: "(Acme)" or ", Acme"; "" if none."""
    text = text.strip()
    match = re.match(r"^\(([^()]+)\)", text)
    if match:
        return match[1].strip()
    match = re.match(r"^,\s*([^,&()]+?)\s*(?:$|&|\band\b|,)", text)
    if match and not re.search(r"\b(?:and|with)\b", match[1]):
        return match[1].strip()
    return ""


def finish_slot(talk, position):
    """The talk's links (from its description) and position."""
    talk.links = links_in(talk.summary)
    talk.position = position


def drop_blocks(slots):
    """The blocks a schedule's talks are read from (not part of the description)."""
    return {block for slot in slots for block in slot.blocks}


COLUMNS = {
    "time": re.compile(r"^(?:time|when|start|hour|slot|schedule)s?$", re.I),
    "speakers": re.compile(r"speaker|presenter|\bwho\b|\bby\b|\bhost", re.I),
    "title": re.compile(r"talk|title|session|topic|\bwhat\b|programme|program", re.I),
    "summary": re.compile(r"description|abstract|summary|details", re.I),
}


def _table_slots(table, known):
    """The talks of a schedule table: a time column, a title, and maybe speakers."""
    if len(table.rows) < 2:
        return []
    (_, header), body = table.rows[0], table.rows[1:]
    roles = _column_roles([cell.content for cell in header], body)
    if "time" not in roles:
        return []
    slots = []
    for line, cells in body:
        slot = _table_slot(line, cells, roles, known)
        if slot is not None:
            slot.blocks = (table,)
            slots.append(slot)
    return slots


def _column_roles(names, body):
    """Role → column index, from the header's names (a time column also from its cells)."""
    roles = {}
    for role, pattern in COLUMNS.items():
        found = next((i for i, name in enumerate(names) if pattern.search(name)), None)
        if found is not None and found not in roles.values():
            roles[role] = found
    if "time" not in roles:
        for index in range(len(names)):
            cells = [cells[index].content for _, cells in body if index < len(cells)]
            if cells and sum(bool(TIME_RANGE.match(c.strip())) for c in cells) > len(cells) / 2:
                roles["time"] = index
                break
    if "title" not in roles:
        taken = set(roles.values())
        roles["title"] = next((i for i in range(len(names)) if i not in taken), None)
    return {role: index for role, index in roles.items() if index is not None}


def _table_slot(line, cells, roles, known):
    def cell(role):
        index = roles.get(role)
        return cells[index] if index is not None and index < len(cells) else None

    time, _ = _time(_parts(cell("time"))) if cell("time") is not None else ("", [])
    if not time or cell("title") is None:
        return None
    parts = _parts(cell("title"))
    if cell("speakers") is not None:
        star = any(strip_star(c.content)[0] for c in cells)
        title = strip_star(" ".join(text for _, text in parts))[1]
        speakers = known.credits(strip_star(cell("speakers").content)[1]) or []
    else:
        title, speakers, star = _title_and_speakers(parts, known)
    title = strip_quotes(title)
    if not title or (not speakers and BREAK_WORDS.search(title)):
        return None
    if len(title) > TITLE_MAX:
        raise WriteupError(line + 1, f"a talk title of at most {TITLE_MAX} characters")
    summary = cell("summary").content.strip() if cell("summary") is not None else ""
    talk = TalkRecord(
        key="",
        title=title,
        speakers=speakers,
        summary=summary,
        recommended=star,
        origin=f"line {line + 1}",
    )
    return Slot(talk=talk, time=time)
