"""Substring search that stays fast at scale on PostgreSQL: trigram indexes (pg_trgm).

Django's `icontains` is `UPPER(column::text) LIKE UPPER('%text%')` on PostgreSQL, which a GIN
index over `UPPER(column)` with `gin_trgm_ops` answers, in English and in Chinese alike: a search
here is `icontains` as it is, and the planner uses these indexes where they pay. A text of one
or two characters has no trigram: for CJK ones (`智能`, `智`) a second GIN index per column, over
its CJK characters and pairs (`add_cjk_indexes`), answers the search, which asks for it
(`match`); other short texts test each row with `icontains`. Both are made by migrations, which
only act on PostgreSQL: SQLite has its own indexes (directory/search/sqlite.py), with the same
results.
"""

import hashlib

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.lookups import DataContains
from django.db import migrations
from django.db.models import F, Func, Q, TextField, Value

from directory.bilingual import localized_lookups

from . import cjk
from .paths import among, one_model


def index_name(table, column, kind="trgm"):
    digest = hashlib.md5(f"{table}.{column}".encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{table[:12]}_{digest}_{kind}"


def add_trigram_indexes(columns_by_model):
    """A migration operation adding a trigram index per column, {"app.Model": [columns]},
    on PostgreSQL only (after `TrigramExtension()`). The indexed expression is exactly the
    left-hand side of `icontains`, UPPER("column"::text), or the planner would not use it."""

    def statements(apps, schema_editor, create):
        quote = schema_editor.quote_name
        for label, columns in columns_by_model.items():
            table = apps.get_model(label)._meta.db_table
            for column in columns:
                name = quote(index_name(table, column))
                if create:
                    yield (
                        f"CREATE INDEX IF NOT EXISTS {name} ON {quote(table)} "
                        f"USING gin ((UPPER({quote(column)}::text)) gin_trgm_ops)"
                    )
                else:
                    yield f"DROP INDEX IF EXISTS {name}"

    def run(create):
        def operation(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                for statement in statements(apps, schema_editor, create):
                    schema_editor.execute(statement)

        return operation

    return migrations.RunPython(run(create=True), run(create=False), elidable=False)


# One or two CJK characters (directory/search/cjk.py): no trigram, a GIN index over the column's
# CJK characters and pairs of neighbouring ones, `waic_cjk_tokens(column)`. The search asks for
# it itself (`match`), as `waic_cjk_tokens(column) @> ARRAY[text]`, which the planner answers from
# the index over exactly that expression.


class CJKTokens(Func):
    """The column's CJK characters and pairs of neighbouring CJK characters, a text[]."""

    function = "waic_cjk_tokens"
    output_field = ArrayField(TextField())


def cjk_tokens_function():
    """The CREATE statement of `waic_cjk_tokens(text)`: each run of CJK characters gives its
    characters and pairs. IMMUTABLE, so that an index may hold it. NULL, not an empty array,
    for a text without CJK: the planner's statistics then count the English columns as holding
    nothing (their share of NULLs), not as holding a little of everything, which would make it
    expect hundreds of matches and read whole tables."""
    return (
        "CREATE OR REPLACE FUNCTION waic_cjk_tokens(t text) RETURNS text[] "
        "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
        "SELECT array_agg(DISTINCT substr(run[1], i, width)) "
        f"FROM regexp_matches(t, '{cjk.postgresql_pattern()}', 'g') AS run, "
        "generate_series(1, char_length(run[1])) AS i, (VALUES (1), (2)) AS widths(width) "
        "WHERE i + width - 1 <= char_length(run[1]) $$"
    )


def answers(text):
    """Whether an index lists the rows containing `text` that `icontains` would not use: the CJK
    index, for one or two CJK characters. (The trigram indexes serve `icontains` itself.)"""
    return cjk.answers(text)


def match(model, paths, text):
    """A Q object for the rows whose `paths` contain `text`, one or two CJK characters, which
    the CJK indexes list: on the model's own table, or in a subquery of the related table the
    paths are on (None where they are on more than one).

    `paths` are fields of `model` or of one related model (["speaker__name"])."""
    if (found := one_model(model, paths)) is None:
        return None
    relation, target, fields = found
    tokens = Value([text], output_field=ArrayField(TextField()))
    condition = Q()
    for field in fields:
        for lookup in localized_lookups(target, field):
            condition |= Q(DataContains(CJKTokens(F(lookup)), tokens))
    if not relation:
        return condition
    return among(relation, target._base_manager.filter(condition).values("pk"))


def any_of(model, conditions):
    """A Q object for the rows of `model` meeting one of `conditions` (from `match`, or `IN` a
    related table's matches): `IN` the UNION of each one's rows, which the planner reads through
    the indexes. Joined by OR, a condition that is `IN` a subquery keeps it from combining the
    indexes (BitmapOr), and it tests each row's tokens instead."""
    if len(conditions) == 1:
        return conditions[0]
    first, *rest = (
        model._base_manager.filter(condition).order_by().values("pk") for condition in conditions
    )
    return Q(pk__in=first.union(*rest))


def add_cjk_indexes(columns_by_model):
    """A migration operation adding `waic_cjk_tokens` and a CJK index per column,
    {"app.Model": [columns]}, on PostgreSQL only. Building an index reads every row: the rows
    there before are in it."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(cjk_tokens_function())
        quote = schema_editor.quote_name
        for table, column in each_column(apps, columns_by_model):
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {quote(index_name(table, column, 'cjk'))} "
                f"ON {quote(table)} USING gin (waic_cjk_tokens({quote(column)}))"
            )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        for table, column in each_column(apps, columns_by_model):
            schema_editor.execute(f"DROP INDEX IF EXISTS {quote(index_name(table, column, 'cjk'))}")
        with schema_editor.connection.cursor() as cursor:  # another app's indexes may use it
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexdef LIKE '%%waic_cjk_tokens%%'")
            if cursor.fetchone() is None:
                schema_editor.execute("DROP FUNCTION IF EXISTS waic_cjk_tokens(text)")

    return migrations.RunPython(forwards, backwards, elidable=False)


def each_column(apps, columns_by_model):
    for label, columns in columns_by_model.items():
        for column in columns:
            yield apps.get_model(label)._meta.db_table, column
