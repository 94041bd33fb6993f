"""Keep talks' search vectors current whatever writes the data: admin, importers, loaddata.

Each receiver only works out which talks are affected and hands them to
`talks.search.update_search_vectors`; bulk writes that bypass signals (`bulk_create`,
`QuerySet.update`) must call that function themselves, and `talks.facets.data_changed`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from speakers.models import Company, Speaker

from .facets import data_changed
from .models import Link, Note, Talk, TalkSpeaker
from .search import update_search_vectors


def _talk_ids_of_tag(tag):
    content_type = ContentType.objects.get_for_model(Talk)
    return TaggedItem.objects.filter(content_type=content_type, tag=tag).values_list(
        "object_id", flat=True
    )


@receiver(post_save, sender=Talk)
def talk_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"search_vector", "updated"}:
        return
    update_search_vectors([instance.pk])


@receiver(post_save, sender=TalkSpeaker)
@receiver(post_delete, sender=TalkSpeaker)
def credit_changed(sender, instance, **kwargs):
    update_search_vectors([instance.talk_id])


@receiver(post_save, sender=Speaker)
def speaker_saved(sender, instance, **kwargs):
    update_search_vectors(
        TalkSpeaker.objects.filter(speaker=instance).values_list("talk_id", flat=True)
    )


@receiver(post_save, sender=Company)
def company_saved(sender, instance, **kwargs):
    update_search_vectors(
        TalkSpeaker.objects.filter(speaker__company=instance).values_list("talk_id", flat=True)
    )


@receiver(pre_delete, sender=Company)
def company_deleting(sender, instance, **kwargs):
    # Speakers keep their talks but lose the company (SET_NULL, which sends no signal).
    instance._affected_talk_ids = list(
        TalkSpeaker.objects.filter(speaker__company=instance).values_list("talk_id", flat=True)
    )


@receiver(post_delete, sender=Company)
def company_deleted(sender, instance, **kwargs):
    update_search_vectors(getattr(instance, "_affected_talk_ids", []))


@receiver(post_save, sender=TaggedItem)
@receiver(post_delete, sender=TaggedItem)
def tagging_changed(sender, instance, **kwargs):
    if instance.content_type_id == ContentType.objects.get_for_model(Talk).pk:
        update_search_vectors([instance.object_id])


# Deleting a tag deletes its TaggedItems one by one, which `tagging_changed` sees.
@receiver(post_save, sender=Tag)
def tag_saved(sender, instance, created=False, **kwargs):
    if not created:
        update_search_vectors(_talk_ids_of_tag(instance))


@receiver(post_save, sender=Talk)
@receiver(post_delete, sender=Talk)
@receiver(post_save, sender=TalkSpeaker)
@receiver(post_delete, sender=TalkSpeaker)
@receiver(post_save, sender=Speaker)
@receiver(post_delete, sender=Speaker)
@receiver(post_save, sender=Company)
@receiver(post_delete, sender=Company)
@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=Tag)
@receiver(post_save, sender=TaggedItem)
@receiver(post_delete, sender=TaggedItem)
@receiver(post_save, sender=Link)
@receiver(post_delete, sender=Link)
def forget_cached_counts(sender, **kwargs):
    data_changed()


@receiver(post_save, sender=Note)
@receiver(post_delete, sender=Note)
def note_changed(sender, instance, **kwargs):
    # Public note bodies are part of the talk's search document; a note turned private
    # must leave it too, so any change of a note recomputes its talk.
    update_search_vectors([instance.talk_id])
    data_changed()
