"""Content in English and Chinese: search in both, sort and slug Chinese names by pinyin.

The translated fields themselves are registered with django-modeltranslation in each app's
`translation.py`. These helpers live here, in the app every other app may depend on
(speakers → exhibitors).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname, get_language, get_translation_fields

from .collation import romanize, sort_key

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def translated_fields(model):
    """The names of the model's fields that exist in both languages (none if not registered)."""
    if model not in translator.get_registered_models():
        return {}
    return translator.get_options_for_model(model).all_fields


def translations(obj, field):
    """The object's own values of a translated field, {"en": …, "zh-hans": …}, without fallback."""
    return {code: getattr(obj, build_localized_fieldname(field, code)) for code in LANGUAGE_CODES}


def columns_by_preference(field):
    """A translated field's columns, the active language's first: ["name_zh_hans", "name_en"]."""
    active = get_language()
    languages = [active, *(code for code in LANGUAGE_CODES if code != active)]
    return [build_localized_fieldname(field, code) for code in languages]


def first_translation(obj, field):
    """The value in the first language that has one (English before Chinese), else ""."""
    return next((value for value in translations(obj, field).values() if value), "")


def in_language(obj, field, language):
    """The value in `language`, else in the other language, else ""."""
    return translations(obj, field)[language] or first_translation(obj, field)


def list_separator():
    """What the active language writes between the items of a list: ", "; "、"."""
    return pgettext("between the items of a list, such as names", ", ")


def join_list(items):
    """Items of a list (names, categories) in one line, punctuated as the active language
    writes it: "Li Qiang, Andrew Yao" in English, "李强、姚期智" in Chinese."""
    return list_separator().join(map(str, items))


def join_phrases(parts, separator=None):
    """The parts of one description (a position and an organization; a room, a floor and a
    building) in one line, the empty ones left out: "CEO, Huawei"; "首席执行官，华为".
    `separator`, when given, is `phrase_separator()` already looked up (exports join
    thousands)."""
    separator = phrase_separator() if separator is None else separator
    return separator.join(str(part) for part in parts if part)


def phrase_separator():
    """What the active language writes between the parts of one description."""
    return pgettext("between the parts of an affiliation or a place", ", ")


def html_lang(code):
    """A language code as HTML's `lang` and `hreflang` write it (BCP 47): "zh-hans" → "zh-Hans"."""
    language, *subtags = code.split("-")
    return "-".join([language, *(tag.title() if len(tag) == 4 else tag for tag in subtags)])


def fallback_language(obj, field):
    """The language (as `lang` writes it) of the value `obj.<field>` shows when it is not the
    active language, else "".

    Pages mark such a value with `lang="…"` and a discreet note that it is not translated.
    """
    if field not in translated_fields(type(obj)):
        return ""
    values = translations(obj, field)
    active = get_language()
    if active not in values or values[active] or not getattr(obj, field):
        return ""
    shown = getattr(obj, field)
    return html_lang(next(code for code, value in values.items() if value == shown))


def slugify_name(text, person=False):
    """A readable slug for a name in any script: "李强" → "li-qiang", "Zhipu AI" → "zhipu-ai"."""
    return slugify(re.sub(r"[_\s]+", " ", romanize(text, person)))


def unique_slug(obj, text, person=False):
    """`slugify_name(text)`, with -2, -3 … added when another row of the model has it already."""
    max_length = obj._meta.get_field("slug").max_length
    base = (slugify_name(text, person) or obj._meta.model_name)[: max_length - 6].strip("-")
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


def is_required(field):
    return field.editable and not field.blank


class Bilingual:
    """Mixin for a model with translated fields (registered in its app's `translation.py`).

    - A required translated field may be given in either language: `clean()` asks for one of
      them, so a Chinese-only name (李强) is as valid as an English-only one.
    - A model with a translated `sort_name` (a `collation.SortKeyField`) gets one per language
      on saving: `collation.sort_key` of the name in that language, else in the other. Listings
      order by the active language's (`collation.by_name()`), so an English page sorts
      "Andrew Chi-Chih Yao" under A and a Chinese page sorts 姚期智 under Y.
    - A blank slug is made from the `slug_source` field, by `clean()` (forms) and by `save()`
      (code): the admin's slug prepopulation is JavaScript that drops Chinese characters, and
      imports may bring Chinese-only names, so "李强" gets the readable slug "li-qiang".
      Models naming a person set `names_a_person`, so that surnames are read as surnames.
    """

    slug_source = "name"
    names_a_person = False

    def clean(self):
        super().clean()
        missing = {
            build_localized_fieldname(field, LANGUAGE_CODES[0]): _(
                "Enter this in English or in Chinese (or both)."
            )
            for field in translated_fields(type(self))
            if is_required(self._meta.get_field(field)) and not first_translation(self, field)
        }
        if missing:
            raise ValidationError(missing)
        self.fill_slug()

    def save(self, *args, **kwargs):
        self.fill_slug()
        self.fill_sort_names()
        super().save(*args, **kwargs)

    def fill_sort_names(self):
        """Bulk writes skip `save()`: they call this for each object themselves."""
        if "sort_name" in translated_fields(type(self)):
            max_length = self._meta.get_field("sort_name").max_length
            for language in LANGUAGE_CODES:
                name = in_language(self, "name", language)
                key = sort_key(name, person=self.names_a_person)[:max_length]
                setattr(self, build_localized_fieldname("sort_name", language), key)

    def fill_slug(self):
        if self.slug_source and not self.slug:
            name = first_translation(self, self.slug_source)
            self.slug = unique_slug(self, name, person=self.names_a_person)


def localized_lookups(model, path):
    """The lookups for `path` in every language: "products__name" → products__name_en, …_zh_hans.

    Paths whose last field is not translated come back unchanged.
    """
    *relations, field = path.split("__")
    target = model
    for relation in relations:
        target = target._meta.get_field(relation).related_model
    prefix = "".join(f"{relation}__" for relation in relations)
    if field in translated_fields(target):
        return [prefix + name for name in get_translation_fields(field)]
    return [path]
