"""The faceted listing's FilterSet and the filters every listing declares.

A listing is a `FacetedFilterSet` (what may be filtered, and how many results each option would
give) shown by a `FacetedListView` (directory/listing/views.py).

Facet counts: for each facet, one aggregate query over the listing's rows with every OTHER active
filter applied, so an option's count is what the attendee gets by ticking it. The same query
checks that the selected slugs exist: an unknown slug is a form error, not an empty page, and
its message says which values there are ("Choose one of the 12 countries listed.").
"""

import keyword
from collections import Counter
from datetime import date, time

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from drf_spectacular.utils import extend_schema_field

from .facets import Chip, Facet, counts_by_value
from .fields import (
    SLUG,
    CodeListField,
    DayField,
    FlagField,
    RecordListField,
    SearchField,
    SlugListField,
    StrictFlagField,
    StrictSearchField,
    StrictTimeField,
    TimeOfDayField,
    quoted,
)


class SearchFilter(django_filters.CharFilter):
    """The search box, declared `SearchFilter(method="search")`: the FilterSet searches."""

    field_class = SearchField


# How the open data API documents these filters (OpenAPI; drf-spectacular reads this): repeat
# the parameter for several values, ?hall=H1&hall=H2.
SLUGS_SCHEMA = {"type": "array", "items": {"type": "string", "pattern": SLUG.pattern}}


class Named:
    """A faceted filter's name in messages, besides its label: `plural=_("countries")`, for
    "Choose one of the 12 countries listed."."""

    def __init__(self, *args, plural=None, **kwargs):
        self.plural = plural
        super().__init__(*args, **kwargs)


def slugs_of(manager_or_queryset, field="slug"):
    """`SlugsFilter(values=...)`: the slugs (or codes) of these records, read when asked."""
    return manager_or_queryset.values_list(field, flat=True).order_by(field)


@extend_schema_field(SLUGS_SCHEMA)
class SlugsFilter(Named, django_filters.Filter):
    """Rows whose `field_name` is one of the given slugs (several values widen the result).
    With `method=`, the method receives the list of slugs."""

    field_class = SlugListField

    def __init__(self, *args, values=None, **kwargs):
        """`values`: a queryset of the slugs that name something (`values_list(..., flat=True)`),
        the ones the facet accepts; the open data API's document lists them."""
        self.values = values
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(**{f"{self.field_name}__in": value})


class CodesFilter(SlugsFilter):
    """A SlugsFilter for upper-case codes (halls' H1), read so whatever their case."""

    field_class = CodeListField


class DayFilter(django_filters.DateFilter):
    """A day of the event, `days=` a callable giving them: `day=2025-07-26`."""

    field_class = DayField


class TimeOfDayFilter(django_filters.TimeFilter):
    field_class = TimeOfDayField


@extend_schema_field(SLUGS_SCHEMA)
class RecordsFilter(django_filters.ModelMultipleChoiceFilter):
    """Rows related to any of the records of `queryset` named by their slugs; a slug naming
    none of them is a form error. For filters without facets (facets check their own slugs)."""

    field_class = RecordListField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)

    @property
    def values(self):
        return self.queryset.values_list(self.extra["to_field_name"], flat=True)


