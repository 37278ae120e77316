"""The speaker and session pages, and the programme's calendar feeds and schedule exports.

Apps poll the feeds and exports often over weak connections, so each sends an ETag and
Last-Modified and answers a conditional GET with 304 Not Modified when the agenda has not changed
(two aggregate queries); other sites' scripts may read them (`shared`).
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from directory.bilingual import join_list
from directory.http import also_shows, reads_query, shared, shows, unchanged_since
from directory.listing.views import FacetedListView
from exhibitors.models import Exhibitor, Hall

from . import agenda
from .exports import frab
from .exports.common import without_gc_pauses
from .exports.ical import calendar_response
from .exports.rows import programme
from .filters import VIEWS, AgendaFilter, SessionFilter, SpeakerFilter
from .models import PROGRAMME, Session, SessionStatus, Speaker, Venue
from .models.session import speakers_of, track_lines


class SpeakerListView(FacetedListView):
    queryset = Speaker.objects.published().for_listing()
    filterset_class = SpeakerFilter
    template_name = "speakers/speaker_list.html"
    shown_models = PROGRAMME

    def get(self, request, *args, **kwargs):
        if "organization" in request.GET:  # speakers of the exhibitors named
            also_shows(request, Exhibitor)
        return super().get(request, *args, **kwargs)


class SpeakerDetailView(DetailView):
    queryset = Speaker.objects.published().for_detail()
    query_parameters = ()  # the page cache hands it none
    shown_models = PROGRAMME

    def get_context_data(self, **kwargs):
        also_shows(self.request, self.object.exhibitor)  # their employer, published or not
        return super().get_context_data(**kwargs)


class SessionListView(FacetedListView):
    """The agenda: one day at a time, the whole day on one page, as a list grouped by start
    time or as a room × time grid (?view=grid). Without ?day= it opens on today while the event
    runs, else on its first day (`agenda.default_day`); such a page is cached until midnight at
    most, so nobody is shown yesterday's day. `page` and `per_page` mean nothing here and are
    ignored, so old links to pages of the agenda still open it."""

    queryset = Session.objects.published().for_listing()
    filterset_class = AgendaFilter
    template_name = "speakers/session_list.html"
    shown_models = PROGRAMME
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
            during_event=agenda.event_phase(self.moment) == "during",
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
    """A session with its speakers' cards, and a line for each of up to six other sessions of
    its track: three queries, the two of its speakers and its track's lines compiled once per
    process (`speakers_of()`, `track_lines()`)."""

    queryset = Session.objects.published().with_track_and_venue()
    query_parameters = ()  # the page cache hands it none
    shown_models = PROGRAMME

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["track_sessions"] = track_lines(self.object)
        self.object.published_slots = speakers_of(self.object)
        return context


fresh_agenda = unchanged_since(*PROGRAMME)


@shows(*PROGRAMME)
@reads_query()
@require_safe
@fresh_agenda
@without_gc_pauses
def session_calendar(request, slug):
    sessions = programme(Session.objects.published().filter(slug=slug))
    if not sessions:
        raise Http404
    [session] = sessions
    calendar = calendar_response(request, sessions, name=session["title"], filename=slug)
    return shared(calendar)


@shows(*PROGRAMME)
@reads_query()
@require_safe
@fresh_agenda
@without_gc_pauses
def speaker_calendar(request, slug):
    speaker = get_object_or_404(Speaker.objects.published(), slug=slug)
    sessions = programme(Session.objects.published().of_speaker(speaker))
    name = _("WAIC: %(speaker)s") % {"speaker": speaker.name}
    return shared(calendar_response(request, sessions, name=name, filename=speaker.slug))


@shows(*PROGRAMME)
@reads_query(SessionFilter)
@require_safe
@fresh_agenda
@without_gc_pauses
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
    sessions = programme(filterset.qs)
    return shared(calendar_response(request, sessions, name=name, filename="waic-agenda"))


@shows(*PROGRAMME)
@reads_query()
@require_safe
@fresh_agenda
@without_gc_pauses
def schedule_json(request):
    json = frab.schedule_json(schedule_for(request))
    return shared(HttpResponse(json, content_type="application/json"))


@shows(*PROGRAMME)
@reads_query()
@require_safe
@fresh_agenda
@without_gc_pauses
def schedule_xml(request):
    xml = frab.schedule_xml(schedule_for(request))
    return shared(HttpResponse(xml, content_type="application/xml; charset=utf-8"))


def schedule_for(request):
    sessions = programme(Session.objects.published())
    return frab.schedule_data(sessions, request.build_absolute_uri)


@shows(*PROGRAMME)
@reads_query("venue", "hall")
@require_safe
def now_and_next(request, screen=False):
    """/now/: the sessions running now and those starting within the hour, venue by venue;
    /now/screen/ the same in large type for screens at the venue, which reload it each minute.
    ?venue=<slug> or ?hall=<code> keeps one venue or the stages of one hall. Outside the event's
    days it says when the event starts, or that it has ended. Kept (by the page cache and
    browsers) only until the next session starts or ends, and never past the minute shown."""
    moment = agenda.now()
    phase = agenda.event_phase(moment)
    event = settings.WAIC_EVENT
    first_day = reverse("speakers:session_list") + f"?day={event.days[0]:%Y-%m-%d}"
    context = {
        "moment": moment,
        "phase": phase,
        "screen": screen,
        "first_day_url": first_day,
        "groups": [],
        "place": None,
    }
    sessions = Session.objects.published()
    venue_slug, hall_code = request.GET.get("venue"), request.GET.get("hall")
    if venue_slug:  # an empty ?venue= means every venue, as the form of a filter would
        place = Venue.objects.for_listing().filter(slug=venue_slug).first()
        if place is None:
            message = _("There is no venue “%(venue)s”.") % {"venue": venue_slug}
            return now_problem(request, context, message)
        sessions = sessions.filter(venue=place)
        context["place"] = place.name
    elif hall_code:
        place = Hall.objects.filter(code__iexact=hall_code).first()
        if place is None:
            message = _("There is no hall “%(hall)s”.") % {"hall": hall_code}
            return now_problem(request, context, message)
        sessions = sessions.filter(venue__hall=place)
        context["place"] = place.label

    if phase == "before":
        # Translators: date format (https://docs.djangoproject.com/en/stable/ref/templates/builtins/#date)
        # of the event's first day with its weekday, e.g. "Saturday 26 July".
        pattern = pgettext("the event's first day, with its weekday", "l j F")
        day = date_format(event.days[0], pattern)
        context["message"] = _("%(edition)s starts on %(day)s.") % {
            "edition": event.edition,
            "day": day,
        }
        seconds = agenda.seconds_until_tomorrow(moment)
    elif phase == "after":
        context["message"] = _("%(edition)s has ended.") % {"edition": event.edition}
        seconds = agenda.seconds_until_tomorrow(moment)
    else:
        window = list(
            sessions.for_listing()
            .filter(starts_at__lt=moment + agenda.NEXT_WINDOW, ends_at__gt=moment)
            .order_by("starts_at", "ends_at", "pk")
        )
        later = (
            sessions.filter(
                status=SessionStatus.SCHEDULED, starts_at__gte=moment + agenda.NEXT_WINDOW
            )
            .order_by("starts_at")
            .values_list("starts_at", flat=True)
            .first()
        )
        context["groups"] = agenda.now_by_venue(window, moment)
        context["later"] = later
        context["later_today"] = later is not None and (
            timezone.localtime(later).date() == timezone.localtime(moment).date()
        )
        seconds = agenda.seconds_until_change(window, moment, later)
    response = render(request, now_template(screen), context)
    patch_cache_control(response, public=True, max_age=min(seconds, 60))
    return response


def now_template(screen):
    return "speakers/now_screen.html" if screen else "speakers/now.html"


def now_problem(request, context, message):
    context["problem"] = message
    return render(request, now_template(context["screen"]), context, status=400)
