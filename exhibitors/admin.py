from copy import copy

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ALL_VAR, ERROR_FLAG, ORDER_VAR, PAGE_VAR
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect, QueryDict
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from directory.admin import (
    HTTPS_URL_FIELDS,
    BilingualAdmin,
    BilingualStackedInline,
    DirectoryAdmin,
    RecordAdmin,
    TabularInline,
    flag_action,
    publish,
    thumbnail,
    unpublish,
)

from .models import Booth, Category, Exhibitor, ExhibitorCategory, Hall, Product
from .plans import plan
from .resources import BoothResource, ExhibitorResource, ProductResource
from .signs import exhibitors_signs, hall_signs, unknown_selection


def count_of(model, field):
    """How many rows of `model` point at the outer row by `field`, as a subquery."""
    rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)
    counted = rows.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


feature = flag_action("is_featured", True, "feature", _("Feature selected"))
unfeature = flag_action("is_featured", False, "unfeature", _("Stop featuring selected"))


@admin.register(Hall)
class HallAdmin(RecordAdmin, BilingualAdmin):
    list_display = ["code", "name", "building", "order", "exhibitor_count", "booth_count"]
    list_editable = ["order"]
    search_fields = ["code", "name", "building"]
    change_form_template = "admin/exhibitors/hall/change_form.html"
    readonly_fields = ["plan_preview"]

    def get_queryset(self, request):
        # A subquery for each count: counting both over joins multiplies a hall's exhibitors
        # by its booths (4 million rows for a hall of 2,000, seconds for each page).
        return (
            super()
            .get_queryset(request)
            .annotate(
                num_exhibitors=count_of(Exhibitor, "hall"),
                num_booths=count_of(Booth, "hall"),
            )
        )

    def get_urls(self):
        signs = path(
            "<path:object_id>/signs/",
            self.admin_site.admin_view(self.signs_view),
            name="exhibitors_hall_signs",
        )
        return [signs, *super().get_urls()]

    def signs_view(self, request, object_id):
        """The hall's booth signs, one A4 page per booth, to print."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        hall = self.get_object_or_404(request, object_id)
        return hall_signs(request, hall, self.admin_site.each_context(request))

    @admin.display(description=_("exhibitors"), ordering="num_exhibitors")
    def exhibitor_count(self, obj):
        return obj.num_exhibitors

    @admin.display(description=_("booths"), ordering="num_booths")
    def booth_count(self, obj):
        return obj.num_booths

    @admin.display(description=_("plan with its booths"))
    def plan_preview(self, obj):
        """The hall's map as visitors see it, drawn from the saved booths; they are placed and
        moved by their coordinates in the booth list."""
        if not obj.pk:
            return "—"
        booths = reverse("admin:exhibitors_booth_changelist") + f"?hall__id__exact={obj.pk}"
        drawing = render_to_string(
            "exhibitors/includes/hall_plan.html",
            {"plan": plan(obj), "small": False, "links": False, "show_legend": False},
        )
        if not obj.has_plan:
            drawing = _("Give the plan a width and a height to draw it.")
        return format_html(
            '{}<p><a href="{}">{}</a></p>', drawing, booths, _("Place and move this hall's booths")
        )


@admin.register(Booth)
class BoothAdmin(DirectoryAdmin):
    resource_classes = [BoothResource]
    list_display = ["code", "hall", "exhibitor", "x", "y", "width", "height", "has_outline"]
    list_editable = ["x", "y", "width", "height"]
    list_filter = ["hall"]
    list_select_related = ["hall", "exhibitor"]
    search_fields = ["code", "exhibitor__name"]
    autocomplete_fields = ["hall", "exhibitor"]
    fields = ["hall", "code", "exhibitor", ("x", "y"), ("width", "height"), "points"]
    list_per_page = 100

    @admin.display(description=_("outline"), boolean=True)
    def has_outline(self, obj):
        return bool(obj.points)


# Longer addresses than this may be refused on the way (Gunicorn's request line is 4,094
# bytes, some proxies' 2,048): a selection that needs more is printed by its filters.
LONGEST_SIGNS_ADDRESS = 2000

# The changelist's own parameters that do not choose exhibitors: the signs page pages itself.
NOT_A_SELECTION = (PAGE_VAR, ALL_VAR, ORDER_VAR, ERROR_FLAG)


@admin.action(description=_("Print booth signs"), permissions=["view"])
def print_booth_signs(modeladmin, request, queryset):
    """The selected exhibitors' booth signs, on a page of their own that pages like a hall's:
    "select all" sends the changelist's filters and search there (a short address however many
    exhibitors they choose); ticked rows, at most a changelist page of them, their ids."""
    selection = request.GET.copy()
    for name in NOT_A_SELECTION:
        selection.pop(name, None)
    if request.POST.get("select_across") != "1":
        ids = queryset.order_by("pk").values_list("pk", flat=True)
        selection = QueryDict(mutable=True)
        selection["id__in"] = ",".join(map(str, ids))
    address = reverse("admin:exhibitors_exhibitor_signs")
    if selection:
        address += "?" + selection.urlencode(safe=",")
    if len(address) > LONGEST_SIGNS_ADDRESS:
        modeladmin.message_user(
            request,
            _(
                "Too many exhibitors are ticked to print at once: filter the list (by hall, say), "
                "then choose “Select all” and print their signs."
            ),
            messages.ERROR,
        )
        return None
    return HttpResponseRedirect(address)


@admin.register(Category)
class CategoryAdmin(RecordAdmin, BilingualAdmin):
    list_display = ["name", "slug", "order", "exhibitor_count"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_exhibitors=Count("exhibitors"))

    @admin.display(description=_("exhibitors"), ordering="num_exhibitors")
    def exhibitor_count(self, obj):
        return obj.num_exhibitors


class ExhibitorCategoryInline(TabularInline):
    model = ExhibitorCategory
    extra = 1
    autocomplete_fields = ["category"]


class ProductInline(BilingualStackedInline):
    model = Product
    extra = 0
    fields = [("name", "slug"), "description", ("image", "premiere"), ("order", "is_published")]
    prepopulated_fields = {"slug": ["name"]}
    show_change_link = True


@admin.register(Exhibitor)
class ExhibitorAdmin(DirectoryAdmin, BilingualAdmin):
    resource_classes = [ExhibitorResource]
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = [
        "logo_thumbnail",
        "name",
        "hall",
        "booth",
        "country",
        "is_featured",
        "sponsor_level",
        "is_published",
        "updated",
    ]
    list_display_links = ["logo_thumbnail", "name"]
    list_filter = [
        "is_published",
        "is_featured",
        "sponsor_level",
        "hall",
        "categories",
        ("country", CountryFilter),  # the countries exhibitors come from, not all 250
    ]
    list_select_related = ["hall"]
    search_fields = ["name", "slug", "tagline", "booth"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["hall"]
    readonly_fields = ["created_at", "updated_at"]
    actions = [publish, unpublish, feature, unfeature, print_booth_signs]
    inlines = [ExhibitorCategoryInline, ProductInline]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["name", "slug", "tagline", "logo", "is_published"]}),
        (_("Where"), {"fields": [("hall", "booth")]}),
        (_("About"), {"fields": ["description", "website", "country"]}),
        (_("Promotion"), {"fields": [("is_featured", "sponsor_level")]}),
        (_("History"), {"fields": [("created_at", "updated_at")], "classes": ["collapse"]}),
    ]

    def get_urls(self):
        signs = path(
            "signs/",
            self.admin_site.admin_view(self.signs_view),
            name="exhibitors_exhibitor_signs",
        )
        return [signs, *super().get_urls()]

    def signs_view(self, request):
        """The booth signs of the exhibitors that the changelist shows for the same filters,
        search or ids (`?id__in=3,5,8`): where the "Print booth signs" action sends them."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        # The changelist reads every parameter but its own as a filter: not the signs' page,
        # nor its own page of rows (all its rows are chosen).
        lookups = copy(request)
        lookups.GET = request.GET.copy()
        for name in ("page", *NOT_A_SELECTION):
            lookups.GET.pop(name, None)
        try:
            exhibitors = self.get_changelist_instance(lookups).queryset
        except IncorrectLookupParameters:
            return unknown_selection(request, self.admin_site.each_context(request))
        back = reverse("admin:exhibitors_exhibitor_changelist")
        if lookups.GET:
            back += "?" + lookups.GET.urlencode(safe=",")
        context = {**self.admin_site.each_context(request), "back": back}
        return exhibitors_signs(request, exhibitors, context)

    @admin.display(description=_("logo"))
    def logo_thumbnail(self, obj):
        return thumbnail(obj.logo, obj.name)

    @admin.display(description=_("updated"), ordering="updated_at")
    def updated(self, obj):
        """ "Wed 2 July, 14:05": a row of the changelist stays one or two lines high."""
        return date_format(timezone.localtime(obj.updated_at), "SHORT_DATETIME_FORMAT")


@admin.register(Product)
class ProductAdmin(DirectoryAdmin, BilingualAdmin):
    resource_classes = [ProductResource]
    list_display = ["image_thumbnail", "name", "exhibitor", "premiere", "is_published"]
    list_display_links = ["image_thumbnail", "name"]
    list_filter = ["is_published", "premiere", "exhibitor__hall"]
    list_select_related = ["exhibitor"]
    search_fields = ["name", "slug", "exhibitor__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["exhibitor"]
    readonly_fields = ["created_at", "updated_at"]
    actions = [publish, unpublish]
    list_per_page = 50

    @admin.display(description=_("image"))
    def image_thumbnail(self, obj):
        return thumbnail(obj.image, obj.name)