class ChoicesFilter(Named, django_filters.MultipleChoiceFilter):
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
    # Facets whose options the page also offers as one row of links above the results, on
    # phones: the filters people use most.
    quick_facets = ()
    quick_options = 8
    # False: facets only for the filters in use, to check their values exist (see ForPrograms).
    count_all_facets = True
    # A program asks (the API, ForPrograms), not a person: no explanations beyond the document.
    for_programs = False

    @classmethod
    def get_filters(cls):
        """The filters by query parameter. One named after a Python keyword is declared with a
        trailing underscore, PEP 8's way: `from_ = TimeFilter(...)` is the parameter `from`."""
        filters = {}
        for name, filter_ in super().get_filters().items():
            stem = name.removesuffix("_")
            filters[stem if keyword.iskeyword(stem) else name] = filter_
        return filters

    def queryset_without(self, name):
        """The listing filtered by every active filter but `name`'s: the rows facet `name`
        counts. While `name` is not in use, that is the listing itself, filtered once."""
        if not self.selected(name):
            return self.qs
        queryset = self.queryset.all()
        for other, value in self.form.cleaned_data.items():
            if other == name:
                continue
            filter_ = self.filters[other]
            if isinstance(filter_, SearchFilter) and value:
                # Not through the filter: the search is told which filter is left out.
                queryset = self.search(queryset, other, value, leaving_out=name)
            else:
                queryset = filter_.filter(queryset, value)
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
        return counts_by_value(base, self.grouped_facets[name])

    def search(self, queryset, name, value, leaving_out=None):
        """The search box (`SearchFilter(method="search")`), through the full-text index when
        it alone narrows the listing, by scanning when other filters do; `leaving_out`, a
        filter `queryset_without` leaves out of these rows, narrows nothing.

        Every facet count repeats the search. The index lists every match, which for a common
        word is thousands of rows, in each of those queries; other filters (except broad ones)
        narrow the rows through their own indexes first, leaving a scan of the text only few
        to read."""
        others = set(self.form.cleaned_data) - {name, leaving_out, *self.not_chips}
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

    def facet_selection(self, name):
        """The values chosen for facet `name`, or None when its field is in error for
        anything but unknown values (a malformed day, too many values). With unknown values
        (code "invalid_choice": a country that does not exist, a slug of another shape), the
        well-formed ones, so that the facet checks them all and reports every unknown one."""
        errors = self.form.errors.as_data().get(name)
        if not errors:
            return self.selected(name)
        if any(error.code != "invalid_choice" for error in errors):
            return None
        field = self.form.fields[name]
        return [value for value in self.raw_values(name) if field.valid_value(value)]

    def raw_values(self, name):
        """The values given for facet `name` to check: for a list of slugs or choices, each
        value as its field reads it (h1 as H1), once, valid or not; else the cleaned value
        (a tick box's "false" is no value)."""
        field = self.form.fields[name]
        if not isinstance(field, forms.MultipleChoiceField):
            return self.selected(name)
        values = field.to_python(self.form[name].value())
        return list(dict.fromkeys(str(value) for value in values if value not in (None, "")))

    @cached_property
    def facets(self):
        """The facets, with their options and counts. With errors in the form, the filters
        in error are left out of every count, so the page still lists what may be chosen."""
        if not self.is_bound:
            return []
        facets = []
        for name in self.facet_names:
            filter_ = self.filters[name]
            selected = self.facet_selection(name)
            checked = selected is not None
            given = checked and bool(self.raw_values(name))
            if not (given or self.count_all_facets):
                continue
            options = getattr(self, f"facet_{name}")(self.queryset_without(name), selected or [])
            facets.append(
                Facet(
                    name,
                    filter_.label,
                    options,
                    multiple=isinstance(filter_.field, forms.MultipleChoiceField | FlagField),
                    listed=name not in self.unlisted_facets,
                    plural=getattr(filter_, "plural", None),
                    checked=checked,
                )
            )
        return facets

    def is_valid(self):
        """The form's checks, then: every selected value names something that exists. Every
        unknown value of every facet is reported, each with what may be chosen instead."""
        if not self.is_bound:
            return False
        if not hasattr(self, "_checked"):
            self._checked = True
            for facet in self.facets:
                if not facet.checked:
                    continue
                known = {option.value for option in facet.options}
                unknown = [value for value in self.raw_values(facet.name) if value not in known]
                if unknown:
                    self.form.errors.pop(facet.name, None)  # Django's "Select a valid choice."
                    for value in unknown:
                        self.form.add_error(facet.name, self.unknown_value(facet, value))
            self.check_form()
            errors, order = self.form.errors, list(self.form.fields)
            for name in sorted(errors, key=lambda name: order.index(name) if name in order else 0):
                errors[name] = errors.pop(name)  # in the filters' order, as the page lists them
        return not self.form.errors

    def check_form(self):
        """Checks across filters, for subclasses: add errors to `self.form`."""

    def unknown_value(self, facet, value):
        name, value = str(facet.label).lower(), quoted(value)
        listed = [option for option in facet.options if option.count]
        if not (facet.listed and facet.plural and listed):
            message = _("There is no %(filter)s “%(value)s”.")
            return ValidationError(message, code="unknown", params={"filter": name, "value": value})
        message = ngettext(
            "There is no %(filter)s “%(value)s”. Choose the %(filter)s listed.",
            "There is no %(filter)s “%(value)s”. Choose one of the %(count)s %(plural)s listed.",
            len(listed),
        )
        params = {"filter": name, "value": value, "count": len(listed), "plural": facet.plural}
        return ValidationError(message, code="unknown", params=params)

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
        """Each active filter value with the query string that removes just that value. A
        facet's values are its selected options: an unknown value is never a chip."""
        chips = []
        facets = {facet.name: facet for facet in self.facets}
        for name in self.filters:
            if name in self.not_chips:
                continue
            if name in facets:
                values = [(option.value, option.label) for option in facets[name].selected_options]
            elif name in self.form.cleaned_data:
                flag = isinstance(self.form.cleaned_data[name], bool)
                values = [(value, "" if flag else value) for value in self.selected(name)]
            else:
                continue
            label = self.filters[name].label
            for value, text in values:
                text = f"{label}: {text}" if text else label
                chips.append(Chip(str(text), self.query_without(name, value)))
        return chips

    def quick_filters(self):
        """The options of `quick_facets` as links that choose them (or, chosen, drop them):
        those with results, the `quick_options` with the most per facet, the chosen ones first;
        a long facet's (countries, tracks) by how many results they give, most first."""
        links = []
        facets = {facet.name: facet for facet in self.facets}
        for facet in (facets[name] for name in self.quick_facets if name in facets):
            top = facet.top_options[: self.quick_options]
            if facet.is_long:
                top = sorted(top, key=lambda option: -option.count)
            for option in sorted(top, key=lambda option: not option.selected):
                if not (option.count or option.selected):
                    continue
                if option.selected:
                    query = self.query_without(facet.name, option.value)
                else:
                    query = self.query_with(facet.name, option.value)
                links.append(Chip(option.label, query, option.selected))
        return links

    def query_with(self, name, value):
        query = self.data.copy() if isinstance(self.data, QueryDict) else QueryDict(mutable=True)
        query.pop("page", None)
        if isinstance(self.form.fields[name], forms.MultipleChoiceField):
            query.appendlist(name, value)
        else:
            query[name] = value
        return query.urlencode()

    def query_without(self, name, value):
        query = self.data.copy() if isinstance(self.data, QueryDict) else QueryDict(mutable=True)
        query.pop("page", None)
        field = self.form.fields[name]
        if isinstance(field, forms.MultipleChoiceField):
            kept = [item for item in query.getlist(name) if field.to_python([item]) != [value]]
            query.setlist(name, kept)
        else:
            query.pop(name, None)
        return query.urlencode()


class ForPrograms:
    """Mix into a listing's FilterSet to give programs (the open data API) the same filters
    with the same meanings, minus what only a page needs: facets are computed only for the
    filters in use, to refuse unknown slugs, never counted for the others; search text is
    checked strictly (StrictSearchField), and so are tick boxes and times (exactly what the
    API's document says).

        class SpeakerAPIFilter(ForPrograms, SpeakerFilter): ...
    """

    count_all_facets = False
    for_programs = True
    strict_fields = {
        SearchFilter: StrictSearchField,
        FlagFilter: StrictFlagField,
        django_filters.TimeFilter: StrictTimeField,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            for kind, field_class in self.strict_fields.items():
                if isinstance(filter_, kind):
                    filter_.field_class = field_class


def for_programs(filterset_class):
    """`filterset_class` with ForPrograms mixed in."""
    return type(f"{filterset_class.__name__}ForPrograms", (ForPrograms, filterset_class), {})
