"""Who exhibits at WAIC, what they show, and where."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from directory.addresses import slug_address, view_address
from directory.bilingual import Bilingual
from directory.collation import SortKeyField, by_name
from directory.images.fields import CleanImageField, RandomName
from directory.search import SearchQuerySet

from . import geometry

PUBLISHED = Q(is_published=True)


class Hall(Bilingual, models.Model):
    code = models.CharField(
        _("code"),
        max_length=10,
        unique=True,
        help_text=_("Short code printed on the venue signs and used in booth codes, e.g. H1."),
    )
    name = models.CharField(_("name"), max_length=120)
    building = models.CharField(
        _("building"),
        max_length=160,
        blank=True,
        help_text=_("e.g. Shanghai World Expo Exhibition & Convention Center."),
    )
    description = models.TextField(_("description"), blank=True)
    floor_plan = CleanImageField(
        _("floor plan"),
        upload_to=RandomName("halls"),
        presets=["floor-plan"],
        width_field="floor_plan_width",
        height_field="floor_plan_height",
        blank=True,
        help_text=_("Optional plan of the hall shown to attendees. JPEG, PNG, WebP or GIF."),
    )
    floor_plan_width = models.PositiveIntegerField(_("floor plan width"), null=True, editable=False)
    floor_plan_height = models.PositiveIntegerField(
        _("floor plan height"), null=True, editable=False
    )
    plan_width = models.PositiveIntegerField(
        _("plan width"),
        null=True,
        blank=True,
        help_text=_(
            "Width of the hall's map in plan units (e.g. metres); booths are placed on it by "
            "their x, y, width and height in the same units. Leave empty for no map."
        ),
    )
    plan_height = models.PositiveIntegerField(
        _("plan height"), null=True, blank=True, help_text=_("Depth of the hall's map, ditto.")
    )
    plan_areas = models.JSONField(
        _("plan areas"),
        default=list,
        blank=True,
        help_text=_(
            'Entrances and theme areas drawn on the map: a list of {"kind": "entrance" or '
            '"area", "label": "…", "label_zh": "…", "x": 0, "y": 0, "width": 10, "height": 4}.'
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Halls are listed by this number, lowest first.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    slug_source = None  # halls are known by their code

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("hall")
        verbose_name_plural = _("halls")

    def __str__(self):
        return f"{self.code} · {self.name}"

    def get_absolute_url(self):
        return view_address("exhibitors:exhibitor_list") + f"?hall={self.code}"

    def get_map_url(self):
        return reverse("exhibitors:hall_detail", kwargs={"code": self.code})

    @property
    def label(self):
        """The hall as signs name it: "Hall H1"; "H1 馆"."""
        return _("Hall %(code)s") % {"code": self.code}

    @property
    def has_plan(self):
        return bool(self.plan_width and self.plan_height)

    def clean(self):
        super().clean()
        if bool(self.plan_width) != bool(self.plan_height):
            raise ValidationError(_("Give the plan both a width and a height, or neither."))
        self.plan_areas = self.plan_areas or []
        if not isinstance(self.plan_areas, list) or not all(
            isinstance(area, dict)
            and area.get("kind") in PLAN_AREA_KINDS
            and all(isinstance(area.get(key), int) and area[key] >= 0 for key in RECTANGLE)
            and area["width"] > 0
            and area["height"] > 0
            for area in self.plan_areas
        ):
            raise ValidationError(
                {
                    "plan_areas": _(
                        'Each area needs a "kind" ("entrance" or "area") and whole numbers '
                        '"x", "y", "width" and "height" (width and height above 0).'
                    )
                }
            )

    def areas(self):
        """The plan's entrances and theme areas with their label in the page's language."""
        chinese = (get_language() or "").startswith("zh")
        return [
            {
                **area,
                "label": (area.get("label_zh") if chinese else None) or area.get("label", ""),
            }
            for area in self.plan_areas or []
            if isinstance(area, dict)
        ]


RECTANGLE = ("x", "y", "width", "height")
PLAN_AREA_KINDS = ("entrance", "area")


class Category(Bilingual, models.Model):
    name = models.CharField(_("name"), max_length=120)
    sort_name = SortKeyField(max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Categories are listed by this number, lowest first.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["order", *by_name()]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return view_address("exhibitors:exhibitor_list") + f"?category={self.slug}"


class SponsorLevel(models.TextChoices):
    NONE = "", _("None")
    STRATEGIC = "strategic", _("Strategic partner")
    DIAMOND = "diamond", _("Diamond sponsor")
    GOLD = "gold", _("Gold sponsor")
    SILVER = "silver", _("Silver sponsor")


class ExhibitorQuerySet(SearchQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def featured(self):
        """The published exhibitors the home page features: in English A–Z in every language,
        so that the first few are the same ones on every page."""
        return self.published().filter(is_featured=True).order_by("sort_name_en", "pk")

    def for_listing(self):
        return self.select_related("hall").prefetch_related("categories")

    def for_detail(self):
        """Everything the exhibitor's page shows about itself; its speakers come from
        `exhibitor.speakers.published()` (the speakers app owns them)."""
        return self.for_listing().prefetch_related(
            models.Prefetch(
                "products", queryset=Product.objects.listed(), to_attr="published_products"
            )
        )


class Exhibitor(Bilingual, models.Model):
    name = models.CharField(_("name"), max_length=200)
    sort_name = SortKeyField(max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_(
            "The end of the exhibitor's address on the site, /exhibitors/…/. Avoid changing it."
        ),
    )
    logo = CleanImageField(
        _("logo"),
        upload_to=RandomName("exhibitors/logos"),
        presets=["logo-card", "logo-detail"],
        width_field="logo_width",
        height_field="logo_height",
        blank=True,
        help_text=_("JPEG, PNG, WebP or GIF; shown fitted, never cropped."),
    )
    logo_width = models.PositiveIntegerField(_("logo width"), null=True, editable=False)
    logo_height = models.PositiveIntegerField(_("logo height"), null=True, editable=False)
    tagline = models.CharField(
        _("tagline"), max_length=200, blank=True, help_text=_("One line shown on listing cards.")
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    country = CountryField(_("country"), blank=True)
    categories = models.ManyToManyField(
        Category,
        through="ExhibitorCategory",
        related_name="exhibitors",
        blank=True,
        verbose_name=_("categories"),
        help_text=_("Exhibition zones or industries this exhibitor belongs to."),
    )
    hall = models.ForeignKey(
        Hall,
        on_delete=models.PROTECT,
        related_name="exhibitors",
        null=True,
        blank=True,
        verbose_name=_("hall"),
    )
    booth = models.CharField(
        _("booth"),
        max_length=20,
        blank=True,
        help_text=_("Booth code as printed in the hall, e.g. H1-A01. Unique within a hall."),
    )
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Featured exhibitors are shown first.")
    )
    sponsor_level = models.CharField(
        _("sponsor level"), max_length=20, choices=SponsorLevel, blank=True, default=""
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Only published exhibitors are visible to attendees."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ExhibitorQuerySet.as_manager()

    # What the search box looks in (directory/search/): these fields, and those of the
    # exhibitor's products that `Product.objects.listed()` gives.
    search_fields = ["name", "tagline", "description", "booth"]
    search_related = {
        "products": ("listed", ["name", "description"]),
        "booths": ("all", ["code"]),
    }

    class Meta:
        ordering = by_name()
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        constraints = [
            models.UniqueConstraint(
                fields=["hall", "booth"],
                condition=~Q(booth=""),
                name="exhibitor_booth_unique_in_hall",
                violation_error_message=_("Another exhibitor already has this booth in this hall."),
            ),
            models.CheckConstraint(
                condition=Q(booth="") | Q(hall__isnull=False),
                name="exhibitor_booth_needs_hall",
                violation_error_message=_("A booth needs a hall."),
            ),
        ]
        # Partial indexes over published rows, the only ones listings read: one per filter,
        # facet count and sort order of the exhibitor listing (their plans are checked by
        # `manage.py explain_listings`). `sort_name` is translated: one per language.
        indexes = [
            # The listing's hall, country and featured counts and its total, in one pass over
            # this index (`FacetedFilterSet.listing_counts`, which groups by these columns).
            models.Index(
                fields=["hall", "country", "is_featured"],
                condition=PUBLISHED,
                name="exhibitor_pub_facets_idx",
            ),
            models.Index(
                fields=["sort_name_en"], condition=PUBLISHED, name="exhibitor_pub_sort_en_idx"
            ),
            models.Index(
                fields=["sort_name_zh_hans"], condition=PUBLISHED, name="exhibitor_pub_sort_zh_idx"
            ),
            models.Index(
                fields=["-is_featured", "sort_name_en"],
                condition=PUBLISHED,
                name="exhibitor_pub_feat_en_idx",
            ),
            models.Index(
                fields=["-is_featured", "sort_name_zh_hans"],
                condition=PUBLISHED,
                name="exhibitor_pub_feat_zh_idx",
            ),
            models.Index(
                fields=["hall", "booth"], condition=PUBLISHED, name="exhibitor_pub_hall_booth_idx"
            ),
            models.Index(fields=["country"], condition=PUBLISHED, name="exhibitor_pub_country_idx"),
            # Featured exhibitors: the facet's count and the home page (SQLite cannot seek on a
            # true/false column alone).
            models.Index(
                fields=["sort_name_en"],
                condition=PUBLISHED & Q(is_featured=True),
                name="exhibitor_featured_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_address("exhibitors:exhibitor_detail", self.slug)

    @property
    def booth_number(self):
        """The booth within its hall, as its sign says: "A01" for booth "H1-A01" in hall H1."""
        return self.booth.removeprefix(f"{self.hall.code}-") if self.hall_id else self.booth

    @property
    def booth_label(self):
        """The booth as signs name it: "Booth A01"; "A01 展位"."""
        return _("Booth %(number)s") % {"number": self.booth_number} if self.booth else ""

    @property
    def location(self):
        """Hall and booth as attendees read them on the signs: "Hall H1 · Booth A01";
        "H1 馆 · A01 展位"."""
        if not self.hall_id:
            return ""
        return " · ".join(part for part in (self.hall.label, self.booth_label) if part)


class ExhibitorCategory(models.Model):
    """An exhibitor's place in a category; a category still in use cannot be deleted."""

    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.CASCADE, related_name="category_links"
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="exhibitor_links",
        verbose_name=_("category"),
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(
                fields=["exhibitor", "category"],
                name="exhibitor_category_once",
                violation_error_message=_("This exhibitor is already in this category."),
            ),
        ]
        # The category filter and facet go from categories to exhibitors.
        indexes = [models.Index(fields=["category", "exhibitor"], name="exhibitorcat_cat_exh_idx")]

    def __str__(self):
        return str(self.category)


