"""Hall maps: what the SVG plan of a hall draws (exhibitors/includes/hall_plan.html).

A booth is coloured by its exhibitor's first category, through one of `PALETTE_SIZE` classes
(`plan-c0` … in site.css): no style attribute, so the Content-Security-Policy needs no
`unsafe-inline`. A category keeps its colour on every map: its place among all categories.
"""

from dataclasses import dataclass, field

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

from .models import Booth, Category, Exhibitor, ExhibitorCategory, Hall

PALETTE_SIZE = 12


@dataclass
class Plan:
    hall: object
    booths: list
    legend: list = field(default_factory=list)
    highlighted: frozenset = frozenset()

    @property
    def highlighted_booths(self):
        return [booth for booth in self.booths if booth.highlighted]

    @property
    def view_box(self):
        return f"0 0 {self.hall.plan_width} {self.hall.plan_height}"


class Palette(dict):
    """{category pk: colour number}, with the categories themselves: one query."""

    def __init__(self):
        self.categories = {c.pk: c for c in Category.objects.order_by("order", "pk")}
        super().__init__((pk, n % PALETTE_SIZE) for n, pk in enumerate(self.categories))


palette = Palette


def with_exhibitors(booths, halls, colours):
    """`booths` (of `halls`), each with `exhibitor` if that one is published, else None (a plain
    booth), and `first_category`: two queries, joined by hall rather than by a list of ids
    (thousands of booths make a list too long for SQLite), reading only what a map shows."""
    booths = list(booths)
    shown = Exhibitor.objects.published().filter(booths__hall__in=halls).distinct()
    exhibitors = {e.pk: e for e in shown.only("pk", "slug", *localized("name"))}
    first = {}
    links = (
        ExhibitorCategory.objects.filter(exhibitor__booths__hall__in=halls)
        .order_by("exhibitor_id", "category__order", "category_id")
        .values_list("exhibitor_id", "category_id")
    )
    for exhibitor_id, category_id in links:
        first.setdefault(exhibitor_id, colours.categories.get(category_id))
    for booth in booths:
        booth.exhibitor = exhibitors.get(booth.exhibitor_id)
        booth.first_category = first.get(booth.exhibitor_id) if booth.exhibitor else None
    return booths


def localized(field):
    return [build_localized_fieldname(field, code) for code, _name in settings.LANGUAGES]


def plan(hall, booths=None, highlighted=(), colours=None):
    """The map of `hall`: its booths (from `Booth.objects.for_plan()`), each with `colour` (a
    number, or None for a booth with no published exhibitor or no category), `label` (its
    accessible name) and `highlighted`; and the legend of the categories drawn.
    `highlighted` holds exhibitor pks."""
    colours = palette() if colours is None else colours
    if booths is None:
        booths = with_exhibitors(Booth.objects.filter(hall=hall).for_plan(), [hall], colours)
    highlighted = frozenset(highlighted)
    legend = {}
    drawn = []
    for booth in booths:
        booth.hall = hall  # its code is shown without the hall's: no query per booth
        exhibitor = booth.exhibitor
        booth.colour = None
        booth.highlighted = bool(exhibitor and exhibitor.pk in highlighted)
        category = getattr(booth, "first_category", None)
        if exhibitor is not None and category is not None:
            booth.colour = colours.get(category.pk, 0)
            legend.setdefault(category.pk, (category, booth.colour))
        drawn.append(booth)
    return Plan(
        hall=hall,
        booths=drawn,
        legend=[
            {"category": category, "colour": colour}
            for category, colour in sorted(
                legend.values(), key=lambda item: (item[0].order, item[0].pk)
            )
        ],
        highlighted=highlighted,
    )


def plans_for(exhibitor_pks):
    """The maps of the halls where these exhibitors have booths, in hall order, each with their
    booths highlighted: five queries whatever the number of halls and booths."""
    exhibitor_pks = list(exhibitor_pks)
    halls = list(
        Hall.objects.filter(booths__exhibitor__in=exhibitor_pks, plan_width__isnull=False)
        .distinct()
        .order_by("order", "code")
    )
    if not halls:
        return []
    by_hall = {hall.pk: [] for hall in halls}
    colours = palette()
    booths = Booth.objects.filter(hall__in=halls).for_plan()
    for booth in with_exhibitors(booths, halls, colours):
        by_hall[booth.hall_id].append(booth)
    return [plan(hall, by_hall[hall.pk], exhibitor_pks, colours) for hall in halls]
