"""Who gave a talk, read from a heading ("Jane Doe, Acme - Topic") or a line ("by Jane Doe")."""

import re
from dataclasses import dataclass

from ..people import (
    is_placeholder,
    looks_like_company,
    looks_like_person,
    parse_credits,
    split_people,
    unlink,
)
from ..records import clean_name, name_key
from .text import strip_emphasis, strip_handles, strip_quotes, strip_star, strip_symbols

TOPIC_SEPARATOR = re.compile(r"\s+[-–—]\s+|:\s+")
NUMBERING = re.compile(r"^\d{1,3}[.)]\s+")
COMPANY_DASH = re.compile(r"\s+[-–—|·]\s+")
BY_LINE = re.compile(
    r"^[*_]*\s*(?P<verb>by|presented by|speakers?|speaker\(s\)|presenters?)\s*(?P<colon>:?)[*_]*"
    r"\s+(?P<names>.+?)\s*$",
    re.I,
)


@dataclass(frozen=True)
class Known:
    """`name_key`s that settle "Name, Other": a known company, or a known second speaker."""

    companies: frozenset = frozenset()
    speakers: frozenset = frozenset()

    def credits(self, text, *, loose=False):
        return parse_credits(
            text, known_companies=self.companies, known_speakers=self.speakers, loose=loose
        )


def heading_credits(text, known):
    """(speakers, topic) named by a heading like "Jane Doe, Acme - Topic", or (None, None).

    Each separator is tried in turn, speakers on either side of it: "Panel: Hiring — Jane
    Doe, John Smith" splits at the dash.
    """
    text = NUMBERING.sub("", text)
    options = []
    for match in TOPIC_SEPARATOR.finditer(text):
        left, right = text[: match.start()].strip(), text[match.end() :].strip()
        options += [(left, right), (right, left)]
    options.append((text, None))
    for names, topic in options:
        credits = known.credits(strip_symbols(names))
        if credits:
            return credits, strip_quotes(strip_emphasis(strip_symbols(topic))) if topic else ""
    return None, None


def by_line(text, known):
    """(speakers, ★) if `text` is a line such as "by Jane Doe, Acme ★", else None."""
    star, text = strip_star(strip_emphasis(text.strip()))
    text, handle_url = strip_handles(text)
    match = BY_LINE.match(text)
    if not match:
        return None
    verb = match["verb"].lower()
    listed = not verb.endswith("by")  # "Speakers: …" lists names; "by …" reads as prose
    if listed and not match["colon"]:
        return None
    names = strip_emphasis(match["names"].strip("*_ "))
    names = re.sub(r"(?<=[a-z]{2})\.$", "", names)  # "by Jane Doe." (not "King, Jr.")
    if listed and all(is_placeholder(name) for name in split_people(names)):
        return [], star
    names, company = _dash_company(names)
    credits = known.credits(names, loose=listed)
    if credits and len(credits) > 1 and verb in {"speaker", "presenter"} and "," in names:
        # One speaker: what follows the comma is their company ("Speaker: Jane Doe, Acme Bank").
        company = names.rsplit(",", 1)[1].strip()
        credits = Known(known.companies | {name_key(company)}, known.speakers).credits(
            names, loose=True
        )
    if credits is None and not listed:
        credits = _single_names(names, known)
    if credits is None:
        return None
    _give_company(credits, company)
    _give_handle(credits, handle_url)
    return credits, star


def bare_credits(text, known):
    """(speakers, ★) if a sub-heading is only a name, as "### Jane Doe, Acme", else None."""
    star, text = strip_star(strip_emphasis(text.strip()))
    text, handle_url = strip_handles(text)
    text, company = _dash_company(text)
    if TOPIC_SEPARATOR.search(text):
        return None
    credits = known.credits(text)
    if not credits:
        return None
    _give_company(credits, company)
    _give_handle(credits, handle_url)
    return credits, star


def _dash_company(text):
    """(names, company) of "Jane Doe — Acme"; (text, "") when what follows the dash could be
    a person or a topic rather than a company."""
    parts = COMPANY_DASH.split(text)
    if len(parts) != 2:
        return text, ""
    names, company = (part.strip() for part in parts)
    if looks_like_person(unlink(company)[0]) and not looks_like_company(unlink(company)[0]):
        return text, ""
    if len(company.split()) > 4:
        return text, ""
    return names, company


def _give_company(credits, company):
    """A company after a dash is every speaker's who has none of their own."""
    if company:
        name, website = unlink(company)
        for credit in credits:
            if not credit.company:
                credit.company, credit.company_website = clean_name(name), website


def _give_handle(credits, url):
    """A lone speaker's linked handle is their website when no other is given."""
    if url and len(credits) == 1 and not credits[0].website:
        credits[0].website = url


def _single_names(text, known):
    """Speakers after "by" when they are one-word names ("by Mrinal & Ola")."""
    credits = known.credits(text, loose=True)
    if credits and all(looks_like_person(c.name, single_word=True) for c in credits):
        return credits
    return None
