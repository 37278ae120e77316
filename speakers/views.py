"""The speaker and session pages, and the programme's calendar feeds and schedule exports.

Apps poll the feeds and exports often over weak connections, so each sends an ETag and
Last-Modified and answers a conditional GET with 304 Not Modified when the agenda has not changed
(two aggregate queries); other sites' scripts may read them (`shared`).
"""

from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from directory.http import reads_query, shared, unchanged_since
from directory.listing.views import FacetedListView

from . import agenda
from .exports import frab
from .exports.ical import calendar_response
from .filters import SessionFilter, SpeakerFilter
from .models import Session, Speaker


class SpeakerListView(FacetedListView):
    queryset = Speaker.objects.published().for_listing()
    filterset_class = SpeakerFilter
    template_name = "speakers/speaker_list.html"


class SpeakerDetailView(DetailView):
    queryset = Speaker.objects.published().for_detail()
    query_parameters = ()  # the page cache hands it none


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
    query_parameters = ()  # the page cache hands it none

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["track_sessions"] = Session.objects.track_neighbours(self.object).for_listing()[:6]
        return context


fresh_agenda = unchanged_since(Session, Speaker)


@reads_query()
@require_safe
@fresh_agenda
def session_calendar(request, slug):
    session = get_object_or_404(Session.objects.published().for_listing(), slug=slug)
    calendar = calendar_response(request, [session], name=session.title, filename=session.slug)
    return shared(calendar)


@reads_query()
@require_safe
@fresh_agenda
def speaker_calendar(request, slug):
    speaker = get_object_or_404(Speaker.objects.published(), slug=slug)
    sessions = Session.objects.published().for_listing().of_speaker(speaker)
    name = _("WAIC: %(speaker)s") % {"speaker": speaker.name}
    return shared(calendar_response(request, sessions, name=name, filename=speaker.slug))


@reads_query(SessionFilter)
@require_safe
@fresh_agenda
def agenda_calendar(request):
    """Exactly the sessions of /sessions/ with the same query string: its filters and the
    listing's queryset, all pages in one feed. Bad filters get the listing's 400."""
    filterset = SessionFilter(request.GET, queryset=SessionListView.queryset.all())
    if not filterset.is_valid():
        errors = [f"{field}: {' '.join(messages)}" for field, messages in filterset.errors.items()]
        message = _("Some filters could not be understood.")
        return HttpResponseBadRequest("\n".join([message, *errors]), content_type="text/plain")
    name = _("WAIC agenda")
    if chips := [chip.label for chip in filterset.chips()]:
        name = _("WAIC agenda: %(filters)s") % {"filters": ", ".join(chips)}
    return shared(calendar_response(request, filterset.qs, name=name, filename="waic-agenda"))


@reads_query()
@require_safe
@fresh_agenda
def schedule_json(request):
    return shared(JsonResponse(schedule_for(request), json_dumps_params={"ensure_ascii": False}))


@reads_query()
@require_safe
@fresh_agenda
def schedule_xml(request):
    xml = frab.schedule_xml(schedule_for(request))
    return shared(HttpResponse(xml, content_type="application/xml; charset=utf-8"))


def schedule_for(request):
    sessions = Session.objects.published().for_listing()
    return frab.schedule_data(sessions, request.build_absolute_uri)
