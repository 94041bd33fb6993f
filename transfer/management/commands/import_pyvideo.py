import sys

from django.core.management import BaseCommand, CommandError
from tqdm import tqdm

from transfer.files import MAX_SIZE, InputRefused, parse_size
from transfer.load import ImportProblem, import_conference
from transfer.pyvideo import PyvideoError, read_folder


class Command(BaseCommand):
    help = (
        "Import a conference folder in pyvideo's data layout (category.json and videos/*.json). "
        "Importing the same folder again updates the talks in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The conference folder, e.g. data/pycon-us-2011.")
        parser.add_argument("--slug", help="The conference's slug (default: the folder's name).")
        parser.add_argument(
            "--on-error",
            choices=("skip", "fail"),
            default="fail",
            help="What to do with a video file that cannot be read: report it and import the "
            "others (skip), or import nothing (fail, the default).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would change; write nothing."
        )
        parser.add_argument(
            "--progress",
            choices=("auto", "always", "never"),
            default="auto",
            help="Show a progress bar on stderr (auto: when it is a terminal).",
        )
        parser.add_argument(
            "--max-size",
            default=MAX_SIZE,
            type=size,
            help="Refuse any file larger than this (default 5MB; e.g. 20MB).",
        )

    def handle(self, *args, folder, on_error="fail", dry_run=False, **options):
        show = {"auto": None, "always": False, "never": True}[options["progress"]]
        if options["verbosity"] == 0:
            show = True

        def progress(files):
            return tqdm(files, desc="Reading", unit=" talks", disable=show, file=sys.stderr)

        try:
            result = read_folder(
                folder, slug=options["slug"], progress=progress, max_size=options["max_size"]
            )
        except (PyvideoError, InputRefused) as error:
            raise CommandError(f"{folder}: {error}") from None
        for problem in result.problems:
            self.stderr.write(f"{folder}/{problem}")
        if result.problems and on_error == "fail":
            raise CommandError(
                f"{len(result.problems)} of {len(result.problems) + len(result.conference.talks)} "
                "video files could not be read; nothing was imported "
                "(--on-error skip imports the others)."
            )
        if not result.conference.talks:
            raise CommandError(f"{folder}: no talks to import in videos/")
        try:
            report = import_conference(result.conference, match_slugs=False, dry_run=dry_run)
        except ImportProblem as error:
            raise CommandError(f"{folder}: {error}; nothing was imported") from None
        if dry_run or options["verbosity"] >= 2:
            for line in report.changes:
                self.stdout.write(line)
        if result.problems and options["verbosity"] >= 1:
            self.stdout.write(f"Skipped {len(result.problems)} unreadable video files.")
        if options["verbosity"] >= 1:
            self.stdout.write(report.summary())


def size(text):
    """--max-size: a size such as 5MB (argparse reports a ValueError as a usage error)."""
    return parse_size(text)
