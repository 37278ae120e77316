"""The faceted listing machinery every public listing of the directory shares.

A listing is a `FacetedFilterSet` (what may be filtered, and how many results each option would
give) shown by a `FacetedListView` (bound to the query string, paginated, answering bad input with
a clear message and a 4xx status). It lives here because the dependency between the apps runs one
way, speakers → exhibitors, so both apps can use it.

Facet counts: for each facet, one aggregate query over the listing's rows with every OTHER active
filter applied, so an option's count is what the attendee gets by ticking it. The same query
checks that the selected slugs exist: an unknown slug is a form error, not an empty page.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, time

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import QueryDict
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView
from drf_spectacular.utils import extend_schema_field

from .bilingual import columns_by_preference

MAX_QUERY_LENGTH = 200
PAGE_SIZES = (12, 24, 48)
DEFAULT_PAGE_SIZE = 24
SLUG = re.compile(r"[-\w]+")


def clean_text(value):
    """Search text without control or invisible characters, spaces collapsed, at most 200 long."""
    visible = "".join(char for char in value if unicodedata.category(char)[0] != "C")
    return " ".join(visible.split())[:MAX_QUERY_LENGTH]


class SearchField(forms.CharField):
    """Free text never fails validation: it is cleaned and shortened instead."""

    def to_python(self, value):
        return clean_text(super().to_python(value))


class SlugListField(forms.MultipleChoiceField):
    """Several slugs or codes; whether they exist is checked by the facet's query."""

    widget = forms.CheckboxSelectMultiple
    max_values = 50

    def validate(self, value):
        if len(value) > self.max_values:
            raise ValidationError(
                _("Choose at most %(max)s values for one filter."),
                params={"max": self.max_values},
                code="too_many",
            )
        super().validate(value)

    def valid_value(self, value):
        return len(value) <= 200 and SLUG.fullmatch(value) is not None


class FlagField(forms.Field):
    """A tick box in a URL: "true" (or "on", "1") ticks it, nothing leaves it; anything else is
    an error rather than a guess."""

    def to_python(self, value):
        if value in (None, "", "false", "0", "off"):
            return False
        if value in ("true", "on", "1", True):
            return True
        raise ValidationError(_("Use “true” to tick this filter, or leave it out."), "invalid")


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


# How the open data API documents these filters (OpenAPI; drf-spectacular reads this): repeat
# the parameter for several values, ?hall=H1&hall=H2.
SLUGS_SCHEMA = {"type": "array", "items": {"type": "string", "pattern": SLUG.pattern}}


@extend_schema_field(SLUGS_SCHEMA)
class SlugsFilter(django_filters.Filter):
    """Rows whose `field_name` is one of the given slugs (several values widen the result).
    With `method=`, the method receives the list of slugs."""

    field_class = SlugListField

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(**{f"{self.field_name}__in": value})


@extend_schema_field(SLUGS_SCHEMA)
class RecordsFilter(django_filters.ModelMultipleChoiceFilter):
    """Rows related to any of the records of `queryset` named by their slugs; a slug naming
    none of them is a form error. For filters without facets (facets check their own slugs)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    """One or more values of a choices field, as a plain `IN` (no DISTINCT needed)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(**{f"{self.field_name}__in": value})


@extend_schema_field({"type": "boolean"})
class FlagFilter(django_filters.Filter):
    """A tick box: `?featured=true` keeps the flagged rows, no value keeps all.
    (With `method=`, the method receives False too: it must return the rows unchanged.)"""

    field_class = FlagField

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(**{self.field_name: True})


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list
    multiple: bool = True  # tick boxes; False: radio buttons with "Any"
    listed: bool = True  # False: too many options to list; only the selected ones come back

    @property
    def selected_options(self):
        return [option for option in self.options if option.selected]

    def option_rows(self):
        """The options' tick boxes (or radio buttons) as HTML, built here rather than in a
        template loop: a listing may offer hundreds of options (500 rooms at ten times WAIC's
        size), and Django's template engine (or even `format_html` for each) takes tens of
        milliseconds for them. Every value is escaped as `{{ }}` would; counts are plain
        integers (the site does not group digits, USE_THOUSAND_SEPARATOR is off)."""
        kind = "checkbox" if self.multiple else "radio"
        name = escape(self.name)
        rows = []
        for option in self.options:
            empty = "" if option.count or option.selected else ' class="empty"'
            state = " checked" if option.selected else "" if option.count else " disabled"
            rows.append(
                f'        <label{empty}><input type="{kind}" name="{name}"'
                f' value="{escape(option.value)}"{state}> <span>{escape(option.label)}'
                f' <span class="count">({int(option.count)})</span></span></label>'
            )
        return mark_safe("\n".join(rows))


