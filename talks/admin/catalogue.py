"""Editing conferences, talks and links."""

from django.contrib import admin, messages
from django.db.models import Count

from .. import services
from ..forms import TimecodeField
from ..models import Conference, Link, Talk, TalkSpeaker
from .base import HTTPS_URLS, ServicesAdmin
from .reader import NoteInline
from .widgets import TagSuggestWidget


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
class ConferenceAdmin(ServicesAdmin):
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
class TalkAdmin(ServicesAdmin):
    list_display = ("title", "speaker_names", "conference", "recommended", "tag_names", "position")
    list_display_links = ("title",)
    list_editable = ("recommended",)
    list_filter = ("conference", "recommended", "cancelled", "tags")
    list_select_related = ("conference",)
    search_fields = ("title", "topic", "summary", "speakers__name", "speakers__company__name")
    prepopulated_fields = {"slug": ("title",)}
    inlines = (TalkSpeakerInline, TalkLinkInline, NoteInline)
    actions = ("mark_recommended", "unmark_recommended")
    fieldsets = (
        (None, {"fields": ("conference", "title", "slug", "topic", "recommended", "position")}),
        ("Content", {"fields": ("summary", "tags")}),
        (
            "Schedule",
            {
                "fields": (
                    ("starts_at", "ends_at"),
                    ("room", "track"),
                    ("session_type", "language"),
                    "cancelled",
                    "schedule_change",
                ),
                "classes": ("collapse",),
            },
        ),
        (
            "Video",
            {
                "fields": (
                    ("playlist_position", "video_start"),
                    ("recorded_on", "duration"),
                    "thumbnail_url",
                ),
                "description": "A recording link of the talk's own (below, kind Recording) "
                "plays first; without one, its place in the conference playlist.",
            },
        ),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tags":
            kwargs["widget"] = TagSuggestWidget()
        if db_field.name == "video_start":
            return TimecodeField(required=False, label="Starts at", help_text=db_field.help_text)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags", "credits__speaker")

    @admin.display(description="speakers")
    def speaker_names(self, talk):
        return ", ".join(speaker.name for speaker in talk.speaker_list())

    @admin.display(description="tags")
    def tag_names(self, talk):
        return ", ".join(tag.name for tag in talk.tags.all())

    @admin.action(description="Mark selected talks recommended")
    def mark_recommended(self, request, queryset):
        count = services.update_all(queryset, recommended=True)
        self.message_user(request, f"Marked {count} talk(s) recommended.", messages.SUCCESS)

    @admin.action(description="Remove the recommended mark from selected talks")
    def unmark_recommended(self, request, queryset):
        count = services.update_all(queryset, recommended=False)
        self.message_user(
            request, f"Removed the recommended mark from {count} talk(s).", messages.SUCCESS
        )


@admin.register(Link)
class LinkAdmin(ServicesAdmin):
    list_display = ("__str__", "kind", "url", "talk", "conference")
    list_filter = ("kind",)
    list_select_related = ("talk", "conference")
    search_fields = ("url", "label", "talk__title", "conference__name")
    autocomplete_fields = ("talk", "conference")
