from django.conf import settings
from django.core.management import BaseCommand, call_command

from talks.models import Conference


class Command(BaseCommand):
    help = (
        "Load the bundled conference fixtures into an empty database. Does nothing once any "
        "conference exists, so that edits made in admin survive a restart (--force loads anyway)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even if data exists.")

    def handle(self, *args, force=False, **options):
        if Conference.objects.exists() and not force:
            self.stdout.write("Database already has conferences; fixtures not loaded.")
            return
        fixtures = sorted(
            path.name for path in settings.FIXTURE_DIRS[0].glob("*.json") if path.is_file()
        )
        call_command("loaddata", *fixtures, verbosity=options["verbosity"])
