"""manage.py import_writeup on the new layouts: --layout, the dry-run table, folders of notes,
and input it cannot read (a clear CommandError, nothing written)."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from talks.models import Conference, Talk
from tests.transfer.conftest import REPO
from tests.transfer.snapshot import database_state
from transfer.writeup import read_writeup

DATA = REPO / "tests" / "data" / "writeups"
FOLDER = DATA / "notes-folder-strange-loop-2019"


def import_writeup(path, **options):
    call_command("import_writeup", str(path), verbosity=0, **options)


@pytest.mark.django_db
def test_import_writeup_dry_run_table_shows_layout_and_each_talk(capsys):
    call_command(
        "import_writeup", str(DATA / "schedule-tracks-pydata-tallinn-2023.md"), dry_run=True
    )

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "PyData Tallinn 2023 — Schedule: 7 talks read as layout 'schedule'"
    assert lines[1].split() == ["#", "title", "speakers", "company", "★", "links", "time"]
    assert lines[5].split("  ")[0:2] == ["3", "Panel: Hiring “data scientists” in 2023"]
    assert "Liis Kask, Jaan Org, Maria Sepp" in lines[5]
    assert lines[8].endswith(
        "Oliver Kuusk, Anu Rebane         Bolt, Maa-amet     0      10:45–11:25"
    )
    assert database_state() == ([], [], [], [], [], [], [])


@pytest.mark.django_db
def test_import_writeup_dry_run_table_marks_recommended_and_counts_links(capsys):
    call_command("import_writeup", str(DATA / "below-setext-rustconf-lyon-2024.md"), dry_run=True)

    rows = capsys.readouterr().out.splitlines()[3:7]
    assert [(row.split()[0], "★" in row) for row in rows] == [
        ("1", True),
        ("2", True),
        ("3", True),
        ("4", False),
    ]
    assert rows[3].split("  ")[-1].strip() == "0"  # links of the last talk: none


@pytest.mark.django_db
def test_import_writeup_layout_option_forces_the_layout(tmp_path):
    path = tmp_path / "conf.md"
    path.write_text(
        "# Conf 2024\n\n## Scaling Postgres\n### by Alice Jones\n\n"
        "Alice Jones from Acme talked about replicas.\n",
        encoding="utf-8",
    )

    chosen = read_writeup(path.read_text(encoding="utf-8"))
    import_writeup(path, layout="speaker-prose")

    talk = Talk.objects.get()
    assert (chosen.layout, chosen.conference.talks[0].speakers[0].company) == ("speaker-below", "")
    assert (talk.title, [s.company.name for s in talk.speakers.all()]) == (
        "Scaling Postgres",
        ["Acme"],
    )
    assert talk.summary.startswith("### by Alice Jones")  # in prose, the by-line is prose


@pytest.mark.django_db
def test_import_writeup_layout_that_reads_nothing_fails_and_says_so():
    path = DATA / "below-plain-gophercon-iberia-2021.md"

    with pytest.raises(CommandError, match=r"expected at least one talk read in the layout "):
        import_writeup(path, layout="schedule")

    assert Conference.objects.count() == 0


def test_import_writeup_layout_option_rejects_unknown_names():
    with pytest.raises(CommandError, match=r"invalid choice: 'nonsense'"):
        call_command("import_writeup", "x.md", "--layout", "nonsense")


@pytest.mark.django_db
def test_import_writeup_folder_is_one_conference_in_index_order():
    import_writeup(FOLDER)

    conference = Conference.objects.get()
    assert conference.name == "Strange Loop 2019"
    assert list(conference.talks.order_by("position").values_list("title", flat=True)) == [
        "Correctness at Scale",
        "Probabilistic Programming for Everyone",
        "The Art of the Small Compiler",
    ]
    assert [link.kind for link in conference.links.all()] == ["playlist"]
    assert "Licence: CC0." in conference.description
    assert "[Correctness at Scale]" not in conference.description  # the index list is not


@pytest.mark.django_db
def test_import_writeup_folder_twice_changes_nothing():
    import_writeup(FOLDER)
    before = database_state()

    import_writeup(FOLDER)

    assert database_state() == before


@pytest.mark.django_db
def test_import_writeup_folder_without_index_fails(tmp_path):
    (tmp_path / "talk.md").write_text("# A talk\n\nhttps://youtu.be/dQw4w9WgXcQ\n")

    with pytest.raises(CommandError, match=r"expected an index file in the folder"):
        import_writeup(tmp_path)


@pytest.mark.django_db
def test_import_writeup_folder_never_reads_outside_itself(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (tmp_path / "secret.md").write_text("# Secret\n\nhttps://youtu.be/dQw4w9WgXcQ\n")
    (folder / "README.md").write_text("# Conf\n\n* [Secret](../secret.md)\n")

    with pytest.raises(CommandError, match=r"expected a list of links to the talks' notes"):
        import_writeup(folder)


@pytest.mark.django_db
def test_import_writeup_folder_names_the_file_it_cannot_read(tmp_path):
    folder = tmp_path / "notes"
    shutil.copytree(FOLDER, folder)
    (folder / "small-compiler.md").write_text("# Compiler\n\n```\nnever closed\n")
    before = database_state()

    with pytest.raises(CommandError) as caught:
        import_writeup(folder)

    assert str(caught.value) == (
        f"{folder}: small-compiler.md (listed on line 8 of README.md): "
        "line 3: expected the code block opened here to be closed with ```"
    )
    assert database_state() == before


BAD_INPUT = [
    ("empty.md", b"", "line 1: expected a write-up: this file is empty"),
    ("blank.md", b"  \n\n\t\n", "line 1: expected a write-up: this file is empty"),
    (
        "yaml.md",
        b"---\ntitle: Conf\ntags: [a, b\n---\n\n## Jane Doe - Talk\n",
        "line 3: expected 'key: value' in the front matter (",
    ),
    (
        "list.md",
        b"---\n- one\n- two\n---\n\n## Jane Doe - Talk\n",
        "line 2: expected 'key: value' in the front matter",
    ),
    (
        "unclosed.md",
        b"---\ntitle: Conf\n\n## Jane Doe - Talk\n",
        "line 1: expected the front matter that starts here to end with a '---' line",
    ),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "line 1: expected UTF-8 text"),
    (
        "nul.md",
        b"# Conf\n\n## Jane Doe - Talk\x00\x00\x00\n",
        "line 3: expected Markdown text, not binary data",
    ),
    (
        "long-line.md",
        b"# Conf\n\n## Jane Doe - Talk\n\n" + b"word " * 5000 + b"\n",
        "line 5: expected lines of at most 20,000 characters",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_import_writeup_bad_input_is_a_clear_error_and_writes_nothing(
    sample_conference, tmp_path, name, content, message
):
    path = tmp_path / name
    path.write_bytes(content)
    before = database_state()

    with pytest.raises(CommandError) as caught:
        import_writeup(path)

    assert str(caught.value).startswith(f"{path}: {message}")
    assert database_state() == before


@pytest.mark.django_db
def test_import_writeup_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.md"
    path.write_bytes(b"# Conf\n\n## Jane Doe - Talk\n\n" + b"x\n" * 2_600_000)

    with pytest.raises(CommandError, match=r"huge.md: larger than the limit of 5 MB"):
        import_writeup(path)

    assert Conference.objects.count() == 0
