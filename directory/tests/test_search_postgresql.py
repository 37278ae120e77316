"""PostgreSQL's trigram indexes (directory/search/postgresql.py), made by the migrations."""

import pytest
from django.apps import apps
from django.db import connection

from directory.bilingual import localized_lookups
from directory.search.postgresql import index_name

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite uses FTS5 instead"),
]


def test_every_searched_column_has_a_trigram_index_over_what_icontains_compares():
    """`icontains` compares UPPER("column"::text): the planner uses an index over exactly that."""
    searched = [model for model in apps.get_models() if getattr(model, "search_fields", None)]
    columns = [
        (model._meta.db_table, model._meta.get_field(name))
        for model in searched
        for field in model.search_fields
        for name in localized_lookups(model, field)
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%%_trgm'")
        indexes = dict(cursor.fetchall())

    assert len(columns) == 24  # 11 searched fields in two languages, and the booth codes
    assert indexes == {
        index_name(table, field.column): (
            f"CREATE INDEX {index_name(table, field.column)} ON public.{table} "
            f"USING gin ({upper(field)} gin_trgm_ops)"
        )
        for table, field in columns
    }


def upper(field):
    """UPPER("column"::text) as PostgreSQL writes it back: no cast for a column of type text."""
    if field.db_type(connection) == "text":
        return f"upper({field.column})"
    return f"upper(({field.column})::text)"
