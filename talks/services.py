"""Every write that changes what visitors see: stars, notes, moderation, editing the
catalogue (one row or many), imports and fixture loads; and readers' lists.

Each function writes in one transaction and tells `talks.changes` what it wrote; nothing
else (no signal, no trigger of ours, no expiry) keeps search documents and caches current.
Stars and notes have their own functions; the admin and the importers use the generic
`save()`, `saved()`, `delete()`, `delete_all()` and `update_all()`.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from . import changes
from .models import (
    LIST_NAME_MAX_LENGTH,
    LISTS_PER_PERSON,
    TALKS_PER_LIST,
    WATCH_LATER,
    CalendarToken,
    Note,
    Star,
    TalkList,
    TalkListItem,
)

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


# --- Lists -------------------------------------------------------------------------------
# A list is its owner's alone: no page that is cached or indexed shows it (a shared list's
# page is never cached), so these writes tell `talks.changes` nothing.


def _locked(talk_list):
    """The list's row, locked until the transaction ends: writes to one list queue up."""
    return TalkList.objects.select_for_update().get(pk=talk_list.pk)


def _clean_name(name):
    """A list name with runs of whitespace collapsed; ValidationError if blank or too long."""
    name = " ".join(str(name or "").split())
    if not name:
        raise ValidationError({"name": "Give the list a name."})
    if len(name) > LIST_NAME_MAX_LENGTH:
        raise ValidationError(
            {"name": f"Keep the name to {LIST_NAME_MAX_LENGTH} characters or fewer."}
        )
    return name


@transaction.atomic
def watch_later(*, owner):
    """`owner`'s "Watch later" list, created the first time it is needed."""
    TalkList.objects.bulk_create(
        [TalkList(owner=owner, name=WATCH_LATER, is_watch_later=True)], ignore_conflicts=True
    )
    found = TalkList.objects.filter(owner=owner, is_watch_later=True).first()
    if found is None:  # the name was taken by a list of the owner's own: make that one it
        found = TalkList.objects.get(owner=owner, name__iexact=WATCH_LATER)
        found.is_watch_later = True
        found.save(update_fields=["is_watch_later", "updated"])
    return found


@transaction.atomic
def list_create(*, owner, name):
    """A new list, or `owner`'s list of that name (in any case) if there is one:
    (list, created). ValidationError for a bad name or one list too many."""
    name = _clean_name(name)
    existing = TalkList.objects.filter(owner=owner, name__iexact=name).first()
    if existing is not None:
        return existing, False
    if TalkList.objects.filter(owner=owner).count() >= LISTS_PER_PERSON:
        raise ValidationError(
            {"name": f"You have {LISTS_PER_PERSON} lists, the most there can be."}
        )
    talk_list = TalkList(owner=owner, name=name)
    talk_list.save()
    return talk_list, True


@transaction.atomic
def list_rename(*, talk_list, name):
    """Rename a list; ValidationError if the name is bad or another of the owner's lists has it."""
    name = _clean_name(name)
    taken = TalkList.objects.filter(owner_id=talk_list.owner_id, name__iexact=name)
    if taken.exclude(pk=talk_list.pk).exists():
        raise ValidationError({"name": f"You already have a list called “{name}”."})
    talk_list.name = name
    talk_list.save(update_fields=["name", "updated"])
    return talk_list


@transaction.atomic
def list_delete(*, talk_list):
    """Delete a list and its items ("Watch later" stays: ValidationError)."""
    if talk_list.is_watch_later:
        raise ValidationError("“Watch later” is there for good; empty it instead.")
    talk_list.delete()


@transaction.atomic
def list_share(*, talk_list, shared=True, renew=False):
    """Make a list readable at a secret address (a new one if `renew`: the old one stops
    working) or private again (`shared=False`); returns the list."""
    if not shared:
        talk_list.share_token = ""
    elif renew or not talk_list.share_token:
        talk_list.share_token = secrets.token_urlsafe(24)
    talk_list.save(update_fields=["share_token", "updated"])
    return talk_list


@transaction.atomic
def list_add(*, talk_list, talk):
    """Put `talk` at the end of the list; adding it again changes nothing. Returns True.
    ValidationError when the list is full."""
    talk_list = _locked(talk_list)
    items = TalkListItem.objects.filter(talk_list=talk_list)
    if items.filter(talk=talk).exists():
        return True
    if items.count() >= TALKS_PER_LIST:
        raise ValidationError(f"A list holds up to {TALKS_PER_LIST} talks; “{talk_list}” is full.")
    last = items.aggregate(last=Max("position"))["last"]
    item = TalkListItem(talk_list=talk_list, talk=talk, position=0 if last is None else last + 1)
    TalkListItem.objects.bulk_create([item], ignore_conflicts=True)
    TalkList.objects.filter(pk=talk_list.pk).update(updated=timezone.now())
    return True


@transaction.atomic
def list_remove(*, talk_list, talk):
    """Take `talk` out of the list, if it is there. Returns False."""
    deleted, _ = TalkListItem.objects.filter(talk_list=talk_list, talk=talk).delete()
    if deleted:
        TalkList.objects.filter(pk=talk_list.pk).update(updated=timezone.now())
    return False


def list_set(*, talk_list, talk, member):
    """Make `talk`'s place in the list match `member` (what the checkbox showed)."""
    if member:
        return list_add(talk_list=talk_list, talk=talk)
    return list_remove(talk_list=talk_list, talk=talk)


@transaction.atomic
def talk_lists_set(*, talk, owner, lists, ticked, new_name=""):
    """Put `talk` in those of `lists` (`owner`'s) whose ids are `ticked` and take it out of
    the others, and into a list named `new_name` if one is given (created if need be).
    All or nothing: ValidationError (a full list, a bad name) writes none of it."""
    for talk_list in lists:
        list_set(talk_list=talk_list, talk=talk, member=talk_list.pk in ticked)
    if str(new_name or "").strip():
        talk_list, _ = list_create(owner=owner, name=new_name)
        list_add(talk_list=talk_list, talk=talk)


@transaction.atomic
def list_move(*, talk_list, talk, by=0, to=None):
    """Move `talk` `by` places (-1: up one) or `to` a position (0 first), clamped to the
    list; a talk not in the list stays out. Returns the new position, or None."""
    talk_list = _locked(talk_list)
    order = list(
        TalkListItem.objects.filter(talk_list=talk_list).values_list("pk", "talk_id", "position")
    )
    index = next((i for i, (_, talk_id, _) in enumerate(order) if talk_id == talk.pk), None)
    if index is None:
        return None
    target = index + by if to is None else to
    target = max(0, min(len(order) - 1, target))
    order.insert(target, order.pop(index))
    changed = [
        TalkListItem(pk=pk, position=position)
        for position, (pk, _, old) in enumerate(order)
        if old != position
    ]
    TalkListItem.objects.bulk_update(changed, ["position"])
    if changed:
        TalkList.objects.filter(pk=talk_list.pk).update(updated=timezone.now())
    return target
