"""Reading people out of free text: "A & B", "A, B and C", "Name, Company", placeholders."""

import re

from .records import SpeakerRecord, clean_name, name_key

PLACEHOLDERS = {
    "various speakers",
    "various",
    "several speakers",
    "multiple speakers",
    "many speakers",
    "speakers",
    "tba",
    "tbd",
    "tbc",
    "unknown",
    "unknown speaker",
    "anonymous",
    "n a",
    "none",
    "various presenters",
}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"}
PARTICLES = {
    "van",
    "von",
    "de",
    "der",
    "den",
    "del",
    "della",
    "da",
    "das",
    "dos",
    "di",
    "du",
    "le",
    "la",
    "bin",
    "ibn",
    "al",
    "el",
    "ten",
    "ter",
    "y",
    "e",
    "zu",
}
# Words that make a heading a section title rather than somebody's name.
NOT_NAME_WORDS = {
    "about",
    "agenda",
    "an",
    "and",
    "at",
    "afterword",
    "bonus",
    "break",
    "closing",
    "conclusion",
    "conclusions",
    "contents",
    "day",
    "epilogue",
    "final",
    "for",
    "highlights",
    "in",
    "intro",
    "introduction",
    "key",
    "keynote",
    "keynotes",
    "learned",
    "learnt",
    "lessons",
    "lightning",
    "links",
    "lunch",
    "misc",
    "miscellaneous",
    "my",
    "notes",
    "of",
    "on",
    "opening",
    "other",
    "our",
    "overview",
    "panel",
    "party",
    "points",
    "preface",
    "recap",
    "resources",
    "session",
    "sessions",
    "sponsors",
    "summary",
    "takeaways",
    "talk",
    "talks",
    "the",
    "thoughts",
    "to",
    "track",
    "update",
    "updates",
    "welcome",
    "with",
    "workshop",
    "workshops",
    "wrap",
    "wrap-up",
}
# Words that end a company's name far more often than a person's ("Sword Health").
COMPANY_WORDS = {
    "ab", "ag", "analytics", "as", "asa", "bank", "bv", "capital", "cloud", "co", "company",
    "consulting", "corp", "corporation", "data", "digital", "energy", "foundation", "games",
    "gmbh", "group", "health", "inc", "institute", "insurance", "labs", "libraries", "llc",
    "ltd", "media", "mobile", "networks", "oy", "partners", "plc", "sa", "sas", "security",
    "software", "solutions", "studio", "studios", "systems", "tech", "technologies",
    "technology", "university", "ventures",
}  # fmt: skip
NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
LINKED = re.compile(r"^\[(?P<text>[^\]]+)\]\((?P<url>https?://[^)\s]+)\)$")
COMPANY_AT = re.compile(r"^(?P<name>.+?)\s+(?:@|from)\s+(?P<company>.+)$")
AND_SEPARATOR = re.compile(r"\s+(?:&|and|\+)\s+")


def is_placeholder(name):
    """True for strings that stand for nobody in particular ("Various speakers", "TBA")."""
    return name_key(name) in PLACEHOLDERS


def looks_like_person(text, *, single_word=False):
    """True if `text` reads like a person's name: a few capitalised words, no section words.

    One-word names ("Mrinal") only count when `single_word` is allowed, as after "by".
    """
    words = clean_name(text).split()
    if not words or len(words) > 5 or (len(words) == 1 and not single_word):
        return False
    capitalised = 0
    for word in words:
        bare = word.strip(".,")
        if bare.lower() in PARTICLES:
            continue
        if not NAME_WORD.match(bare) or bare.lower() in NOT_NAME_WORDS:
            return False
        if len(bare) >= 3 and bare.isupper() and "." not in bare:
            return False  # an acronym such as LXD or IPFS
        if bare[0].isupper():
            capitalised += 1
        elif not bare[0].isalpha() or bare[0].islower():
            return False
    return capitalised >= 1


def looks_like_company(text):
    """True if `text` ends in a word that names companies ("Ferrous Systems", "Acme Inc.")."""
    words = re.findall(r"\w+", clean_name(text).casefold())
    return len(words) >= 2 and words[-1] in COMPANY_WORDS


def _merge_suffixes(parts):
    """Join "Jr." and friends back onto the name before them ("King, Jr.")."""
    merged = []
    for part in parts:
        if merged and name_key(part) in SUFFIXES:
            merged[-1] = f"{merged[-1]}, {part}"
        else:
            merged.append(part)
    return merged


def split_people(text):
    """Several people in one string ("A & B", "A and B", "A, B and C") as separate names."""
    names = []
    for chunk in AND_SEPARATOR.split(clean_name(text)):
        names.extend(part.strip() for part in chunk.split(",") if part.strip())
    return _merge_suffixes(names)


def _split_company(name):
    """(name, company) from "Name (Company)" or "Name @ Company"; parentheses may nest."""
    if name.endswith(")"):
        depth = 0
        for index in range(len(name) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(name[index], 0)
            if depth == 0:
                if name[:index].strip() and not name[:index].endswith("]"):  # not a [link](url)
                    return name[:index].strip(), name[index + 1 : -1].strip()
                break
    match = COMPANY_AT.match(name)
    if match:
        return match["name"].strip(), match["company"].strip()
    return name, ""


def unlink(text):
    """(text, URL) from a Markdown link "[text](url)", or (text, "") for plain text."""
    match = LINKED.match(text.strip())
    return (match["text"].strip(), match["url"]) if match else (text, "")


def parse_credits(text, *, known_companies=frozenset(), known_speakers=frozenset(), loose=False):
    """Speakers named in `text`, each with a company if one is given, or None if no one is.

    Understands "A & B", "A and B", "A, B", "A (Company) & B (Other)", "A @ Company" and
    "A, B, Company": a last comma-separated part is the shared company when it is a known
    company, or follows "A & B", or does not read like a person's name (or ends like a
    company's: "Sword Health"), and is not a known speaker. `loose`
    accepts any non-empty name (after "by"), not only ones that look like a person's.
    """
    text = clean_name(text)
    if not text:
        return None
    chunks = AND_SEPARATOR.split(text)
    last_parts = [part.strip() for part in chunks[-1].split(",")]
    shared_company = ""
    if len(last_parts) > 1 or (len(chunks) > 1 and "," in chunks[-1]):
        tail = last_parts[-1]
        tail_key = name_key(unlink(tail)[0])
        tail_name = unlink(tail)[0]
        # "A & B, X": a list of people puts its "and" before the last name, so X is not one.
        after_and = len(chunks) > 1 and len(last_parts) == 2
        if tail_key in known_companies or (
            tail_key not in known_speakers
            and tail_key not in SUFFIXES
            and (after_and or not looks_like_person(tail_name) or looks_like_company(tail_name))
        ):
            shared_company = tail
            text = text[: text.rfind(",")]
    credits = []
    for name in split_people(text):
        name, company = _split_company(name)
        name, website = unlink(name)
        company, company_website = unlink(company or shared_company)
        if is_placeholder(name):
            continue
        if not name or (not loose and not looks_like_person(name.split(",")[0])):
            return None
        credits.append(
            SpeakerRecord(
                name=clean_name(name),
                company=clean_name(company),
                website=website,
                company_website=company_website,
            )
        )
    return credits or None


def parse_names(text):
    """People in a list of speaker strings (pyvideo's): split, cleaned, placeholders dropped."""
    names = []
    for item in text:
        for name in split_people(item or ""):
            if name and not is_placeholder(name):
                names.append(name)
    unique = {}
    for name in names:
        unique.setdefault(name_key(name), name)
    return list(unique.values())
