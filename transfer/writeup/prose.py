"""Speakers named in prose: "presented by Jane Doe (Acme)", "Jane Doe from Acme talked about…".

A name is a run of two to five capitalised words (or a link whose text is one); it names a
speaker only next to a cue: "by" before it, a speaking verb after it ("talked", "showed"), or
"'s talk". Between the name and the verb may come a company ("from Acme", "of Acme",
"(Acme)"), a handle, an aside (", design engineer at Acme,", ", who") and a second name
("Jane Doe and John Smith from Acme").
"""

import re
from dataclasses import dataclass, field

from ..people import looks_like_person
from ..records import SpeakerRecord, clean_name

TOKEN = re.compile(
    r"\[(?P<label>[^\]]*)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))*)\)"
    r"|(?P<word>[^\W\d_][\w'’.\-]*)|(?P<other>\S)"
)
VERBS = {
    "talked", "talks", "spoke", "speaks", "presented", "presents", "showed", "shows", "explained",
    "explains", "gave", "gives", "walked", "walks", "introduced", "introduces", "demoed",
    "demonstrated", "shared", "shares", "told", "tells", "opened", "closed", "described",
    "describes", "argued", "argues", "discussed", "discusses", "covered", "took", "takes",
    "started", "delivered", "ran", "led", "kicked", "began", "highlighted", "reminded",
    "taught", "went", "made", "asked", "live-coded", "built",
}  # fmt: skip
TALK_WORDS = {"talk", "keynote", "presentation", "session", "workshop", "lightning"}
JOINERS = {"and", "&"}
COMPANY_CUES = {"from", "of", "at"}
POSSESSIVE = re.compile(r"['’]s$")
SCAN_CHARS = 1500


@dataclass
class Token:
    kind: str  # "link", "word" or "other"
    text: str
    url: str = ""

    @property
    def lower(self):
        return self.text.lower()

    @property
    def capitalised(self):
        return self.kind == "word" and self.text[:1].isupper()


@dataclass
class Found:
    """Speakers found in a paragraph, and the links that belong to them (not to the talk)."""

    speakers: list[SpeakerRecord]
    links: set = field(default_factory=set)


def tokens_of(text):
    tokens = []
    for match in TOKEN.finditer(text):
        if match["label"] is not None:
            tokens.append(Token("link", " ".join(match["label"].split()), match["url"]))
        elif match["word"]:
            word = match["word"]
            possessive = POSSESSIVE.search(word)
            if possessive:
                tokens.append(Token("word", word[: possessive.start()]))
                tokens.append(Token("other", "'s"))
                continue
            if word.endswith(".") and len(word) > 2:
                tokens.append(Token("word", word[:-1]))
                tokens.append(Token("other", "."))
                continue
            tokens.append(Token("word", word))
        else:
            tokens.append(Token("other", match["other"]))
    return tokens


def find_speakers(text):
    """The first group of speakers the prose `text` credits with the talk, or None.

    Only the start of the text is read: a write-up names the speaker early, and a huge
    paragraph must not cost more than a small one.
    """
    tokens = tokens_of(text[:SCAN_CHARS])
    index = 0
    while index < len(tokens):
        name = _name_at(tokens, index)
        if name is None:
            index += 1
            continue
        found = _credited(tokens, index, name)
        if found:
            return found
        index = name[0]
    return None


def _name_at(tokens, index):
    """(index after the name, SpeakerRecord) if a person's name starts at `index`."""
    token = tokens[index]
    if token.kind == "link":
        if looks_like_person(token.text) and not token.text.startswith("@"):
            return index + 1, SpeakerRecord(name=clean_name(token.text), website=token.url)
        return None
    if not token.capitalised:
        return None
    end = index
    while end < len(tokens) and end - index < 5:
        word = tokens[end]
        if word.capitalised or (word.kind == "word" and word.lower in PARTICLES and end > index):
            end += 1
            continue
        break
    while end > index and not tokens[end - 1].capitalised:
        end -= 1  # a name does not end on "van"
    # The longest run of words that reads as a name, dropping sentence-opening words first.
    for start in range(index, end - 1):
        words = " ".join(token.text for token in tokens[start:end])
        if end - start >= 2 and looks_like_person(words):
            if start > index:
                return None  # found again when the scan reaches `start`
            return end, SpeakerRecord(name=clean_name(words))
    return None


