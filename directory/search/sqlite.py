"""Substring search that stays fast at scale on SQLite: FTS5 indexes kept by triggers.

Each model with `search_fields` gets two full-text tables over those columns (in every
language), which SQLite itself keeps up to date with triggers on the model's table — so
`bulk_create`, `update()` and raw SQL are covered, not only `save()`:
- `<table>_fts`, with the trigram tokenizer: a search of three characters or more is a trigram
  phrase query that it answers (`match`): the rows whose column contains the text,
  case-insensitively, in English and in Chinese alike, exactly as `icontains`;
- `<table>_cjk`, for a search of one or two CJK characters (`智能`, `智`), which has no trigram:
  a contentless table of the columns' CJK tokens (directory/search/cjk.py), which the triggers
  compute with the SQL function `waic_cjk_tokens`, registered on every connection Django opens
  (`register_functions`). A write from elsewhere (the sqlite3 shell) to a searched table fails
  with "no such function" rather than leave the index behind.
Other short texts (`ai`, `A智`) have no index: `answers` says no, and the search tests each row
with `icontains` (directory/search/__init__.py).

The tables and triggers are (re)created after every `migrate` (`ensure_indexes`, connected to
post_migrate in directory/apps.py): Django's SQLite schema editor rebuilds a table to alter it,
which drops its triggers; the index is then rebuilt from the table.
"""

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db import connections
from django.db.models.expressions import RawSQL
from modeltranslation.utils import get_translation_fields

from directory.bilingual import translated_fields

from . import cjk
from .paths import among, one_model

TRIGRAM = 3  # the shortest text the trigram index can answer


@dataclass(frozen=True)
class Index:
    """A kind of full-text table beside a model's table."""

    suffix: str
    options: str  # of fts5(), after the columns; "{table}", "{pk}": the model's
    value: str  # the SQL of what a row gives the index for a column "{}"
    contentless: bool  # or reading the model's table (external content)

    def refill(self, index, table, pk, listed, values):
        """The statements filling the index from the table."""
        if not self.contentless:  # the index reads the table itself
            return [f'INSERT INTO "{index}"("{index}") VALUES (\'rebuild\')']
        return [
            f'INSERT INTO "{index}"("{index}") VALUES (\'delete-all\')',
            f'INSERT INTO "{index}"(rowid, {listed}) SELECT "{pk}", {values} FROM "{table}"',
        ]


TRIGRAMS = Index(
    "_fts", 'content="{table}", content_rowid="{pk}", tokenize=\'trigram\'', "{}", False
)
# The ascii tokenizer takes every non-ASCII character as part of a token: the tokens are split at
# the spaces between them only. `detail=column` keeps no positions, which single tokens need
# not, and `columnsize=0` no token counts, which only ranking would.
CJK_TOKENS = Index(
    "_cjk",
    "content='', tokenize='ascii', detail=column, columnsize=0",
    "waic_cjk_tokens({})",
    True,
)
INDEXES = [TRIGRAMS, CJK_TOKENS]


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


