from django.contrib import admin
from django.db.models import Count

from talks.admin import HTTPS_URLS

from .models import Company, Speaker


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
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
class SpeakerAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
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
