"""The exhibitor listing's filters, as they appear in shared links: ?category=robotics&hall=H2."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from directory.collation import by_name
from directory.listing.facets import (
    Option,
    counts_by_value,
    options_from_countries,
    options_from_pk_counts,
)
from directory.listing.filters import (
    ChoicesFilter,
    CodesFilter,
    FacetedFilterSet,
    FlagFilter,
    RecordsFilter,
    SearchFilter,
    SlugsFilter,
    slugs_of,
)

from .models import Category, Exhibitor, ExhibitorCategory, Hall, Premiere, Product


def has_premiere():
    """Exhibitors with a published product premiering at WAIC: `IN` the few such products'
    exhibitors, which a small partial index lists once per query (an EXISTS would probe it
    for each of thousands of exhibitors)."""
    return Q(pk__in=Product.objects.listed().premieres().values("exhibitor"))


class ExhibitorFilter(FacetedFilterSet):
    q = SearchFilter(label=_("Search"), method="search")
    category = SlugsFilter(
        label=_("Category"),
        plural=_("categories"),
        method="in_categories",
        values=slugs_of(Category.objects),
    )
    hall = CodesFilter(
        label=_("Hall"),
        plural=_("halls"),
        field_name="hall__code",
        values=slugs_of(Hall.objects, "code"),
    )
    country = ChoicesFilter(label=_("Country"), plural=_("countries"), choices=countries)
    featured = FlagFilter(label=_("Featured"), field_name="is_featured")
    premiere = FlagFilter(label=_("Has a premiere"), method="with_premiere")
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        empty_label=None,
        choices=[
            ("name", _("A–Z")),
            ("featured", _("Featured first")),
            ("hall", _("By hall and booth")),
        ],
        method="sort_by",
        widget=forms.Select(attrs={"data-default": "name"}),
        error_messages={
            "invalid_choice": _(
                "There is no sort order “%(value)s”. Choose name (A–Z), featured (featured"
                " first) or hall (by hall and booth)."
            )
        },
    )

    facet_names = ("category", "hall", "country", "featured", "premiere")
    quick_facets = ("hall", "category")
    grouped_facets = {"hall": "hall", "country": "country", "featured": "is_featured"}
    counted_conditions = {"premiere": has_premiere}
    # A hall keeps a quarter of the exhibitors, China (most of WAIC's) more. For a smaller
    # country a scan would be a little faster (3 ms at ten times WAIC's size); for China the
    # index is 10 ms faster.
    broad_filters = ("hall", "country")

    def in_categories(self, queryset, name, value):
        links = ExhibitorCategory.objects.filter(category__slug__in=value)
        return queryset.filter(pk__in=links.values("exhibitor"))

    def with_premiere(self, queryset, name, value):
        return queryset.filter(has_premiere()) if value else queryset

    def sort_by(self, queryset, name, value):
        if value == "featured":
            return queryset.order_by("-is_featured", *by_name())
        if value == "hall":
            return queryset.order_by(
                F("hall__order").asc(nulls_last=True), "hall__code", "booth", *by_name()
            )
        return queryset.order_by(*by_name())

    def facet_category(self, base, selected):
        # One GROUP BY over the links of the listed exhibitors, which the database finds once
        # per query (`IN` a subquery that does not depend on the link): a test per link would
        # repeat the search text's substring scan for each of thousands of links.
        links = ExhibitorCategory.objects.filter(exhibitor__in=base.values("pk"))
        counts = counts_by_value(links, "category")
        return options_from_pk_counts(Category.objects.all(), counts, selected)

    def facet_hall(self, base, selected):
        counts = self.counts_by("hall", base)
        return options_from_pk_counts(Hall.objects.all(), counts, selected, value="code")

    def facet_country(self, base, selected):
        return options_from_countries(self.counts_by("country", base), selected)

    def facet_featured(self, base, selected):
        count = self.counts_by("featured", base)[True]
        return [Option("true", _("Featured exhibitors"), count, bool(selected))]

    def facet_premiere(self, base, selected):
        count = self.counts_by("premiere", base)[True]
        return [Option("true", _("World or China premiere"), count, bool(selected))]


class ProductFilter(django_filters.FilterSet):
    """Products, for the open data API: ?exhibitor=deepmind&premiere=world."""

    q = SearchFilter(label=_("Search"), method="search")
    exhibitor = RecordsFilter(
        label=_("Exhibitor"),
        field_name="exhibitor__slug",
        queryset=Exhibitor.objects.published(),
        error_messages={"invalid_choice": _("There is no exhibitor “%(value)s”.")},
    )
    premiere = ChoicesFilter(
        label=_("Premiere"),
        choices=Premiere.choices[1:],
        error_messages={
            "invalid_choice": _("There is no premiere “%(value)s”. Choose world or china.")
        },
    )

    def search(self, queryset, name, value):
        return queryset.search(value) if value else queryset
