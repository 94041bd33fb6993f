from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from taggit.models import Tag

from .models import Conference, Talk, tags_with_counts


class TalkSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = 10000

    def items(self):
        return Talk.objects.only("slug", "updated").order_by("pk")

    def lastmod(self, talk):
        return talk.updated


class ConferenceSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Conference.objects.only("slug", "updated").order_by("pk")

    def lastmod(self, conference):
        return conference.updated


class TagSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return Tag.objects.filter(pk__in=tags_with_counts().values("pk")).order_by("pk")

    def location(self, tag):
        return reverse("tags:detail", kwargs={"slug": tag.slug})


class PageSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return ["home", "talks:list", "speakers:list", "companies:list", "tags:list"]

    def location(self, name):
        return reverse(name)
