"""The pyvideo folder reader on its own: files in, records out, no database."""

import datetime
import shutil

import pytest

from transfer.files import InputRefused
from transfer.pyvideo import (
    PyvideoError,
    conference_folders,
    folder_digest,
    is_repository,
    read_folder,
)
from transfer.records import LinkRecord


def talks_by_key(folder):
    return {talk.key: talk for talk in read_folder(folder).conference.talks}


def test_read_folder_conference_from_category_and_recording_dates(pyvideo):
    conference = read_folder(pyvideo / "minicon-2019").conference

    assert (conference.name, conference.slug, conference.description) == (
        "MiniCon 2019",
        "minicon-2019",
        "MiniCon 2019 in Lisbon.",
    )
    assert (conference.year, conference.month, conference.start_date) == (2019, 5, None)


def test_read_folder_category_dates_and_website(pyvideo):
    conference = read_folder(pyvideo / "othercon-2020").conference

    assert (conference.start_date, conference.end_date, conference.month) == (
        datetime.date(2020, 3, 13),
        datetime.date(2020, 3, 14),
        3,
    )
    assert conference.links == [
        LinkRecord(url="https://othercon.example.com/", label="Conference website")
    ]


def test_read_folder_orders_talks_by_recording_time(pyvideo):
    talks = read_folder(pyvideo / "minicon-2019").conference.talks

    assert [(talk.key, talk.position) for talk in talks] == [
        ("pyvideo:alpha-django-at-scale", 1),
        ("pyvideo:beta-pairing", 2),
        ("pyvideo:gamma-lightning", 3),
    ]


def test_read_video_three_recorded_formats(pyvideo):
    talks = talks_by_key(pyvideo / "minicon-2019")

    assert [talk.recorded_on for talk in talks.values()] == [
        datetime.date(2019, 5, 4),
        datetime.date(2019, 5, 5),
        datetime.date(2019, 5, 5),
    ]


def test_read_video_speakers_split_cleaned_placeholders_dropped(pyvideo):
    talks = talks_by_key(pyvideo / "minicon-2019")

    assert [s.name for s in talks["pyvideo:alpha-django-at-scale"].speakers] == ["Ana López"]
    assert [s.name for s in talks["pyvideo:beta-pairing"].speakers] == ["Bob Stone", "Cy Young"]
    assert talks["pyvideo:gamma-lightning"].speakers == []


def test_read_video_comma_list_of_speakers(pyvideo):
    talk = read_folder(pyvideo / "othercon-2020").conference.talks[0]

    assert [s.name for s in talk.speakers] == ["ana lopez", "Dee Dee Ramone", "Joey Ramone"]


def test_read_video_tags_become_unique_slugs_without_the_event(pyvideo):
    talks = talks_by_key(pyvideo / "minicon-2019")

    assert talks["pyvideo:alpha-django-at-scale"].tags == [
        "django",
        "web-frameworks",
        "cpp",
        "pythran",
    ]
    assert talks["pyvideo:beta-pairing"].tags is None  # [] says nothing
    assert talks["pyvideo:gamma-lightning"].tags is None  # no key either


def test_read_video_duration_thumbnail_and_summary(pyvideo):
    talks = talks_by_key(pyvideo / "minicon-2019")
    alpha, beta, gamma = talks.values()

    assert (alpha.duration, beta.duration, gamma.duration) == (1834, 602, None)
    assert (alpha.thumbnail_url, beta.thumbnail_url) == (
        "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg",
        "",
    )
    assert (alpha.title, alpha.summary, gamma.summary) == (
        "Django at scale",
        "How we run **Django** at scale.",
        "",
    )


