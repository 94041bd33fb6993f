from django.core.management import BaseCommand

from talks.facets import data_changed
from talks.search import update_search_vectors, uses_postgres


class Command(BaseCommand):
    help = (
        "Recompute every talk's stored search vector (PostgreSQL), e.g. after bulk writes "
        "that bypassed signals, and forget cached counts and facets."
    )

    def handle(self, *args, **options):
        if not uses_postgres():
            self.stdout.write("Not PostgreSQL: search reads the tables directly, nothing to do.")
            return
        updated = update_search_vectors()
        data_changed()
        self.stdout.write(self.style.SUCCESS(f"Updated the search vectors of {updated} talks."))
