"""Editing speakers and companies (here, not in the speakers app: their names are in the
talks' search documents, which the talks app's services keep)."""

from django.contrib import admin
from django.db.models import Count

from speakers.models import Company, Speaker

from .base import ServicesAdmin


@admin.register(Company)
class CompanyAdmin(ServicesAdmin):
    ordering = ("name",)
    list_display = ("name", "website", "speaker_count")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(speaker_count=Count("speakers"))

    @admin.display(description="speakers", ordering="speaker_count")
    def speaker_count(self, company):
        return company.speaker_count


@admin.register(Speaker)
class SpeakerAdmin(ServicesAdmin):
    ordering = ("name",)
    list_display = ("name", "company", "talk_count")
    list_filter = ("company",)
    list_select_related = ("company",)
    search_fields = ("name", "company__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("company",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(talk_count=Count("talks"))

    @admin.display(description="talks", ordering="talk_count")
    def talk_count(self, speaker):
        return speaker.talk_count
