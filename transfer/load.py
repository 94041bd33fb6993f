"""Write a `ConferenceRecord` to the database in one transaction, updating what is there.

Talks are matched by their source key (and, for write-ups, by slug), speakers and companies
by `name_key` across all conferences, tags by slug. What a record leaves as `None` is not
touched, so edits made in admin to fields the source does not carry survive a re-import;
links are matched by URL and links added in admin are kept. Every query is a bulk one except
for the rows that changed, so a 5,000-talk folder imports in seconds.
"""

import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from speakers.models import Company, Speaker
from talks import services
from talks.models import Conference, Link, Talk, TalkSpeaker

from .records import name_key

BATCH = 500
# The parsers validate URLs fully; this is the last guard before the database.
WEB_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
CONFERENCE_FIELDS = (
    "name",
    "city",
    "country",
    "year",
    "month",
    "start_date",
    "end_date",
    "description",
    "writeup_author",
    "writeup_author_url",
    "writeup_url",
    "raw_notes_url",
    "time_zone",
)
CONFERENCE_LIMITS = {
    "name": 200,
    "slug": 200,
    "city": 100,
    "country": 100,
    "writeup_author": 200,
    "writeup_author_url": 500,
    "writeup_url": 500,
    "raw_notes_url": 500,
    "time_zone": 64,
}
TALK_FIELDS = (
    "title",
    "topic",
    "summary",
    "recommended",
    "position",
    "recorded_on",
    "duration",
    "thumbnail_url",
)


TAG_MAX = Tag._meta.get_field("name").max_length  # and its slug's


class ImportProblem(ValueError):
    """A record the database cannot take; nothing was written."""


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    conference: str = ""
    changes: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    missing: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self):
        verb = "would be" if self.dry_run else "were"
        text = (
            f"{self.conference}: {self.created} talks {verb} created, {self.updated} updated, "
            f"{self.unchanged} unchanged."
        )
        if self.missing:
            text += f" {len(self.missing)} talks in the database are not in the source (kept)."
        return text


class _DryRun(Exception):
    pass


def import_conference(
    record, *, match_slugs=True, dry_run=False, loader=None, report=None, catalogue=None
):
    """Create or update the conference `record` describes, with its talks; returns a report.

    All or nothing: one transaction, rolled back on any error and at the end of a dry run.
    `loader` (a subclass of `Loader`) and `report` (an `ImportReport`) let an importer add
    what its source knows beyond a write-up's (a schedule's times and rooms). `catalogue`
    (a `Catalogue`) is shared by the conferences of one run; it is forgotten whenever a
    transaction rolls back.
    """
    _validate(record)
    report = report or ImportReport()
    report.conference, report.dry_run = record.slug, dry_run
    catalogue = catalogue or Catalogue()
    try:
        with transaction.atomic():
            (loader or Loader)(record, report, match_slugs=match_slugs, catalogue=catalogue).run()
            if dry_run:
                raise _DryRun
    except _DryRun:
        catalogue.forget()
    except DatabaseError as error:  # a last guard: _validate should have caught it
        catalogue.forget()
        raise ImportProblem(f"the database refused it ({error})") from error
    except BaseException:
        catalogue.forget()
        raise
    return report


class Catalogue:
    """What every conference of an import looks up: companies and speakers by `name_key`,
    and the slugs taken. Read once per run, kept current by the loader as it writes, and
    read again after a rolled-back transaction (`forget()`)."""

    def __init__(self):
        self.loaded = False

    def forget(self):
        """Read the database again before the next use (what was written may be gone)."""
        self.loaded = False

    def load(self):
        """Read the database, unless it was read since the last `forget()`."""
        if self.loaded:
            return self
        self.companies, self.company_slugs, self.company_names = {}, set(), set()
        for company in Company.objects.only("pk", "name", "slug", "website").order_by("pk"):
            self.companies.setdefault(name_key(company.name), company)
            self.company_slugs.add(company.slug)
            self.company_names.add(company.name.lower())
        self.speakers, self.speaker_slugs = {}, set()
        fields = ("pk", "name", "slug", "company_id", "website")
        for speaker in Speaker.objects.only(*fields).order_by("pk"):
            self.speakers.setdefault(name_key(speaker.name), speaker)
            self.speaker_slugs.add(speaker.slug)
        self.talk_slugs = set(Talk.objects.values_list("slug", flat=True))
        self.loaded = True
        return self


