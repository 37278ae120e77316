"""Spreadsheet columns for exhibitors, products and booths: what the admin imports and exports
(the rules every sheet follows: directory/resources.py)."""

from django.core.exceptions import ValidationError
from import_export import fields, widgets
from import_export.instance_loaders import ModelInstanceLoader

from directory.resources import DirectoryResource, KeyListWidget, KeyWidget, bilingual_columns

from .models import Booth, Category, Exhibitor, Hall, Product


class ExhibitorResource(DirectoryResource):
    categories = fields.Field(
        attribute="categories", column_name="categories", widget=KeyListWidget(Category)
    )
    hall = fields.Field(attribute="hall", column_name="hall", widget=KeyWidget(Hall, "code"))
    non_field_column = "booth"

    class Meta:
        model = Exhibitor
        fields = bilingual_columns(
            Exhibitor,
            [
                "slug",
                "name",
                "tagline",
                "description",
                "website",
                "country",
                "categories",
                "hall",
                "booth",
                "is_featured",
                "sponsor_level",
                "is_published",
            ],
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("hall").prefetch_related("categories")


class ProductResource(DirectoryResource):
    exhibitor = fields.Field(
        attribute="exhibitor", column_name="exhibitor", widget=KeyWidget(Exhibitor, "slug")
    )

    class Meta:
        model = Product
        fields = bilingual_columns(
            Product,
            ["slug", "name", "exhibitor", "description", "premiere", "order", "is_published"],
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("exhibitor")


class BoothResource(DirectoryResource):
    """Booth geometry: one row per booth, matched on hall and code, so a corrected sheet moves
    booths in place. A booth outside its hall's plan, or overlapping another booth of its hall
    (stored, or placed by an earlier row), is refused, and so is an unknown hall or exhibitor
    or an outline (`points`) that is not one. A row with an outline may leave x, y, width and
    height empty: they become the rectangle around it."""

    hall = fields.Field(attribute="hall", column_name="hall", widget=KeyWidget(Hall, "code"))
    exhibitor = fields.Field(
        attribute="exhibitor", column_name="exhibitor", widget=KeyWidget(Exhibitor, "slug")
    )
    x = fields.Field(attribute="x", column_name="x", widget=widgets.IntegerWidget())
    y = fields.Field(attribute="y", column_name="y", widget=widgets.IntegerWidget())
    width = fields.Field(attribute="width", column_name="width", widget=widgets.IntegerWidget())
    height = fields.Field(attribute="height", column_name="height", widget=widgets.IntegerWidget())
    non_field_column = "code"

    class Meta:
        model = Booth
        import_id_fields = ["hall", "code"]
        instance_loader_class = ModelInstanceLoader  # the cached one takes one key column
        fields = ["hall", "code", "exhibitor", "x", "y", "width", "height", "points"]

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("hall", "exhibitor")

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:  # an unknown hall: a new booth, whose hall column says what is wrong
            return None

    def import_instance(self, instance, row, **kwargs):
        # Booths that earlier rows move are checked where those rows put them, not as stored.
        instance.replaced = self.plan.replaced
        super().import_instance(instance, row, **kwargs)

    def check_against_plan(self, instance, errors):
        """Booths that earlier rows of the file place in the same hall must not overlap it."""
        if "code" not in errors and instance.hall_id and None not in (instance.x, instance.y):
            others = [
                other.code
                for other in self.plan.at(("hall", instance.hall_id))
                if other is not instance and instance.overlaps(other)
            ]
            if others:
                errors["code"] = [ValidationError(Booth.overlap_message(others[:3]))]

    def add_to_plan(self, instance, new, row):
        super().add_to_plan(instance, new, row)
        self.plan.put(instance, [("hall", instance.hall_id)])
