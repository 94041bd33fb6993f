"""Moderating readers' stars and notes."""

from django.contrib import admin, messages
from django.utils.text import Truncator

from .. import services
from ..models import Note, Star
from .base import ServicesAdmin


@admin.register(Star)
class StarAdmin(ServicesAdmin):
    list_display = ("talk", "user", "created")
    list_filter = ("talk__conference", "created")
    list_select_related = ("talk", "user")
    search_fields = ("talk__title", "user__username", "user__first_name")
    autocomplete_fields = ("talk", "user")
    date_hierarchy = "created"


@admin.register(Note)
class NoteAdmin(ServicesAdmin):
    list_display = ("excerpt", "talk", "author", "visibility", "timecode", "created")
    list_filter = ("visibility", "created", "talk__conference")
    list_select_related = ("talk", "author")
    search_fields = ("body", "talk__title", "author__username", "author__first_name")
    autocomplete_fields = ("talk", "author")
    date_hierarchy = "created"
    readonly_fields = ("created", "updated")
    actions = ("make_private",)

    @admin.display(description="note")
    def excerpt(self, note):
        return Truncator(note.body).chars(80)

    @admin.display(description="time", ordering="time")
    def timecode(self, note):
        return note.timecode

    @admin.action(description="Hide selected notes (make them private)")
    def make_private(self, request, queryset):
        count = services.notes_set_visibility(notes=queryset, visibility=Note.Visibility.PRIVATE)
        self.message_user(request, f"Made {count} note(s) private.", messages.SUCCESS)
