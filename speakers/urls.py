from django.urls import path

from . import views

app_name = "speakers"

urlpatterns = [
    path("speakers/", views.SpeakerListView.as_view(), name="speaker_list"),
    path("speakers/<slug:slug>/", views.SpeakerDetailView.as_view(), name="speaker_detail"),
    path("sessions/", views.SessionListView.as_view(), name="session_list"),
    path("sessions/<slug:slug>/", views.SessionDetailView.as_view(), name="session_detail"),
]
