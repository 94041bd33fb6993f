"""manage.py import_writeup: the fixtures, re-imports, dry runs and files it cannot read."""

import pytest
from django.core.management import CommandError, call_command

from speakers.models import Speaker
from talks.models import Conference, Talk
from tests.factories import LinkFactory
from tests.transfer.snapshot import conference_snapshot, database_state, empty_database

SLUG = "container-camp-london-2015"


def import_writeup(path, *args, **options):
    call_command("import_writeup", str(path), *args, verbosity=0, **options)


def import_container_camp(container_camp_writeup, **options):
    writeup, facts = container_camp_writeup
    import_writeup(writeup, facts=str(facts), **options)


@pytest.mark.django_db
def test_import_writeup_yields_the_fixtures(container_camp_writeup):
    call_command("loaddata", "container-camp-london-2015", verbosity=0)
    expected = conference_snapshot(SLUG)
    empty_database()

    import_container_camp(container_camp_writeup)

    assert conference_snapshot(SLUG) == expected
    assert Talk.objects.count() == 12
    assert Speaker.objects.count() == 12


@pytest.mark.django_db
def test_import_writeup_twice_updates_in_place(container_camp_writeup):
    import_container_camp(container_camp_writeup)
    before = database_state()

    import_container_camp(container_camp_writeup)

    assert database_state() == before


@pytest.mark.django_db
def test_import_writeup_over_loaded_fixtures_changes_no_content(container_camp_writeup):
    call_command("loaddata", "container-camp-london-2015", verbosity=0)
    expected = conference_snapshot(SLUG)
    talk_ids = sorted(Talk.objects.values_list("pk", flat=True))

    import_container_camp(container_camp_writeup)

    assert conference_snapshot(SLUG) == expected
    assert sorted(Talk.objects.values_list("pk", flat=True)) == talk_ids


@pytest.mark.django_db
def test_import_writeup_keeps_admin_edits_to_fields_it_does_not_carry(container_camp_writeup):
    import_container_camp(container_camp_writeup)
    talk = Talk.objects.get(slug="kubernetes")
    Talk.objects.filter(pk=talk.pk).update(
        duration=1800, thumbnail_url="https://img.example.com/k.jpg", summary="Edited."
    )
    admin_link = LinkFactory(talk=talk, url="https://youtu.be/dQw4w9WgXcQ", kind="recording")

    import_container_camp(container_camp_writeup)

    talk.refresh_from_db()
    assert (talk.duration, talk.thumbnail_url) == (1800, "https://img.example.com/k.jpg")
    assert talk.summary.startswith("How to make compute resources available")  # the file's
    assert [link.url for link in talk.links.order_by("position")] == [
        "http://kubernetes.io/",
        admin_link.url,
    ]


@pytest.mark.django_db
def test_import_writeup_without_facts_keeps_tags_set_in_admin(container_camp_writeup):
    import_container_camp(container_camp_writeup)
    Talk.objects.get(slug="kubernetes").tags.add("added-in-admin")

    import_writeup(container_camp_writeup[0], "--conference-name", "Container Camp London 2015")

    kubernetes = Talk.objects.get(conference__slug=SLUG, topic="Kubernetes")
    assert sorted(kubernetes.tags.names()) == ["added-in-admin", "kubernetes", "orchestration"]


@pytest.mark.django_db
def test_import_writeup_dry_run_prints_changes_and_writes_nothing(container_camp_writeup, capsys):
    writeup, facts = container_camp_writeup

    call_command("import_writeup", str(writeup), facts=str(facts), dry_run=True)

    out = capsys.readouterr().out
    assert "+ talk towards-a-containerized-future: Towards a Containerized Future" in out
    assert out.endswith(
        "container-camp-london-2015: 12 talks would be created, 0 updated, 0 unchanged.\n"
    )
    assert database_state() == ([], [], [], [], [], [], [])


@pytest.mark.django_db
def test_import_writeup_dry_run_shows_what_an_edit_would_change(
    container_camp_writeup, tmp_path, capsys
):
    import_container_camp(container_camp_writeup)
    before = database_state()
    writeup, facts = container_camp_writeup
    edited = tmp_path / "edited.md"
    edited.write_text(
        writeup.read_text(encoding="utf-8").replace(
            '## <a id="mandy"></a> Mandy Waite, Google - Kubernetes',
            "## Mandy Waite, Google - Kubernetes ★",
        ),
        encoding="utf-8",
    )

    call_command("import_writeup", str(edited), facts=str(facts), dry_run=True)

    lines = capsys.readouterr().out.splitlines()
    table_end = lines.index("")  # the table of what was read comes first
    assert lines[table_end + 1 :] == [
        "~ talk kubernetes: recommended",
        "container-camp-london-2015: 0 talks would be created, 1 updated, 11 unchanged.",
    ]
    assert database_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("unclosed-fence.md", "line 5: expected the code block opened here to be closed"),
        ("bad-front-matter.md", "line 3: expected 'key: value' in the front matter"),
        ("bad-duration.md", "line 5: expected a duration like 1834 or 0:30:34"),
        ("no-talks.md", "line 11: expected at least one talk section"),
        ("no-title.md", "line 1: expected a title"),
    ],
)
def test_import_writeup_malformed_fails_and_leaves_database_as_it_was(
    sample_conference, writeups, name, message
):
    before = database_state()
    path = writeups / "bad" / name

    with pytest.raises(CommandError) as caught:
        import_writeup(path)

    assert str(caught.value).startswith(f"{path}: {message}")
    assert database_state() == before


