"""Facts a write-up cannot say (titles, full company names, tags, city), from a small TOML file.

The file is read with `tomllib`; every table and key is optional::

    [conference]                # name, slug, city, country, date, author, author_url,
    city = "London"             # writeup_url, raw_notes_url
    date = "2015-09"
    [[conference.links]]        # added to the conference's links (same URL: replaces)
    kind = "playlist"
    url = "https://www.youtube.com/playlist?list=..."
    label = "All talks"

    [companies]                 # a company as written = its full name
    "Rancher" = "Rancher Labs"
    [company_websites]
    "Protocol Labs" = "http://ipn.io/"

    [tags]                      # a speaker's name, a talk title or a topic = tags
    "Kubernetes" = ["kubernetes", "orchestration"]

    [[talks]]                   # the first talk by `speaker` (or all `speakers`)
    speaker = "Bryan Cantrill"
    title = "Towards a Containerized Future"   # also: topic, company, slug, tags, links
    tags = ["keynote"]

`--tags-from FILE` reads only the `[tags]` table of such a file.
"""

import tomllib
from dataclasses import dataclass, field

from .dates import parse_when
from .files import MAX_SIZE, read_bytes
from .records import LINK_KINDS, CompanyRecord, LinkRecord, link_kind, name_key, normalise_tags

CONFERENCE_KEYS = {
    "name",
    "slug",
    "city",
    "country",
    "date",
    "author",
    "author_url",
    "writeup_url",
    "raw_notes_url",
    "links",
}
TALK_KEYS = {"speaker", "speakers", "title", "topic", "company", "slug", "tags", "links"}
TOP_KEYS = {"conference", "companies", "company_websites", "tags", "talks"}


class FactsError(ValueError):
    """A facts file that is not what this module expects."""


@dataclass
class TalkFacts:
    speakers: list[str]
    where: str
    title: str = ""
    topic: str | None = None
    company: str = ""
    slug: str = ""
    tags: list[str] = field(default_factory=list)
    links: list[LinkRecord] = field(default_factory=list)


@dataclass
class Facts:
    conference: dict = field(default_factory=dict)
    conference_links: list[LinkRecord] = field(default_factory=list)
    companies: dict[str, str] = field(default_factory=dict)  # name_key → full name
    websites: dict[str, tuple[str, str]] = field(default_factory=dict)  # name_key → (name, url)
    tags: dict[str, list[str]] = field(default_factory=dict)  # name_key → tags
    talks: list[TalkFacts] = field(default_factory=list)

    def known_companies(self):
        """`name_key`s of every company this file names, as written and in full."""
        names = set(self.companies) | {name_key(full) for full in self.companies.values()}
        names |= set(self.websites)
        names |= {name_key(talk.company) for talk in self.talks if talk.company}
        return names


