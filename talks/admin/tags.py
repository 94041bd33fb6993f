"""Editing tags: taggit's admin, with its writes (and its merge) through the services."""

from django.contrib import admin
from django.db import transaction
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from .. import services
from ..changes import talks_of
from ..models import Talk
from .base import ServicesAdmin

admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(ServicesAdmin, TaggitTagAdmin):
    def merge_tags_view(self, request):
        """taggit's merge, then the merged tags' talks re-indexed, in one transaction."""
        selected = request.session.get("selected_tag_ids", "").split(",")
        tag_ids = [int(pk) for pk in selected if pk.isdigit()]
        with transaction.atomic():
            before = talks_of(Tag, tag_ids)
            response = super().merge_tags_view(request)
            if request.method == "POST":
                services.saved_in_bulk(Talk, before)
        return response
