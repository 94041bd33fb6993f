"""Import a whole pyvideo data repository: every conference folder, each in its own transaction.

Folders are read and written one at a time, so memory holds one conference's talks, never the
repository's. Speakers, companies and taken slugs are read once for the run (`Catalogue`). A
folder whose files have not changed since its last import (the same digest, and as many talks
in the database as that import left) is skipped without being parsed; `force` reads them all.

On PostgreSQL the tables are analysed whenever the import has doubled the talks since the last
time, and at the end: planned with the statistics of a smaller catalogue, re-indexing a
conference's talks scanned the whole speaker table once per talk (with autovacuum off, as on
CI machines, the statistics would never catch up).
"""

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Count
from django.utils.text import slugify

from talks.models import Conference, Talk

from .files import MAX_SIZE, InputRefused, inside
from .load import Catalogue, ImportProblem, import_conference
from .models import ImportedFolder
from .pyvideo import PyvideoError, conference_folders, folder_digest, read_folder, read_unpublished

PROBLEMS = (PyvideoError, InputRefused, ImportProblem)
ANALYSE_AFTER = 500  # talks created before the first ANALYZE of an import


@dataclass
class RepositoryReport:
    """What importing a repository did (or, in a dry run, would do)."""

    folders: int = 0
    imported: int = 0
    unchanged: int = 0  # folders not read: unchanged since their last import
    failed: list[str] = field(default_factory=list)  # "folder: problem"
    stopped: str = ""  # with on_error="fail": the problem the run stopped at
    created: int = 0
    updated: int = 0
    kept: int = 0  # talks read and found unchanged
    skipped_files: int = 0
    withheld: int = 0
    dry_run: bool = False

    def add(self, report):
        """Count one conference's `ImportReport`."""
        self.imported += 1
        self.created += report.created
        self.updated += report.updated
        self.kept += report.unchanged

    def summary(self):
        verb = "would be imported" if self.dry_run else "imported"
        text = (
            f"{self.folders} conference folders: {self.imported} {verb} "
            f"({self.created} talks created, {self.updated} updated, {self.kept} unchanged), "
            f"{self.unchanged} unchanged since their last import, {len(self.failed)} failed."
        )
        if self.skipped_files:
            text += f" {self.skipped_files} unreadable video files skipped."
        if self.withheld:
            text += f" {self.withheld} videos left out as NO_PUBLISH.json asks."
        return text


class _Failed(Exception):
    """A folder that cannot be imported as a whole (its problems are reported already)."""


def import_repository(
    root,
    *,
    on_error="fail",
    force=False,
    dry_run=False,
    max_size=MAX_SIZE,
    progress=None,
    problem=None,
    imported=None,
):
    """Import every conference folder under `root`; returns a `RepositoryReport`.

    Each folder is imported in its own transaction: a bad one never undoes the others. With
    `on_error="fail"` the run stops at the first unreadable file or folder (those imported
    before it stay); with "skip" bad files and folders are reported and left out. A dry run
    imports everything in one transaction and rolls it back. `progress` wraps the list of
    folders; `problem(text)` and `imported(ImportReport)` are called as the run goes.
    """
    root = Path(root)
    problem = problem or (lambda text: None)
    report = RepositoryReport(dry_run=dry_run)
    run = _Run(
        root, report=report, on_error=on_error, force=force, max_size=max_size, problem=problem
    )
    folders = conference_folders(root)
    report.folders = len(folders)
    with transaction.atomic() if dry_run else contextlib.nullcontext():
        for folder in progress(folders) if progress else folders:
            try:
                result = run.folder(folder)
            except _Failed as failure:
                report.failed.append(f"{folder.name}: {failure}")
                if on_error == "fail":
                    report.stopped = f"{folder.name}: {failure}"
                    break
                continue
            if result is not None:
                report.add(result)
                run.analyse_if_grown(result.created)
                if imported:
                    imported(result)
        run.analyse_if_grown(0, at_end=True)
        if dry_run:
            transaction.set_rollback(True)
    return report


