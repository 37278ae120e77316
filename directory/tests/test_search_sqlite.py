"""SQLite's full-text indexes answer searches exactly as `icontains` would, and stay current.

waic_site/tests/test_text_search.py checks the results on both databases, test_search.py what
`search()` looks in and when it asks an index; these check the SQLite machinery itself
(directory/search/sqlite.py: FTS5 tables kept by triggers, rebuilt after a migration).
"""

import pytest
from django.db import connection
from django.db.models.signals import post_migrate
from django.test.utils import CaptureQueriesContext

from directory.search import sqlite
from exhibitors.models import Exhibitor, Product
from exhibitors.tests.factories import make_exhibitor
from speakers.models import Session, Speaker

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL uses pg_trgm instead"),
]


def found(queryset, text):
    return sorted(queryset.published().search(text).values_list("slug", flat=True))


TEXTS = [
    "huawei", "HUAWEI", "Ascend ai", "ai 芯片组", "atlas", '"superpod"', "superpod", "机器人",
    "四足机器", "50% f", "e_c", "robotics", "hinton", "deep learn", "人工智能", "nothing at all",
]  # fmt: skip


@pytest.mark.parametrize("text", TEXTS)
def test_the_index_finds_what_icontains_finds(directory, text, monkeypatch):
    indexed = [found(model.objects, text) for model in (Exhibitor, Product, Speaker, Session)]
    monkeypatch.setattr(sqlite, "fts5_available", lambda: False)

    scanned = [found(model.objects, text) for model in (Exhibitor, Product, Speaker, Session)]

    assert indexed == scanned


def test_three_characters_or_more_use_the_trigram_index_and_fewer_scan_but_chinese_ones(
    directory,
):
    with CaptureQueriesContext(connection) as queries:
        assert found(Exhibitor.objects, "hua") == ["huawei"]
        assert found(Exhibitor.objects, "hu") == ["huawei"]
        assert found(Exhibitor.objects, "华为") == ["huawei"]  # the CJK index (test_search_cjk.py)
    long_text, short_text, chinese = (query["sql"] for query in queries)

    assert '_fts" MATCH' in long_text and "LIKE" not in long_text
    assert "MATCH" not in short_text and "LIKE" in short_text
    assert '_cjk" MATCH' in chinese and "LIKE" not in chinese


def test_the_index_follows_inserts_updates_deletes_and_bulk_writes(directory):
    unitree = Exhibitor.objects.get(slug="unitree")
    unitree.name_en = "Unitree Legged Systems"
    unitree.save()
    Exhibitor.objects.filter(slug="fifty").update(tagline_en="Half the time")
    Exhibitor.objects.bulk_create([Exhibitor(slug="agibot", name_en="AgiBot", is_published=True)])
    Product.objects.filter(exhibitor__slug="huawei").delete()

    assert found(Exhibitor.objects, "robotics") == []
    assert found(Exhibitor.objects, "legged") == ["unitree"]
    assert found(Exhibitor.objects, "snake") == []
    assert found(Exhibitor.objects, "half the") == ["fifty"]
    assert found(Exhibitor.objects, "agibot") == ["agibot"]
    assert found(Exhibitor.objects, "superpod") == []


@pytest.mark.parametrize(
    ("index", "name"), [(sqlite.TRIGRAMS, "SenseTime"), (sqlite.CJK_TOKENS, "商汤")]
)
def test_migrate_recreates_triggers_a_table_rebuild_dropped_and_catches_up(directory, index, name):
    """Django's SQLite schema editor alters a table by rebuilding it, which drops triggers."""
    table = sqlite.index_table(Exhibitor, index)
    with connection.cursor() as cursor:
        for suffix in ("insert", "update", "delete"):
            cursor.execute(f'DROP TRIGGER "{table}_{suffix}"')
    make_exhibitor(slug="sensetime", name=name)
    assert found(Exhibitor.objects, name) == []  # unindexed while the triggers are gone

    post_migrate.send(
        sender=Exhibitor._meta.app_config, app_config=Exhibitor._meta.app_config, using="default"
    )

    assert found(Exhibitor.objects, name) == ["sensetime"]
    assert sqlite.ensure_index(Exhibitor, index=index) is False  # nothing left to do


def test_quotes_and_query_syntax_in_the_text_are_just_characters(directory):
    assert found(Product.objects, '"superpod" cluster') == ["atlas-900"]
    assert found(Exhibitor.objects, "huawei OR unitree") == []
    assert found(Exhibitor.objects, "hua*") == []


def test_fields_no_full_text_table_covers_are_left_to_icontains():
    assert sqlite.match(Exhibitor, ["website"], "example") is None
    assert sqlite.match(Exhibitor, ["name", "products__name"], "atlas") is None  # two tables
