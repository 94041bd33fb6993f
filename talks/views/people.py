"""Speaker and company pages: who they are and their talks."""

from django.db.models import Count
from django.views.generic import DetailView, ListView

from speakers.models import Company, Speaker

from ..models import Talk


class SpeakerListView(ListView):
    template_name = "speakers/speaker_list.html"
    context_object_name = "speakers"

    def get_queryset(self):
        return Speaker.objects.for_list()


class SpeakerDetailView(DetailView):
    template_name = "speakers/speaker_detail.html"
    context_object_name = "speaker"

    def get_queryset(self):
        return Speaker.objects.select_related("company")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["talks"] = Talk.objects.by_speaker(self.object.slug).for_list().with_star_counts()
        context["share_fragments"] = True
        return context


class CompanyListView(ListView):
    template_name = "speakers/company_list.html"
    context_object_name = "companies"

    def get_queryset(self):
        return Company.objects.annotate(
            speaker_count=Count("speakers", distinct=True),
            talk_count=Count("speakers__talks", distinct=True),
        ).order_by("name")


class CompanyDetailView(DetailView):
    template_name = "speakers/company_detail.html"
    context_object_name = "company"
    model = Company

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["speakers"] = Speaker.objects.filter(company=self.object).for_list()
        context["talks"] = Talk.objects.by_company(self.object.slug).for_list().with_star_counts()
        context["share_fragments"] = True
        return context
