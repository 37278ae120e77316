"""Hall maps: what the SVG plan of a hall draws (exhibitors/includes/hall_plan.html, with the
booths written by exhibitors/templatetags/hall_plans.py).

A booth is coloured by its exhibitor's first category, through one of `PALETTE_SIZE` classes
(`c0` … in site.css): no style attribute, so the Content-Security-Policy needs no
`unsafe-inline`. A category keeps its colour on every map: its place among all categories.

A hall holds thousands of booths, so the map reads plain rows (`values_list`) rather than model
instances, and works out each exhibitor's address and name once: a model instance, a
`reverse()` and a translated-field lookup per booth cost more than the rest of the page.
"""

from dataclasses import dataclass, field
from html import escape

from django.db.models import OuterRef, Subquery
from django.urls import reverse

from directory.bilingual import columns_by_preference

from .models import Booth, Category, Exhibitor, ExhibitorCategory, Hall

PALETTE_SIZE = 12
SLUG = "slug-of-the-exhibitor"  # replaced by each exhibitor's slug in its address


@dataclass(frozen=True, slots=True)
class Shown:
    """A published exhibitor as a map names it (`href` and `label`: its address and name
    escaped for HTML, once for all the places a page writes them)."""

    pk: int
    url: str
    name: str
    category: int | None  # its first category's pk; None: no category or not coloured
    colour: int | None
    href: str
    label: str


@dataclass(frozen=True, slots=True)
class Spot:
    """A booth as a map draws it: its rectangle, or its polygon when it has one."""

    code: str
    number: str  # the code without the hall's: "A01"
    x: int
    y: int
    width: int
    height: int
    points: str
    exhibitor: Shown | None  # None: free, or its exhibitor is a draft
    highlighted: bool


@dataclass
class Plan:
    hall: object
    booths: list
    legend: list = field(default_factory=list)
    # False on the small maps of `plans_for`, where a booth without its exhibitor may be
    # another's: every booth but the highlighted ones is drawn alike there, none as free.
    names_every_booth: bool = True

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


def shown_exhibitors(exhibitors, colours=None):
    """{pk: Shown} of the published ones of `exhibitors` (a queryset): one query, with the first
    category read by a subquery where the map is coloured (`colours`)."""
    rows = Exhibitor.objects.published().filter(pk__in=exhibitors.values("pk")).order_by()
    names = columns_by_preference("name")
    rows = rows.values_list("pk", "slug", *names)
    if colours is not None:
        first_category = (
            ExhibitorCategory.objects.filter(exhibitor=OuterRef("pk"))
            .order_by("category__order", "category_id")
            .values("category_id")[:1]
        )
        rows = rows.annotate(first_category=Subquery(first_category))
    address = reverse("exhibitors:exhibitor_detail", kwargs={"slug": SLUG})
    shown = {}
    for pk, slug, *values in rows:
        url = address.replace(SLUG, slug)
        name = next((name for name in values[: len(names)] if name), "")
        category = values[len(names)] if colours is not None else None
        colour = colours.get(category) if colours is not None else None
        shown[pk] = Shown(pk, url, name, category, colour, escape(url), escape(name))
    return shown


def booth_rows(halls):
    """(hall pk, code, x, y, width, height, points, exhibitor pk) of the booths in `halls`."""
    return (
        Booth.objects.filter(hall__in=halls)
        .order_by()
        .values_list("hall_id", "code", "x", "y", "width", "height", "points", "exhibitor_id")
    )


def plan(hall, rows=None, highlighted=(), colours=None, exhibitors=None):
    """The map of `hall`: its booths in code order, each with its exhibitor if published and
    whether it is `highlighted` (exhibitor pks); and the legend of the categories drawn.
    Three queries for one hall, every booth named and coloured; `plans_for` passes what it
    read for several halls, where only the highlighted booths are named."""
    every_booth_named = rows is None
    if every_booth_named:
        colours = palette()
        rows = booth_rows([hall])
        exhibitors = shown_exhibitors(Exhibitor.objects.filter(booths__hall=hall), colours)
    highlighted = frozenset(highlighted)
    prefix = f"{hall.code}-"
    booths = []
    drawn = set()
    for _hall, code, x, y, width, height, points, exhibitor_pk in sorted(rows, key=by_code):
        exhibitor = exhibitors.get(exhibitor_pk)
        if exhibitor is not None:
            drawn.add(exhibitor.category)
        booths.append(
            Spot(
                code=code,
                number=code.removeprefix(prefix),
                x=x,
                y=y,
                width=width,
                height=height,
                points=points,
                exhibitor=exhibitor,
                highlighted=exhibitor is not None and exhibitor_pk in highlighted,
            )
        )
    legend = [
        {"category": category, "colour": colours[pk]}
        for pk, category in (colours.categories.items() if colours is not None else ())
        if pk in drawn
    ]
    return Plan(hall=hall, booths=booths, legend=legend, names_every_booth=every_booth_named)


def by_code(row):
    return row[1]


def plans_for(exhibitor_pks):
    """The maps of the halls where these exhibitors have booths, in hall order, each with their
    booths highlighted and named, the other booths only drawn (uncoloured: a small map says
    where, the hall's page what): three queries whatever the number of halls and booths."""
    exhibitor_pks = list(exhibitor_pks)
    halls = list(
        Hall.objects.filter(booths__exhibitor__in=exhibitor_pks, plan_width__isnull=False)
        .distinct()
        .order_by("order", "code")
    )
    if not halls:
        return []
    exhibitors = shown_exhibitors(Exhibitor.objects.filter(pk__in=exhibitor_pks))
    by_hall = {hall.pk: [] for hall in halls}
    for row in booth_rows(halls):
        by_hall[row[0]].append(row)
    return [plan(hall, by_hall[hall.pk], exhibitor_pks, None, exhibitors) for hall in halls]
