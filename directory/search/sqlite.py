"""Substring search that stays fast at scale on SQLite: FTS5 indexes with the trigram tokenizer.

Each model with `search_fields` gets a full-text table over those columns (in every language),
`<table>_fts`, which SQLite itself keeps up to date with triggers on the model's table — so
`bulk_create`, `update()` and raw SQL are covered, not only `save()`. A search of three
characters or more is then a trigram phrase query that the index answers (`match`): the rows
whose column contains the text, case-insensitively, in English and in Chinese alike, exactly as
`icontains`. Shorter texts (two Chinese characters, say) have no trigram: `answers` says no, and
the search tests each row with `icontains` (directory/search/__init__.py).

The tables and triggers are (re)created after every `migrate` (`ensure_indexes`, connected to
post_migrate in directory/apps.py): Django's SQLite schema editor rebuilds a table to alter it,
which drops its triggers; the index is then rebuilt from the table.
"""

from functools import cache

from django.apps import apps
from django.db import connections
from django.db.models import Q
from django.db.models.expressions import RawSQL
from modeltranslation.utils import get_translation_fields

from directory.bilingual import translated_fields

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


def answers(text):
    """Whether the full-text indexes can list the rows containing `text`."""
    return len(text) >= TRIGRAM and fts5_available()


def match(model, paths, text):
    """A Q object for the rows whose `paths` contain `text`, answered by the full-text index
    (for a text it `answers`), or None where no index covers these fields.

    `paths` are fields of `model` or of one related model (["speaker__name"])."""
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
