"""Loose dates as write-ups and options write them: "Sep 2015", "2015-09-17", "17 Sep 2015"."""

import calendar
import datetime
import re
from dataclasses import dataclass

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

LOOSE_DATES = [
    re.compile(r"^(?P<year>\d{4})-(?P<mm>\d{1,2})(?:-(?P<day>\d{1,2}))?$"),
    re.compile(r"^(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + MONTH + r",?\s+(?P<year>\d{4})$", re.I),
    re.compile(r"^" + MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})$", re.I),
    re.compile(r"^" + MONTH + r",?\s+(?P<year>\d{4})$", re.I),
    re.compile(r"^(?P<year>\d{4})$"),
]


@dataclass(frozen=True)
class When:
    """When a conference was held, as precisely as known."""

    year: int
    month: int | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None


def parse_loose_date(text):
    """(year, month or None, day or None) from a loose date, or None when it is not one."""
    text = " ".join((text or "").split())
    for pattern in LOOSE_DATES:
        match = pattern.match(text)
        if not match:
            continue
        parts = match.groupdict()
        year = int(parts["year"])
        month = parts.get("mm") or parts.get("month")
        if month is not None:
            month = int(month) if month.isdigit() else MONTHS[month.lower()]
        day = int(parts["day"]) if parts.get("day") else None
        if not 1900 <= year <= 2100 or (month is not None and not 1 <= month <= 12):
            return None
        if day is not None:
            try:
                datetime.date(year, month, day)
            except ValueError:
                return None
        return year, month, day
    return None


def parse_when(text):
    """A `When` from "2015", "2015-09", "2015-09-17" or a range "2015-09-17/2015-09-18".

    Raises ValueError with a readable message when the text is none of these.
    """
    first, separator, last = (text or "").strip().partition("/")
    if not separator:
        first, separator, last = first.partition("..")
    start = parse_loose_date(first)
    if start is None:
        raise ValueError(f"expected a date like 2015, 2015-09 or 2015-09-17, not {text!r}")
    year, month, day = start
    start_date = datetime.date(year, month, day) if day else None
    end_date = None
    if separator:
        end = parse_loose_date(last)
        if not start_date or end is None or end[2] is None:
            raise ValueError(
                f"expected a range of two days like 2015-09-17/2015-09-18, not {text!r}"
            )
        end_date = datetime.date(*end)
        if end_date < start_date:
            raise ValueError(f"expected the range to end after it starts, not {text!r}")
    return When(year=year, month=month, start_date=start_date, end_date=end_date)


def format_when(*, year, month, start_date, end_date):
    """The inverse of `parse_when`: the most precise form the values allow, or ""."""
    if start_date and end_date and end_date != start_date:
        return f"{start_date.isoformat()}/{end_date.isoformat()}"
    if start_date:
        return start_date.isoformat()
    if year and month:
        return f"{year:04d}-{month:02d}"
    return str(year) if year else ""