def remember_folder(slug, digest):
    """Record the digest of the folder the conference `slug` was just imported from."""
    conference = Conference.objects.annotate(talk_count=Count("talks")).get(slug=slug)
    ImportedFolder.objects.update_or_create(
        conference=conference, defaults={"digest": digest, "talk_count": conference.talk_count}
    )


def forget_folder(slug):
    """Make the next repository import read the conference's folder again."""
    ImportedFolder.objects.filter(conference__slug=slug).delete()


class _Run:
    def __init__(self, root, *, report, on_error, force, max_size, problem):
        self.root = root
        self.report = report
        self.on_error = on_error
        self.force = force
        self.max_size = max_size
        self.problem = problem
        # Which videos to leave out: a change to the list reads every folder again.
        self.unpublished = read_unpublished(root, max_size=max_size)
        self.unpublished_bytes = repr(sorted(self.unpublished)).encode()
        self.catalogue = Catalogue()
        self.talks_analysed = Talk.objects.count()  # what the last statistics saw, roughly
        self.talks_created = 0  # since then
        self.previous = {
            conference.slug: (conference.imported_folder, conference.talk_count)
            for conference in Conference.objects.filter(imported_folder__isnull=False)
            .select_related("imported_folder")
            .annotate(talk_count=Count("talks"))
        }

    def folder(self, folder):
        """Import one folder; returns its `ImportReport`, or None if it was unchanged."""
        try:
            inside(folder, self.root, name=f"{folder.name}/")
        except InputRefused as error:
            self.fail(folder, str(error))
        digest = self.digest(folder)
        if digest and not self.force and self.unchanged(folder, digest):
            self.report.unchanged += 1
            return None
        try:
            result = read_folder(folder, max_size=self.max_size, unpublished=self.unpublished)
        except PROBLEMS as error:
            self.fail(folder, str(error))
        for error in result.problems:
            self.problem(f"{folder}/{error}")
        if result.problems and self.on_error == "fail":
            total = len(result.problems) + len(result.conference.talks)
            self.fail(folder, f"{len(result.problems)} of {total} video files could not be read")
        self.report.skipped_files += len(result.problems)
        self.report.withheld += len(result.withheld)
        if not result.conference.talks:
            self.fail(folder, "no talks to import in videos/")
        try:
            with transaction.atomic():
                report = import_conference(
                    result.conference, match_slugs=False, catalogue=self.catalogue
                )
                if digest and not result.problems:
                    remember_folder(result.conference.slug, digest)
                else:  # read again next time, to report (or import) the skipped files
                    forget_folder(result.conference.slug)
        except ImportProblem as error:
            self.fail(folder, str(error))
        except BaseException:
            self.catalogue.forget()
            raise
        report.dry_run = self.report.dry_run
        return report

    def analyse_if_grown(self, created, *, at_end=False):
        """ANALYZE (PostgreSQL) once the talks created since the last time outnumber those
        there were then, and at the end if any were created."""
        self.talks_created += created
        grown = self.talks_created >= max(ANALYSE_AFTER, self.talks_analysed)
        if connection.vendor != "postgresql" or not (grown or (at_end and self.talks_created)):
            return
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.talks_analysed += self.talks_created
        self.talks_created = 0

    def digest(self, folder):
        """The folder's digest, or None if a file cannot be read (`read_folder` says why)."""
        try:
            return folder_digest(folder, extra=self.unpublished_bytes, max_size=self.max_size)
        except (OSError, *PROBLEMS):
            return None

    def unchanged(self, folder, digest):
        previous = self.previous.get(slugify(folder.resolve().name))
        if previous is None:
            return False
        imported_folder, talk_count = previous
        return imported_folder.digest == digest and imported_folder.talk_count == talk_count

    def fail(self, folder, text):
        self.problem(f"{folder}: {text}")
        raise _Failed(text)
