from pathlib import Path

from django.core.management import BaseCommand, CommandError

from speakers.models import Company, Speaker
from transfer.dates import parse_when
from transfer.facts import Facts, FactsError, apply_facts, apply_when, read_facts
from transfer.files import MAX_SIZE, InputRefused, parse_size, read_bytes
from transfer.load import ImportProblem, import_conference
from transfer.records import name_key
from transfer.writeup import LAYOUTS, WriteupError, read_writeup
from transfer.writeup.folder import FolderError, read_folder
from transfer.writeup.table import reading_table


class Command(BaseCommand):
    help = (
        "Import a Markdown conference write-up (or a folder of notes with an index README): "
        "its layout is read from the whole document. Importing the same file again updates "
        "the talks in place."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            help="The write-up, a Markdown file; or a folder whose README.md lists its talks.",
        )
        parser.add_argument(
            "--layout",
            choices=LAYOUTS,
            help="Read the write-up in this layout instead of the one that fits it best.",
        )
        parser.add_argument(
            "--facts",
            metavar="FILE",
            help="A TOML file of facts the write-up does not say (titles, companies, tags, city).",
        )
        parser.add_argument(
            "--tags-from",
            metavar="FILE",
            help="A TOML file whose [tags] table maps a speaker, title or topic to tags.",
        )
        parser.add_argument("--conference-name", help="The conference's name.")
        parser.add_argument("--slug", help="The conference's slug (default: from its name).")
        parser.add_argument("--city")
        parser.add_argument("--country")
        parser.add_argument(
            "--date", help="When it was held: 2015, 2015-09, 2015-09-17 or 2015-09-17/2015-09-18."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what was read (the layout and a table of talks) and what would change; "
            "write nothing.",
        )
        parser.add_argument(
            "--max-size",
            default=MAX_SIZE,
            type=size,
            help="Refuse files larger than this (default 5MB; e.g. 20MB).",
        )

    def handle(self, *args, path, dry_run=False, max_size=MAX_SIZE, **options):
        try:
            facts = self.facts(options, max_size=max_size)
        except InputRefused as error:
            raise CommandError(str(error)) from None
        writeup = self.read(Path(path), facts, options, max_size=max_size)
        conference = writeup.conference
        try:
            apply_facts(conference, facts)
        except FactsError as error:  # a [[talks]] entry that matches no talk
            raise CommandError(f"{options['facts']}: {error}") from None
        self.apply_options(conference, options)
        if dry_run:
            for line in reading_table(writeup):
                self.stdout.write(line)
            self.stdout.write("")
        try:
            report = import_conference(conference, match_slugs=True, dry_run=dry_run)
        except ImportProblem as error:
            raise CommandError(f"{path}: {error}; nothing was imported") from None
        if dry_run or options["verbosity"] >= 2:
            for line in report.changes:
                self.stdout.write(line)
        if options["verbosity"] >= 1:
            self.stdout.write(report.summary())

    def read(self, path, facts, options, *, max_size=MAX_SIZE):
        """The write-up (or folder of notes) at `path`, read; CommandError if it cannot be."""
        known = {
            "name": options["conference_name"],
            "known_companies": facts.known_companies()
            | {name_key(name) for name in Company.objects.values_list("name", flat=True)},
            "known_speakers": {
                name_key(name) for name in Speaker.objects.values_list("name", flat=True)
            },
        }
        try:
            if path.is_dir():
                return read_folder(path, layout=options["layout"], **known)
            text = read_text(path, max_size=max_size)
            return read_writeup(text, layout=options["layout"], **known)
        except (WriteupError, FolderError) as error:
            raise CommandError(f"{path}: {error}") from None
        except InputRefused as error:
            raise CommandError(str(error)) from None

    def facts(self, options, *, max_size=MAX_SIZE):
        facts = Facts()
        try:
            if options["facts"]:
                facts = read_facts(options["facts"], max_size=max_size)
            if options["tags_from"]:
                tags_file = read_facts(options["tags_from"], only_tags=True, max_size=max_size)
                for key, tags in tags_file.tags.items():
                    facts.tags[key] = facts.tags.get(key, []) + tags
        except FactsError as error:
            raise CommandError(str(error)) from None
        return facts

    def apply_options(self, conference, options):
        if options["conference_name"]:
            conference.name = options["conference_name"].strip()
        for name in ("slug", "city", "country"):
            if options[name]:
                setattr(conference, name, options[name].strip())
        if options["date"]:
            try:
                apply_when(conference, parse_when(options["date"]))
            except ValueError as error:
                raise CommandError(f"--date: {error}") from None


def size(text):
    """--max-size: a size such as 5MB (argparse reports a ValueError as a usage error)."""
    return parse_size(text)


def read_text(path, *, max_size=MAX_SIZE):
    """The text of a UTF-8 file, or a CommandError that says what is wrong with it
    (InputRefused if it is larger than `max_size` bytes)."""
    try:
        data = read_bytes(path, max_size=max_size)
    except OSError as error:
        raise CommandError(f"{path}: cannot read it ({error.strerror})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CommandError(f"{path}: line {line}: expected UTF-8 text") from None
