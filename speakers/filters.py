"""The speaker and session listings' filters: ?track=robotics&day=2025-07-26&type=forum."""

from collections import Counter
from datetime import date

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from directory.listing.facets import (
    Option,
    counts_by_value,
    options_from_annotated_rows,
    options_from_choices,
    options_from_countries,
    options_from_day_counts,
    options_from_pk_counts,
)
from directory.listing.filters import (
    ChoicesFilter,
    DayFilter,
    FacetedFilterSet,
    FlagFilter,
    SearchFilter,
    SlugsFilter,
    TimeOfDayFilter,
    slugs_of,
)
from exhibitors.models import Exhibitor

from .agenda import day_bounds
from .models import SessionLanguage, SessionSpeaker, SessionType, Speaker, Track, Venue


def days_of(start_counts):
    """{Shanghai day: count} from (starts_at, count) rows.

    Day facets group by the start time, which an index orders, and add up the days here:
    grouping by the Shanghai day in SQL calls a conversion function for every row (a Python
    function on SQLite), which costs hundreds of milliseconds at ten times WAIC's size.
    """
    counts = Counter()
    for starts_at, count in start_counts:
        counts[timezone.localdate(starts_at)] += count
    return counts


def event_days():
    """The days a day filter may name: the event's (settings.WAIC_EVENT)."""
    return settings.WAIC_EVENT.days


def during_day(field, day):
    """`field` (a moment) falls on `day` in Shanghai."""
    start, end = day_bounds(day)
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def schedule_counts(speakers, field, parse):
    """{track pk or day: how many of `speakers` speak in it}, from one GROUP BY over the
    speakers' `schedule_tracks` or `schedule_days` (kept up to date by speakers/signals.py).

    Counting distinct speakers over a join of every session speaker took 20–40 ms per facet at
    ten times WAIC's size; this reads one index of the speaker table."""
    counts = Counter()
    for values, count in speakers.order_by().values_list(field).annotate(count=Count("pk")):
        for value in values.split():
            counts[parse(value)] += count
    return counts


class SpeakerFilter(FacetedFilterSet):
    q = SearchFilter(label=_("Search"), method="search")
    country = ChoicesFilter(label=_("Country"), plural=_("countries"), choices=countries)
    track = SlugsFilter(
        label=_("Track"), plural=_("tracks"), method="in_tracks", values=slugs_of(Track.objects)
    )
    day = DayFilter(label=_("Day"), method="on_day", days=event_days)
    keynote = FlagFilter(label=_("Keynote"), field_name="is_keynote")
    organization = SlugsFilter(
        label=_("Exhibiting organization"),
        field_name="exhibitor__slug",
        values=slugs_of(Exhibitor.objects.published()),
    )

    facet_names = ("track", "day", "country", "keynote", "organization")
    quick_facets = ("keynote", "country")
    grouped_facets = {"country": "country", "keynote": "is_keynote"}
    unlisted_facets = ("organization",)  # hundreds of exhibitors: chosen from their pages

    def in_tracks(self, queryset, name, value):
        slots = SessionSpeaker.objects.in_published_sessions().filter(
            session__track__slug__in=value
        )
        return queryset.filter(pk__in=slots.values("speaker"))

    def on_day(self, queryset, name, value):
        slots = SessionSpeaker.objects.in_published_sessions().filter(
            during_day("session__starts_at", value)
        )
        return queryset.filter(pk__in=slots.values("speaker"))

    def facet_track(self, base, selected):
        counts = schedule_counts(base, "schedule_tracks", int)
        return options_from_pk_counts(Track.objects.all(), counts, selected)

    def facet_day(self, base, selected):
        counts = schedule_counts(base, "schedule_days", date.fromisoformat)
        return options_from_day_counts(counts, selected)

    def facet_country(self, base, selected):
        return options_from_countries(self.counts_by("country", base), selected)

    def facet_keynote(self, base, selected):
        count = self.counts_by("keynote", base)[True]
        return [Option("true", _("Keynote speakers"), count, bool(selected))]

    def facet_organization(self, base, selected):
        if not selected:
            return []
        rows = (
            Exhibitor.objects.published()
            .filter(slug__in=selected)
            .annotate(count=Count("speakers", filter=Q(speakers__in=base)))
        )
        return options_from_annotated_rows(rows, selected)


