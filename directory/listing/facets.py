"""What a listing's filter panel shows: facets, their options with counts, and active chips.

Facet methods of a `FacetedFilterSet` build their options with the `options_from_…` helpers
here, named for what they build from, out of counts made in one GROUP BY each
(`counts_by_value`) rather than a subquery per option.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django_countries import countries

from directory.bilingual import columns_by_preference
from directory.collation import sort_key

TOP_OPTIONS = 8  # a long facet shows these first, the others behind "Show all"


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
    plural: str = None  # the filter's name for several options: "countries"
    checked: bool = True  # False: its values are not checked (its field is in error)

    @property
    def selected_options(self):
        return [option for option in self.options if option.selected]

    @property
    def is_long(self):
        """More options than a filter column shows at first: the others behind "Show all"."""
        return len(self.options) > TOP_OPTIONS

    @cached_property
    def top_options(self):
        """The `TOP_OPTIONS` options with the most results (and the selected ones), in the
        facet's order."""
        ranked = sorted(self.options, key=lambda option: (not option.selected, -option.count))
        top = {id(option) for option in ranked[:TOP_OPTIONS]}
        return [option for option in self.options if id(option) in top]

    @property
    def more_options(self):
        top = {id(option) for option in self.top_options}
        return [option for option in self.options if id(option) not in top]

    def option_rows(self):
        return self.rows(self.options)

    def top_option_rows(self):
        return self.rows(self.top_options)

    def more_option_rows(self):
        return self.rows(self.more_options)

    def rows(self, options):
        """Tick boxes (or radio buttons) of `options` as HTML, built here rather than in a
        template loop: a listing may offer hundreds of options (500 rooms at ten times WAIC's
        size), and Django's template engine (or even `format_html` for each) takes tens of
        milliseconds for them. Every value is escaped as `{{ }}` would; counts are plain
        integers (the site does not group digits, USE_THOUSAND_SEPARATOR is off)."""
        kind = "checkbox" if self.multiple else "radio"
        name = escape(self.name)
        rows = []
        for option in options:
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
    query: str  # the query string without this value (with it, for a quick filter not chosen)
    selected: bool = True


def options_from_annotated_rows(rows, selected, value="slug"):
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


def counts_by_value(rows, field):
    """{value of `field`: how many of `rows` have it}, from one GROUP BY: a single pass over the
    listing, and over its search text, however many options there are. (A subquery per option
    repeats that pass for each: 500 rooms at ten times WAIC's size.)"""
    return Counter(dict(rows.order_by().values_list(field).annotate(count=Count("pk"))))


def options_from_pk_counts(rows, counts, selected, value="slug", label=None):
    """Options from model rows and their counts by primary key, {pk: count} (such as
    `counts_by_value` over a foreign key); rows without results are dropped unless selected.
    With `label`, a translated field, the rows are read as plain values in the active language
    (else the other), not as model objects: for facets with hundreds of options, such as 500
    rooms at ten times WAIC's size."""
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


def options_from_choices(counts, choices, selected):
    """Options for a field with choices, in the choices' order, from its counts by value,
    {value: count}; values without results are dropped unless selected."""
    return [
        Option(value, str(label), counts.get(value, 0), value in selected)
        for value, label in choices
        if counts.get(value) or value in selected
    ]


def options_from_countries(counts, selected):
    """Options for a country field (django-countries), A–Z by the countries' names in the active
    language, as every list ordered by name: `collation.sort_key`, so 中国 (zhong guo) comes
    after 美国 (mei guo), and "Côte d'Ivoire" among the C's."""
    options = options_from_choices(counts, countries, selected)
    return sorted(options, key=lambda option: (sort_key(option.label), option.value))


def options_from_day_counts(counts, selected):
    """Options from counts by Shanghai day, {date: count}, in date order; a chosen day without
    results stays, with 0, so the page explains the empty result instead of refusing it."""
    counts = dict(counts)
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