@pytest.mark.django_db
def test_import_writeup_failing_write_rolls_back_everything(writeups, tmp_path):
    text = "# Conf\n\n## Jane Doe - One\n\nA.\n\n## Joe Bloggs - Two\n\nSlug: taken\n\nB.\n"
    path = tmp_path / "conf.md"
    path.write_text(text, encoding="utf-8")
    from tests.factories import TalkFactory

    TalkFactory(slug="taken")
    before = database_state()

    with pytest.raises(CommandError, match="the slug 'taken' is taken; nothing was imported"):
        import_writeup(path)

    assert database_state() == before


@pytest.mark.django_db
def test_import_writeup_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes(b"# Conf\n\n## Jos\xe9 Garcia - Talk\n")

    with pytest.raises(CommandError, match=r"latin1.md: line 3: expected UTF-8 text$"):
        import_writeup(path)


@pytest.mark.django_db
def test_import_writeup_missing_file():
    with pytest.raises(CommandError, match=r"nowhere.md: cannot read it \(No such file"):
        import_writeup("nowhere.md")


@pytest.mark.django_db
def test_import_writeup_options_fill_in_what_the_file_cannot_say(writeups, tmp_path):
    tags = tmp_path / "tags.toml"
    tags.write_text(
        '[tags]\n"Alice Jones" = ["Databases", "postgres"]\n"Typing all the things" = ["typing"]\n'
    )

    import_writeup(
        writeups / "title-then-by.md",
        "--conference-name=PyCon Ireland 2019",
        "--city=Dublin",
        "--country=Ireland",
        "--date=2019-10-12/2019-10-13",
        f"--tags-from={tags}",
    )

    conference = Conference.objects.get()
    assert (conference.name, conference.slug, conference.city, conference.when) == (
        "PyCon Ireland 2019",
        "pycon-ireland-2019",
        "Dublin",
        "12–13 October 2019",
    )
    assert {talk.slug: sorted(talk.tags.names()) for talk in Talk.objects.all()} == {
        "scaling-postgres": ["databases", "postgres"],
        "typing-all-the-things": ["typing"],
    }


@pytest.mark.django_db
def test_import_writeup_slug_option_names_the_conference(writeups):
    import_writeup(writeups / "speaker-lists.md", slug="heapcon-18")

    assert list(Conference.objects.values_list("slug", flat=True)) == ["heapcon-18"]


@pytest.mark.django_db
def test_import_writeup_bad_date_option(writeups):
    with pytest.raises(CommandError, match=r"^--date: expected a date like 2015"):
        import_writeup(writeups / "speaker-lists.md", date="last spring")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[conference\n", "not valid TOML"),
        ("[conference]\ncitty = 'London'\n", "[conference]: unknown key 'citty'"),
        ("[[talks]]\ntitle = 'x'\n", "[[talks]] #1: expected 'speaker'"),
        ("[[talks]]\nspeaker = 'Nobody Here'\n", "[[talks]] #1: no talk in the write-up by Nobody"),
        ("[conference]\ndate = 'soon'\n", "[conference] date: expected a date"),
    ],
)
def test_import_writeup_bad_facts_file(writeups, tmp_path, content, message):
    facts = tmp_path / "facts.toml"
    facts.write_text(content)

    with pytest.raises(CommandError) as caught:
        import_writeup(writeups / "speaker-lists.md", facts=str(facts))

    assert str(caught.value).startswith(f"{facts}: {message}")
    assert Conference.objects.count() == 0


@pytest.mark.django_db
def test_import_writeup_speakers_shared_with_other_conferences(
    sample_conference, writeups, tmp_path
):
    path = tmp_path / "later.md"
    path.write_text("# Later Conf 2016\n\n## Bryan  Cantrill, Joyent - Again\n\nMore.\n")

    import_writeup(path)

    assert Speaker.objects.filter(name="Bryan Cantrill").count() == 1
    assert sorted(Talk.objects.by_speaker("bryan-cantrill").values_list("title", flat=True)) == [
        "Again",
        "Towards a Containerized Future",
    ]


@pytest.mark.django_db
def test_import_writeup_untitled_needs_conference_name(tmp_path):
    path = tmp_path / "untitled.md"
    path.write_text("## Jane Doe - One\n\nA.\n\n## Joe Bloggs - Two\n\nB.\n", encoding="utf-8")

    with pytest.raises(CommandError, match=r"untitled.md: line 1: expected a title"):
        import_writeup(path)
    import_writeup(path, conference_name="DevDay 2020")

    assert list(Conference.objects.values_list("name", "slug")) == [("DevDay 2020", "devday-2020")]
    assert list(Talk.objects.values_list("title", flat=True)) == ["One", "Two"]


@pytest.mark.django_db
def test_import_writeup_name_without_slug_asks_for_one(tmp_path):
    path = tmp_path / "tokyo.md"
    path.write_text("# 東京会議\n\n## Jane Doe - One\n\nA.\n", encoding="utf-8")

    with pytest.raises(CommandError, match=r"gives no slug: give one with --slug"):
        import_writeup(path)
    import_writeup(path, slug="tokyo")

    assert list(Conference.objects.values_list("name", "slug")) == [("東京会議", "tokyo")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# " + "Long " * 50 + "\n\n## Jane Doe - A\n\nx\n", "the conference's name is longer"),
        ("---\ntitle: C\nauthor_url: ftp://x\n---\n\n## Jane Doe - A\n\nx\n", "author_url"),
        ("# C\n\n## Jane Doe - " + "t" * 250 + "\n\nx\n", "line 3: the topic is longer than 200"),
    ],
)
def test_import_writeup_values_too_long_for_the_database(
    sample_conference, tmp_path, text, message
):
    path = tmp_path / "long.md"
    path.write_text(text, encoding="utf-8")
    before = database_state()

    with pytest.raises(CommandError, match=message):
        import_writeup(path)

    assert database_state() == before