PARTICLES = {"van", "von", "de", "der", "den", "del", "da", "di", "du", "le", "la", "ten", "ter"}


def _credited(tokens, start, name):
    """Found if the prose around the name at `start` credits it (and any joined names)."""
    end, first = name
    before = tokens[start - 1].lower if start > 0 else ""
    speakers = [first]
    links = {first.website} if first.website else set()
    index, company = _after_name(tokens, end, first, links)
    own_companies = [first.company]
    while index < len(tokens) and tokens[index].lower in JOINERS | {","}:
        following = _name_at(tokens, index + 1)
        if following is None:
            break
        speakers.append(following[1])
        if following[1].website:
            links.add(following[1].website)
        index, company = _after_name(tokens, following[0], following[1], links)
        own_companies.append(following[1].company)
    if company and not any(own_companies[:-1]):
        for speaker in speakers:
            speaker.company = speaker.company or company
    cue = before == "by" or _verb_follows(tokens, index) or _talk_follows(tokens, end)
    return Found(speakers, links) if cue else None


def _after_name(tokens, index, speaker, links):
    """Read a company, handle or aside after a name: (index after them, shared company)."""
    company = ""
    if index < len(tokens) and tokens[index].text == "(":
        close = _closing(tokens, index)
        inside = tokens[index + 1 : close]
        handles = [t for t in inside if t.kind == "link" and t.text.startswith("@")]
        for handle in handles:
            links.add(handle.url)
            speaker.website = speaker.website or handle.url
        if inside and not handles and all(t.capitalised or t.text in "&-" for t in inside):
            speaker.company = " ".join(t.text for t in inside)
        index = close + 1
    if index < len(tokens) and tokens[index].lower in COMPANY_CUES:
        company, index = _capitalised_run(tokens, index + 1)
        speaker.company = speaker.company or company
    if index < len(tokens) and tokens[index].text == ",":
        index = _aside(tokens, index, speaker)
    return index, company


def _aside(tokens, index, speaker):
    """The index after ", who" or a short aside (", design engineer at Acme,"), whose
    company is the speaker's; `index` (at the comma) if there is neither."""
    end = index + 1
    while end < len(tokens) and tokens[end].text not in {",", ".", ";"}:
        end += 1
    aside = tokens[index + 1 : end]
    if aside and aside[0].lower == "who":
        return index + 2
    if not aside or aside[0].capitalised or len(aside) > 8 or end >= len(tokens):
        return index
    for position, token in enumerate(aside):
        if token.lower == "at" and not speaker.company:
            speaker.company = _capitalised_run(aside, position + 1)[0]
    index = end + (1 if tokens[end].text == "," else 0)
    return index + 1 if index < len(tokens) and tokens[index].lower == "who" else index


def _capitalised_run(tokens, index):
    """(the capitalised words or link text starting at `index`, index after them)."""
    if index < len(tokens) and tokens[index].kind == "link":
        return tokens[index].text, index + 1
    end = index
    while end < len(tokens) and end - index < 4 and tokens[end].capitalised:
        end += 1
    return " ".join(token.text for token in tokens[index:end]), end


def _closing(tokens, index):
    depth = 0
    for position in range(index, len(tokens)):
        depth += {"(": 1, ")": -1}.get(tokens[position].text, 0)
        if depth == 0:
            return position
    return len(tokens) - 1


def _verb_follows(tokens, index):
    if index < len(tokens) and tokens[index].lower in {"also", "then", "first", "finally"}:
        index += 1
    return index < len(tokens) and tokens[index].lower in VERBS


def _talk_follows(tokens, end):
    return (
        end + 1 < len(tokens)
        and tokens[end].text == "'s"
        and tokens[end + 1].lower in TALK_WORDS | {"opening", "closing"}
    )
