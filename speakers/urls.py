from django.urls import path

from . import views

app_name = "speakers"

urlpatterns = [
    path("", views.SpeakerListView.as_view(), name="list"),
    path("<slug:slug>/", views.SpeakerDetailView.as_view(), name="detail"),
]

company_patterns = (
    [
        path("", views.CompanyListView.as_view(), name="list"),
        path("<slug:slug>/", views.CompanyDetailView.as_view(), name="detail"),
    ],
    "companies",
)
