from django.urls import path

from . import views

app_name = "transfer"

urlpatterns = [
    path("conferences/<slug:slug>/schedule.ics", views.conference_ics, name="conference_ics"),
    path("conferences/<slug:slug>/schedule.xml", views.conference_frab, name="conference_frab"),
    path("calendar/<slug:token>.ics", views.starred_ics, name="starred_ics"),
    path("me/stars.ics", views.my_stars_ics, name="my_stars_ics"),
]