def register_functions(sender, connection, **kwargs):
    """connection_created receiver: the function the CJK index's triggers call."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "waic_cjk_tokens", 1, cjk.sqlite_tokens, deterministic=True
        )


def searched_models():
    return [model for model in apps.get_models() if getattr(model, "search_fields", None)]


def columns(model, fields=None):
    """The database columns of `fields` (default: the model's `search_fields`), every language."""
    translated = translated_fields(model)
    names = []
    for field in fields or model.search_fields:
        names.extend(get_translation_fields(field) if field in translated else [field])
    return [model._meta.get_field(name).column for name in names]


def index_table(model, index=TRIGRAMS):
    return f"{model._meta.db_table}{index.suffix}"


def phrase(text):
    """`text` as an FTS5 phrase: every character literal (quotes doubled), in this order."""
    return '"' + text.replace('"', '""') + '"'


def answers(text):
    """Whether the full-text indexes can list the rows containing `text`."""
    return (len(text) >= TRIGRAM or cjk.answers(text)) and fts5_available()


def index_query(text):
    """The index answering `text`, and the FTS5 query there for the rows containing it."""
    if len(text) >= TRIGRAM:
        return TRIGRAMS, phrase(text)
    if len(text) == 1:  # the tokens beginning with it (cjk.sqlite_tokens)
        return CJK_TOKENS, phrase(text) + " *"
    return CJK_TOKENS, phrase(text)


def match(model, paths, text):
    """A Q object for the rows whose `paths` contain `text`, answered by a full-text index
    (for a text it `answers`), or None where no index covers these fields.

    `paths` are fields of `model` or of one related model (["speaker__name"])."""
    if (found := one_model(model, paths)) is None:
        return None
    relation, target, fields = found
    index, query = index_query(text)
    table = index_table(target, index)
    if set(fields) != set(target.search_fields):
        query = "{" + " ".join(columns(target, fields)) + "} : " + query
    return among(relation, RawSQL(f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s', [query]))


def statements(model, index=TRIGRAMS):
    """{name: CREATE statement} of the model's full-text table and the triggers that keep it."""
    table, pk = model._meta.db_table, model._meta.pk.column
    name = index_table(model, index)
    names = columns(model)
    listed = ", ".join(f'"{column}"' for column in names)
    new = ", ".join(index.value.format(f'new."{column}"') for column in names)
    old = ", ".join(index.value.format(f'old."{column}"') for column in names)
    remove = (
        f'INSERT INTO "{name}"("{name}", rowid, {listed}) VALUES (\'delete\', old."{pk}", {old});'
    )
    add = f'INSERT INTO "{name}"(rowid, {listed}) VALUES (new."{pk}", {new});'
    on = f'ON "{table}" BEGIN'
    options = index.options.format(table=table, pk=pk)
    return {
        name: f'CREATE VIRTUAL TABLE "{name}" USING fts5({listed}, {options})',
        f"{name}_insert": f'CREATE TRIGGER "{name}_insert" AFTER INSERT {on} {add} END',
        f"{name}_delete": f'CREATE TRIGGER "{name}_delete" AFTER DELETE {on} {remove} END',
        f"{name}_update": (
            f'CREATE TRIGGER "{name}_update" AFTER UPDATE OF {listed} {on} {remove} {add} END'
        ),
    }


def ensure_index(model, using="default", index=TRIGRAMS):
    """Create what is missing or outdated of the model's full-text table and triggers; rebuild
    the index from the table if anything was. Returns whether it rebuilt."""
    wanted = statements(model, index)
    name, table, pk = index_table(model, index), model._meta.db_table, model._meta.pk.column
    with connections[using].cursor() as cursor:
        names = [*wanted, table]
        placeholders = ", ".join(["%s"] * len(names))
        cursor.execute(f"SELECT name, sql FROM sqlite_master WHERE name IN ({placeholders})", names)
        found = dict(cursor.fetchall())
        if table not in found:  # migrated backwards, past the model's table
            return False
        outdated = [item for item, sql in wanted.items() if found.get(item) != sql]
        if not outdated:
            return False
        if name in outdated and name in found:
            cursor.execute(f'DROP TABLE "{name}"')
        for item in outdated:
            if item != name:
                cursor.execute(f'DROP TRIGGER IF EXISTS "{item}"')
            cursor.execute(wanted[item])
        listed = ", ".join(f'"{column}"' for column in columns(model))
        values = ", ".join(index.value.format(f'"{column}"') for column in columns(model))
        for statement in index.refill(name, table, pk, listed, values):
            cursor.execute(statement)
    return True


def ensure_indexes(sender, using="default", **kwargs):
    """post_migrate receiver: the full-text tables of the migrated app's models."""
    if connections[using].vendor != "sqlite" or not fts5_available():
        return
    for model in searched_models():
        if model._meta.app_config is sender:
            for index in INDEXES:
                ensure_index(model, using, index)
