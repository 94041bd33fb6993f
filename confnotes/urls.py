from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from speakers.sitemaps import CompanySitemap, SpeakerSitemap
from talks import feeds
from talks.api import api
from talks.api import not_found as api_not_found
from talks.sitemaps import ConferenceSitemap, PageSitemap, TagSitemap, TalkSitemap
from talks.urls import (
    company_patterns,
    conference_patterns,
    me_patterns,
    shared_list_patterns,
    speaker_patterns,
    tag_patterns,
)
from talks.views.catalogue import HomeView

from .views import favicon, robots_txt

handler400 = "confnotes.views.bad_request"
handler500 = "confnotes.views.server_error"

admin.site.site_header = "confnotes editing"
admin.site.site_title = "confnotes admin"
admin.site.index_title = "Conferences, talks and speakers"

sitemaps = {
    "pages": PageSitemap,
    "talks": TalkSitemap,
    "conferences": ConferenceSitemap,
    "speakers": SpeakerSitemap,
    "companies": CompanySitemap,
    "tags": TagSitemap,
}

feed_patterns = (
    [
        path("talks/", feeds.TalkFeed(), name="talks"),
        path("tags/<str:slug>/", feeds.TagFeed(), name="tag"),
        path("conferences/<slug:slug>/", feeds.ConferenceFeed(), name="conference"),
    ],
    "feeds",
)

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("talks/", include("talks.urls")),
    path("speakers/", include(speaker_patterns)),
    path("companies/", include(company_patterns)),
    path("tags/", include(tag_patterns)),
    path("conferences/", include(conference_patterns)),
    path("accounts/", include("accounts.urls")),
    path("me/", include(me_patterns)),
    path("lists/", include(shared_list_patterns)),
    path("feeds/", include(feed_patterns)),
    path("", include("transfer.urls")),
    path("api/", api.urls),
    re_path(r"^api/(?P<path>.*)$", api_not_found),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    path("robots.txt", robots_txt, name="robots"),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon),
]
