"""Spreadsheet columns for exhibitors and products: what the admin imports and exports
(the rules every sheet follows: directory/resources.py)."""

from import_export import fields

from directory.resources import DirectoryResource, KeyListWidget, KeyWidget, bilingual_columns

from .models import Category, Exhibitor, Hall, Product


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
