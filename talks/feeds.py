"""Atom feeds of talks: all of them, per tag and per conference."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from taggit.models import Tag

from .models import Conference, Talk
from .rendering import SUMMARY_EXCERPT, markdown_start, render_markdown

ITEMS = 50


class TalkFeed(Feed):
    """The most recently added talks."""

    feed_type = Atom1Feed
    title = "confnotes: new talks"
    subtitle = "Talks as they are added, with the start of their summaries."

    def link(self):
        return reverse("talks:list")

    def talks(self, obj):
        return Talk.objects.all()

    def talks_for_items(self, obj):
        """The feed's talks with what an item shows: only the start of each summary."""
        return (
            self.talks(obj)
            .select_related("conference")
            .prefetch_related("credits__speaker")
            .with_summary_start(SUMMARY_EXCERPT + 1)
        )

    def items(self, obj=None):
        return self.talks_for_items(obj).order_by("-created", "-pk")[:ITEMS]

    def item_title(self, talk):
        return talk.title

    def item_description(self, talk):
        return render_markdown(markdown_start(talk.summary_start, SUMMARY_EXCERPT))

    def item_author_name(self, talk):
        return ", ".join(speaker.name for speaker in talk.speaker_list()) or None

    def item_pubdate(self, talk):
        return talk.created

    def item_updateddate(self, talk):
        return talk.updated

    def item_categories(self, talk):
        return [talk.conference.name]


class TagFeed(TalkFeed):
    def get_object(self, request, slug):
        if "\x00" in slug:  # PostgreSQL refuses NUL in a query
            raise Http404("No tag with that name.")
        return get_object_or_404(Tag, slug=slug)

    def title(self, tag):
        return f"confnotes: talks tagged {tag.name}"

    def link(self, tag):
        return reverse("tags:detail", kwargs={"slug": tag.slug})

    def talks(self, tag):
        return Talk.objects.tagged(tag.slug)


class ConferenceFeed(TalkFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Conference, slug=slug)

    def title(self, conference):
        return f"confnotes: talks at {conference.name}"

    def link(self, conference):
        return conference.get_absolute_url()

    def talks(self, conference):
        return Talk.objects.filter(conference=conference)

    def items(self, conference):
        # A conference's feed follows its write-up order.
        return self.talks_for_items(conference).order_by("position", "pk")[: ITEMS * 4]
