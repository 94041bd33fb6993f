"""manage.py import_pyvideo: hand-written pyvideo folders into the database."""

import datetime
import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from speakers.models import Speaker
from talks import search, version
from talks.models import Conference, Link, Talk
from tests.transfer.snapshot import database_state


def import_pyvideo(folder, *args, **options):
    options.setdefault("verbosity", 0)
    call_command("import_pyvideo", str(folder), *args, **options)


@pytest.mark.django_db
def test_import_pyvideo_creates_conference_talks_and_speakers(pyvideo):
    import_pyvideo(pyvideo / "minicon-2019")

    conference = Conference.objects.get()
    assert (conference.slug, conference.name, conference.when) == (
        "minicon-2019",
        "MiniCon 2019",
        "May 2019",
    )
    talks = list(Talk.objects.for_list())
    assert [(t.slug, t.position, [s.name for s in t.speaker_list()]) for t in talks] == [
        ("django-at-scale", 1, ["Ana López"]),
        ("pairing-at-scale", 2, ["Bob Stone", "Cy Young"]),
        ("lightning-talks", 3, []),
    ]
    assert sorted(Speaker.objects.values_list("name", flat=True)) == [
        "Ana López",
        "Bob Stone",
        "Cy Young",
    ]


@pytest.mark.django_db
def test_import_pyvideo_keeps_date_duration_thumbnail_and_tags(pyvideo):
    import_pyvideo(pyvideo / "minicon-2019")

    talk = Talk.objects.get(slug="django-at-scale")
    assert (talk.recorded_on, talk.duration, talk.thumbnail_url) == (
        datetime.date(2019, 5, 4),
        1834,
        "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg",
    )
    assert sorted(talk.tags.names()) == ["cpp", "django", "pythran", "web-frameworks"]


@pytest.mark.django_db
def test_import_pyvideo_youtube_and_vimeo_become_embeddable_recordings(pyvideo):
    import_pyvideo(pyvideo / "minicon-2019")

    videos = {talk.slug: talk.video() for talk in Talk.objects.for_list()}
    assert {slug: (v.provider, v.video_id) if v else None for slug, v in videos.items()} == {
        "django-at-scale": ("youtube", "dQw4w9WgXcQ"),
        "pairing-at-scale": ("vimeo", "123456789"),
        "lightning-talks": None,
    }
    assert list(
        Link.objects.filter(talk__slug="pairing-at-scale").values_list("kind", "label")
    ) == [
        ("recording", "Video on Vimeo"),
        ("recording", "Video (mp4)"),
        ("slides", "slides"),
        ("reference", "Conference schedule"),
    ]


@pytest.mark.django_db
def test_import_pyvideo_matches_speakers_across_conferences(pyvideo):
    import_pyvideo(pyvideo / "minicon-2019")

    import_pyvideo(pyvideo / "othercon-2020")

    ana = Speaker.objects.get(slug="ana-lopez")
    assert ana.name == "Ana López"
    assert sorted(ana.talks.values_list("title", flat=True)) == [
        "Django at scale",
        "Django at scale, again",
    ]
    assert Speaker.objects.count() == 5


@pytest.mark.django_db
def test_import_pyvideo_same_title_elsewhere_gets_its_own_slug(pyvideo, tmp_path):
    copy = tmp_path / "minicon-2020"
    shutil.copytree(pyvideo / "minicon-2019", copy)

    import_pyvideo(pyvideo / "minicon-2019")
    import_pyvideo(copy)

    assert sorted(
        Talk.objects.filter(title="Lightning talks").values_list("conference__slug", "slug")
    ) == [("minicon-2019", "lightning-talks"), ("minicon-2020", "lightning-talks-2")]


@pytest.mark.django_db
def test_import_pyvideo_twice_changes_nothing(pyvideo, capsys):
    import_pyvideo(pyvideo / "minicon-2019")
    before = database_state()

    import_pyvideo(pyvideo / "minicon-2019", verbosity=1)

    assert database_state() == before
    assert (
        capsys.readouterr().out == "minicon-2019: 0 talks were created, 0 updated, 3 unchanged.\n"
    )


@pytest.mark.django_db
def test_import_pyvideo_again_keeps_admin_edits_and_star(pyvideo):
    import_pyvideo(pyvideo / "minicon-2019")
    talk = Talk.objects.get(slug="lightning-talks")
    talk.recommended = True
    talk.topic = "Five-minute talks"
    talk.save()
    talk.tags.add("lightning")

    import_pyvideo(pyvideo / "minicon-2019")

    talk.refresh_from_db()
    assert (talk.recommended, talk.topic, list(talk.tags.names())) == (
        True,
        "Five-minute talks",
        ["lightning"],
    )


