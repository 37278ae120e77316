"""A–Z in both languages, the same on SQLite and PostgreSQL.

Neither database can sort names the way readers expect: SQLite compares code points ("AMD"
before "AgiBot", Chinese after Latin) and has no ICU; PostgreSQL sorts by whatever collation the
server was set up with. So each name gets a stored sort key per language, made here in Python
(`sort_key`): lower case, without accents, Chinese as toneless pinyin, numbers compared as
numbers. The key columns (`SortKeyField`) compare byte by byte on both databases, so an index
serves the order and both give exactly the same one. Listings order by the active language's
key (`NameKey`), resolved when the query runs, not when a view's class-level queryset was made.
"""

import re
import unicodedata

from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, get_language

NUMBER_WIDTH = 8
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")  # Chinese characters


# Surnames read differently from the same character in words, where pypinyin's reading is right
# for words but wrong for a person: 曾毅 is Zeng Yi, not Ceng Yi.
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou", "查": "zha",
    "盖": "ge", "缪": "miao", "覃": "qin", "翟": "zhai", "秘": "bi", "员": "yun", "种": "chong",
    "折": "she", "召": "shao", "繁": "po", "隗": "wei",
}  # fmt: skip


def romanize(text, person=False):
    """Chinese characters as toneless pinyin, everything else kept: "李强" → "li qiang".

    With `person=True` the text is a person's name, surname first, read as a surname.
    pypinyin loads its dictionaries on import (most of a second), so only for Chinese text.
    """
    if not HAN.search(text):
        return " ".join(text.split())
    from pypinyin import lazy_pinyin

    surname = SURNAME_READINGS.get(text[:1]) if person else None
    syllables = [surname, *lazy_pinyin(text[1:])] if surname else lazy_pinyin(text)
    return " ".join(" ".join(syllables).split())


def sort_key(text, person=False):
    """The key that sorts `text` A–Z among names in any script, in either language.

    "Émile" → "emile", "AMD" → "amd", "阿里巴巴" → "a li ba ba", "Hall 10" → "hall 00000010".
    Words (and Chinese syllables) are compared one by one, so every 李 (li) comes before 连
    (lian); anything but letters and digits separates words. `person`: as for `romanize`.
    """
    decomposed = unicodedata.normalize("NFKD", romanize(text, person))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    plain = re.sub(r"[\W_]+", " ", plain).strip()
    return re.sub(r"\d+", lambda number: number[0].zfill(NUMBER_WIDTH), plain)


class SortKeyField(models.CharField):
    """A sort key column that compares byte by byte: SQLite's default (BINARY), and PostgreSQL's
    "C" collation, whatever the database's own collation is. (Code point order of UTF-8 text.)"""

    def __init__(self, verbose_name=None, **kwargs):
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
        kwargs.setdefault(
            "help_text", _("The name as listings sort it, Chinese as pinyin. Set on saving.")
        )
        super().__init__(verbose_name or _("sort name"), **kwargs)

    def db_parameters(self, connection):
        parameters = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            parameters["collation"] = "C"
        return parameters


@deconstructible(path="directory.collation.NameKey")
class NameKey(models.F):
    """A translated field in the language active when the query runs: `NameKey("sort_name")` is
    `sort_name_zh_hans` on a Chinese page. (django-modeltranslation rewrites "sort_name" in
    `Meta.ordering` to a column when the queryset is created: a view's class-level queryset is
    created at import, in English.)"""

    def __init__(self, name="sort_name"):
        super().__init__(name)

    def resolve_expression(self, *args, **kwargs):
        column = build_localized_fieldname(self.name, get_language())
        return models.F(column).resolve_expression(*args, **kwargs)


def by_name():
    """The ordering of listings by name: the active language's sort key, then the primary key
    for names with the same key."""
    return [NameKey().asc(), "pk"]


def name_key(obj):
    """What `by_name()` orders `obj` by, for sorting in Python: an object with a translated
    `sort_name`, in the active language."""
    return (getattr(obj, build_localized_fieldname("sort_name", get_language())) or "", obj.pk)


def in_name_order(objects):
    """Objects with a translated `sort_name`, fetched in some other order, in the active
    language's A–Z (the same order `by_name()` gives in SQL)."""
    return sorted(objects, key=name_key)


def fill_sort_keys(model, person=False, batch_size=500):
    """Write the sort keys of every row of `model` (a migration's historical model, which has
    none of the models' methods): the name in each language, else in the other (English
    first), as `Bilingual.fill_sort_names` does on saving."""
    from .bilingual import LANGUAGE_CODES

    max_length = model._meta.get_field("sort_name").max_length
    key_fields = [build_localized_fieldname("sort_name", code) for code in LANGUAGE_CODES]
    name_fields = [build_localized_fieldname("name", code) for code in LANGUAGE_CODES]
    rows = list(model._base_manager.all())
    for row in rows:
        names = [getattr(row, field) or "" for field in name_fields]
        fallback = next((name for name in names if name), "")
        for field, name in zip(key_fields, names, strict=True):
            setattr(row, field, sort_key(name or fallback, person=person)[:max_length])
        row.sort_name = getattr(row, key_fields[0])
    model._base_manager.bulk_update(rows, [*key_fields, "sort_name"], batch_size=batch_size)
