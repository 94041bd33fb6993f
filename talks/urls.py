from django.urls import path

from . import views

app_name = "talks"

urlpatterns = [
    path("", views.TalkListView.as_view(), name="list"),
    path("<slug:slug>/", views.TalkDetailView.as_view(), name="detail"),
]

tag_patterns = (
    [
        path("", views.TagListView.as_view(), name="list"),
        path("<str:slug>/", views.TagDetailView.as_view(), name="detail"),
    ],
    "tags",
)

conference_patterns = (
    [
        path("", views.ConferenceListView.as_view(), name="list"),
        path("<slug:slug>/", views.ConferenceDetailView.as_view(), name="detail"),
    ],
    "conferences",
)