@pytest.mark.django_db
def test_import_pyvideo_dry_run_writes_nothing(pyvideo, capsys):
    import_pyvideo(pyvideo / "minicon-2019", dry_run=True, verbosity=1)

    out = capsys.readouterr().out.splitlines()
    assert out[0] == "+ conference minicon-2019: MiniCon 2019"
    assert out[-1] == "minicon-2019: 3 talks would be created, 0 updated, 0 unchanged."
    assert database_state() == ([], [], [], [], [], [], [])


@pytest.mark.django_db
def test_import_pyvideo_bad_files_fail_the_run_by_default(sample_conference, pyvideo, capsys):
    before = database_state()

    with pytest.raises(CommandError) as caught:
        import_pyvideo(pyvideo / "broken-2021")

    assert str(caught.value) == (
        "3 of 4 video files could not be read; nothing was imported "
        "(--on-error skip imports the others)."
    )
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        f"{pyvideo / 'broken-2021'}/videos/missing-fields.json: "
        "expected the fields ['speakers', 'videos']",
        f"{pyvideo / 'broken-2021'}/videos/partial.json: "
        "not valid JSON at line 4, column 30: Expecting ',' delimiter",
        f"{pyvideo / 'broken-2021'}/videos/wrong-types.json: "
        "expected 'speakers' to be a list of strings",
    ]
    assert database_state() == before


@pytest.mark.django_db
def test_import_pyvideo_on_error_skip_imports_the_good_files(pyvideo, capsys):
    import_pyvideo(pyvideo / "broken-2021", on_error="skip", verbosity=1)

    captured = capsys.readouterr()
    assert list(Talk.objects.values_list("title", flat=True)) == ["The good one"]
    assert len(captured.err.splitlines()) == 3
    assert captured.out.splitlines() == [
        "Skipped 3 unreadable video files.",
        "broken-2021: 1 talks were created, 0 updated, 0 unchanged.",
    ]


@pytest.mark.django_db
def test_import_pyvideo_folder_without_category_fails(pyvideo):
    with pytest.raises(CommandError, match=r"no-category: category.json: missing$"):
        import_pyvideo(pyvideo / "no-category")

    assert Conference.objects.count() == 0


@pytest.mark.django_db
def test_import_pyvideo_empty_videos_folder_fails(tmp_path):
    (tmp_path / "videos").mkdir()
    (tmp_path / "category.json").write_text('{"title": "Empty"}')

    with pytest.raises(CommandError, match=r"no talks to import in videos/$"):
        import_pyvideo(tmp_path)


@pytest.mark.django_db
def test_import_pyvideo_slug_option(pyvideo):
    import_pyvideo(pyvideo / "minicon-2019", slug="minicon")

    assert list(Conference.objects.values_list("slug", flat=True)) == ["minicon"]


@pytest.mark.django_db
def test_import_pyvideo_progress_bar_on_stderr(pyvideo, capsys):
    import_pyvideo(pyvideo / "minicon-2019", progress="always", verbosity=1)

    assert "Reading: 100%" in capsys.readouterr().err


@pytest.mark.django_db
def test_import_pyvideo_query_count_does_not_grow_with_talks(
    pyvideo, tmp_path, django_assert_max_num_queries
):
    big = tmp_path / "bigcon-2019"
    (big / "videos").mkdir(parents=True)
    shutil.copy(pyvideo / "minicon-2019" / "category.json", big)
    source = (pyvideo / "minicon-2019" / "videos" / "alpha-django-at-scale.json").read_text()
    for number in range(60):
        (big / "videos" / f"talk-{number}.json").write_text(
            source.replace("Django at  scale", f"Talk {number}").replace(
                "Ana L\\u00f3pez", f"Speaker {number}"
            )
        )

    with django_assert_max_num_queries(40):
        import_pyvideo(big)

    assert Talk.objects.count() == 60


def found(text):
    terms = search.parse_query(text)
    return sorted(search.search(Talk.objects.all(), terms).values_list("slug", flat=True))


@pytest.mark.django_db
def test_import_pyvideo_search_documents_follow_what_changed(pyvideo, tmp_path):
    folder = tmp_path / "minicon-2019"
    shutil.copytree(pyvideo / "minicon-2019", folder)
    import_pyvideo(folder)
    assert found("pairing") == ["pairing-at-scale"]
    assert found("young") == ["pairing-at-scale"]

    path = folder / "videos" / "beta-pairing.json"
    data = json.loads(path.read_text())
    data.update(
        title="Mob programming at scale",
        description="Many people, one keyboard.",
        speakers=["Bob Stone", "Dee Ramone"],
    )
    path.write_text(json.dumps(data))
    import_pyvideo(folder)

    assert found("pairing") == []
    assert found("mob") == ["pairing-at-scale"]
    assert found("young") == []
    assert found("ramone") == ["pairing-at-scale"]


@pytest.mark.django_db
def test_import_pyvideo_again_unchanged_keeps_the_data_version(pyvideo):
    import_pyvideo(pyvideo / "minicon-2019")
    before = version.current()

    import_pyvideo(pyvideo / "minicon-2019")

    assert version.current() == before