@dataclass
class Chip:
    label: str
    query: str  # the query string without this value


def counted(rows, selected, value="slug"):
    """Options from model rows annotated with `count`; rows without results are dropped
    unless selected. They are dropped here rather than in SQL: a `count__gt=0` condition
    repeats the count's subquery in the WHERE clause, which doubles its cost. Django leaves
    `Meta.ordering` out of aggregate queries, so it is asked for here."""
    rows = rows.order_by(*rows.model._meta.ordering)
    return [
        Option(getattr(row, value), str(row), row.count, getattr(row, value) in selected)
        for row in rows
        if row.count or getattr(row, value) in selected
    ]


def group_counts(rows, field):
    """{value of `field`: how many of `rows` have it}, from one GROUP BY: a single pass over the
    listing, and over its search text, however many options there are. (A subquery per option
    repeats that pass for each: 500 rooms at ten times WAIC's size.)"""
    return Counter(dict(rows.order_by().values_list(field).annotate(count=Count("pk"))))


def tallied(rows, counts, selected, value="slug", label=None):
    """Options from model rows and their counts by primary key (see `group_counts`); rows
    without results are dropped unless selected. With `label`, a translated field, the rows
    are read as plain values in the active language (else the other), not as model objects:
    for facets with hundreds of options, such as 500 rooms at ten times WAIC's size."""
    if label:
        columns = columns_by_preference(label)
        rows = (
            (pk, key, next((text for text in texts if text), ""))
            for pk, key, *texts in rows.values_list("pk", value, *columns)
        )
    else:
        rows = ((row.pk, getattr(row, value), str(row)) for row in rows)
    return [
        Option(key, text, counts.get(pk, 0), key in selected)
        for pk, key, text in rows
        if counts.get(pk) or key in selected
    ]


def chosen(counts, choices, selected):
    """Options for a field with choices from its counts by value; values without results are
    dropped unless selected."""
    return [
        Option(value, str(label), counts.get(value, 0), value in selected)
        for value, label in choices
        if counts.get(value) or value in selected
    ]


def day_options(rows, selected):
    """Options from (date, count) rows of a GROUP BY on the Shanghai day; a chosen day without
    sessions stays, with 0, so the page explains the empty result instead of refusing it."""
    counts = dict(rows)
    for day in map(date.fromisoformat, selected):
        counts.setdefault(day, 0)
    return [
        Option(
            day.isoformat(),
            date_format(day, "MONTH_DAY_FORMAT"),
            count,
            day.isoformat() in selected,
        )
        for day, count in sorted(counts.items())
    ]


