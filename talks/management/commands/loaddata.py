"""Django's loaddata, followed by the services' refresh of everything derived.

A fixture is written row by row by Django's deserializer, past the services; loading it
is one write of unknown extent, so search documents and caches are recomputed once at
the end, in the same transaction.
"""

from django.core.management.commands import loaddata
from django.db import transaction

from talks import services


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        with transaction.atomic(using=options["database"]):
            super().handle(*fixture_labels, **options)
            services.loaded()
