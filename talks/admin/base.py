"""What every editing page of the catalogue and of readers' data shares."""

from django.contrib import admin
from django.db import models

from .. import services

# A URL typed without a scheme means https (Django 6's default, asked for explicitly).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class ServicesAdmin(admin.ModelAdmin):
    """An admin whose every write (one row with its inlines, a deletion, a bulk deletion)
    goes through `talks.services`, so search and cached pages follow at once."""

    formfield_overrides = HTTPS_URLS

    def save_model(self, request, obj, form, change):
        # What depended on the row before the form changed it (e.g. the talks of a tag
        # whose inline taggings are being removed) is re-indexed too, in save_related().
        obj._depending_before = services.depending_on(obj) if change else []
        obj.save()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        services.saved(obj, before=getattr(obj, "_depending_before", []))

    def delete_model(self, request, obj):
        services.delete(obj)

    def delete_queryset(self, request, queryset):
        services.delete_all(queryset)
