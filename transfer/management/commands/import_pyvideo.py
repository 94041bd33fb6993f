import sys

from django.core.management import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from transfer.files import MAX_SIZE, InputRefused, parse_size
from transfer.load import ImportProblem, import_conference
from transfer.pyvideo import PyvideoError, is_repository, read_folder
from transfer.repository import forget_folder, import_repository


class Command(BaseCommand):
    help = (
        "Import a conference folder in pyvideo's data layout (category.json and videos/*.json), "
        "or a whole repository of them (a clone of pyvideo/data). Importing the same folder "
        "again updates the talks in place."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder",
            help="A conference folder (data/pycon-us-2011) or a repository of them (data).",
        )
        parser.add_argument("--slug", help="The conference's slug (default: the folder's name).")
        parser.add_argument(
            "--on-error",
            choices=("skip", "fail"),
            default="fail",
            help="What to do with a file or conference folder that cannot be read: report it "
            "and import the others (skip), or stop (fail, the default; a conference folder "
            "imports nothing, a repository keeps the conferences imported before it).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Repository: read every conference folder, even those unchanged since their "
            "last import (which restores their talks' fields as the files say).",
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
        self.hide_progress = {"auto": None, "always": False, "never": True}[options["progress"]]
        if options["verbosity"] == 0:
            self.hide_progress = True
        if is_repository(folder):
            if options["slug"]:
                raise CommandError("--slug names one conference: give a conference folder")
            return self.repository(folder, on_error=on_error, dry_run=dry_run, **options)
        return self.conference(folder, on_error=on_error, dry_run=dry_run, **options)

    def conference(self, folder, *, on_error, dry_run, **options):
        def progress(files):
            return tqdm(
                files, desc="Reading", unit=" talks", disable=self.hide_progress, file=sys.stderr
            )

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
            with transaction.atomic():
                report = import_conference(result.conference, match_slugs=False, dry_run=dry_run)
                if not dry_run:
                    # The next import of a whole repository reads this folder again.
                    forget_folder(result.conference.slug)
        except ImportProblem as error:
            raise CommandError(f"{folder}: {error}; nothing was imported") from None
        if dry_run or options["verbosity"] >= 2:
            for line in report.changes:
                self.stdout.write(line)
        if result.problems and options["verbosity"] >= 1:
            self.stdout.write(f"Skipped {len(result.problems)} unreadable video files.")
        if options["verbosity"] >= 1:
            self.stdout.write(report.summary())

    def repository(self, root, *, on_error, dry_run, force, verbosity, max_size, **options):
        bar = tqdm(
            desc="Importing", unit=" conferences", disable=self.hide_progress, file=sys.stderr
        )

        def progress(folders):
            bar.reset(total=len(folders))
            for folder in folders:
                yield folder
                bar.update()

        def problem(text):
            bar.clear()
            self.stderr.write(text)
            bar.refresh()

        def imported(report):
            if dry_run or verbosity >= 2:
                bar.clear()
                for line in report.changes:
                    self.stdout.write(line)
                self.stdout.write(report.summary())
                bar.refresh()

        try:
            with bar:
                result = import_repository(
                    root,
                    on_error=on_error,
                    force=force,
                    dry_run=dry_run,
                    max_size=max_size,
                    progress=progress,
                    problem=problem,
                    imported=imported,
                )
        except (PyvideoError, InputRefused) as error:
            raise CommandError(f"{root}: {error}") from None
        if result.stopped:
            kept = (
                f"the {result.imported} conferences imported before it are kept (each is "
                "imported on its own)"
                if result.imported and not dry_run
                else "nothing was imported"
            )
            raise CommandError(
                f"stopped at {result.stopped}; {kept}; --on-error skip imports the others."
            )
        if verbosity >= 1:
            self.stdout.write(result.summary())


def size(text):
    """--max-size: a size such as 5MB (argparse reports a ValueError as a usage error)."""
    return parse_size(text)
