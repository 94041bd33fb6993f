from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils.text import Truncator

from .facets import data_changed
from .models import Conference, Link, Note, Star, Talk, TalkSpeaker

# A URL typed without a scheme means https (Django 6's default, asked for explicitly).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class TalkSpeakerInline(admin.TabularInline):
    model = TalkSpeaker
    extra = 1
    autocomplete_fields = ("speaker",)
    fields = ("speaker", "position")


class TalkLinkInline(admin.TabularInline):
    formfield_overrides = HTTPS_URLS
    model = Link
    fk_name = "talk"
    exclude = ("conference",)
    extra = 1


class ConferenceLinkInline(admin.TabularInline):
    formfield_overrides = HTTPS_URLS
    model = Link
    fk_name = "conference"
    exclude = ("talk",)
    extra = 1


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    ordering = ("-year", "-month", "name")
    list_display = ("name", "city", "when", "talk_count")
    search_fields = ("name", "city", "description")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (ConferenceLinkInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(talk_count=Count("talks"))

    @admin.display(description="talks", ordering="talk_count")
    def talk_count(self, conference):
        return conference.talk_count


@admin.register(Talk)
class TalkAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ("title", "speaker_names", "conference", "recommended", "tag_names", "position")
    list_display_links = ("title",)
    list_editable = ("recommended",)
    list_filter = ("conference", "recommended", "tags")
    list_select_related = ("conference",)
    search_fields = ("title", "topic", "summary", "speakers__name", "speakers__company__name")
    prepopulated_fields = {"slug": ("title",)}
    inlines = (TalkSpeakerInline, TalkLinkInline)
    actions = ("mark_recommended", "unmark_recommended")
    fieldsets = (
        (None, {"fields": ("conference", "title", "slug", "topic", "recommended", "position")}),
        ("Content", {"fields": ("summary", "tags")}),
        (
            "Recording",
            {"fields": ("recorded_on", "duration", "thumbnail_url"), "classes": ("collapse",)},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags", "credits__speaker")

    @admin.display(description="speakers")
    def speaker_names(self, talk):
        return ", ".join(speaker.name for speaker in talk.speaker_list())

    @admin.display(description="tags")
    def tag_names(self, talk):
        return ", ".join(tag.name for tag in talk.tags.all())

    @admin.action(description="Mark selected talks ★ recommended")
    def mark_recommended(self, request, queryset):
        count = queryset.update(recommended=True)
        data_changed()
        self.message_user(request, f"Marked {count} talk(s) ★ recommended.", messages.SUCCESS)

    @admin.action(description="Remove the ★ from selected talks")
    def unmark_recommended(self, request, queryset):
        count = queryset.update(recommended=False)
        data_changed()
        self.message_user(request, f"Removed the ★ from {count} talk(s).", messages.SUCCESS)


@admin.register(Link)
class LinkAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ("__str__", "kind", "url", "talk", "conference")
    list_filter = ("kind",)
    list_select_related = ("talk", "conference")
    search_fields = ("url", "label", "talk__title", "conference__name")
    autocomplete_fields = ("talk", "conference")


@admin.register(Star)
class StarAdmin(admin.ModelAdmin):
    list_display = ("talk", "user", "created")
    list_filter = ("talk__conference", "created")
    list_select_related = ("talk", "user")
    search_fields = ("talk__title", "user__username", "user__first_name")
    autocomplete_fields = ("talk", "user")
    date_hierarchy = "created"


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
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
        count = queryset.update(visibility=Note.Visibility.PRIVATE)
        self.message_user(request, f"Made {count} note(s) private.", messages.SUCCESS)
