"""The listings read published rows through indexes, on SQLite and on PostgreSQL alike.

`manage.py explain_listings` prints the plans; these tests run the same check on a directory of
thousands of rows (one unit of synthetic data), so that a missing index fails here, not on
opening day.
"""

import re

import pytest
from django.db import connection, transaction

from exhibitors.models import Exhibitor
from exhibitors.tests.factories import make_category, make_hall
from speakers.tests.factories import make_track
from waic_site.demo.synthetic import load_synthetic
from waic_site.query_plans import (
    cjk_indexes_read,
    explain,
    listing_paths,
    listing_plans,
    search_plans,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def directory(django_db_setup, django_db_blocker):
    """Made once for this module's tests, which only read it, and rolled back after the last."""
    with django_db_blocker.unblock(), transaction.atomic():
        # Halls, categories and tracks, as at WAIC, for the synthetic records to spread over.
        for n in range(4):
            make_hall(code=f"H{n + 1}", order=n)
        for n in range(8):
            make_category(slug=f"category-{n + 1}", order=n)
            make_track(slug=f"track-{n + 1}", order=n)
        load_synthetic(1, progress=lambda message: None)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        yield
        transaction.set_rollback(True)


def test_no_listing_query_reads_a_big_table_in_full(directory):
    plans = listing_plans()

    full_scans = [(plan.path, plan.language, plan.full_scans) for plan in plans if plan.full_scans]
    assert full_scans == []
    assert {(plan.path, plan.language) for plan in plans} == {
        (path, language) for path in listing_paths() for language in ("en", "zh-hans")
    }


def test_the_listing_paths_filter_by_every_facet(directory):
    paths = listing_paths()

    assert paths[3] == (
        "/exhibitors/?country=CN&featured=true&premiere=true&hall=H1&category=category-1"
    )
    assert paths[5] == "/speakers/?country=CN&keynote=true&day=2025-07-26&track=track-1"
    assert paths[7] == (
        "/sessions/?day=2025-07-26&type=forum&language=zh&track=track-1&venue=synthetic-venue-0000"
    )


def test_a_query_without_an_index_is_reported_as_a_full_scan(directory):
    queryset = Exhibitor.objects.filter(website="https://example.com").values("pk")

    _plan, full_scans = explain(*queryset.query.sql_with_params())

    assert full_scans == ["exhibitors_exhibitor"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes: PostgreSQL only")
def test_substring_search_can_use_the_trigram_indexes_on_postgresql(directory):
    queryset = Exhibitor.objects.filter(name__icontains="量子计算").values("pk")

    plan, full_scans = explain(*queryset.query.sql_with_params())

    assert full_scans == []
    assert any("Bitmap Index Scan on exhibitors_e_" in line and "_trgm" in line for line in plan)


def test_no_search_the_indexes_answer_reads_a_big_table_in_full(directory):
    plans = search_plans()

    full_scans = [(plan.path, plan.language, plan.full_scans) for plan in plans if plan.full_scans]
    assert full_scans == []


def test_a_chinese_search_of_one_or_two_characters_reads_the_cjk_indexes_of_each_table(directory):
    """Each query that searches reads the CJK indexes of the tables it looks in: the searched
    model's own and its related rows' (an exhibitor's products and booths, a session's speakers)."""
    chinese = [
        plan
        for plan in search_plans()
        if plan.path.split("q=")[1] in ("%E6%99%BA%E8%83%BD", "%E6%99%BA")
    ]
    searching = [plan for plan in chinese if SEARCHES.search(plan.sql)]

    read = {
        (plan.path.split("?")[0], tuple(tables_of(cjk_indexes_read(plan.plan))))
        for plan in searching
    }
    assert read == {
        ("/search/", ("speakers_speaker",)),
        ("/search/", ("speakers_session", "speakers_speaker")),
        ("/search/", ("exhibitors_booth", "exhibitors_exhibitor", "exhibitors_product")),
        ("/exhibitors/", ("exhibitors_booth", "exhibitors_exhibitor", "exhibitors_product")),
        ("/speakers/", ("speakers_speaker",)),
        ("/sessions/", ("speakers_session", "speakers_speaker")),
    }
    assert {plan.path for plan in searching} == {plan.path for plan in chinese}


# How a query asks the CJK indexes: SQLite's tables, PostgreSQL's expression.
SEARCHES = re.compile(r'_cjk" MATCH|waic_cjk_tokens\(')


def tables_of(indexes):
    """The tables of CJK indexes: SQLite's "<table>_cjk", PostgreSQL's from its catalogue."""
    if connection.vendor == "sqlite":
        return sorted({index.removesuffix("_cjk") for index in indexes})
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_indexes WHERE indexname = ANY(%s)", [indexes])
        return sorted({table for (table,) in cursor.fetchall()})
