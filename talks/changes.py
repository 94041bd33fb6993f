"""What depends on what: the one place that knows which derived data a write makes stale.

Visitors see data derived from the tables in two places:
- each talk's search document (`talks.search.index_talks`), made of its title, topic,
  summary, tags, speakers, their companies and its public notes; on PostgreSQL the same
  call adds the talks' words to the word list "Did you mean …?" suggests from
  (talks.search.suggest; between full re-indexes it only grows, and a suggestion counts
  what its words find, so a word gone from every talk is never suggested); on SQLite
  those words are read from the FTS5 index itself, nothing more to keep;
- everything cached (counts, facets, related talks, whole pages), keyed on the data
  version (`talks.version`).
The services (`talks.services`) call `saved()` or `deleting()` for every row they write,
or one of the bulk functions, and nothing else keeps derived data. A write re-indexes the
talks whose document it can change, in the same transaction, and bumps the data version
when that transaction commits.
"""

import contextlib
import contextvars

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from taggit.models import Tag, TaggedItem

from speakers.models import Company, Speaker

from . import search, version
from .models import Conference, Link, Note, Star, Talk, TalkList, TalkListItem, TalkSpeaker


def _tagged_talk_ids(tag_ids):
    content_type = ContentType.objects.get_for_model(Talk)
    return TaggedItem.objects.filter(content_type=content_type, tag_id__in=tag_ids).values_list(
        "object_id", flat=True
    )


def _credited_talk_ids(**speaker_filter):
    return TalkSpeaker.objects.filter(**speaker_filter).values_list("talk_id", flat=True)


def _talk_of_tagging(tagging):
    if tagging.content_type_id != ContentType.objects.get_for_model(Talk).pk:
        return []
    return [tagging.object_id]


# For each kind of row: the talks whose search document holds something of it, given the
# ids of the rows. Rows not listed (conferences, links, stars, lists) change no document;
# they change pages, which the data version covers. (Readers' lists change no page that is
# cached: their own services write them without telling this module; the admin's generic
# writes of lists land here and only bump the version.)
DOCUMENT_OF = {
    Talk: lambda ids: ids,
    TalkSpeaker: lambda ids: TalkSpeaker.objects.filter(pk__in=ids).values_list(
        "talk_id", flat=True
    ),
    Speaker: lambda ids: _credited_talk_ids(speaker_id__in=ids),
    Company: lambda ids: _credited_talk_ids(speaker__company_id__in=ids),
    Tag: _tagged_talk_ids,
    TaggedItem: lambda ids: TaggedItem.objects.filter(
        pk__in=ids, content_type=ContentType.objects.get_for_model(Talk)
    ).values_list("object_id", flat=True),
    # Public notes are in their talk's document, and a note turned private must leave it.
    Note: lambda ids: Note.objects.filter(pk__in=ids).values_list("talk_id", flat=True),
}
WITHOUT_DOCUMENT = (Conference, Link, Star, TalkList, TalkListItem)


def talks_of(model, ids):
    """Ids of the talks whose document depends on these rows (a list, read now)."""
    for kind, talks_of in DOCUMENT_OF.items():
        if issubclass(model, kind):
            return [pk for pk in talks_of(list(ids)) if pk is not None]
    if issubclass(model, WITHOUT_DOCUMENT):
        return []
    raise TypeError(f"talks.changes does not know what depends on {model.__name__}")


def saved(model, ids, *, before=()):
    """Rows of `model` with these ids were created or changed; `before`: the talks that
    depended on them before the change (a tag taken off a talk leaves that talk's document)."""
    talks_changed([*talks_of(model, ids), *before])


def deleting(model, ids):
    """Rows of `model` with these ids are about to be deleted: returns a callable to run
    once they are gone (their talks are known only before, their documents right only after)."""
    talk_ids = talks_of(model, ids)
    return lambda: talks_changed(talk_ids)


# Inside `batched()`: the talks whose documents the batch's writes changed, indexed at its end.
_batch = contextvars.ContextVar("talks_changes_batch", default=None)


@contextlib.contextmanager
def batched():
    """Many writes as one: their talks are re-indexed once, when the block ends, in the same
    transaction (which the block is). For writes that touch the same talks again and again,
    such as building a conference talk by talk, speaker by speaker and tag by tag."""
    if _batch.get() is not None:
        yield
        return
    pending = set()
    token = _batch.set(pending)
    try:
        with transaction.atomic():
            yield
            _batch.reset(token)
            token = None
            talks_changed(pending)
    finally:
        if token is not None:
            _batch.reset(token)


def talks_changed(talk_ids):
    """These talks' documents may have changed (an empty list: only what pages show)."""
    talk_ids = set(talk_ids)
    pending = _batch.get()
    if pending is not None:
        pending.update(talk_ids)
        return
    if talk_ids:
        search.index_talks(talk_ids)
    version.bump()


def everything_changed():
    """After writes of unknown extent (a fixture load, a bulk import): re-index everything."""
    search.index_talks()
    version.bump()
