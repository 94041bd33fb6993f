"""manage.py import_pyvideo on a repository root: every conference folder, one transaction each."""

import json
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from speakers.models import Speaker
from talks import services
from talks.models import Conference, Talk
from tests.transfer.snapshot import database_state
from transfer.models import ImportedFolder


def import_pyvideo(folder, *args, **options):
    options.setdefault("verbosity", 0)
    call_command("import_pyvideo", str(folder), *args, **options)


@pytest.fixture
def repository(tmp_path, pyvideo):
    """A copy of the test repository without its broken folders, to change files in."""
    root = tmp_path / "data"
    for name in ("minicon-2019", "othercon-2020"):
        shutil.copytree(pyvideo / name, root / name)
    return root


def conferences():
    return list(Conference.objects.order_by("slug").values_list("slug", flat=True))


@pytest.mark.django_db
def test_repository_imports_every_conference_and_merges_speakers(pyvideo, capsys):
    import_pyvideo(pyvideo, on_error="skip", verbosity=1)

    assert conferences() == ["broken-2021", "minicon-2019", "othercon-2020"]
    ana = Speaker.objects.get(name="Ana López")
    assert sorted(ana.talks.values_list("conference__slug", "title")) == [
        ("minicon-2019", "Django at scale"),
        ("othercon-2020", "Django at scale, again"),
    ]
    assert Speaker.objects.filter(slug__startswith="ana-lopez").count() == 1
    captured = capsys.readouterr()
    assert captured.out == (
        "4 conference folders: 3 imported (5 talks created, 0 updated, 0 unchanged), "
        "0 unchanged since their last import, 1 failed. 3 unreadable video files skipped.\n"
    )
    assert captured.err.splitlines() == [
        f"{pyvideo / 'broken-2021'}/videos/missing-fields.json: "
        "expected the fields ['speakers', 'videos']",
        f"{pyvideo / 'broken-2021'}/videos/partial.json: "
        "not valid JSON at line 4, column 30: Expecting ',' delimiter",
        f"{pyvideo / 'broken-2021'}/videos/wrong-types.json: "
        "expected 'speakers' to be a list of strings",
        f"{pyvideo / 'unreadable-2022'}: category.json: expected a non-empty string 'title'",
    ]


@pytest.mark.django_db
def test_repository_stops_at_the_first_bad_folder_and_keeps_those_before(
    repository, pyvideo, capsys
):
    shutil.copytree(pyvideo / "unreadable-2022", repository / "unreadable-2022")
    shutil.copytree(pyvideo / "minicon-2019", repository / "zzcon-2023")

    with pytest.raises(CommandError) as caught:
        import_pyvideo(repository)

    assert str(caught.value) == (
        "stopped at unreadable-2022: category.json: expected a non-empty string 'title'; "
        "the 2 conferences imported before it are kept (each is imported on its own); "
        "--on-error skip imports the others."
    )
    assert conferences() == ["minicon-2019", "othercon-2020"]


@pytest.mark.django_db
def test_repository_stops_at_a_folder_with_bad_files_importing_none_of_it(pyvideo, tmp_path):
    root = tmp_path / "data"
    shutil.copytree(pyvideo / "broken-2021", root / "broken-2021")
    shutil.copytree(pyvideo / "minicon-2019", root / "minicon-2019")

    with pytest.raises(CommandError) as caught:
        import_pyvideo(root)

    assert str(caught.value) == (
        "stopped at broken-2021: 3 of 4 video files could not be read; nothing was imported; "
        "--on-error skip imports the others."
    )
    assert database_state() == ([], [], [], [], [], [], [])


@pytest.mark.django_db
def test_repository_again_skips_unchanged_folders_without_a_write(pyvideo, capsys):
    import_pyvideo(pyvideo, on_error="skip")
    before = database_state()
    capsys.readouterr()

    with CaptureQueriesContext(connection) as queries:
        import_pyvideo(pyvideo, on_error="skip", verbosity=1)

    assert database_state() == before
    # broken-2021 is read again (its skipped files are reported each time), but unchanged.
    assert capsys.readouterr().out == (
        "4 conference folders: 1 imported (0 talks created, 0 updated, 1 unchanged), "
        "2 unchanged since their last import, 1 failed. 3 unreadable video files skipped.\n"
    )
    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    assert len(writes) == 1  # forgetting broken-2021's digest, which it has none of
    assert writes[0].startswith('DELETE FROM "transfer_importedfolder"')


@pytest.mark.django_db
def test_repository_again_reads_only_the_changed_folder(repository, capsys):
    import_pyvideo(repository)
    path = repository / "othercon-2020" / "videos" / "ana-again.json"
    data = json.loads(path.read_text())
    data["title"] = "Django at scale, the sequel"
    path.write_text(json.dumps(data))

    import_pyvideo(repository, verbosity=1)

    assert capsys.readouterr().out.splitlines()[-1] == (
        "2 conference folders: 1 imported (0 talks created, 1 updated, 0 unchanged), "
        "1 unchanged since their last import, 0 failed."
    )
    assert Talk.objects.get(conference__slug="othercon-2020").title == (
        "Django at scale, the sequel"
    )


