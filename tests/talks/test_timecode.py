import pytest
from hypothesis import given
from hypothesis import strategies as st

from talks.models import NOTE_TIME_MAX
from talks.timecode import format_timecode, parse_timecode


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("0:00", 0),
        ("0:05", 5),
        ("12:34", 754),
        (" 12:34 ", 754),
        ("59:59", 3599),
        ("75:00", 4500),
        ("999:59", 59999),
        ("1:02:03", 3723),
        ("01:02:03", 3723),
        ("0:00:01", 1),
        ("99:59:59", NOTE_TIME_MAX),
    ],
)
def test_parse_timecode_reads_minutes_and_hours(text, seconds):
    assert parse_timecode(text) == seconds


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "12",
        "754",
        "12:3",
        "12:60",
        "1:60:00",
        "1:2:3",
        "1000:00",
        "100:00:00",
        "-1:00",
        "1:00:00:00",
        "12.34",
        "12:34s",
        "1h2m3s",
        "١٢:٣٤",  # Arabic-Indic digits
        "１２:３４",  # full-width digits
        "12:34\x00",
        "12 : 34",
        ":34",
        "12:",
        None,
    ],
)
def test_parse_timecode_rejects_other_text(text):
    with pytest.raises(ValueError, match="minutes:seconds"):
        parse_timecode(text)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0:00"),
        (5, "0:05"),
        (754, "12:34"),
        (3599, "59:59"),
        (3600, "1:00:00"),
        (3723, "1:02:03"),
    ],
)
def test_format_timecode_pads_like_video_players(seconds, text):
    assert format_timecode(seconds) == text


@given(st.integers(min_value=0, max_value=NOTE_TIME_MAX))
def test_format_then_parse_round_trips(seconds):
    assert parse_timecode(format_timecode(seconds)) == seconds


@given(st.text(max_size=20))
def test_parse_timecode_only_ever_raises_value_error(text):
    try:
        seconds = parse_timecode(text)
    except ValueError:
        return
    assert 0 <= seconds <= NOTE_TIME_MAX
    # Anything accepted reads back to the same moment in the canonical form.
    assert parse_timecode(format_timecode(seconds)) == seconds


@given(
    st.integers(min_value=0, max_value=99),
    st.integers(min_value=0, max_value=59),
    st.integers(min_value=0, max_value=59),
)
def test_parse_timecode_reads_any_valid_hours_minutes_seconds(hours, minutes, seconds):
    assert parse_timecode(f"{hours}:{minutes:02d}:{seconds:02d}") == (
        hours * 3600 + minutes * 60 + seconds
    )
