from django.views.generic import DetailView, ListView

from .models import Session, Speaker


class SpeakerListView(ListView):
    queryset = Speaker.objects.published().for_listing()
    paginate_by = 24


class SpeakerDetailView(DetailView):
    queryset = Speaker.objects.published().for_listing()


class SessionListView(ListView):
    queryset = Session.objects.published().for_listing()
    paginate_by = 24


class SessionDetailView(DetailView):
    queryset = Session.objects.published().for_listing()
