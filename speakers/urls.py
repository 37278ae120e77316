from django.urls import path

from . import views

app_name = "speakers"

urlpatterns = [
    path("speakers/", views.SpeakerListView.as_view(), name="speaker_list"),
    path("speakers/<slug:slug>/", views.SpeakerDetailView.as_view(), name="speaker_detail"),
    path("sessions/", views.SessionListView.as_view(), name="session_list"),
    path("sessions/<slug:slug>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("now/", views.now_and_next, name="now"),
    path("now/screen/", views.now_and_next, {"screen": True}, name="now_screen"),
]

# Calendar feeds and schedule exports, for calendar and schedule apps (exports/).
urlpatterns += [
    path("sessions/calendar.ics", views.agenda_calendar, name="agenda_calendar"),
    path("speakers/<slug:slug>/calendar.ics", views.speaker_calendar, name="speaker_calendar"),
    path("sessions/<slug:slug>/calendar.ics", views.session_calendar, name="session_calendar"),
    path("schedule.xml", views.schedule_xml, name="schedule_xml"),
    path("schedule.json", views.schedule_json, name="schedule_json"),
]
