"""PostgreSQL's trigram and CJK indexes (directory/search/postgresql.py), made by the migrations."""

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
    columns = searched_columns()
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


def searched_columns():
    """(table, field) of every column a search looks in, every language."""
    searched = [model for model in apps.get_models() if getattr(model, "search_fields", None)]
    return [
        (model._meta.db_table, model._meta.get_field(name))
        for model in searched
        for field in model.search_fields
        for name in localized_lookups(model, field)
    ]


def upper(field):
    """UPPER("column"::text) as PostgreSQL writes it back: no cast for a column of type text."""
    if field.db_type(connection) == "text":
        return f"upper({field.column})"
    return f"upper(({field.column})::text)"


def test_every_searched_column_has_a_cjk_index_over_what_a_short_chinese_search_asks():
    """A search of one or two CJK characters asks `waic_cjk_tokens(column) @> ARRAY[text]`
    (directory/search/postgresql.py): the planner uses an index over exactly that."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%%_cjk'")
        indexes = dict(cursor.fetchall())

    assert indexes == {
        index_name(table, field.column, "cjk"): (
            f"CREATE INDEX {index_name(table, field.column, 'cjk')} ON public.{table} "
            f"USING gin (waic_cjk_tokens({text(field)}))"
        )
        for table, field in searched_columns()
    }


def test_the_cjk_tokens_are_each_cjk_character_and_each_pair_of_neighbouring_ones():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT waic_cjk_tokens(%s), waic_cjk_tokens('Robots')", ["人工智能，AI 机器"]
        )
        tokens, none = cursor.fetchone()

    assert sorted(tokens) == sorted(
        ["人", "工", "智", "能", "人工", "工智", "智能", "机", "器", "机器"]
    )
    assert none is None  # as for a NULL text: `@>` finds nothing


def text(field):
    """The column as PostgreSQL writes it back as a text argument: cast unless of type text."""
    if field.db_type(connection) == "text":
        return field.column
    return f"({field.column})::text"