@pytest.mark.django_db
def test_repository_again_restores_a_talk_deleted_in_admin(repository):
    import_pyvideo(repository)
    services.delete(Talk.objects.get(slug="pairing-at-scale"))

    import_pyvideo(repository)

    assert Talk.objects.filter(conference__slug="minicon-2019").count() == 3
    assert Talk.objects.filter(slug="pairing-at-scale").exists()


@pytest.mark.django_db
def test_repository_again_keeps_admin_edits_until_the_folder_changes(repository):
    import_pyvideo(repository)
    talk = Talk.objects.get(slug="lightning-talks")
    talk.title, talk.topic, talk.recommended = "Lightning!", "Five minutes each", True
    services.save(talk)

    import_pyvideo(repository)
    talk.refresh_from_db()
    assert (talk.title, talk.topic, talk.recommended) == ("Lightning!", "Five minutes each", True)

    import_pyvideo(repository, force=True)  # the files say the title; nothing says the rest
    talk.refresh_from_db()
    assert (talk.title, talk.topic, talk.recommended) == (
        "Lightning talks",
        "Five minutes each",
        True,
    )


@pytest.mark.django_db
def test_repository_after_one_folder_was_imported_alone_reads_it_again(repository, capsys):
    import_pyvideo(repository)
    import_pyvideo(repository / "minicon-2019")

    import_pyvideo(repository, verbosity=1)

    assert capsys.readouterr().out.splitlines()[-1] == (
        "2 conference folders: 1 imported (0 talks created, 0 updated, 3 unchanged), "
        "1 unchanged since their last import, 0 failed."
    )


@pytest.mark.django_db
def test_repository_leaves_out_the_videos_no_publish_lists(repository, capsys):
    path = repository / "minicon-2019" / "videos" / "beta-pairing.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), "id": 421}))
    (repository / "NO_PUBLISH.json").write_text("[\n    421, 5984\n]\n")

    import_pyvideo(repository, verbosity=1)

    assert not Talk.objects.filter(slug="pairing-at-scale").exists()
    assert Talk.objects.count() == 3
    assert capsys.readouterr().out.endswith(" 1 videos left out as NO_PUBLISH.json asks.\n")


@pytest.mark.django_db
def test_repository_bad_no_publish_list_fails_before_anything(repository):
    (repository / "NO_PUBLISH.json").write_text('["421"]')

    with pytest.raises(CommandError, match=r"NO_PUBLISH.json: expected a list of video ids"):
        import_pyvideo(repository, on_error="skip")

    assert Conference.objects.count() == 0


@pytest.mark.django_db
def test_repository_dry_run_writes_nothing_and_meets_each_speaker_once(pyvideo, capsys):
    import_pyvideo(pyvideo, on_error="skip", dry_run=True, verbosity=1)

    assert database_state() == ([], [], [], [], [], [], [])
    out = capsys.readouterr().out.splitlines()
    assert out.count("+ speaker Ana López") == 1
    assert "minicon-2019: 3 talks would be created, 0 updated, 0 unchanged." in out
    assert out[-1].startswith("4 conference folders: 3 would be imported (5 talks created")


@pytest.mark.django_db
def test_repository_reads_speakers_once_for_all_conferences(repository, pyvideo):
    shutil.copytree(pyvideo / "minicon-2019", repository / "minicon-2020")

    with CaptureQueriesContext(connection) as queries:
        import_pyvideo(repository)

    whole_table = [
        q["sql"]
        for q in queries
        if 'FROM "speakers_speaker"' in q["sql"] and "WHERE" not in q["sql"]
    ]
    assert len(whole_table) == 1
    assert Speaker.objects.get(slug="ana-lopez").talks.count() == 3


@pytest.mark.django_db
def test_repository_skips_hidden_folders_and_refuses_folders_linked_from_outside(
    repository, pyvideo, tmp_path, capsys
):
    shutil.copytree(pyvideo / "broken-2021", repository / ".schemas")
    outside = tmp_path / "outside"
    shutil.copytree(pyvideo / "minicon-2019", outside)
    (repository / "linked-2019").symlink_to(outside)

    import_pyvideo(repository, on_error="skip", verbosity=1)

    assert conferences() == ["minicon-2019", "othercon-2020"]
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"{repository / 'linked-2019'}: linked-2019/: a link to {outside}, outside the folder "
        "being imported; nothing was imported"
    ]
    assert captured.out.startswith("3 conference folders: 2 imported")


@pytest.mark.django_db
def test_repository_refuses_slug_option(pyvideo):
    with pytest.raises(CommandError, match=r"^--slug names one conference"):
        import_pyvideo(pyvideo, slug="pyvideo")


@pytest.mark.django_db
def test_repository_progress_bar_counts_conferences(repository, capsys):
    import_pyvideo(repository, progress="always", verbosity=1)

    assert "Importing: 100%|" in capsys.readouterr().err


@pytest.mark.django_db
def test_repository_remembers_each_folder_it_imported_whole(pyvideo):
    import_pyvideo(pyvideo, on_error="skip")

    assert sorted(ImportedFolder.objects.values_list("conference__slug", "talk_count")) == [
        ("minicon-2019", 3),
        ("othercon-2020", 1),
    ]