class FacetedFilterSet(django_filters.FilterSet):
    """A FilterSet whose `facets` say how many results each option would give.

    Subclasses list the filters to count in `facet_names` and give each a method
    `facet_<name>(base, selected)` returning Options, where `base` is the listing filtered by
    every other active filter and `selected` the values chosen for this one.
    """

    facet_names = ()
    unlisted_facets = ()  # facets that only check and label the selected values
    # Facets that count one column of the listing, {facet name: column}. While their filters are
    # not in use they all count the same rows, the listing's, so one GROUP BY over those columns
    # counts them all and the total too (`listing_counts`), instead of a pass each: for a
    # searched listing, a pass each would repeat the search.
    grouped_facets = {}
    # Tick-box facets that count the listing's rows meeting a condition, {facet name: function
    # returning a Q}, such as "has a premiere": counted in the same pass (COUNT … FILTER), while
    # their filter is not in use. (Grouping by the condition instead would cost more: the
    # database could no longer group in the covering index's order.)
    counted_conditions = {}
    # Filters that keep a large share of the rows (one of a few halls, a country): not enough
    # for a scan of the search text among what they leave to beat the full-text index.
    broad_filters = ()
    not_chips = ("sort",)
    # False: facets only for the filters in use, to check their values exist (see ForPrograms).
    count_all_facets = True

    leaving_out = None  # the filter `queryset_without` is leaving out, while it filters

    def queryset_without(self, name):
        """The listing filtered by every active filter but `name`'s: the rows facet `name`
        counts. While `name` is not in use, that is the listing itself, filtered once."""
        if not self.selected(name):
            return self.qs
        queryset = self.queryset.all()
        self.leaving_out = name
        try:
            for other, value in self.form.cleaned_data.items():
                if other != name:
                    queryset = self.filters[other].filter(queryset, value)
        finally:
            self.leaving_out = None
        return queryset

    @cached_property
    def listing_counts(self):
        """({facet name: Counter of values}, total) over the listing for the grouped facets and
        counted conditions whose filter is not in use, from one GROUP BY; None when every
        grouped facet's filter is in use.

        A partial index over the same columns (a covering index) lets the database count
        them reading that index alone (see each model's `Meta.indexes`)."""
        names = [name for name in self.grouped_facets if not self.selected(name)]
        if not names:
            return None
        conditions = [name for name in self.counted_conditions if not self.selected(name)]
        counts, total = {name: Counter() for name in names + conditions}, 0
        rows = (
            self.qs.order_by()
            .values_list(*(self.grouped_facets[name] for name in names))
            .annotate(
                n=Count("pk"),
                **{
                    f"{name}_count": Count("pk", filter=self.counted_conditions[name]())
                    for name in conditions
                },
            )
        )
        for row in rows:
            values, count, met = row[: len(names)], row[len(names)], row[len(names) + 1 :]
            total += count
            for name, value in zip(names, values, strict=True):
                counts[name][value] += count
            for name, number in zip(conditions, met, strict=True):
                counts[name][True] += number
        return counts, total

    def counts_by(self, name, base):
        """{value of facet `name`'s column: how many rows of `base` have it} ({True: how many
        meet the condition} for a counted condition): from the shared GROUP BY while its filter
        is not in use (`base` is then the listing), else its own."""
        if not self.selected(name) and self.listing_counts:
            return self.listing_counts[0][name]
        if name in self.counted_conditions:
            return Counter({True: base.filter(self.counted_conditions[name]()).count()})
        return group_counts(base, self.grouped_facets[name])

    def search(self, queryset, name, value):
        """The search box (`SearchFilter(method="search")`), through the full-text index when
        it alone narrows the listing, by scanning when other filters do.

        Every facet count repeats the search. The index lists every match, which for a common
        word is thousands of rows, in each of those queries; other filters (except broad ones)
        narrow the rows through their own indexes first, leaving a scan of the text only few
        to read."""
        others = set(self.form.cleaned_data) - {name, self.leaving_out, *self.not_chips}
        narrowed = any(self.selected(other) for other in others - set(self.broad_filters))
        return queryset.search(value, index=not narrowed)

    def selected(self, name):
        value = self.form.cleaned_data.get(name)
        if value in (None, "", False, [], ()):
            return []
        if value is True:
            return ["true"]
        if isinstance(value, list | tuple):
            return [str(item) for item in value]
        if isinstance(value, time):
            return [value.strftime("%H:%M")]
        if isinstance(value, date):
            return [value.isoformat()]
        return [str(value)]

    @cached_property
    def facets(self):
        if not self.form.is_valid():
            return []
        facets = []
        for name in self.facet_names:
            filter_ = self.filters[name]
            selected = self.selected(name)
            if not (selected or self.count_all_facets):
                continue
            options = getattr(self, f"facet_{name}")(self.queryset_without(name), selected)
            facets.append(
                Facet(
                    name,
                    filter_.label,
                    options,
                    multiple=isinstance(filter_.field, forms.MultipleChoiceField | FlagField),
                    listed=name not in self.unlisted_facets,
                )
            )
        return facets

    def is_valid(self):
        """The form's checks, then: every selected slug names something that exists."""
        if not super().is_valid():
            return False
        for facet in self.facets:
            known = {option.value for option in facet.options}
            for value in self.selected(facet.name):
                if value not in known:
                    self.form.add_error(
                        facet.name,
                        ValidationError(
                            _("There is no %(filter)s “%(value)s”."),
                            params={"filter": str(facet.label).lower(), "value": value},
                        ),
                    )
        return not self.form.errors

    @property
    def other_fields(self):
        """Form fields shown as they are: text search excluded, it has its own box."""
        facet_names = set(self.facet_names)
        return [
            field
            for field in self.form
            if field.name not in facet_names and not isinstance(field.field, SearchField)
        ]

    @property
    def search_field(self):
        return next(field for field in self.form if isinstance(field.field, SearchField))

    def chips(self):
        """Each active filter value with the query string that removes just that value."""
        chips = []
        labels = {
            facet.name: {option.value: option.label for option in facet.options}
            for facet in self.facets
        }
        for name in self.form.cleaned_data:
            if name in self.not_chips:
                continue
            for value in self.selected(name):
                if name in labels:
                    text = labels[name].get(value, value)
                elif isinstance(self.form.cleaned_data[name], bool):
                    text = ""
                else:
                    text = value
                label = f"{self.filters[name].label}: {text}" if text else self.filters[name].label
                chips.append(Chip(label, self.query_without(name, value)))
        return chips

    def query_without(self, name, value):
        query = self.data.copy() if isinstance(self.data, QueryDict) else QueryDict(mutable=True)
        query.pop("page", None)
        if isinstance(self.filters[name].field, forms.MultipleChoiceField):
            query.setlist(name, [item for item in query.getlist(name) if item != value])
        else:
            query.pop(name, None)
        return query.urlencode()


