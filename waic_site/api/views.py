"""The open data API: read-only JSON of the published directory, under /api/v1/.

Lists take the same filters, with the same names and meanings, as the site's listings: the
listings' own FilterSets, minus the facet counts only a page shows (`for_programs`). Every
response sends an ETag and Last-Modified (`unchanged_since`) and answers a conditional GET with
304; bad parameters get a 400 with a JSON body saying what is wrong with which parameter.
"""

import functools
import re

from django import forms
from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from directory.http import shows, unchanged_since
from directory.listing.filters import for_programs
from exhibitors.filters import ExhibitorFilter, ProductFilter
from exhibitors.models import Category, Exhibitor, Hall, Product
from speakers.exports.rows import programme_of, session_values
from speakers.filters import SessionFilter, SpeakerFilter
from speakers.models import Session, Speaker, Track, Venue

from . import serializers

MAX_PAGE_SIZE = 100
MAX_PAGE = 999_999_999
MULTIPLE_VALUES = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)


class Pagination(PageNumberPagination):
    """`page` and `per_page` (1–100, default 24); malformed values are a 400, not a guess."""

    page_size = 24
    page_size_query_param = "per_page"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param) or str(self.page_size)
        if not re.fullmatch(r"[0-9]{1,3}", raw) or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {"per_page": [_("Give a number from 1 to %(max)s.") % {"max": self.max_page_size}]}
            )
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param) or "1"
        if not re.fullmatch(r"[0-9]{1,9}", raw) or int(raw) < 1:
            raise ValidationError({"page": [_("Give a page number: 1, 2, 3…")]})
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        number = {"type": "integer", "minimum": 1}
        return [
            {
                "name": self.page_query_param,
                "in": "query",
                "description": _("Which page: 1 (the default), 2, 3…; past the last one, a 404."),
                "schema": number | {"maximum": MAX_PAGE},
            },
            {
                "name": self.page_size_query_param,
                "in": "query",
                "description": _("Results per page, default %(size)s.") % {"size": self.page_size},
                "schema": number | {"maximum": self.max_page_size},
            },
        ]