class Booth(models.Model):
    """A booth on a hall's plan: a rectangle in the plan's units, (x, y) its top left corner."""

    hall = models.ForeignKey(
        Hall, on_delete=models.CASCADE, related_name="booths", verbose_name=_("hall")
    )
    code = models.CharField(
        _("code"),
        max_length=20,
        help_text=_("Booth code as printed in the hall, e.g. H1-A01. Unique within a hall."),
    )
    exhibitor = models.ForeignKey(
        Exhibitor,
        on_delete=models.SET_NULL,
        related_name="booths",
        null=True,
        blank=True,
        verbose_name=_("exhibitor"),
        help_text=_("Who exhibits here; an exhibitor may have several booths."),
    )
    # Blank only for a booth with an outline, whose bounding box they become (clean()).
    x = models.PositiveIntegerField(_("x"), blank=True, help_text=_("From the plan's left edge."))
    y = models.PositiveIntegerField(_("y"), blank=True, help_text=_("From the plan's top edge."))
    width = models.PositiveIntegerField(_("width"), blank=True)
    height = models.PositiveIntegerField(_("height"), blank=True)
    points = models.CharField(
        _("outline"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Optional, for a booth that is not a rectangle (an L-shaped corner booth, say): its "
            'corners in plan units, in order around it, as "x,y" pairs separated by spaces, '
            'e.g. "0,0 20,0 20,10 10,10 10,20 0,20". The map draws this outline, and x, y, '
            "width and height become the rectangle around it; change x or y alone to move it."
        ),
    )

    search_fields = ["code"]  # an exhibitor is found by any of its booths' codes

    # Booths whose stored place an import is changing: not counted as overlapping
    # (exhibitors/resources.py checks the file's own rows).
    replaced = frozenset()

    class Meta:
        ordering = ["hall__order", "hall__code", "code"]
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        constraints = [
            models.UniqueConstraint(
                fields=["hall", "code"],
                name="booth_code_unique_in_hall",
                violation_error_message=_("This hall already has a booth with this code."),
            ),
            models.CheckConstraint(
                condition=Q(width__gt=0) & Q(height__gt=0),
                name="booth_has_an_area",
                violation_error_message=_("A booth needs a width and a height above 0."),
            ),
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return self.hall.get_map_url() + f"#booth-{self.code}"

    @property
    def number(self):
        """The booth within its hall, as its sign says: "A01" for booth "H1-A01"."""
        return self.code.removeprefix(f"{self.hall.code}-") if self.hall_id else self.code

    def overlapping(self):
        """The other booths of this hall that share some area with this one: those whose
        rectangles (an outline's bounding box) overlap, then, where either has an outline, those
        whose shapes really do (exhibitors/geometry.py)."""
        return [other for other in self.boxes_overlapping() if self.overlaps(other)]

    def boxes_overlapping(self):
        """The other booths of this hall whose rectangles overlap this one's."""
        return (
            Booth.objects.filter(hall_id=self.hall_id)
            .exclude(pk=self.pk)
            .exclude(pk__in=self.replaced)
            .filter(
                x__lt=self.x + self.width,
                y__lt=self.y + self.height,
                x__gt=self.x - F("width"),
                y__gt=self.y - F("height"),
            )
        )

    def overlaps(self, other):
        boxes_overlap = (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )
        if not boxes_overlap or not (self.points or other.points):
            return boxes_overlap
        return geometry.overlap(self.shape(), other.shape())

    def shape(self):
        """The booth's corners: its outline's, else its rectangle's."""
        if self.points:
            try:
                return geometry.parse(self.points)
            except geometry.BadOutline:
                pass  # clean() refuses it; until then the rectangle stands for it
        return geometry.rectangle(self.x, self.y, self.width, self.height)

    @staticmethod
    def overlap_message(codes):
        return _("This booth overlaps booth %(codes)s in the same hall.") % {
            "codes": ", ".join(codes)
        }

    @classmethod
    def from_db(cls, db, field_names, values):
        booth = super().from_db(db, field_names, values)
        booth.stored_points = booth.__dict__.get("points")  # clean() tells a move from a redraw
        return booth

    def clean(self):
        super().clean()
        self.clean_points()
        missing = [name for name in RECTANGLE if getattr(self, name) is None]
        if missing:
            raise ValidationError(
                {
                    name: _("Give the booth x, y, width and height, or an outline.")
                    for name in missing
                }
            )
        if not self.hall_id:
            return
        if self.width <= 0 or self.height <= 0:
            return  # the constraint says so
        hall = self.hall
        if hall.has_plan and (
            self.x + self.width > hall.plan_width or self.y + self.height > hall.plan_height
        ):
            raise ValidationError(
                _("This booth lies outside its hall's plan (%(width)s × %(height)s).")
                % {"width": hall.plan_width, "height": hall.plan_height}
            )
        others = [other.code for other in self.overlapping()[:3]]
        if others:
            raise ValidationError(self.overlap_message(others))

    def clean_points(self):
        """An outline, written tidily, and the rectangle around it as the booth's x, y, width
        and height. An outline that is not being changed moves with x and y: a booth is moved
        the same way with an outline or without."""
        self.points = (self.points or "").strip()
        if not self.points:
            return
        try:
            corners = geometry.parse(self.points)
        except geometry.BadOutline as error:
            message = OUTLINE_ERRORS[str(error)] % {"count": geometry.MAX_POINTS}
            raise ValidationError({"points": message}) from None
        left, top, _width, _height = geometry.bounding_box(corners)
        unchanged = geometry.write(corners) == getattr(self, "stored_points", None)
        if unchanged and None not in (self.x, self.y):
            corners = [(x + self.x - left, y + self.y - top) for x, y in corners]
        self.points = geometry.write(corners)
        self.x, self.y, self.width, self.height = geometry.bounding_box(corners)


OUTLINE_ERRORS = {
    "format": _(
        'Write the outline as corners "x,y" in whole plan units separated by spaces, '
        'e.g. "0,0 20,0 20,10 10,10 10,20 0,20".'
    ),
    "count": _("An outline needs at least 3 and at most %(count)s corners."),
    "shape": _("This outline crosses itself or has no area: give its corners in order around it."),
}


class Premiere(models.TextChoices):
    NONE = "", _("No premiere")
    WORLD = "world", _("World premiere")
    CHINA = "china", _("China premiere")


class ProductQuerySet(SearchQuerySet):
    def listed(self):
        """The products exhibitors list: published ones. Whether their exhibitor is visible is
        for the exhibitors' query to say (this one joins no exhibitor)."""
        return self.filter(is_published=True)

    def published(self):
        """Published products of published exhibitors: what attendees may see on their own."""
        return self.filter(exhibitor__is_published=True).listed()

    def premieres(self):
        """Products shown for the first time at WAIC, in the world or in China."""
        return self.exclude(premiere="")

    def for_listing(self):
        return self.select_related("exhibitor")


class Product(Bilingual, models.Model):
    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.CASCADE, related_name="products", verbose_name=_("exhibitor")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    image = CleanImageField(
        _("image"),
        upload_to=RandomName("exhibitors/products"),
        presets=["product-card"],
        width_field="image_width",
        height_field="image_height",
        blank=True,
        help_text=_("JPEG, PNG, WebP or GIF; shown fitted, never cropped."),
    )
    image_width = models.PositiveIntegerField(_("image width"), null=True, editable=False)
    image_height = models.PositiveIntegerField(_("image height"), null=True, editable=False)
    premiere = models.CharField(
        _("premiere"),
        max_length=10,
        choices=Premiere,
        blank=True,
        default="",
        help_text=_("Whether WAIC is where this exhibit is shown for the first time."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProductQuerySet.as_manager()

    search_fields = ["name", "description"]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        indexes = [
            # The exhibitor listing's "has a premiere" filter and facet.
            models.Index(
                fields=["exhibitor"],
                condition=PUBLISHED & ~Q(premiere=""),
                name="product_pub_premiere_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.exhibitor.get_absolute_url() + f"#product-{self.slug}"
