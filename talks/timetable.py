"""A conference's timed talks laid out as a schedule: days, time slots, rooms, now and next.

Pure functions over talks already fetched (`TalkQuerySet.for_schedule()`): no queries.
Times are grouped in the conference's own time zone, so a day is the day on the venue's
clocks wherever the server runs.
"""

import datetime
from dataclasses import dataclass, field


@dataclass
class Slot:
    """The talks that start at one time, in room order."""

    starts_at: datetime.datetime
    talks: list = field(default_factory=list)


@dataclass
class Day:
    """One day of the schedule (a date on the venue's clocks) and its slots."""

    date: datetime.date
    slots: list[Slot] = field(default_factory=list)

    @property
    def anchor(self):
        return f"day-{self.date.isoformat()}"


@dataclass
class NowAndNext:
    """What runs at a moment and what starts next; `during`: the moment is a conference day."""

    during: bool
    now: list = field(default_factory=list)
    next: list = field(default_factory=list)

    @property
    def next_starts_at(self):
        return self.next[0].starts_at if self.next else None


def rooms_in_order(talks):
    """Room names in the order the schedule first uses them (its first talks' rooms first)."""
    return list(dict.fromkeys(talk.room for talk in sorted(talks, key=_by_time)))


def days(talks, tzinfo):
    """`talks` (with start times) grouped into days and start-time slots, rooms in order."""
    room_rank = {room: rank for rank, room in enumerate(rooms_in_order(talks))}
    result = []
    for talk in sorted(talks, key=lambda t: (t.starts_at, room_rank[t.room], t.pk)):
        local = talk.starts_at.astimezone(tzinfo)
        if not result or result[-1].date != local.date():
            result.append(Day(date=local.date()))
        day = result[-1]
        if not day.slots or day.slots[-1].starts_at != talk.starts_at:
            day.slots.append(Slot(starts_at=talk.starts_at))
        day.slots[-1].talks.append(talk)
    return result


def now_and_next(talks, moment, tzinfo):
    """The talks on at `moment` and the next ones to start; cancelled talks never count."""
    live = [talk for talk in talks if not talk.cancelled]
    if not talks:
        return NowAndNext(during=False)
    first = min(talk.starts_at for talk in talks).astimezone(tzinfo).date()
    last = max(talk.ends_at or talk.starts_at for talk in talks).astimezone(tzinfo).date()
    during = first <= moment.astimezone(tzinfo).date() <= last
    now = [talk for talk in live if talk.starts_at <= moment < (talk.ends_at or talk.starts_at)]
    later = [talk for talk in live if talk.starts_at > moment]
    soonest = min((talk.starts_at for talk in later), default=None)
    following = [talk for talk in later if talk.starts_at == soonest]
    return NowAndNext(
        during=during,
        now=sorted(now, key=_by_time),
        next=sorted(following, key=_by_time),
    )


def next_change(talks, moment):
    """The first start or end of a talk after `moment` (when "now" and "next" change), or None."""
    times = [
        time
        for talk in talks
        if not talk.cancelled
        for time in (talk.starts_at, talk.ends_at)
        if time is not None and time > moment
    ]
    return min(times, default=None)


def _by_time(talk):
    return (talk.starts_at, talk.room, talk.pk)
