"""The speaker and session pages, and the programme's calendar feeds and schedule exports.

Apps poll the feeds and exports often over weak connections, so each sends an ETag and
Last-Modified and answers a conditional GET with 304 Not Modified when the agenda has not changed
(two aggregate queries); other sites' scripts may read them (`shared`).
"""

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from directory.bilingual import join_list
from directory.http import reads_query, shared, unchanged_since
from directory.listing.views import FacetedListView

from . import agenda
from .exports import frab
from .exports.ical import calendar_response
from .filters import VIEWS, AgendaFilter, SessionFilter, SpeakerFilter
from .models import Session, Speaker


class SpeakerListView(FacetedListView):
    queryset = Speaker.objects.published().for_listing()
    filterset_class = SpeakerFilter
    template_name = "speakers/speaker_list.html"


class SpeakerDetailView(DetailView):
    queryset = Speaker.objects.published().for_detail()
    query_parameters = ()  # the page cache hands it none


class SessionListView(FacetedListView):
    """The agenda: one day at a time, the whole day on one page, as a list grouped by start
    time or as a room × time grid (?view=grid). Without ?day= it opens on today while the event
    runs, else on its first day (`agenda.default_day`); such a page is cached until midnight at
    most, so nobody is shown yesterday's day. `page` and `per_page` mean nothing here and are
    ignored, so old links to pages of the agenda still open it."""

    queryset = Session.objects.published().for_listing()
    filterset_class = AgendaFilter
    template_name = "speakers/session_list.html"
    # More sessions than a page can show within the listings' time budget (docs/benchmarks.md):
    # the page then ends after its last whole time slot and links to the rest of the day
    # (?from=). Each card takes about 0.6 ms to render, on top of about 25 ms for the facets
    # at ten times WAIC's size, where a day holds 5,000 sessions; the demo's days hold 25.
    max_sessions = 40

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        self.moment = agenda.now()
        kwargs["default_day"] = agenda.default_day(self.moment)
        return kwargs

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        if not self.filterset.is_valid():
            return self.refuse_filters()
        view = self.filterset.shown
        counts = self.filterset.listing_counts
        total = counts[1] if counts else self.filterset.qs.count()
        sessions, later = [], None
        if total:  # counted with the facets already: nothing to fetch when nothing matches
            sessions, later = agenda.whole_slots(self.filterset.qs, self.max_sessions)
        agenda.mark_now_and_next(sessions, self.moment)
        day = self.filterset.form.cleaned_data["day"]
        self.object_list = sessions
        context = self.get_context_data(
            filter=self.filterset,
            object_list=sessions,
            sessions=sessions,
            paginator=Paginator(sessions, max(total, 1)),
            total=total,
            day=day,
            view=view,
            views=VIEWS,
            grid=agenda.grid(sessions, day) if view == "grid" else None,
            later=later,
            earlier=bool(self.filterset.form.cleaned_data.get("from")),
        )
        context["paginator"].count = total
        return self.until_tomorrow(self.render_to_response(context))

    def until_tomorrow(self, response):
        """Kept (by the page cache and browsers) no longer than today, if it opened on today;
        the page cache takes the shorter of this and its own time (waic_site/cache.py)."""
        if self.filterset.day_defaulted:
            seconds = agenda.seconds_until_tomorrow(self.moment)
            patch_cache_control(response, public=True, max_age=seconds)
        return response


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
    """The sessions of /sessions/ with the same query string (its filters and the listing's
    queryset), except that without a day it holds every day: a subscribed feed must not change
    with the date. The agenda's own link names its day. Bad filters get the listing's 400."""
    filterset = SessionFilter(request.GET, queryset=SessionListView.queryset.all())
    if not filterset.is_valid():
        errors = [f"{field}: {' '.join(messages)}" for field, messages in filterset.errors.items()]
        message = _("Some filters could not be understood.")
        return HttpResponseBadRequest("\n".join([message, *errors]), content_type="text/plain")
    name = _("WAIC agenda")
    if chips := [chip.label for chip in filterset.chips()]:
        name = _("WAIC agenda: %(filters)s") % {"filters": join_list(chips)}
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
