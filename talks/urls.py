from django.urls import path

from .views import catalogue as views
from .views import lists, people, schedule, writeup
from .views import reader as personal_views

app_name = "talks"

urlpatterns = [
    path("", views.TalkListView.as_view(), name="list"),
    path("<slug:slug>/", views.TalkDetailView.as_view(), name="detail"),
    path("<slug:slug>/star/", personal_views.star, name="star"),
    path("<slug:slug>/lists/", lists.talk_lists, name="lists"),
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
        path("lists/", lists.lists_index, name="lists"),
        path("lists/<int:pk>/", lists.list_detail, name="list"),
        path("lists/<int:pk>.md", lists.list_markdown, name="list_markdown"),
        path("lists/<int:pk>/rename/", lists.list_rename, name="list_rename"),
        path("lists/<int:pk>/delete/", lists.list_delete, name="list_delete"),
        path("lists/<int:pk>/share/", lists.list_share, name="list_share"),
        path("lists/<int:pk>/talks/<slug:slug>/move/", lists.item_move, name="list_item_move"),
        path(
            "lists/<int:pk>/talks/<slug:slug>/remove/", lists.item_remove, name="list_item_remove"
        ),
        path("writeup/<slug:slug>/", writeup.writeup_preview, name="writeup"),
        path("writeup/<slug:slug>.md", writeup.writeup_markdown, name="writeup_markdown"),
    ],
    "me",
)

# A list shared by its secret address (`TalkList.share_token`).
shared_list_patterns = (
    [
        path("<slug:token>/", lists.shared_list, name="shared"),
        path("<slug:token>.md", lists.shared_list_markdown, name="shared_markdown"),
    ],
    "lists",
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