class SessionFilter(FacetedFilterSet):
    q = SearchFilter(label=_("Search"), method="search")
    day = DayFilter(label=_("Day"), method="on_day", days=event_days)
    track = SlugsFilter(
        label=_("Track"),
        plural=_("tracks"),
        field_name="track__slug",
        values=slugs_of(Track.objects),
    )
    venue = SlugsFilter(
        label=_("Venue"),
        plural=_("venues"),
        field_name="venue__slug",
        values=slugs_of(Venue.objects),
    )
    type = ChoicesFilter(label=_("Type"), plural=_("types"), choices=SessionType.choices)
    language = ChoicesFilter(
        label=_("Language"), plural=_("languages"), choices=SessionLanguage.choices
    )
    speaker = SlugsFilter(
        label=_("Speaker"), method="with_speakers", values=slugs_of(Speaker.objects.published())
    )
    from_ = TimeOfDayFilter(  # the parameter `from` (FacetedFilterSet.get_filters)
        label=_("Starting from"),
        field_name="starts_at__time",
        lookup_expr="gte",
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    until = TimeOfDayFilter(
        label=_("Starting before"),
        field_name="starts_at__time",
        lookup_expr="lt",
        widget=forms.TimeInput(attrs={"type": "time"}),
    )

    facet_names = ("day", "track", "venue", "type", "language", "speaker")
    quick_facets = ("track", "type")  # the day: the agenda's day tabs
    grouped_facets = {"track": "track", "type": "type", "language": "language"}
    unlisted_facets = ("speaker",)

    def check_form(self):
        # A person is told that `from` after `until` leaves nothing to show; a program, whose
        # document cannot state how two parameters relate, gets that nothing: an empty list.
        start, end = (self.form.cleaned_data.get(name) for name in ("from", "until"))
        if not self.for_programs and start and end and start >= end:
            message = _(
                "“%(from_label)s” %(from)s is not before “%(until_label)s” %(until)s: no session"
                " starts in between. Choose an earlier start or a later end."
            )
            params = {
                "from_label": self.filters["from"].label,
                "until_label": self.filters["until"].label,
                "from": start.strftime("%H:%M"),
                "until": end.strftime("%H:%M"),
            }
            self.form.add_error("until", ValidationError(message, params=params, code="order"))

    def on_day(self, queryset, name, value):
        return queryset.filter(during_day("starts_at", value))

    def with_speakers(self, queryset, name, value):
        slots = SessionSpeaker.objects.filter(speaker__slug__in=value)
        return queryset.filter(pk__in=slots.values("session"))

    def facet_day(self, base, selected):
        starts = base.order_by().values_list("starts_at").annotate(count=Count("pk"))
        return options_from_day_counts(days_of(starts), selected)

    def facet_track(self, base, selected):
        counts = self.counts_by("track", base)
        return options_from_pk_counts(Track.objects.all(), counts, selected)

    def facet_venue(self, base, selected):
        # Hundreds of rooms at ten times WAIC's size: names as values, not model objects.
        counts = counts_by_value(base, "venue")
        return options_from_pk_counts(Venue.objects.all(), counts, selected, label="name")

    def facet_type(self, base, selected):
        return options_from_choices(self.counts_by("type", base), SessionType.choices, selected)

    def facet_language(self, base, selected):
        counts = self.counts_by("language", base)
        return options_from_choices(counts, SessionLanguage.choices, selected)

    def facet_speaker(self, base, selected):
        if not selected:
            return []
        rows = (
            Speaker.objects.published()
            .filter(slug__in=selected)
            .annotate(count=Count("slots", filter=Q(slots__session__in=base)))
        )
        return options_from_annotated_rows(rows, selected)


VIEWS = {"list": _("List"), "grid": _("Grid")}  # how the agenda shows a day


class AgendaFilter(SessionFilter):
    """The agenda page's filters: always one day (the view fills in the day it opens on), chosen
    with the day tabs rather than removed as a chip. A day keeps a third of the sessions, too
    many for a scan of their text to beat the search index, so the search does not count it as
    narrowing (`FacetedFilterSet.search` leaves `not_chips` out)."""

    # Not a filter: how the day is shown, kept here so that the filter form keeps it too.
    view = django_filters.ChoiceFilter(
        label=_("Show as"),
        choices=list(VIEWS.items()),
        method="shown_as",
        empty_label=None,
        widget=forms.Select(attrs={"data-default": "list"}),
        error_messages={
            "invalid_choice": _("The agenda shows as a list or a grid; “%(value)s” is neither.")
        },
    )

    not_chips = (*SessionFilter.not_chips, "day", "view")
    unlisted_facets = (*SessionFilter.unlisted_facets, "day")  # the tabs list the days

    def __init__(self, data, *args, default_day, **kwargs):
        self.day_defaulted = not data.get("day")
        if self.day_defaulted:
            data = data.copy()
            data["day"] = default_day.isoformat()
        super().__init__(data, *args, **kwargs)

    def shown_as(self, queryset, name, value):
        return queryset

    @property
    def shown(self):
        """ "list" or "grid"."""
        return self.form.cleaned_data.get("view") or "list"

    def query_without(self, name, value):
        """As the page's address had it: without the day it opened on by default."""
        query = super().query_without(name, value)
        if not self.day_defaulted:
            return query
        query = QueryDict(query, mutable=True)
        query.pop("day")
        return query.urlencode()
