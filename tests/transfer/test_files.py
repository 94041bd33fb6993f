"""Imports refuse files over a size limit, fields over the model's limits and links out of
their folder, with a clear message and nothing written."""

import json
import shutil

import pytest
from django.core.management import CommandError, call_command
from taggit.models import Tag

from speakers.models import Company
from talks.models import Conference, Talk
from tests.transfer.snapshot import database_state
from transfer.files import InputRefused, parse_size, read_bytes

pytestmark = pytest.mark.django_db


def import_writeup(path, *args):
    call_command("import_writeup", str(path), *args, verbosity=0)


def import_pyvideo(folder, *args):
    call_command("import_pyvideo", str(folder), *args, verbosity=0)


@pytest.fixture
def minicon(tmp_path, pyvideo):
    """A copy of the minicon-2019 pyvideo folder, to add links and large files to."""
    folder = tmp_path / "minicon-2019"
    shutil.copytree(pyvideo / "minicon-2019", folder)
    return folder


@pytest.fixture
def outside(tmp_path):
    """A folder beside the imported one, with a file somebody should not import."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.json").write_text(json.dumps({"title": "Secret", "speakers": []}))
    return folder


def test_a_50_mb_writeup_is_refused_and_nothing_written(tmp_path, container_camp_writeup):
    writeup, _ = container_camp_writeup
    big = tmp_path / "big.md"
    with open(big, "w", encoding="utf-8") as file:
        file.write(writeup.read_text(encoding="utf-8"))
        file.write(("All work and no play makes a long summary. " * 20 + "\n\n") * 62_000)
    assert big.stat().st_size > 50 * 1024 * 1024

    with pytest.raises(CommandError) as refused:
        import_writeup(big)

    assert str(refused.value) == (
        f"{big}: larger than the limit of 5 MB (--max-size raises it); nothing was imported"
    )
    assert (Conference.objects.count(), Talk.objects.count()) == (0, 0)


def test_max_size_lowers_and_raises_the_limit(container_camp_writeup):
    writeup, facts = container_camp_writeup

    with pytest.raises(CommandError, match="larger than the limit of 1 KB"):
        import_writeup(writeup, "--facts", str(facts), "--max-size", "1KB")
    assert Talk.objects.count() == 0
    import_writeup(writeup, "--facts", str(facts), "--max-size", "8KB")

    assert Talk.objects.count() == 12


def test_a_facts_file_over_the_limit_is_refused(tmp_path, container_camp_writeup):
    writeup, facts = container_camp_writeup

    with pytest.raises(CommandError, match=r"facts\.toml: larger than the limit of 3 KB"):
        import_writeup(writeup, "--facts", str(facts), "--max-size", "3KB")

    assert Talk.objects.count() == 0


@pytest.mark.parametrize("command", ["import_writeup", "import_pyvideo"])
@pytest.mark.parametrize("value", ["", "lots", "0", "-5MB", "5PB"])
def test_a_bad_max_size_is_a_usage_error(tmp_path, command, value):
    with pytest.raises(CommandError, match="--max-size: invalid size value"):
        call_command(command, str(tmp_path), f"--max-size={value}")


def test_parse_size_reads_units():
    assert [parse_size(text) for text in ["100", "2k", "5MB", "1 gb"]] == [
        100,
        2000,
        5_000_000,
        10**9,
    ]


def test_read_bytes_stops_after_the_limit():
    """A device never ends: reading it stops one byte past the limit."""
    with pytest.raises(InputRefused, match="larger than the limit of 1 KB"):
        read_bytes("/dev/zero", max_size=1000)


def test_a_pyvideo_file_over_the_limit_is_refused_even_when_skipping(minicon):
    video = minicon / "videos" / "alpha-django-at-scale.json"
    data = json.loads(video.read_text())
    data["description"] = "x" * (6 * 1024 * 1024)
    video.write_text(json.dumps(data))

    with pytest.raises(CommandError) as refused:
        import_pyvideo(minicon, "--on-error", "skip")

    assert str(refused.value) == (
        f"{minicon}: videos/alpha-django-at-scale.json: larger than the limit of 5 MB "
        "(--max-size raises it); nothing was imported"
    )
    assert Talk.objects.count() == 0
    import_pyvideo(minicon, "--max-size", "7MB")
    assert len(Talk.objects.get(slug="django-at-scale").summary) == 6 * 1024 * 1024


@pytest.mark.parametrize(
    ("link", "target", "name"),
    [
        ("videos/zeta-secret.json", "elsewhere/secret.json", "videos/zeta-secret.json"),
        ("category.json", "elsewhere/secret.json", "category.json"),
        ("videos", "elsewhere", "videos/"),
    ],
    ids=["video-file", "category", "videos-folder"],
)
def test_pyvideo_refuses_links_out_of_its_folder(minicon, outside, tmp_path, link, target, name):
    path = minicon / link
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
    path.symlink_to(tmp_path / target)

    with pytest.raises(CommandError) as refused:
        import_pyvideo(minicon, "--on-error", "skip")

    assert str(refused.value) == (
        f"{minicon}: {name}: a link to {(tmp_path / target).resolve()}, outside the folder "
        "being imported; nothing was imported"
    )
    assert (Conference.objects.count(), Talk.objects.count()) == (0, 0)


def test_pyvideo_follows_links_that_stay_in_its_folder(minicon):
    spare = minicon / "spare"
    spare.mkdir()
    (minicon / "videos" / "gamma-lightning.json").rename(spare / "gamma.json")
    (minicon / "videos" / "gamma-lightning.json").symlink_to(spare / "gamma.json")

    import_pyvideo(minicon)

    assert Talk.objects.filter(slug="lightning-talks").exists()


def test_a_folder_given_as_a_link_is_read_where_it_points(minicon, tmp_path):
    link = tmp_path / "link-to-minicon"
    link.symlink_to(minicon)

    import_pyvideo(link, "--slug", "minicon-2019")

    assert Talk.objects.count() == 3


def test_a_tag_over_the_model_limit_is_refused(minicon):
    video = minicon / "videos" / "alpha-django-at-scale.json"
    data = json.loads(video.read_text())
    data["tags"] = ["t" * 150]
    video.write_text(json.dumps(data))

    with pytest.raises(CommandError, match=r"the tag 'tttt.*is over 100 characters"):
        import_pyvideo(minicon)

    assert (Talk.objects.count(), Tag.objects.count()) == (0, 0)


def test_a_company_website_over_the_model_limit_is_refused(tmp_path, container_camp_writeup):
    writeup, _ = container_camp_writeup
    facts = tmp_path / "facts.toml"
    facts.write_text(f'[company_websites]\n"Docker" = "https://example.com/{"a" * 600}"\n')
    before = database_state()

    with pytest.raises(CommandError, match="website over 500 characters; nothing was imported"):
        import_writeup(writeup, "--facts", str(facts))

    assert database_state() == before
    assert Company.objects.count() == 0