class StrictSearchField(SearchField):
    """Search text from a program: what a person's search box forgives is refused instead,
    so that the program learns its text was not used as sent."""

    def to_python(self, value):
        value = forms.CharField.to_python(self, value)
        if len(value) > MAX_QUERY_LENGTH:
            raise ValidationError(
                _("Search text may be at most %(max)s characters long."),
                params={"max": MAX_QUERY_LENGTH},
                code="max_length",
            )
        if any(unicodedata.category(char)[0] == "C" for char in value):
            raise ValidationError(
                _("Search text may not contain control or invisible characters."), code="invalid"
            )
        return clean_text(value)


class ForPrograms:
    """Mix into a listing's FilterSet to give programs (the open data API) the same filters
    with the same meanings, minus what only a page needs: facets are computed only for the
    filters in use, to refuse unknown slugs, never counted for the others; search text is
    checked strictly (StrictSearchField).

        class SpeakerAPIFilter(ForPrograms, SpeakerFilter): ...
    """

    count_all_facets = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            if isinstance(filter_, SearchFilter):
                filter_.field_class = StrictSearchField


def for_programs(filterset_class):
    """`filterset_class` with ForPrograms mixed in."""
    return type(f"{filterset_class.__name__}ForPrograms", (ForPrograms, filterset_class), {})


class ListingProblem(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


class FacetedListView(FilterView):
    """A FilterView that always binds the query string and answers bad input with a message
    and a 4xx status: 400 for invalid filters or page numbers, 404 for a page past the end."""

    paginate_by = DEFAULT_PAGE_SIZE

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        self.object_list = self.filterset.queryset.none()
        if not self.filterset.is_valid():
            return self.problem(400, _("Some filters could not be understood."))
        self.object_list = self.filterset.qs
        try:
            context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        except ListingProblem as problem:
            return self.problem(problem.status, problem.message)
        return self.render_to_response(context)

    def problem(self, status, message):
        self.has_problem = True
        self.object_list = self.filterset.queryset.none()
        context = self.get_context_data(
            filter=self.filterset, object_list=self.object_list, problem=message
        )
        return self.render_to_response(context, status=status)

    def get_paginate_by(self, queryset):
        if getattr(self, "has_problem", False):
            return None
        raw = self.request.GET.get("per_page")
        if raw is None or raw == "":
            return self.paginate_by
        if raw not in {str(size) for size in PAGE_SIZES}:
            raise ListingProblem(
                400,
                _("Results per page can be 12, 24 or 48; “%(value)s” is none of these.")
                % {"value": clean_text(raw)[:20]},
            )
        return int(raw)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        if self.filterset.listing_counts:  # counted already, with the facets
            paginator.count = self.filterset.listing_counts[1]
        raw = self.request.GET.get("page") or "1"
        if not re.fullmatch(r"[0-9]{1,9}", raw) or int(raw) < 1:
            raise ListingProblem(
                400, _("“%(value)s” is not a page number.") % {"value": clean_text(raw)[:20]}
            )
        number = int(raw)
        if number > paginator.num_pages:
            raise ListingProblem(
                404,
                _("There is no page %(number)s: these results fill %(pages)s page(s).")
                % {"number": number, "pages": paginator.num_pages},
            )
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_sizes"] = PAGE_SIZES
        context["default_page_size"] = DEFAULT_PAGE_SIZE
        paginator = context.get("paginator")
        context["per_page"] = paginator.per_page if paginator else DEFAULT_PAGE_SIZE
        return context
