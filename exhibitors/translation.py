"""Which exhibitor fields exist in English and Chinese (django-modeltranslation).

Each field listed gets `<field>_en` and `<field>_zh_hans` columns; `<field>` reads the visitor's
language and falls back to the other one (settings.MODELTRANSLATION_FALLBACK_LANGUAGES).
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Category, Exhibitor, Hall, Product


@register(Hall)
class HallTranslationOptions(TranslationOptions):
    fields = ["name", "building", "description"]


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ["name", "description", "sort_name"]


@register(Exhibitor)
class ExhibitorTranslationOptions(TranslationOptions):
    fields = ["name", "tagline", "description", "sort_name"]


@register(Product)
class ProductTranslationOptions(TranslationOptions):
    fields = ["name", "description"]
