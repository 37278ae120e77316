from django.views.generic import DetailView

from directory.listing.views import FacetedListView

from . import agenda
from .filters import SessionFilter, SpeakerFilter
from .models import Session, Speaker


class SpeakerListView(FacetedListView):
    queryset = Speaker.objects.published().for_listing()
    filterset_class = SpeakerFilter
    template_name = "speakers/speaker_list.html"


class SpeakerDetailView(DetailView):
    queryset = Speaker.objects.published().for_detail()


class SessionListView(FacetedListView):
    queryset = Session.objects.published().for_listing()
    filterset_class = SessionFilter
    template_name = "speakers/session_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sessions"] = agenda.mark_now_and_next(list(context["object_list"]), agenda.now())
        return context


class SessionDetailView(DetailView):
    queryset = Session.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["track_sessions"] = Session.objects.track_neighbours(self.object).for_listing()[:6]
        return context
