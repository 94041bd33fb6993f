"""Moderating readers' stars, notes and lists, on their own pages and inline on a talk's page."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.db.models import Count, Max
from django.http import HttpResponseBadRequest, JsonResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from .. import services
from ..forms import TimecodeField
from ..models import NOTE_BODY_MAX_LENGTH, Note, Star, Talk, TalkList, TalkListItem
from ..rendering import render_note
from .base import ServicesAdmin


class NoteAdminForm(forms.ModelForm):
    """A note as editors see it: its time typed and shown as 12:34 or 1:02:03."""

    time = TimecodeField(required=False, label="Time in the recording")

    class Meta:
        model = Note
        fields = ("talk", "author", "visibility", "time", "body")
        widgets = {"body": forms.Textarea(attrs={"rows": 4, "data-markdown-preview": ""})}


class TalkWithNotesFilter(admin.SimpleListFilter):
    """Filter notes by talk: the talks with the most recent notes (a list of every talk
    would be as long as the catalogue)."""

    title = "talk"
    parameter_name = "talk"
    LIMIT = 50

    def lookups(self, request, model_admin):
        talks = (
            Talk.objects.annotate(note_count=Count("notes"), last_note=Max("notes__created"))
            .filter(note_count__gt=0)
            .order_by("-last_note")
            .values_list("pk", "title")[: self.LIMIT]
        )
        return [(str(pk), Truncator(title).chars(60)) for pk, title in talks]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(talk_id=int(value))
        return queryset


class NoteInline(admin.StackedInline):
    """The notes on a talk, on the talk's own page."""

    model = Note
    form = NoteAdminForm
    fields = (("author", "visibility", "time"), "body")
    autocomplete_fields = ("author",)
    extra = 0
    classes = ("collapse",)
    verbose_name_plural = "readers' notes"


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
    form = NoteAdminForm
    list_display = ("excerpt", "talk", "author", "visibility", "timecode", "created")
    list_filter = (
        "visibility",
        ("talk__conference", RelatedOnlyFieldListFilter),
        TalkWithNotesFilter,
        ("author", RelatedOnlyFieldListFilter),
        "created",
    )
    list_select_related = ("talk", "author")
    search_fields = ("body", "talk__title", "author__username", "author__first_name")
    autocomplete_fields = ("talk", "author")
    date_hierarchy = "created"
    readonly_fields = ("preview", "created", "updated")
    fields = ("talk", "author", ("visibility", "time"), "body", "preview", ("created", "updated"))
    actions = ("make_private",)

    @admin.display(description="note")
    def excerpt(self, note):
        return Truncator(note.body).chars(80)

    @admin.display(description="time", ordering="time")
    def timecode(self, note):
        return note.timecode

    @admin.display(description="as readers see it")
    def preview(self, note):
        # render_note sanitises: only safe tags and attributes survive.
        return format_html(
            '<div class="note-preview" data-preview-of="id_body">{}</div>',
            mark_safe(render_note(note.body)),  # noqa: S308
        )

    @admin.action(description="Hide selected notes (make them private)")
    def make_private(self, request, queryset):
        count = services.notes_set_visibility(notes=queryset, visibility=Note.Visibility.PRIVATE)
        self.message_user(request, f"Made {count} note(s) private.", messages.SUCCESS)

    def get_urls(self):
        preview = self.admin_site.admin_view(require_POST(self.preview_view))
        return [path("preview/", preview, name="talks_note_preview"), *super().get_urls()]

    def preview_view(self, request):
        """The Markdown of a note being typed, rendered as readers will see it (JSON)."""
        body = request.POST.get("body", "")
        if len(body) > NOTE_BODY_MAX_LENGTH:
            return HttpResponseBadRequest("Too long.")
        return JsonResponse({"html": render_note(body)})


class TalkListItemInline(admin.TabularInline):
    """The talks of a list, in its order."""

    model = TalkListItem
    fields = ("position", "talk", "added")
    readonly_fields = ("added",)
    autocomplete_fields = ("talk",)
    extra = 0


@admin.register(TalkList)
class TalkListAdmin(ServicesAdmin):
    list_display = ("name", "owner", "is_watch_later", "talks", "shared", "updated")
    list_filter = ("is_watch_later", ("owner", RelatedOnlyFieldListFilter), "updated")
    list_select_related = ("owner",)
    search_fields = ("name", "owner__username", "owner__first_name")
    autocomplete_fields = ("owner",)
    readonly_fields = ("share_token", "created", "updated")
    fields = ("owner", "name", "is_watch_later", "share_token", ("created", "updated"))
    inlines = (TalkListItemInline,)
    actions = ("make_private",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_count=Count("items"))

    @admin.display(description="talks", ordering="item_count")
    def talks(self, talk_list):
        return talk_list.item_count

    @admin.display(description="shared by link", boolean=True)
    def shared(self, talk_list):
        return talk_list.is_shared

    @admin.action(description="Make selected lists private (their shared addresses stop working)")
    def make_private(self, request, queryset):
        count = 0
        for talk_list in queryset.filter(share_token__gt=""):
            services.list_share(talk_list=talk_list, shared=False)
            count += 1
        self.message_user(request, f"Made {count} list(s) private.", messages.SUCCESS)