def refresh_derived_data(*, talk_ids, speaker_ids=(), company_ids=()):
    """Tell the services what an import wrote in bulk: talks created or changed (their
    fields, speakers or tags), and speakers or companies whose details changed (their talks
    elsewhere too). Also bumps the data version when only links or the conference changed."""
    services.saved_in_bulk(Talk, talk_ids)
    if speaker_ids:
        services.saved_in_bulk(Speaker, speaker_ids)
    if company_ids:
        services.saved_in_bulk(Company, company_ids)


def _validate(record):
    """Refuse values the database would reject (PostgreSQL checks lengths, SQLite does not)."""
    problems = []
    if not record.slug:
        problems.append("the conference's name gives no slug: give one with --slug")
    for name, limit in CONFERENCE_LIMITS.items():
        value = getattr(record, name)
        if value and len(value) > limit:
            problems.append(f"the conference's {name} is longer than {limit} characters")
        if value and name.endswith("url") and not WEB_URL.match(value):
            problems.append(f"the conference's {name} {value!r} is not an http(s) URL")
    for talk in record.talks:
        where = talk.origin or talk.title
        for name, value, limit in (
            ("title", talk.title, 300),
            ("topic", talk.topic, 200),
            ("slug", talk.slug, 200),
            ("thumbnail", talk.thumbnail_url, 500),
        ):
            if value and len(value) > limit:
                problems.append(f"{where}: the {name} is longer than {limit} characters")
        if not talk.title:
            problems.append(f"{where}: the talk has no title")
        for speaker in talk.speakers:
            if len(speaker.name) > 200 or len(speaker.company) > 200:
                problems.append(f"{where}: a speaker or company name is over 200 characters")
            if len(speaker.website) > 500 or len(speaker.company_website) > 500:
                problems.append(f"{where}: a speaker or company website is over 500 characters")
        for tag in talk.tags or []:
            if len(tag) > TAG_MAX:
                problems.append(f"{where}: the tag {tag[:40]!r}… is over {TAG_MAX} characters")
        for link in talk.links:
            if not WEB_URL.match(link.url) or len(link.url) > 1000:
                problems.append(f"{where}: {link.url!r} is not an http(s) URL")
            link.label = link.label[:200]
    for company in record.companies:
        if len(company.name) > 200 or len(company.website) > 500:
            problems.append(
                f"the company {company.name[:40]!r}: a name over 200 or a website over 500 "
                "characters"
            )
    for link in record.links:
        if not WEB_URL.match(link.url) or len(link.url) > 1000:
            problems.append(f"conference link {link.url!r} is not an http(s) URL")
        link.label = link.label[:200]
    if problems:
        raise ImportProblem("; ".join(problems))


def unique_slug(base, taken, *, fallback, max_length=200):
    """`base` (or `fallback` if empty), with -2, -3… until it is not in `taken`; adds it there."""
    base = (base or fallback)[:max_length].strip("-") or fallback
    slug, number = base, 1
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
    taken.add(slug)
    return slug