def read_facts(path, *, only_tags=False, max_size=MAX_SIZE):
    """The `Facts` in a TOML file; raises `FactsError` naming the file and the problem
    (`InputRefused` if it is larger than `max_size` bytes)."""
    try:
        data = tomllib.loads(read_bytes(path, max_size=max_size).decode("utf-8"))
    except OSError as error:
        raise FactsError(f"{path}: cannot read it ({error.strerror})") from None
    except UnicodeDecodeError:
        raise FactsError(f"{path}: expected UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise FactsError(f"{path}: not valid TOML ({error})") from None
    try:
        return _facts(data, only_tags=only_tags)
    except FactsError as error:
        raise FactsError(f"{path}: {error}") from None


def _facts(data, *, only_tags):
    facts = Facts()
    if only_tags:
        facts.tags = _tags_table(data.get("tags", {}))
        return facts
    _no_unknown(data, TOP_KEYS, "the file")
    conference = _table(data, "conference")
    _no_unknown(conference, CONFERENCE_KEYS, "[conference]")
    for key, value in conference.items():
        if key != "links":
            facts.conference[key] = _string(value, f"[conference] {key}")
    if "date" in facts.conference:
        try:
            parse_when(facts.conference["date"])
        except ValueError as error:
            raise FactsError(f"[conference] date: {error}") from None
    facts.conference_links = _links(conference.get("links", []), "[conference] links")
    for written, full in _table(data, "companies").items():
        facts.companies[name_key(written)] = _string(full, f"[companies] {written}")
    for company, url in _table(data, "company_websites").items():
        facts.websites[name_key(company)] = (company, _string(url, f"[company_websites] {company}"))
    facts.tags = _tags_table(data.get("tags", {}))
    talks = data.get("talks", [])
    if not isinstance(talks, list):
        raise FactsError("expected [[talks]] entries")
    for number, entry in enumerate(talks, start=1):
        facts.talks.append(_talk_facts(entry, f"[[talks]] #{number}"))
    return facts


def _talk_facts(entry, where):
    if not isinstance(entry, dict):
        raise FactsError(f"{where}: expected a table")
    _no_unknown(entry, TALK_KEYS, where)
    speakers = entry.get("speakers") or ([entry["speaker"]] if "speaker" in entry else [])
    if not speakers or not all(isinstance(name, str) and name.strip() for name in speakers):
        raise FactsError(f"{where}: expected 'speaker' (a name) or 'speakers' (a list of names)")
    facts = TalkFacts(speakers=speakers, where=where)
    for key in ("title", "company", "slug"):
        if key in entry:
            setattr(facts, key, _string(entry[key], f"{where} {key}"))
    if "topic" in entry:
        facts.topic = _string(entry["topic"], f"{where} topic")
    facts.tags = _string_list(entry.get("tags", []), f"{where} tags")
    facts.links = _links(entry.get("links", []), f"{where} links")
    return facts


def _tags_table(table):
    if not isinstance(table, dict):
        raise FactsError("expected a [tags] table")
    return {name_key(key): _string_list(tags, f"[tags] {key}") for key, tags in table.items()}


def _table(data, key):
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise FactsError(f"expected [{key}] to be a table")
    return value


def _no_unknown(table, allowed, where):
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise FactsError(f"{where}: unknown key {unknown[0]!r} (expected one of {sorted(allowed)})")


def _string(value, where):
    if not isinstance(value, str):
        raise FactsError(f"{where}: expected a string")
    return value.strip()


def _string_list(value, where):
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise FactsError(f"{where}: expected a list of strings")
    return value


def _links(entries, where):
    if not isinstance(entries, list):
        raise FactsError(f"{where}: expected a list of {{kind, url, label}} tables")
    links = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            raise FactsError(f"{where}: expected each link to be a table with a 'url'")
        kind = entry.get("kind") or link_kind(entry["url"])
        if kind not in LINK_KINDS:
            raise FactsError(f"{where}: expected kind to be one of {', '.join(LINK_KINDS)}")
        links.append(LinkRecord(url=entry["url"], label=entry.get("label", ""), kind=kind))
    return links


def merge_links(links, extra):
    """`links` with `extra` added; an extra link with a URL already there replaces it in place."""
    merged = {link.url: link for link in links}
    for link in extra:
        merged[link.url] = link
    return list(merged.values())


def apply_facts(conference, facts):
    """Fill in and correct a parsed `ConferenceRecord` with `facts`; raises on an unmatched talk."""
    _apply_conference(conference, facts)
    used = set()
    for talk_facts in facts.talks:
        talk = _find_talk(conference.talks, talk_facts, used)
        _apply_talk(talk, talk_facts)
    for talk in conference.talks:
        keys = [name_key(talk.title), name_key(talk.topic or "")]
        keys += [name_key(speaker.name) for speaker in talk.speakers]
        extra = [tag for key in keys if key in facts.tags for tag in facts.tags[key]]
        if extra:
            talk.tags = normalise_tags((talk.tags or []) + extra)
        for speaker in talk.speakers:
            speaker.company = facts.companies.get(name_key(speaker.company), speaker.company)
    conference.companies = [
        CompanyRecord(name=facts.companies.get(key, name), website=url)
        for key, (name, url) in facts.websites.items()
    ]
    return conference


def _apply_conference(conference, facts):
    values = facts.conference
    for key, attribute in (
        ("name", "name"),
        ("slug", "slug"),
        ("city", "city"),
        ("country", "country"),
        ("author", "writeup_author"),
        ("author_url", "writeup_author_url"),
        ("writeup_url", "writeup_url"),
        ("raw_notes_url", "raw_notes_url"),
    ):
        if key in values:
            setattr(conference, attribute, values[key])
    if "date" in values:
        apply_when(conference, parse_when(values["date"]))
    conference.links = merge_links(conference.links, facts.conference_links)


def apply_when(conference, when):
    conference.year, conference.month = when.year, when.month
    conference.start_date, conference.end_date = when.start_date, when.end_date


def _find_talk(talks, talk_facts, used):
    wanted = {name_key(name) for name in talk_facts.speakers}
    for index, talk in enumerate(talks):
        names = {name_key(speaker.name) for speaker in talk.speakers}
        if index not in used and wanted <= names:
            used.add(index)
            return talk
    raise FactsError(
        f"{talk_facts.where}: no talk in the write-up by {' & '.join(talk_facts.speakers)}"
    )


def _apply_talk(talk, talk_facts):
    if talk_facts.title:
        talk.title = talk_facts.title
    if talk_facts.topic is not None:
        talk.topic = talk_facts.topic
    if talk_facts.slug:
        talk.slug = talk_facts.slug
    if talk_facts.company:
        wanted = {name_key(name) for name in talk_facts.speakers}
        for speaker in talk.speakers:
            if name_key(speaker.name) in wanted:
                speaker.company = talk_facts.company
    if talk_facts.tags:
        talk.tags = normalise_tags((talk.tags or []) + talk_facts.tags)
    talk.links = merge_links(talk.links, talk_facts.links)
