from django.urls import path

from .views import catalogue as views
from .views import people, schedule
from .views import reader as personal_views

app_name = "talks"

urlpatterns = [
    path("", views.TalkListView.as_view(), name="list"),
    path("<slug:slug>/", views.TalkDetailView.as_view(), name="detail"),
    path("<slug:slug>/star/", personal_views.star, name="star"),
    path("<slug:slug>/notes/new/", personal_views.note_create, name="note_create"),
    path("<slug:slug>/notes/<int:pk>/edit/", personal_views.note_edit, name="note_edit"),
    path("<slug:slug>/notes/<int:pk>/delete/", personal_views.note_delete, name="note_delete"),
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
        path("<slug:slug>/schedule/", schedule.ConferenceScheduleView.as_view(), name="schedule"),
    ],
    "conferences",
)

me_patterns = (
    [
        path("stars/", personal_views.MyStarsView.as_view(), name="stars"),
        path("calendar/", personal_views.calendar_address, name="calendar"),
        path("notes/", personal_views.MyNotesView.as_view(), name="notes"),
        path("notes.md", personal_views.my_notes_markdown, name="notes_markdown"),
    ],
    "me",
)

speaker_patterns = (
    [
        path("", people.SpeakerListView.as_view(), name="list"),
        path("<slug:slug>/", people.SpeakerDetailView.as_view(), name="detail"),
    ],
    "speakers",
)

company_patterns = (
    [
        path("", people.CompanyListView.as_view(), name="list"),
        path("<slug:slug>/", people.CompanyDetailView.as_view(), name="detail"),
    ],
    "companies",
)