def test_read_video_links_embeddable_first_then_related(pyvideo):
    talks = talks_by_key(pyvideo / "minicon-2019")

    assert talks["pyvideo:alpha-django-at-scale"].links == [
        LinkRecord("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "Video on YouTube", "recording"),
        LinkRecord("https://example.com/django-at-scale", "", "reference"),
    ]
    assert talks["pyvideo:beta-pairing"].links == [
        LinkRecord("https://vimeo.com/123456789", "Video on Vimeo", "recording"),
        LinkRecord("https://cdn.example.com/pairing.mp4", "Video (mp4)", "recording"),
        LinkRecord("https://example.com/pairing.pdf", "slides", "slides"),
        LinkRecord("https://minicon.example.com/schedule", "Conference schedule", "reference"),
    ]
    assert talks["pyvideo:gamma-lightning"].links == [
        LinkRecord(
            "https://archive.org/details/minicon-lightning", "Video on archive.org", "recording"
        )
    ]


def test_read_folder_reports_each_bad_file_and_keeps_good_ones(pyvideo):
    result = read_folder(pyvideo / "broken-2021")

    assert [talk.title for talk in result.conference.talks] == ["The good one"]
    assert sorted(str(problem) for problem in result.problems) == [
        "videos/missing-fields.json: expected the fields ['speakers', 'videos']",
        "videos/partial.json: not valid JSON at line 4, column 30: Expecting ',' delimiter",
        "videos/wrong-types.json: expected 'speakers' to be a list of strings",
    ]


def test_read_folder_without_category_fails(pyvideo):
    with pytest.raises(PyvideoError, match=r"^category.json: missing$"):
        read_folder(pyvideo / "no-category")


def test_read_folder_not_a_folder(tmp_path):
    with pytest.raises(PyvideoError, match="expected a folder"):
        read_folder(tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"title": "T", "speakers": [], "recorded": "June", "description": "", "videos": []}',
         "expected 'recorded' as YYYY-MM-DD, not 'June'"),
        ('{"title": "", "speakers": [], "recorded": null, "description": "", "videos": []}',
         "expected a non-empty string 'title'"),
        ('{"title": "T", "speakers": [], "recorded": null, "description": "", "videos": {}}',
         "expected 'videos' to be a list of {type, url}"),
        ('{"title": "T", "speakers": [], "recorded": null, "description": "", "videos": [],'
         ' "duration": "long"}', "expected 'duration' to be a number of seconds"),
        ('{"title": "T", "speakers": [], "recorded": null, "description": "", "videos": [],'
         ' "related_urls": [3]}', "expected each of 'related_urls' to be a URL or {label, url}"),
        ('{"title": "' + "T" * 301 + '", "speakers": [], "recorded": null, "description": "",'
         ' "videos": []}', "expected a 'title' of at most 300 characters"),
        ("[1, 2]", "expected a JSON object"),
    ],
)  # fmt: skip
def test_read_video_refuses_wrong_shapes(tmp_path, content, message):
    (tmp_path / "videos").mkdir()
    (tmp_path / "category.json").write_text('{"title": "C"}')
    (tmp_path / "videos" / "x.json").write_text(content)

    result = read_folder(tmp_path)

    assert [str(problem) for problem in result.problems] == [f"videos/x.json: {message}"]


def test_read_video_drops_repeated_title_and_presented_by(tmp_path):
    (tmp_path / "videos").mkdir()
    (tmp_path / "category.json").write_text('{"title": "C"}')
    (tmp_path / "videos" / "x.json").write_text(
        '{"title": "Panel:  Python VMs", "speakers": [], "recorded": null, "videos": [],'
        ' "description": "Panel: Python VMs\\n\\nPresented by Jacob Kaplan-Moss, Brett\\nCannon'
        '\\n\\nPython is lucky.\\n\\nAbstract\\n\\nPresented by nobody here."}'
    )

    talk = read_folder(tmp_path).conference.talks[0]

    assert talk.summary == "Python is lucky.\n\nAbstract\n\nPresented by nobody here."


def test_repository_and_its_conference_folders(pyvideo):
    assert is_repository(pyvideo)
    assert not is_repository(pyvideo / "minicon-2019")
    assert not is_repository(pyvideo / "minicon-2019" / "videos")
    assert [folder.name for folder in conference_folders(pyvideo)] == [
        "broken-2021",
        "minicon-2019",
        "othercon-2020",
        "unreadable-2022",
    ]


def test_folder_digest_follows_every_file_and_nothing_else(pyvideo, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    shutil.copytree(pyvideo / "minicon-2019", one)
    shutil.copytree(pyvideo / "minicon-2019", two)
    assert folder_digest(one) == folder_digest(two)  # the folder's own name is not in it
    assert folder_digest(one, extra=b"[421]") != folder_digest(two)

    (two / "videos" / "gamma-lightning.json").write_text("{}")
    changed = folder_digest(two)
    shutil.copy(one / "videos" / "gamma-lightning.json", two / "videos")
    assert folder_digest(one) == folder_digest(two) != changed

    (two / "videos" / "gamma-lightning.json").rename(two / "videos" / "delta.json")
    assert folder_digest(one) != folder_digest(two)
    (two / "videos" / "notes.txt").write_text("not a video file")
    (two / "videos" / "delta.json").rename(two / "videos" / "gamma-lightning.json")
    assert folder_digest(one) == folder_digest(two)


def test_folder_digest_refuses_links_out_of_the_folder(pyvideo, tmp_path):
    folder = tmp_path / "minicon-2019"
    shutil.copytree(pyvideo / "minicon-2019", folder)
    (tmp_path / "secret.json").write_text("{}")
    (folder / "videos" / "leak.json").symlink_to(tmp_path / "secret.json")

    with pytest.raises(InputRefused, match=r"^videos/leak.json: a link to"):
        folder_digest(folder)
