"""The speaker and session listings' filters: ?track=robotics&day=2025-07-26&type=forum."""

from collections import Counter
from datetime import date

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from directory.listing.facets import (
    Option,
    counts_by_value,
    options_from_annotated_rows,
    options_from_choices,
    options_from_day_counts,
    options_from_pk_counts,
)
from directory.listing.filters import (
    ChoicesFilter,
    FacetedFilterSet,
    FlagFilter,
    SearchFilter,
    SlugsFilter,
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


class DayField(forms.DateField):
    """A calendar day (2025-07-26) of the years the directory can count days in: the Shanghai
    bounds of 9999-12-31 or 0001-01-01 overflow Python's dates and the database's."""

    first_year, last_year = 1900, 2099

    def to_python(self, value):
        day = super().to_python(value)
        if day is not None and not self.first_year <= day.year <= self.last_year:
            raise ValidationError(
                _("Give a day from %(first)s to %(last)s, e.g. 2025-07-26."),
                params={"first": self.first_year, "last": self.last_year},
                code="invalid",
            )
        return day


class DayFilter(django_filters.DateFilter):
    field_class = DayField


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
    country = ChoicesFilter(label=_("Country"), choices=countries)
    track = SlugsFilter(label=_("Track"), method="in_tracks", values=slugs_of(Track.objects))
    day = DayFilter(label=_("Day"), method="on_day")
    keynote = FlagFilter(label=_("Keynote"), field_name="is_keynote")
    organization = SlugsFilter(
        label=_("Exhibiting organization"),
        field_name="exhibitor__slug",
        values=slugs_of(Exhibitor.objects.published()),
    )

    facet_names = ("track", "day", "country", "keynote", "organization")
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
        return options_from_choices(self.counts_by("country", base), countries, selected)

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
    day = DayFilter(label=_("Day"), method="on_day")
    track = SlugsFilter(label=_("Track"), field_name="track__slug", values=slugs_of(Track.objects))
    venue = SlugsFilter(label=_("Venue"), field_name="venue__slug", values=slugs_of(Venue.objects))
    type = ChoicesFilter(label=_("Type"), choices=SessionType.choices)
    language = ChoicesFilter(label=_("Language"), choices=SessionLanguage.choices)
    speaker = SlugsFilter(
        label=_("Speaker"), method="with_speakers", values=slugs_of(Speaker.objects.published())
    )
    from_ = django_filters.TimeFilter(  # the parameter `from` (FacetedFilterSet.get_filters)
        label=_("Starting from"),
        field_name="starts_at__time",
        lookup_expr="gte",
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    until = django_filters.TimeFilter(
        label=_("Starting before"),
        field_name="starts_at__time",
        lookup_expr="lt",
        widget=forms.TimeInput(attrs={"type": "time"}),
    )

    facet_names = ("day", "track", "venue", "type", "language", "speaker")
    grouped_facets = {"track": "track", "type": "type", "language": "language"}
    unlisted_facets = ("speaker",)

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
