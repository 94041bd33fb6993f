from pathlib import Path

from django.core.management import BaseCommand, CommandError

from transfer.files import MAX_SIZE, InputRefused, parse_size, read_bytes
from transfer.load import ImportProblem
from transfer.schedule import FORMATS, ScheduleError, read
from transfer.schedule.fetch import TIMEOUT, fetch, is_url
from transfer.schedule.load import import_schedule


class Command(BaseCommand):
    help = (
        "Import a conference schedule: frab XML, the schedule JSON of frab and pretalx, or "
        "iCalendar, from a file or an http(s) URL. Importing it again updates the talks in "
        "place and reports those moved, renamed and cancelled."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A schedule file, or the http(s) URL of one.")
        parser.add_argument(
            "--format", choices=FORMATS, help="The format (default: from the name or the content)."
        )
        parser.add_argument("--slug", help="The conference's slug (default: from its acronym).")
        parser.add_argument("--conference-name", help="The conference's name, if not the file's.")
        parser.add_argument(
            "--time-zone",
            help="Show the times in this zone (Europe/Berlin, +01:00) and read times that "
            "name none in it (default: the schedule's).",
        )
        parser.add_argument(
            "--timeout", type=float, default=TIMEOUT, help="Seconds to wait for a URL."
        )
        parser.add_argument(
            "--max-size",
            default=MAX_SIZE,
            type=size,
            help="Refuse a larger file or download (default 5MB; e.g. 20MB).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would change; write nothing."
        )

    def handle(self, *args, source, dry_run=False, **options):
        data = self.read_source(source, options)
        try:
            reading = read(
                data,
                name=source,
                fmt=options["format"],
                slug=options["slug"],
                conference_name=options["conference_name"],
                time_zone=options["time_zone"] or "",
            )
        except ScheduleError as error:
            raise CommandError(f"{source}: {error}; nothing was imported") from None
        if not reading.conference.talks:
            raise CommandError(f"{source}: no talks in the schedule; nothing was imported")
        try:
            report = import_schedule(reading, dry_run=dry_run)
        except ImportProblem as error:
            raise CommandError(f"{source}: {error}; nothing was imported") from None
        verbosity = options["verbosity"]
        if dry_run or verbosity >= 2:
            for line in [*report.changes, *(f"skipped: {item}" for item in report.skipped)]:
                self.stdout.write(line)
        elif verbosity >= 1:
            for line in report.notices():
                self.stdout.write(line)
        if verbosity >= 1:
            self.stdout.write(report.summary())

    def read_source(self, source, options):
        """The bytes of the file or URL, refusing more than --max-size."""
        if is_url(source):
            try:
                return fetch(source, timeout=options["timeout"], max_size=options["max_size"])
            except ScheduleError as error:
                raise CommandError(f"{source}: {error}; nothing was imported") from None
        try:
            return read_bytes(Path(source), max_size=options["max_size"])
        except InputRefused as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"{source}: cannot read it ({error.strerror})") from None


def size(text):
    """--max-size: a size such as 5MB (argparse reports a ValueError as a usage error)."""
    return parse_size(text)
