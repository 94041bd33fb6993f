from django.contrib.sitemaps import Sitemap

from .models import Company, Speaker


class SpeakerSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 10000

    def items(self):
        return Speaker.objects.only("slug").order_by("pk")


class CompanySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4
    limit = 10000

    def items(self):
        return Company.objects.only("slug").order_by("pk")
