"""Conference schedules in: frab XML, the schedule JSON and iCalendar, one module per format.

`read(data, ...)` picks the format (given, from the file name, else from the first bytes)
and returns a `Reading`: the conference record with its talks, and the items skipped.
"""

from pathlib import PurePosixPath
from urllib.parse import urlsplit

from . import frab_xml, ical, schedule_json
from .events import Reading, ScheduleError, read_schedule

FORMATS = ("xml", "json", "ics")
EXTENSIONS = {".xml": "xml", ".json": "json", ".ics": "ics", ".ical": "ics", ".ifb": "ics"}

__all__ = ["FORMATS", "Reading", "ScheduleError", "guess_format", "read"]


def guess_format(name, data):
    """ "xml", "json" or "ics": by the file name's extension, else by how the data starts."""
    suffix = PurePosixPath(urlsplit(name).path if "://" in name else name).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    start = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"<"):
        return "xml"
    if start.startswith((b"{", b"[")):
        return "json"
    if start.upper().startswith(b"BEGIN:VCALENDAR"):
        return "ics"
    raise ScheduleError("cannot tell its format: give --format xml, json or ics")


def read(data, *, name="", fmt=None, slug=None, conference_name=None, time_zone=""):
    """The `Reading` of a schedule file's bytes; raises ScheduleError saying what is wrong."""
    fmt = fmt or guess_format(name, data)
    readers = {"xml": frab_xml.read, "json": schedule_json.read, "ics": ical.read}
    if fmt not in readers:
        raise ScheduleError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    schedule = readers[fmt](data, time_zone=time_zone)
    return read_schedule(schedule, slug=slug, name=conference_name)