def in_requested_language(view):
    """Answers in the language of `?lang=en|zh-hans`, else in English.

    The address alone decides the language (as for the site's unprefixed pages), so a cached
    response is always the right one: Accept-Language is not consulted.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        language = request.GET.get("lang")
        if language is None:
            return view(request, *args, **kwargs)
        if language not in dict(settings.LANGUAGES):
            codes = ", ".join(code for code, name in settings.LANGUAGES)
            message = _("Choose one of %(codes)s.") % {"codes": codes}
            return JsonResponse({"lang": [message]}, status=400)
        with translation.override(language):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()  # in this language, error messages too
        response.headers["Content-Language"] = language
        return response

    return wrapper


LANG = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=[code for code, name in settings.LANGUAGES],
    description=gettext_lazy(
        "Language of names, titles and texts; default: en. "
        "Either language falls back to the other where a text is missing."
    ),
)


def read_only(*models, lookup_field="slug", shown=()):
    """A read-only viewset class decorator: lookups by slug (or code), JSON in the requested
    language; its answers show rows of `models` and of `shown` (e.g. a filter's options): ETag
    and Last-Modified come from the newest change of both, and so does the page cache's
    freshness (waic_site/cache.py)."""

    def decorate(viewset):
        viewset = shows(*models, *shown)(viewset)
        viewset.lookup_field = lookup_field
        viewset.lookup_value_regex = r"[-A-Za-z0-9_]+"  # as slugs are: nothing to choke on
        decorators = [in_requested_language, unchanged_since(*models, *shown)]
        viewset = method_decorator(decorators, name="dispatch")(viewset)
        return extend_schema_view(
            list=extend_schema(parameters=[LANG]), retrieve=extend_schema(parameters=[LANG])
        )(viewset)

    return decorate


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    pagination_class = Pagination
    filter_backends = [DjangoFilterBackend]

    @classmethod
    def query_parameters(cls):
        """Every query parameter the API reads, for the page cache (waic_site/cache.py)."""
        filterset_class = getattr(cls, "filterset_class", None)
        filters = filterset_class.base_filters if filterset_class else {}
        return {"lang", "page", "per_page", *filters}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_parameters(request, self.single_valued_parameters(), self.list_parameters())

    def single_valued_parameters(self):
        names = {"lang"}
        if self.action == "list":
            names |= {"page", "per_page"}
            names |= {name for name in self.filters() if name not in self.list_parameters()}
        return names

    def list_parameters(self):
        if self.action != "list":
            return set()
        return {
            name
            for name, filter_ in self.filters().items()
            if issubclass(filter_.field_class, MULTIPLE_VALUES)
        }

    def filters(self):
        filterset_class = getattr(self, "filterset_class", None)
        return filterset_class.base_filters if filterset_class else {}


def check_parameters(request, single, lists):
    """A parameter the document gives one value given twice, or any parameter but search
    text given without a value, is a 400: the server would have to guess which one was meant.
    Parameters the document does not name are ignored."""
    errors = {}
    for name in single | lists:
        values = request.query_params.getlist(name)
        if name in single and len(values) > 1:
            errors[name] = [_("Give this parameter once.")]
        elif name != "q" and "" in values:
            errors[name] = [_("Give a value, or leave the parameter out.")]
    if errors:
        raise ValidationError(errors)


@read_only(Speaker, Session, Exhibitor, shown=[Track])  # ?track= names tracks
class SpeakerViewSet(ReadOnlyViewSet):
    """Published speakers, with the filters of /speakers/."""

    queryset = Speaker.objects.published().for_listing().with_sessions()
    serializer_class = serializers.SpeakerSerializer
    filterset_class = for_programs(SpeakerFilter)


@read_only(Session, Speaker, Track, Venue, Hall)
class SessionViewSet(ReadOnlyViewSet):
    """Published sessions (cancelled ones too, marked), with the filters of /sessions/."""

    queryset = Session.objects.published().for_listing()
    serializer_class = serializers.SessionSerializer
    filterset_class = for_programs(SessionFilter)

    def list(self, request, *args, **kwargs):
        """A page of rows (speakers/exports/rows.py), not of instances: what apps poll."""
        sessions = session_values(self.filter_queryset(self.get_queryset()))
        page = programme_of(self.paginate_queryset(sessions))
        data = self.serializer_class.from_rows(page, request)
        return self.get_paginated_response(data)


@read_only(Exhibitor, Hall, Category, Product)
class ExhibitorViewSet(ReadOnlyViewSet):
    """Published exhibitors, with the filters of /exhibitors/."""

    queryset = Exhibitor.objects.published().for_listing()
    serializer_class = serializers.ExhibitorSerializer
    filterset_class = for_programs(ExhibitorFilter)


@read_only(Product, Exhibitor)
class ProductViewSet(ReadOnlyViewSet):
    """Published products of published exhibitors."""

    queryset = Product.objects.published().for_listing()
    serializer_class = serializers.ProductSerializer
    filterset_class = for_programs(ProductFilter)


@read_only(Track)
class TrackViewSet(ReadOnlyViewSet):
    queryset = Track.objects.all()
    serializer_class = serializers.TrackSerializer


@read_only(Venue, Hall)
class VenueViewSet(ReadOnlyViewSet):
    queryset = Venue.objects.for_listing()
    serializer_class = serializers.VenueSerializer


@read_only(Hall, lookup_field="code")
class HallViewSet(ReadOnlyViewSet):
    queryset = Hall.objects.all()
    serializer_class = serializers.HallSerializer


@read_only(Category)
class CategoryViewSet(ReadOnlyViewSet):
    queryset = Category.objects.all()
    serializer_class = serializers.CategorySerializer


def not_found(request):
    return JsonResponse({"detail": _("Not found.")}, status=404)


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from our own static files; its start-up script is a separate request, so the
    page runs under the site's Content-Security-Policy without 'unsafe-inline'."""

    template_name = "api/docs.html"
    template_name_js = "api/docs.js"
    title = gettext_lazy("WAIC Directory open data API")
    url_name = "api:schema"
