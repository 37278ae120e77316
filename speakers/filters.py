"""The speaker and session listings' filters: ?track=robotics&day=2025-07-26&type=forum."""

import django_filters
from django import forms
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from exhibitors.listing import (
    ChoicesFilter,
    FacetedFilterSet,
    FlagFilter,
    Option,
    SearchFilter,
    SlugsFilter,
    counted,
    day_options,
    value_counts,
)
from exhibitors.models import Exhibitor

from .agenda import day_bounds
from .models import SessionLanguage, SessionSpeaker, SessionType, Speaker, Track, Venue


def shanghai_day(field):
    return TruncDate(field, tzinfo=timezone.get_default_timezone())


def published_slots():
    """Speakers' places in published sessions: what "speaks in" means for the filters."""
    return SessionSpeaker.objects.filter(session__is_published=True)


class SpeakerFilter(FacetedFilterSet):
    q = SearchFilter(label=_("Search"), method="search")
    country = ChoicesFilter(label=_("Country"), choices=countries)
    track = SlugsFilter(label=_("Track"), method="in_tracks")
    day = django_filters.DateFilter(label=_("Day"), method="on_day")
    keynote = FlagFilter(label=_("Keynote"), field_name="is_keynote")
    organization = SlugsFilter(label=_("Exhibiting organization"), field_name="exhibitor__slug")

    facet_names = ("track", "day", "country", "keynote", "organization")
    unlisted_facets = ("organization",)  # hundreds of exhibitors: chosen from their pages

    def search(self, queryset, name, value):
        return queryset.search(value)

    def in_tracks(self, queryset, name, value):
        slots = published_slots().filter(session__track__slug__in=value)
        return queryset.filter(pk__in=slots.values("speaker"))

    def on_day(self, queryset, name, value):
        start, end = day_bounds(value)
        slots = published_slots().filter(session__starts_at__gte=start, session__starts_at__lt=end)
        return queryset.filter(pk__in=slots.values("speaker"))

    def facet_track(self, base, selected):
        speaks = Q(sessions__is_published=True, sessions__slots__speaker__in=base)
        rows = Track.objects.annotate(
            count=Count("sessions__slots__speaker", filter=speaks, distinct=True)
        ).filter(Q(count__gt=0) | Q(slug__in=selected))
        return counted(rows, selected)

    def facet_day(self, base, selected):
        rows = (
            published_slots()
            .filter(speaker__in=base)
            .values_list(shanghai_day("session__starts_at"))
            .annotate(count=Count("speaker", distinct=True))
            .order_by(shanghai_day("session__starts_at"))
        )
        return day_options(rows, selected)

    def facet_country(self, base, selected):
        return value_counts(base, "country", countries, selected)

    def facet_keynote(self, base, selected):
        count = base.filter(is_keynote=True).count()
        return [Option("true", _("Keynote speakers"), count, bool(selected))]

    def facet_organization(self, base, selected):
        if not selected:
            return []
        rows = (
            Exhibitor.objects.published()
            .filter(slug__in=selected)
            .annotate(count=Count("speakers", filter=Q(speakers__in=base)))
        )
        return counted(rows, selected)


class SessionFilter(FacetedFilterSet):
    q = SearchFilter(label=_("Search"), method="search")
    day = django_filters.DateFilter(label=_("Day"), method="on_day")
    track = SlugsFilter(label=_("Track"), field_name="track__slug")
    venue = SlugsFilter(label=_("Venue"), field_name="venue__slug")
    type = ChoicesFilter(label=_("Type"), choices=SessionType.choices)
    language = ChoicesFilter(label=_("Language"), choices=SessionLanguage.choices)
    speaker = SlugsFilter(label=_("Speaker"), method="with_speakers")
    # "from" is a Python keyword, so the time-of-day window is declared through the namespace.
    locals()["from"] = django_filters.TimeFilter(
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
    unlisted_facets = ("speaker",)

    def search(self, queryset, name, value):
        return queryset.search(value)

    def on_day(self, queryset, name, value):
        start, end = day_bounds(value)
        return queryset.filter(starts_at__gte=start, starts_at__lt=end)

    def with_speakers(self, queryset, name, value):
        slots = SessionSpeaker.objects.filter(speaker__slug__in=value)
        return queryset.filter(pk__in=slots.values("session"))

    def facet_day(self, base, selected):
        rows = (
            base.order_by()
            .values_list(shanghai_day("starts_at"))
            .annotate(count=Count("pk"))
            .order_by(shanghai_day("starts_at"))
        )
        return day_options(rows, selected)

    def facet_track(self, base, selected):
        rows = Track.objects.annotate(count=Count("sessions", filter=Q(sessions__in=base))).filter(
            Q(count__gt=0) | Q(slug__in=selected)
        )
        return counted(rows, selected)

    def facet_venue(self, base, selected):
        rows = Venue.objects.annotate(count=Count("sessions", filter=Q(sessions__in=base))).filter(
            Q(count__gt=0) | Q(slug__in=selected)
        )
        return counted(rows, selected)

    def facet_type(self, base, selected):
        return value_counts(base, "type", SessionType.choices, selected)

    def facet_language(self, base, selected):
        return value_counts(base, "language", SessionLanguage.choices, selected)

    def facet_speaker(self, base, selected):
        if not selected:
            return []
        rows = (
            Speaker.objects.published()
            .filter(slug__in=selected)
            .annotate(count=Count("slots", filter=Q(slots__session__in=base)))
        )
        return counted(rows, selected)
