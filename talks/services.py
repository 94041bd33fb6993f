"""Writes for stars and notes: idempotent, validated, and safe when requests race."""

from django.db import transaction

from .models import Note, Star


def star_add(*, talk, user):
    """Star `talk` for `user`; starring again changes nothing. Returns True."""
    # INSERT ... ON CONFLICT DO NOTHING: the unique constraint settles races without an error,
    # even when a concurrent unstar deletes the winning row again (get_or_create re-raises then).
    Star.objects.bulk_create([Star(talk=talk, user=user)], ignore_conflicts=True)
    return True


def star_remove(*, talk, user):
    """Take `user`'s star off `talk`, if there is one. Returns False."""
    Star.objects.filter(talk=talk, user=user).delete()
    return False


@transaction.atomic
def star_toggle(*, talk, user):
    """Flip `user`'s star on `talk`; returns whether the talk is starred afterwards."""
    deleted, _ = Star.objects.filter(talk=talk, user=user).delete()
    if deleted:
        return False
    return star_add(talk=talk, user=user)


def star_set(*, talk, user, starred):
    """Make `user`'s star on `talk` match `starred` (what the button showed when clicked)."""
    if starred:
        return star_add(talk=talk, user=user)
    return star_remove(talk=talk, user=user)


def note_create(*, talk, author, body, time=None, visibility=Note.Visibility.PRIVATE):
    """A validated, saved note; ValidationError leaves nothing behind."""
    note = Note(talk=talk, author=author, body=body, time=time, visibility=visibility)
    note.full_clean()
    note.save()
    return note


def note_update(*, note, body, time=None, visibility=Note.Visibility.PRIVATE):
    """Change a note's text, time and visibility; ValidationError leaves it as it was."""
    note.body, note.time, note.visibility = body, time, visibility
    note.full_clean()
    note.save(update_fields=["body", "time", "visibility", "updated"])
    return note
