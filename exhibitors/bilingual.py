"""Content in English and Chinese: search in both, sort and slug Chinese names by pinyin.

The translated fields themselves are registered with django-modeltranslation in each app's
`translation.py`. These helpers live here, in the app every other app may depend on
(speakers → exhibitors).
"""

import re
import unicodedata

from django.conf import settings
from django.db.models import Q
from django.utils.text import slugify
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname, get_language, get_translation_fields
from pypinyin import lazy_pinyin

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def translations(obj, field):
    """The object's own values of a translated field, {"en": …, "zh-hans": …}, without fallback."""
    return {code: getattr(obj, build_localized_fieldname(field, code)) for code in LANGUAGE_CODES}


def first_translation(obj, field):
    """The value in the first language that has one (English before Chinese), else ""."""
    return next((value for value in translations(obj, field).values() if value), "")


def fallback_language(obj, field):
    """The language of the value `obj.<field>` shows when it is not the active language, else "".

    Pages mark such a value with `lang="…"` and a discreet note that it is not translated.
    """
    values = translations(obj, field)
    active = get_language()
    if active not in values or values[active] or not getattr(obj, field):
        return ""
    shown = getattr(obj, field)
    return next(code for code, value in values.items() if value == shown)


def romanize(text):
    """Chinese characters as toneless pinyin, everything else kept: "李强" → "li qiang"."""
    return " ".join(" ".join(lazy_pinyin(text)).split())


def sort_name(text):
    """A key that sorts names A–Z across scripts: lower case, no accents, Chinese as pinyin."""
    decomposed = unicodedata.normalize("NFKD", romanize(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def slugify_name(text):
    """A readable slug for a name in any script: "李强" → "li-qiang", "Zhipu AI" → "zhipu-ai"."""
    return slugify(re.sub(r"[_\s]+", " ", romanize(text)))


def unique_slug(obj, text):
    """`slugify_name(text)`, with -2, -3 … added when another row of the model has it already."""
    max_length = obj._meta.get_field("slug").max_length
    base = (slugify_name(text) or obj._meta.model_name)[: max_length - 6].strip("-")
    taken = set(
        type(obj)
        ._default_manager.filter(slug__startswith=base)
        .exclude(pk=obj.pk)
        .values_list("slug", flat=True)
    )
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


class NamedInTwoLanguages:
    """Mixin for a model whose `slug_source` field is translated: a blank slug is made from it.

    The admin's slug prepopulation is JavaScript that drops Chinese characters, and imports may
    bring Chinese-only names: `clean()` (forms) and `save()` (code) both fill a blank slug with the
    pinyin of the name, so "李强" gets /speakers/li-qiang/.
    """

    slug_source = "name"

    def clean(self):
        super().clean()
        self.fill_slug()

    def save(self, *args, **kwargs):
        self.fill_slug()
        super().save(*args, **kwargs)

    def fill_slug(self):
        if not self.slug:
            self.slug = unique_slug(self, first_translation(self, self.slug_source))


def localized_lookups(model, path):
    """The lookups for `path` in every language: "products__name" → products__name_en, …_zh_hans.

    Paths whose last field is not translated come back unchanged.
    """
    *relations, field = path.split("__")
    target = model
    for relation in relations:
        target = target._meta.get_field(relation).related_model
    prefix = "".join(f"{relation}__" for relation in relations)
    if target in translator.get_registered_models() and field in (
        translator.get_options_for_model(target).all_fields
    ):
        return [prefix + name for name in get_translation_fields(field)]
    return [path]


def search_q(model, paths, text):
    """A Q object matching rows whose `paths` contain `text` (case-insensitive), in any language."""
    condition = Q()
    for path in paths:
        for lookup in localized_lookups(model, path):
            condition |= Q(**{f"{lookup}__icontains": text})
    return condition