class Loader:
    def __init__(self, record, report, *, match_slugs, catalogue=None):
        self.record = record
        self.report = report
        self.match_slugs = match_slugs
        self.catalogue = (catalogue or Catalogue()).load()
        self.now = timezone.now()
        # What the derived data must follow (talks' search documents, the data version).
        self.talks_changed, self.speakers_changed, self.companies_changed = set(), set(), set()
        self._new_links, self._changed_links = [], []

    def log(self, line):
        self.report.changes.append(line)

    def run(self):
        conference = self.conference()
        companies = self.companies()
        speakers = self.speakers(companies)
        tags = self.tags()
        self.talks(conference, speakers, tags)
        if self.report.changes or self.talks_changed or self._new_links or self._changed_links:
            refresh_derived_data(
                talk_ids=self.talks_changed,
                speaker_ids=self.speakers_changed,
                company_ids=self.companies_changed,
            )

    # Conference -------------------------------------------------------------------------

    def conference(self):
        record = self.record
        conference = Conference.objects.filter(slug=record.slug).first()
        values = {
            name: getattr(record, name)
            for name in CONFERENCE_FIELDS
            if getattr(record, name) is not None
        }
        if conference is None:
            conference = Conference.objects.create(slug=record.slug, **values)
            self.log(f"+ conference {record.slug}: {record.name}")
        else:
            changed = [name for name, value in values.items() if getattr(conference, name) != value]
            if changed:
                for name in changed:
                    setattr(conference, name, values[name])
                conference.save(update_fields=[*changed, "updated"])
                self.log(f"~ conference {record.slug}: {', '.join(changed)}")
        existing = list(conference.links.all()) if conference.pk else []
        self.sync_links(
            existing, record.links, conference=conference, owner=f"conference {record.slug}"
        )
        return conference

    # Companies and speakers ---------------------------------------------------------------

    def companies(self):
        """Every company the record names, by `name_key`, created where missing."""
        wanted = {}
        for talk in self.record.talks:
            for speaker in talk.speakers:
                if speaker.company:
                    wanted.setdefault(name_key(speaker.company), speaker.company)
        websites = {}
        for talk in self.record.talks:
            for speaker in talk.speakers:
                if speaker.company and speaker.company_website:
                    websites[name_key(speaker.company)] = speaker.company_website
        for company in self.record.companies:
            wanted.setdefault(name_key(company.name), company.name)
            if company.website:
                websites[name_key(company.name)] = company.website
        known = self.catalogue.companies
        taken = self.catalogue.company_slugs
        names = self.catalogue.company_names
        new = []
        for key, name in wanted.items():
            if key in known:
                continue
            if name.lower() in names:
                raise ImportProblem(f"company {name!r} clashes with an existing one")
            company = Company(name=name, slug=unique_slug(slugify(name), taken, fallback="company"))
            known[key] = company
            names.add(name.lower())
            new.append(company)
            self.log(f"+ company {name}")
        Company.objects.bulk_create(new, batch_size=BATCH)
        for key, website in websites.items():
            company = known[key]
            if company.website != website:
                company.website = website
                company.save(update_fields=["website"])
                self.companies_changed.add(company.pk)
                self.log(f"~ company {company.name}: website")
        return known

    def speakers(self, companies):
        """Every speaker the record names, by `name_key`, created or given their company."""
        known = self.catalogue.speakers
        taken = self.catalogue.speaker_slugs
        new = []
        for talk in self.record.talks:
            for credit in talk.speakers:
                key = name_key(credit.name)
                company = companies[name_key(credit.company)] if credit.company else None
                speaker = known.get(key)
                if speaker is None:
                    speaker = Speaker(
                        name=credit.name,
                        slug=unique_slug(slugify(credit.name), taken, fallback="speaker"),
                        company=company,
                        website=credit.website,
                    )
                    known[key] = speaker
                    new.append(speaker)
                    self.log(f"+ speaker {credit.name}")
                    continue
                changed = []
                if company is not None and speaker.company_id != company.pk:
                    speaker.company = company
                    changed.append("company")
                if credit.website and speaker.website != credit.website:
                    speaker.website = credit.website
                    changed.append("website")
                if changed and speaker.pk is not None:
                    speaker.save(update_fields=changed)
                    self.speakers_changed.add(speaker.pk)
                    self.log(f"~ speaker {speaker.name}: {', '.join(changed)}")
        Speaker.objects.bulk_create(new, batch_size=BATCH)
        return known

    # Tags ----------------------------------------------------------------------------------

    def tags(self):
        """Every tag the record uses, by slug, created where missing."""
        wanted = list(dict.fromkeys(tag for talk in self.record.talks for tag in talk.tags or []))
        known = {}
        if wanted:
            for tag in Tag.objects.annotate(lowered=Lower("name")).filter(lowered__in=wanted):
                known.setdefault(tag.name.lower(), tag)
            for tag in Tag.objects.filter(slug__in=set(wanted) - set(known)):
                known.setdefault(tag.slug, tag)
        new = [Tag(name=slug, slug=slug) for slug in wanted if slug not in known]
        Tag.objects.bulk_create(new, batch_size=BATCH)
        known.update((tag.slug, tag) for tag in new)
        for tag in new:
            self.log(f"+ tag {tag.name}")
        return known

    # Talks ---------------------------------------------------------------------------------

    def talks(self, conference, speakers, tags):
        existing = list(Talk.objects.filter(conference=conference))
        content_type = ContentType.objects.get_for_model(Talk)
        credits_of, links_of, items_of = self.related(conference, content_type)
        by_key = {talk.source_key: talk for talk in existing if talk.source_key}
        by_slug = {talk.slug: talk for talk in existing}
        taken = self.catalogue.talk_slugs  # every talk's, this conference's too
        record_keys = {record.key for record in self.record.talks}
        matched, used = {}, set()
        for record in self.record.talks:
            talk = by_key.get(record.key)
            if self.match_slugs and record.slug in by_slug:
                # A slug the source states ("Slug:") names the talk outright: a write-up of
                # some of the talks keys a speaker's second talk as if it were the first.
                talk = by_slug[record.slug]
            if talk is None and self.match_slugs:
                # Same slug, and not the talk another record of this source is keyed to.
                talk = by_slug.get(record.slug or slugify(record.title)[:200])
                if talk is not None and talk.source_key in record_keys - {record.key}:
                    talk = None
            if talk is not None and talk.pk in used:
                talk = None
            if talk is not None:
                used.add(talk.pk)
            matched[id(record)] = talk

        new_talks = []
        for record in self.record.talks:
            talk = matched[id(record)]
            if talk is None:
                if record.slug and record.slug in taken:
                    raise ImportProblem(f"{record.origin}: the slug {record.slug!r} is taken")
                slug = record.slug or unique_slug(slugify(record.title), taken, fallback="talk")
                taken.add(slug)
                talk = Talk(conference=conference, slug=slug, source_key=record.key)
                self.set_fields(talk, record)
                new_talks.append((talk, record))
                self.log(f"+ talk {slug}: {record.title}")
                self.report.created += 1
            else:
                self.update_talk(talk, record, taken)
        Talk.objects.bulk_create([talk for talk, _ in new_talks], batch_size=BATCH)
        self.talks_changed.update(talk.pk for talk, _ in new_talks)

        credits, items, clear_credits, drop_items = [], [], [], []
        for record in self.record.talks:
            talk = matched[id(record)] or next(t for t, r in new_talks if r is record)
            is_new = matched[id(record)] is None
            speaker_ids = [speakers[name_key(s.name)].pk for s in record.speakers]
            speaker_ids = list(dict.fromkeys(speaker_ids))
            current = [credit.speaker_id for credit in credits_of.get(talk.pk, [])]
            if speaker_ids != current:
                self.talks_changed.add(talk.pk)
                if not is_new:
                    clear_credits.append(talk.pk)
                    self.log(f"~ talk {talk.slug}: speakers")
                credits += [
                    TalkSpeaker(talk=talk, speaker_id=pk, position=position)
                    for position, pk in enumerate(speaker_ids)
                ]
            if record.tags is not None:
                wanted = [tags[slug] for slug in record.tags]
                current_items = items_of.get(talk.pk, [])
                current_ids = {item.tag_id for item in current_items}
                wanted_ids = {tag.pk for tag in wanted}
                if current_ids != wanted_ids:
                    self.talks_changed.add(talk.pk)
                    if not is_new:
                        self.log(f"~ talk {talk.slug}: tags")
                    drop_items += [i.pk for i in current_items if i.tag_id not in wanted_ids]
                    items += [
                        TaggedItem(tag=tag, content_type=content_type, object_id=talk.pk)
                        for tag in dict.fromkeys(wanted)
                        if tag.pk not in current_ids
                    ]
            existing_links = links_of.get(talk.pk, [])
            self.sync_links(existing_links, record.links, talk=talk, owner=f"talk {talk.slug}")
        TalkSpeaker.objects.filter(talk_id__in=clear_credits).delete()
        TalkSpeaker.objects.bulk_create(credits, batch_size=BATCH)
        TaggedItem.objects.filter(pk__in=drop_items).delete()
        TaggedItem.objects.bulk_create(items, batch_size=BATCH)
        self.flush_links()

        seen = {talk.pk for talk in matched.values() if talk is not None}
        self.report.missing = [t.slug for t in existing if t.pk not in seen]
        for slug in self.report.missing:
            self.log(f"! talk {slug} is in the database but not in the source (kept)")

    def related(self, conference, content_type):
        """Credits, links and tagged items of the conference's talks, by talk id (3 queries)."""
        talk_ids = Talk.objects.filter(conference=conference).values("pk")
        grouped = ({}, {}, {})
        querysets = (
            TalkSpeaker.objects.filter(talk_id__in=talk_ids).order_by("position", "pk"),
            Link.objects.filter(talk_id__in=talk_ids).order_by("position", "pk"),
            TaggedItem.objects.filter(content_type=content_type, object_id__in=talk_ids),
        )
        for group, queryset in zip(grouped, querysets, strict=True):
            for row in queryset:
                owner = row.object_id if isinstance(row, TaggedItem) else row.talk_id
                group.setdefault(owner, []).append(row)
        return grouped

    def set_fields(self, talk, record):
        """Set the fields `record` carries on `talk`; returns the names that changed."""
        changed = []
        for name in TALK_FIELDS:
            value = getattr(record, name)
            if value is None:
                if talk.pk is None and name in {"topic", "thumbnail_url"}:
                    value = ""
                elif talk.pk is None and name == "recommended":
                    value = False
                else:
                    continue
            if getattr(talk, name) != value:
                setattr(talk, name, value)
                changed.append(name)
        return changed

    def update_talk(self, talk, record, taken):
        changed = self.set_fields(talk, record)
        if record.slug and record.slug != talk.slug:
            if record.slug in taken:
                raise ImportProblem(f"{record.origin}: the slug {record.slug!r} is taken")
            taken.discard(talk.slug)
            taken.add(record.slug)
            talk.slug = record.slug
            changed.append("slug")
        if not talk.source_key:
            talk.source_key = record.key
            changed.append("source_key")
        if changed:
            talk.updated = self.now
            talk.save(update_fields=[*changed, "updated"])
            self.talks_changed.add(talk.pk)
            visible = [name for name in changed if name != "source_key"]
            if visible:
                self.log(f"~ talk {talk.slug}: {', '.join(visible)}")
                self.report.updated += 1
            else:
                self.report.unchanged += 1
        else:
            self.report.unchanged += 1

    # Links ---------------------------------------------------------------------------------

    def sync_links(self, existing, wanted, *, owner, talk=None, conference=None):
        """Queue link writes: `wanted` in order, matched by URL; other existing links kept."""
        by_url = {link.url: link for link in existing}
        position = 0
        changed = False
        for record in wanted:
            link = by_url.pop(record.url, None)
            if link is None:
                link = Link(talk=talk, conference=conference, url=record.url)
                link.kind, link.label, link.position = record.kind, record.label, position
                self._new_links.append(link)
                changed = changed or bool(existing)
            elif (link.kind, link.label, link.position) != (record.kind, record.label, position):
                link.kind, link.label, link.position = record.kind, record.label, position
                self._changed_links.append(link)
                changed = True
            position += 1
        for link in existing:
            if link.url in by_url:
                if link.position != position:
                    link.position = position
                    self._changed_links.append(link)
                position += 1
        if changed:
            self.log(f"~ {owner}: links")

    def flush_links(self):
        for link in self._new_links:
            link.talk_id = link.talk.pk if link.talk else None
            link.conference_id = link.conference.pk if link.conference else None
        Link.objects.bulk_create(self._new_links, batch_size=BATCH)
        Link.objects.bulk_update(
            self._changed_links, ["kind", "label", "position"], batch_size=BATCH
        )
