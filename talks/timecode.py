"""Times in a recording as people write them: "12:34" (minutes:seconds) or "1:02:03"."""

import re

TIMECODE = re.compile(r"(?:(\d{1,2}):([0-5]\d)|(\d{1,3})):([0-5]\d)", re.ASCII)
TIMECODE_HELP = "Write the time as minutes:seconds (12:34) or hours:minutes:seconds (1:02:03)."


def parse_timecode(text):
    """Seconds from "12:34" or "1:02:03"; ValueError for anything else."""
    match = TIMECODE.fullmatch((text or "").strip())
    if not match:
        raise ValueError(TIMECODE_HELP)
    hours, minutes_after_hours, minutes, seconds = match.groups()
    if hours is not None:
        return int(hours) * 3600 + int(minutes_after_hours) * 60 + int(seconds)
    return int(minutes) * 60 + int(seconds)


def format_timecode(seconds):
    """ "12:34" under an hour, "1:02:03" from an hour on."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"
