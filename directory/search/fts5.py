"""Substring search that stays fast at scale on SQLite: FTS5 indexes with the trigram tokenizer.

Models list what their visitors search in `search_fields` (translated fields stand for their
columns in every language). On SQLite each such model gets a full-text table over those columns,
`<table>_fts`, which SQLite itself keeps up to date with triggers on the model's table — so
`bulk_create`, `update()` and raw SQL are covered, not only `save()`. A search of three
characters or more is then a trigram phrase query that an index answers: the rows whose column
contains the text, case-insensitively, in English and in Chinese alike, exactly as `icontains`.
Shorter texts (two Chinese characters, say) have no trigram and fall back to `icontains`.

The tables and triggers are (re)created after every `migrate` (`ensure_indexes`, connected to
post_migrate): Django's SQLite schema editor rebuilds a table to alter it, which drops its
triggers; the index is then rebuilt from the table. PostgreSQL uses trigram indexes instead
(directory/search/trigram.py), with the same results.
"""

from functools import cache

from django.apps import apps
from django.db import connection, connections
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from modeltranslation.utils import get_translation_fields

from directory.bilingual import localized_lookups, translated_fields

TRIGRAM = 3  # the shortest text an index lookup can answer


@cache
def fts5_available():
    """Whether this Python's SQLite has FTS5 with the trigram tokenizer (SQLite 3.34 or later)."""
    import sqlite3

    try:
        with sqlite3.connect(":memory:") as probe:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='trigram')")
    except sqlite3.Error:
        return False
    return True


def searched_models():
    return [model for model in apps.get_models() if getattr(model, "search_fields", None)]


def columns(model, fields=None):
    """The database columns of `fields` (default: the model's `search_fields`), every language."""
    translated = translated_fields(model)
    names = []
    for field in fields or model.search_fields:
        names.extend(get_translation_fields(field) if field in translated else [field])
    return [model._meta.get_field(name).column for name in names]


def index_table(model):
    return f"{model._meta.db_table}_fts"


def phrase(text):
    """`text` as an FTS5 phrase: every character literal (quotes doubled), in this order."""
    return '"' + text.replace('"', '""') + '"'


def indexed(text, index=True):
    """Whether a search for `text` is answered by the full-text indexes here. `index=False`
    asks for a scan instead: see `FacetedFilterSet.search`."""
    return index and connection.vendor == "sqlite" and len(text) >= TRIGRAM and fts5_available()


def having(rows, field, text, index=True):
    """A Q object for the rows of the outer query that `rows`, the results of a search for
    `text` in a related model, point at through `field`.

    Where the full-text index finds them, `IN` their list, which SQLite computes once per query;
    otherwise an EXISTS per outer row, which reads only the rows the listing's other filters
    leave, instead of scanning every related row for the substring."""
    if indexed(text, index):
        return Q(pk__in=rows.values(field))
    return Q(Exists(rows.filter(**{field: OuterRef("pk")})))


def search_q(model, paths, text, index=True):
    """A Q object matching rows whose `paths` contain `text` (case-insensitive), in any language:
    through SQLite's full-text index where it can answer (`match_q`), else with
    `icontains` (which PostgreSQL's trigram indexes answer)."""
    if (indexed := match_q(model, paths, text, index)) is not None:
        return indexed
    condition = Q()
    for path in paths:
        for lookup in localized_lookups(model, path):
            condition |= Q(**{f"{lookup}__icontains": text})
    return condition


def match_q(model, paths, text, index=True):
    """A Q object for the rows whose `paths` contain `text`, answered by the full-text index,
    or None where it cannot be: not SQLite, no index for these fields, or too short a text.

    `paths` are fields of `model` or of one related model (["speaker__name"])."""
    if not indexed(text, index):
        return None
    relations = {path.rpartition("__")[0] for path in paths}
    if len(relations) != 1:
        return None
    relation = relations.pop()
    target = model
    for step in filter(None, relation.split("__")):
        target = target._meta.get_field(step).related_model
    fields = [path.rpartition("__")[2] for path in paths]
    if not set(fields) <= set(getattr(target, "search_fields", ())):
        return None
    table = index_table(target)
    query = phrase(text)
    if set(fields) != set(target.search_fields):
        query = "{" + " ".join(columns(target, fields)) + "} : " + query
    rows = RawSQL(f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s', [query])
    return Q(**{f"{relation}__in" if relation else "pk__in": rows})


def statements(model):
    """{name: CREATE statement} of the model's full-text table and the triggers that keep it."""
    table, index, pk = model._meta.db_table, index_table(model), model._meta.pk.column
    names = columns(model)
    listed = ", ".join(f'"{name}"' for name in names)
    new = ", ".join(f'new."{name}"' for name in names)
    old = ", ".join(f'old."{name}"' for name in names)
    remove = (
        f'INSERT INTO "{index}"("{index}", rowid, {listed}) VALUES (\'delete\', old."{pk}", {old});'
    )
    add = f'INSERT INTO "{index}"(rowid, {listed}) VALUES (new."{pk}", {new});'
    on = f'ON "{table}" BEGIN'
    return {
        index: (
            f'CREATE VIRTUAL TABLE "{index}" USING fts5({listed}, content="{table}", '
            f"content_rowid=\"{pk}\", tokenize='trigram')"
        ),
        f"{index}_insert": f'CREATE TRIGGER "{index}_insert" AFTER INSERT {on} {add} END',
        f"{index}_delete": f'CREATE TRIGGER "{index}_delete" AFTER DELETE {on} {remove} END',
        f"{index}_update": (
            f'CREATE TRIGGER "{index}_update" AFTER UPDATE OF {listed} {on} {remove} {add} END'
        ),
    }


def ensure_index(model, using="default"):
    """Create what is missing or outdated of the model's full-text table and triggers; rebuild
    the index from the table if anything was. Returns whether it rebuilt."""
    wanted = statements(model)
    index = index_table(model)
    with connections[using].cursor() as cursor:
        names = [*wanted, model._meta.db_table]
        placeholders = ", ".join(["%s"] * len(names))
        cursor.execute(f"SELECT name, sql FROM sqlite_master WHERE name IN ({placeholders})", names)
        found = dict(cursor.fetchall())
        if model._meta.db_table not in found:  # migrated backwards, past the model's table
            return False
        outdated = [name for name, sql in wanted.items() if found.get(name) != sql]
        if not outdated:
            return False
        if index in outdated and index in found:
            cursor.execute(f'DROP TABLE "{index}"')
        for name in outdated:
            if name != index:
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
            cursor.execute(wanted[name])
        cursor.execute(f'INSERT INTO "{index}"("{index}") VALUES (\'rebuild\')')
    return True


def ensure_indexes(sender, using="default", **kwargs):
    """post_migrate receiver: the full-text tables of the migrated app's models."""
    if connections[using].vendor != "sqlite" or not fts5_available():
        return
    for model in searched_models():
        if model._meta.app_config is sender:
            ensure_index(model, using)
