"""Django's loaddata, with the talks' search vectors recomputed once at the end.

Signals keep the vectors current on every save (talks/signals.py); a fixture saves each
talk, credit and tagging separately, so without this each of them would recompute its
talk's vector (80 updates for the write-up's 12 talks instead of one).
"""

from django.core.management.commands import loaddata
from django.db import transaction

from talks.search import deferred_vector_updates


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        # One transaction for the objects and their vectors, as loaddata's own.
        with transaction.atomic(using=options["database"]), deferred_vector_updates():
            super().handle(*fixture_labels, **options)
