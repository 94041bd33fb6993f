from django.contrib import admin
from django.urls import include, path

from speakers.urls import company_patterns
from talks.urls import conference_patterns, me_patterns, tag_patterns
from talks.views import HomeView

from .accounts import account_patterns
from .views import favicon

admin.site.site_header = "confnotes editing"
admin.site.site_title = "confnotes admin"
admin.site.index_title = "Conferences, talks and speakers"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("talks/", include("talks.urls")),
    path("speakers/", include("speakers.urls")),
    path("companies/", include(company_patterns)),
    path("tags/", include(tag_patterns)),
    path("conferences/", include(conference_patterns)),
    path("accounts/", include(account_patterns)),
    path("me/", include(me_patterns)),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon),
]
