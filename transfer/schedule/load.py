"""Write a schedule's conference record: the write-up loader, plus times, rooms and changes.

Talks are matched by the schedule's guid or uid (kept as their source key). A talk whose
start or room changed is reported as moved, one whose title changed as renamed, and one
that left the schedule (or says it is cancelled) is marked cancelled, never deleted: its
readers' stars and notes stay. Each change is written down on the talk (`schedule_change`).
"""

import datetime
from dataclasses import dataclass, field

from talks.models import Talk, parse_time_zone

from ..load import ImportReport, Loader, import_conference

SLOT_FIELDS = ("starts_at", "ends_at", "room", "track", "session_type", "language")
LEFT_THE_SCHEDULE = "No longer in the schedule"
MARKED_CANCELLED = "Marked cancelled in the schedule"
BACK = "Back in the schedule"


@dataclass
class ScheduleReport(ImportReport):
    """An import report that also lists the talks moved, renamed and cancelled."""

    moved: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    reinstated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def summary(self):
        text = super().summary()
        counts = [
            f"{len(items)} {label}"
            for items, label in (
                (self.moved, "moved"),
                (self.renamed, "renamed"),
                (self.cancelled, "cancelled"),
                (self.reinstated, "back in the schedule"),
            )
            if items
        ]
        if counts:
            text += f" Talks {', '.join(counts)}."
        if len(self.skipped) == 1:
            text += " 1 item that is not a talk was skipped."
        elif self.skipped:
            text += f" {len(self.skipped)} items that are not talks were skipped."
        return text

    def notices(self):
        """One line per talk moved, renamed, cancelled or back: always worth printing."""
        return [
            *(f"moved: {line}" for line in self.moved),
            *(f"renamed: {line}" for line in self.renamed),
            *(f"cancelled: {line}" for line in self.cancelled),
            *(f"back in the schedule: {line}" for line in self.reinstated),
        ]


def import_schedule(reading, *, dry_run=False):
    """Create or update the conference of a schedule `reading`; returns a `ScheduleReport`."""
    report = ScheduleReport(skipped=list(reading.skipped))
    return import_conference(
        reading.conference, match_slugs=True, dry_run=dry_run, loader=ScheduleLoader, report=report
    )


class ScheduleLoader(Loader):
    """The loader of `transfer.load`, which also sets talks' schedule fields and notes changes."""

    def __init__(self, record, report, *, match_slugs, catalogue=None):
        super().__init__(record, report, match_slugs=match_slugs, catalogue=catalogue)
        self.tzinfo = parse_time_zone(record.time_zone) or datetime.UTC

    def set_fields(self, talk, record):
        before = (talk.title, talk.starts_at, talk.room, talk.cancelled)
        changed = super().set_fields(talk, record)
        slot = record.slot
        if slot is None:
            return changed
        for name in (*SLOT_FIELDS, "cancelled"):
            value = getattr(slot, name)
            if value is None:
                if talk.pk is not None:
                    continue
                value = ""
            if getattr(talk, name) != value:
                setattr(talk, name, value)
                changed.append(name)
        if talk.pk is not None:
            note = self.note_changes(talk, *before)
            if note and note != talk.schedule_change:
                talk.schedule_change = note[:300]
                changed.append("schedule_change")
        return changed

    def note_changes(self, talk, title, starts_at, room, cancelled):
        """What changed since the last import, as the talk shows it; reported too."""
        notes = []
        if starts_at is not None and (starts_at, room) != (talk.starts_at, talk.room):
            was, now = self.place(starts_at, room), self.place(talk.starts_at, talk.room)
            notes.append(f"Moved from {was}")
            self.report.moved.append(f"{talk.title} ({was} → {now})")
        if title != talk.title:
            notes.append(f"Renamed from “{title}”")
            self.report.renamed.append(f"“{title}” → “{talk.title}”")
        if talk.cancelled and not cancelled:
            notes.insert(0, MARKED_CANCELLED)
            self.report.cancelled.append(talk.title)
        elif cancelled and not talk.cancelled:
            notes.insert(0, BACK)
            self.report.reinstated.append(talk.title)
        return "; ".join(notes)

    def place(self, moment, room):
        local = moment.astimezone(self.tzinfo)
        when = f"{local:%a} {local.day} {local:%b %H:%M}"
        return f"{room}, {when}" if room else when

    def talks(self, conference, speakers, tags):
        super().talks(conference, speakers, tags)
        self.cancel_missing(conference)

    def cancel_missing(self, conference):
        """Talks that were in the schedule and are no longer: marked cancelled, kept."""
        gone = Talk.objects.filter(
            conference=conference,
            slug__in=self.report.missing,
            starts_at__isnull=False,
            cancelled=False,
        )
        for talk in gone:
            talk.cancelled, talk.schedule_change, talk.updated = True, LEFT_THE_SCHEDULE, self.now
            talk.save(update_fields=["cancelled", "schedule_change", "updated"])
            self.report.cancelled.append(talk.title)
            self.log(f"~ talk {talk.slug}: cancelled (no longer in the schedule)")
