"""SQLite's full-text indexes answer searches exactly as `icontains` would, and stay current.

waic_site/tests/test_text_search.py checks the results on both databases; these check the
SQLite machinery itself (FTS5 tables kept by triggers, rebuilt after a migration).
"""

import pytest
from django.db import connection
from django.db.models.signals import post_migrate
from django.test.utils import CaptureQueriesContext

from directory.search import fts5
from exhibitors.models import Exhibitor, Product
from exhibitors.tests.factories import make_exhibitor, make_hall, make_product
from speakers.models import Session, Speaker
from speakers.tests.factories import make_session, make_speaker

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL uses pg_trgm instead"),
]


def found(queryset, text):
    return sorted(queryset.published().search(text).values_list("slug", flat=True))


@pytest.fixture
def without_index(monkeypatch):
    """Searches as they run where SQLite has no FTS5: `icontains` only."""
    monkeypatch.setattr(fts5, "fts5_available", lambda: False)


@pytest.fixture
def directory():
    huawei = make_exhibitor(
        slug="huawei", name_en="Huawei", name_zh_hans="华为", tagline_en="Ascend AI 芯片组"
    )
    make_product(
        exhibitor=huawei,
        slug="atlas-900",
        name_en="Atlas 900",
        description_en='The "SuperPoD" cluster',
    )
    make_exhibitor(
        slug="unitree", name_en="Unitree Robotics", description_zh_hans="四足机器人与人形机器人"
    )
    make_exhibitor(slug="fifty", name_en="50% Faster Labs", tagline_en="snake_case tools")
    make_exhibitor(slug="draft", name_en="Huawei Cloud", is_published=False)
    hinton = make_speaker(slug="hinton", name_en="Geoffrey Hinton", bio_en="Deep learning")
    make_session(
        slug="opening", title_en="Opening", abstract_zh_hans="人工智能的未来", speakers=[hinton]
    )


TEXTS = [
    "huawei", "HUAWEI", "Ascend ai", "ai 芯片组", "atlas", '"superpod"', "superpod", "机器人",
    "四足机器", "50% f", "e_c", "robotics", "hinton", "deep learn", "人工智能", "nothing at all",
]  # fmt: skip


@pytest.mark.parametrize("text", TEXTS)
def test_the_index_finds_what_icontains_finds(directory, text, monkeypatch):
    indexed = [found(model.objects, text) for model in (Exhibitor, Product, Speaker, Session)]
    monkeypatch.setattr(fts5, "fts5_available", lambda: False)

    scanned = [found(model.objects, text) for model in (Exhibitor, Product, Speaker, Session)]

    assert indexed == scanned


def test_three_characters_or_more_use_the_index_and_fewer_scan(directory):
    with CaptureQueriesContext(connection) as long_text:
        assert found(Exhibitor.objects, "hua") == ["huawei"]
    with CaptureQueriesContext(connection) as short_text:
        assert found(Exhibitor.objects, "华为") == ["huawei"]

    assert "MATCH" in long_text[0]["sql"] and "LIKE" not in long_text[0]["sql"]
    assert "MATCH" not in short_text[0]["sql"] and "LIKE" in short_text[0]["sql"]


def test_session_search_looks_in_speaker_names_only_not_their_biographies(directory):
    assert found(Session.objects, "hinton") == ["opening"]
    assert found(Session.objects, "deep learning") == []
    assert found(Speaker.objects, "deep learning") == ["hinton"]


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


def test_migrate_recreates_triggers_a_table_rebuild_dropped_and_catches_up(directory):
    """Django's SQLite schema editor alters a table by rebuilding it, which drops triggers."""
    with connection.cursor() as cursor:
        for suffix in ("insert", "update", "delete"):
            cursor.execute(f'DROP TRIGGER "exhibitors_exhibitor_fts_{suffix}"')
    make_exhibitor(slug="sensetime", name_en="SenseTime")
    assert found(Exhibitor.objects, "sensetime") == []  # unindexed while the triggers are gone

    post_migrate.send(
        sender=Exhibitor._meta.app_config, app_config=Exhibitor._meta.app_config, using="default"
    )

    assert found(Exhibitor.objects, "sensetime") == ["sensetime"]
    assert fts5.ensure_index(Exhibitor) is False  # nothing left to do


def test_quotes_and_query_syntax_in_the_text_are_just_characters(directory):
    assert found(Product.objects, '"superpod" cluster') == ["atlas-900"]
    assert found(Exhibitor.objects, "huawei OR unitree") == []
    assert found(Exhibitor.objects, "hua*") == []


def test_a_listing_searches_through_the_index_unless_other_filters_leave_few_rows_to_scan(
    directory,
):
    """A facet count repeats the search: the index lists every match in each such query,
    while other filters narrow the rows through their own indexes first. A hall or a country
    leaves too many exhibitors for that."""
    from django.http import QueryDict

    from exhibitors.filters import ExhibitorFilter

    def sql_of(query):
        filterset = ExhibitorFilter(QueryDict(query), queryset=Exhibitor.objects.published())
        assert filterset.is_valid(), filterset.form.errors
        with CaptureQueriesContext(connection) as queries:
            list(filterset.qs)
        return queries[0]["sql"]

    make_hall(code="H1")
    alone, narrowed = sql_of("q=huawei"), sql_of("q=huawei&country=CN&featured=true")
    broad = sql_of("q=huawei&country=CN&hall=H1")

    assert "MATCH" in alone and "LIKE" not in alone
    assert "MATCH" in broad and "LIKE" not in broad
    assert "MATCH" not in narrowed and "LIKE" in narrowed
