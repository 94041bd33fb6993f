"""Writes of accounts: deleting one with everything of its person."""

from axes.models import AccessAttempt
from django.db import transaction

from talks import services as talk_services


@transaction.atomic
def account_delete(*, user):
    """Delete `user` with their notes and stars (through talks.services, so that their public
    notes leave search and cached pages) and the failed log-ins recorded for their name."""
    talk_services.reader_data_delete(user=user)
    AccessAttempt.objects.filter(username=user.get_username()).delete()
    user.delete()
