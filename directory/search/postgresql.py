"""Substring search that stays fast at scale on PostgreSQL: trigram indexes (pg_trgm).

Django's `icontains` is `UPPER(column::text) LIKE UPPER('%text%')` on PostgreSQL, which a GIN
index over `UPPER(column)` with `gin_trgm_ops` answers, in English and in Chinese alike: a search
here is `icontains` as it is, and the planner uses these indexes where they pay. They are made
by migrations (`add_trigram_indexes`), which only act on PostgreSQL: SQLite has its own
indexes (directory/search/sqlite.py), with the same results.
"""

import hashlib

from django.db import migrations


def index_name(table, column):
    digest = hashlib.md5(f"{table}.{column}".encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{table[:12]}_{digest}_trgm"


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
