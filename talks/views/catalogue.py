import functools

from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from speakers.models import Company, Speaker

from .. import fragments, search, version
from ..forms import NoteForm
from ..models import Conference, Talk, tags_with_counts
from ..search import facets, suggest
from ..search.filters import TalkFilters

RELATED_TALKS = 5
# Long result lists keep the order of their first pages in the cache (facets.first_ids).
CACHED_ORDER_PAGES = 10


class ForgivingPaginationMixin:
    """Out-of-range or junk `?page=` values show the nearest real page instead of a 404."""

    paginate_by = 20

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()


class CountedPaginator(Paginator):
    """A paginator told the number of items, so that it does not count them again."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count


class TalkListView(ForgivingPaginationMixin, ListView):
    """Talks narrowed by search and filters, with facets of what is left to narrow by."""

    template_name = "talks/talk_list.html"
    context_object_name = "talks"

    def get(self, request, *args, **kwargs):
        if TalkFilters.from_query(request.GET).mine and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.filters = TalkFilters.from_query(self.request.GET)
        user = self.request.user
        # A search shows its best matches (facets.BEST_MATCHES), and says if more match.
        self.matching, self.best = self.filters.apply_best(Talk.objects.all(), user=user)
        cacheable = self.filters.cacheable
        ordered = self.filters.order(self.matching)
        first = CACHED_ORDER_PAGES * self.paginate_by
        if self.best is not None and self.filters.sort_key == "relevance":
            # Their ids came best first: count and facet them by id alone.
            by_id = facets.talks_with_ids(self.best.ids)
            self.facets = facets.facets_of(by_id, cached=cacheable)
            self.first_ids = self.best.ids
        else:
            self.facets = facets.facets_of(
                self.matching,
                cached=cacheable,
                ordered=ordered if cacheable else None,
                first=first,
            )
            self.first_ids = self.facets.first_ids
        return fragments.Deferred(lambda: self.talks(ordered, first))

    def talks(self, ordered, first):
        """The talks to show (built only if the page's shared fragment is not cached)."""
        # Shared lists get each reader's stars from talks.fragments, not from this query.
        reader = self.request.user if self.filters.mine else None
        talks = search.with_snippets(ordered, self.filters.terms).for_list()
        talks = talks.with_star_counts(reader)
        if not self.filters.cacheable:
            return talks
        return facets.with_cached_order(
            talks, ordered, self.facets.count, first, ids=self.first_ids
        )

    def paginate_queryset(self, queryset, page_size):
        paginator = CountedPaginator(queryset, page_size, count=self.facets.count)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = self.filters
        context["filters"] = filters
        context["share_fragments"] = not filters.mine  # talks.fragments
        context["search_terms"] = filters.terms
        # "Did you mean …?", worked out only if the page's shared fragment is not cached.
        context["suggestion"] = functools.cache(
            lambda: suggest.suggestion(filters, self.facets.count, user=self.request.user)
        )
        context["more_matches"] = self.best is not None and self.best.more
        context["best_matches"] = facets.BEST_MATCHES
        context["tag_facets"] = self.facets.tags
        if filters.counts_tags_disjunctively:
            without_tags, _ = filters.without_tags().apply_best(
                Talk.objects.all(), user=self.request.user
            )
            context["tag_facets"] = facets.facets_of(without_tags, cached=filters.cacheable).tags
        context["speaker_facets"] = self.facets.speakers
        context["company_facets"] = self.facets.companies
        # A feed is offered for a single tag that exists among the results.
        context["feed_tag"] = next(
            (facet.slug for facet in context["tag_facets"] if filters.tags == [facet.slug]), None
        )
        context["speaker_filter"] = (
            Speaker.objects.filter(slug=filters.speaker).first() if filters.speaker else None
        )
        context["company_filter"] = (
            Company.objects.filter(slug=filters.company).first() if filters.company else None
        )
        context["conference_filter"] = (
            Conference.objects.filter(slug=filters.conference).first()
            if filters.conference
            else None
        )
        return context


class TalkDetailView(DetailView):
    template_name = "talks/talk_detail.html"
    context_object_name = "talk"

    def get_queryset(self):
        user = self.request.user
        return Talk.objects.for_detail().with_star_counts(user).with_notes_for(user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        talk = self.object
        context["previous_talk"], context["next_talk"] = talk.neighbours()
        if self.request.user.is_authenticated:
            context["note_form"] = NoteForm(talk=talk, author=self.request.user)
        context["conference_links"] = talk.conference.links.all()
        context["playlist"] = talk.conference.playlist()
        context["related_talks"] = related_talks(talk)
        return context


def related_talks(talk):
    """The talks related to `talk` (`TalkQuerySet.related_to`), their choice cached.

    Choosing them reads every tagging of the talk's tags (~40 ms for popular tags at
    100,000 talks); the cache keeps the chosen ids and reasons until the data changes,
    and a repeat view only fetches those talks.
    """
    key = version.cache_key("related", talk.pk)
    chosen = cache.get(key)
    if chosen is None:
        related = list(Talk.objects.related_to(talk).with_speakers()[:RELATED_TALKS])
        chosen = [(t.pk, t.shared_tags, t.same_speaker, t.same_company) for t in related]
        cache.set(key, chosen, facets.CACHE_SECONDS)
        return related
    found = Talk.objects.with_speakers().in_bulk([pk for pk, *_ in chosen])
    related = []
    for pk, shared_tags, same_speaker, same_company in chosen:
        if pk in found:
            related.append(found[pk])
            found[pk].shared_tags = shared_tags
            found[pk].same_speaker = same_speaker
            found[pk].same_company = same_company
    return related


class ConferenceListView(ListView):
    template_name = "talks/conference_list.html"
    context_object_name = "conferences"

    def get_queryset(self):
        return Conference.objects.with_talk_counts()


class ConferenceDetailView(ForgivingPaginationMixin, ListView):
    """A conference and its talks in write-up order."""

    template_name = "talks/conference_detail.html"
    context_object_name = "talks"
    paginate_by = 50
    is_home = False

    def get(self, request, *args, **kwargs):
        self.conference = get_object_or_404(
            Conference.objects.with_schedule_flag().prefetch_related("links"), slug=kwargs["slug"]
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        talks = Talk.objects.filter(conference=self.conference)
        # Built only if the page's shared fragment is not cached; each reader's stars come
        # from talks.fragments.
        return fragments.Deferred(lambda: talks.for_list().with_star_counts(), count=talks.count)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["conference"] = self.conference
        context["is_home"] = self.is_home
        context["share_fragments"] = True
        talks = Talk.objects.filter(conference=self.conference)
        context["tag_choices"] = fragments.Deferred(lambda: tags_with_counts(talks))
        return context


class HomeView(ConferenceDetailView):
    """The one conference's talks, or the list of conferences once there are several."""

    is_home = True

    def get(self, request, *args, **kwargs):
        conferences = list(Conference.objects.with_schedule_flag().prefetch_related("links")[:2])
        if len(conferences) != 1:
            return ConferenceListView.as_view()(request)
        self.conference = conferences[0]
        return super(ConferenceDetailView, self).get(request, *args, **kwargs)


class TagListView(ListView):
    template_name = "talks/tag_list.html"
    context_object_name = "tags"

    def get_queryset(self):
        return tags_with_counts()


class TagDetailView(ForgivingPaginationMixin, ListView):
    template_name = "talks/tag_detail.html"
    context_object_name = "talks"

    def get_queryset(self):
        slug = self.kwargs["slug"]
        # PostgreSQL refuses NUL in a query: no such tag.
        self.tag = None if "\x00" in slug else Tag.objects.filter(slug=slug).first()
        if self.tag is None:
            raise Http404("No tag with that name.")
        return Talk.objects.tagged(self.tag.slug).for_list().with_star_counts()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tag"] = self.tag
        context["share_fragments"] = True
        return context
