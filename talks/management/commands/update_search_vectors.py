from django.core.management import BaseCommand

from talks import services


class Command(BaseCommand):
    help = (
        "Rebuild every talk's search document and start a new data version, e.g. after "
        "writing talks in bulk outside the app."
    )

    def handle(self, *args, **options):
        services.loaded()
        self.stdout.write(self.style.SUCCESS("Rebuilt the search index and the data version."))
