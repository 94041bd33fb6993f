"""Every write that changes what visitors see: stars, notes, moderation, editing the
catalogue (one row or many), imports and fixture loads.

Each function writes in one transaction and tells `talks.changes` what it wrote; nothing
else (no signal, no trigger of ours, no expiry) keeps search documents and caches current.
Stars and notes have their own functions; the admin and the importers use the generic
`save()`, `saved()`, `delete()`, `delete_all()` and `update_all()`.
"""

import secrets

from django.db import transaction

from . import changes
from .models import CalendarToken, Note, Star

# --- Any row -----------------------------------------------------------------------------


@transaction.atomic
def save(obj, **kwargs):
    """Save a row of the catalogue or of readers' data (`save()`'s own arguments pass on)."""
    obj.save(**kwargs)
    changes.saved(type(obj), [obj.pk])
    return obj


def depending_on(obj):
    """The talks whose documents depend on `obj` now: give them to `saved()` after a change."""
    return changes.talks_of(type(obj), [obj.pk]) if obj.pk else []


@transaction.atomic
def saved(obj, *, before=()):
    """`obj` and what hangs on it (tags, credits, links saved by a form) were just written;
    `before` is what `depending_on(obj)` said before the change."""
    changes.saved(type(obj), [obj.pk], before=before)


@transaction.atomic
def delete(obj):
    """Delete one row and what cascades from it."""
    after = changes.deleting(type(obj), [obj.pk])
    obj.delete()
    after()


@transaction.atomic
def delete_all(queryset):
    """Delete every row of `queryset`; returns how many rows of its model went."""
    ids = list(queryset.values_list("pk", flat=True))
    after = changes.deleting(queryset.model, ids)
    _, per_model = queryset.model.objects.filter(pk__in=ids).delete()
    after()
    return per_model.get(queryset.model._meta.label, 0)


@transaction.atomic
def update_all(queryset, **fields):
    """`queryset.update(**fields)` with the derived data brought along; returns the count."""
    ids = list(queryset.values_list("pk", flat=True))
    count = queryset.model.objects.filter(pk__in=ids).update(**fields)
    changes.saved(queryset.model, ids)
    return count


@transaction.atomic
def saved_in_bulk(model, ids):
    """Rows of `model` were written in bulk (an import): bring derived data along."""
    changes.saved(model, ids)


def loaded():
    """Data of unknown extent was loaded (a fixture): everything derived is recomputed."""
    changes.everything_changed()


# --- Stars -------------------------------------------------------------------------------


@transaction.atomic
def star_add(*, talk, user):
    """Star `talk` for `user`; starring again changes nothing. Returns True."""
    # INSERT ... ON CONFLICT DO NOTHING: the unique constraint settles races without an error,
    # even when a concurrent unstar deletes the winning row again (get_or_create re-raises then).
    Star.objects.bulk_create([Star(talk=talk, user=user)], ignore_conflicts=True)
    changes.saved(Star, [])
    return True


@transaction.atomic
def star_remove(*, talk, user):
    """Take `user`'s star off `talk`, if there is one. Returns False."""
    deleted, _ = Star.objects.filter(talk=talk, user=user).delete()
    if deleted:
        changes.saved(Star, [])
    return False


@transaction.atomic
def star_toggle(*, talk, user):
    """Flip `user`'s star on `talk`; returns whether the talk is starred afterwards."""
    deleted, _ = Star.objects.filter(talk=talk, user=user).delete()
    if deleted:
        changes.saved(Star, [])
        return False
    return star_add(talk=talk, user=user)


def star_set(*, talk, user, starred):
    """Make `user`'s star on `talk` match `starred` (what the button showed when clicked)."""
    if starred:
        return star_add(talk=talk, user=user)
    return star_remove(talk=talk, user=user)


# --- Notes -------------------------------------------------------------------------------


@transaction.atomic
def note_create(*, talk, author, body, time=None, visibility=Note.Visibility.PRIVATE):
    """A validated, saved note; ValidationError leaves nothing behind."""
    note = Note(talk=talk, author=author, body=body, time=time, visibility=visibility)
    note.full_clean()
    return save(note)


@transaction.atomic
def note_update(*, note, body, time=None, visibility=Note.Visibility.PRIVATE):
    """Change a note's text, time and visibility; ValidationError leaves it as it was."""
    note.body, note.time, note.visibility = body, time, visibility
    note.full_clean()
    return save(note, update_fields=["body", "time", "visibility", "updated"])


def note_delete(*, note):
    """Delete a note."""
    delete(note)


def notes_set_visibility(*, notes, visibility):
    """Moderation: make these notes private (or public); returns how many."""
    return update_all(notes, visibility=visibility)


# --- A reader's data ----------------------------------------------------------------------


@transaction.atomic
def reader_data_delete(*, user):
    """Delete every note and star of `user` (their account is going); returns how many."""
    notes = delete_all(Note.objects.by(user))
    stars = delete_all(Star.objects.filter(user=user))
    return notes + stars


# --- The calendar of my stars --------------------------------------------------------------
# The token is the address's only key, not something visitors see: no derived data to update.


@transaction.atomic
def calendar_token_renew(*, user):
    """Give `user` a new secret calendar address (any old one stops working); returns it."""
    calendar_token, _ = CalendarToken.objects.update_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return calendar_token


def calendar_token_revoke(*, user):
    """Turn `user`'s calendar address off."""
    CalendarToken.objects.filter(user=user).delete()
