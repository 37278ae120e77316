"""What `search()` looks in, and when it asks an index for the matches rather than testing each
row (directory/search/__init__.py), on every database.

waic_site/tests/test_text_search.py checks the same results in English and Chinese on both
databases; test_search_sqlite.py and test_search_postgresql.py each database's own indexes.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.search import index_for, postgresql, sqlite
from exhibitors.models import Exhibitor
from exhibitors.tests.factories import make_hall
from speakers.models import Session, Speaker

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5: SQLite only")
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_trgm: PostgreSQL only"
)


def found(queryset, text, index=True):
    return sorted(queryset.search(text, index=index).values_list("slug", flat=True))


@pytest.mark.parametrize("index", [True, False])
def test_an_exhibitor_is_found_by_its_own_fields_or_a_published_products(directory, index):
    exhibitors = Exhibitor.objects.published()

    assert found(exhibitors, "huawei", index) == ["huawei"]
    assert found(exhibitors, "superpod", index) == ["huawei"]  # a product's description
    assert found(exhibitors, "humanoid", index) == []  # a draft product's name
    assert found(exhibitors, "nothing at all", index) == []


@pytest.mark.parametrize("index", [True, False])
def test_the_exhibitors_visibility_is_left_to_the_queryset_searched(directory, index):
    assert found(Exhibitor.objects.all(), "huawei", index) == ["draft", "huawei"]
    assert found(Exhibitor.objects.all(), "pangu", index) == ["draft"]  # its published product


@pytest.mark.parametrize("index", [True, False])
def test_a_session_is_found_by_its_own_fields_or_a_published_speakers_name(directory, index):
    sessions = Session.objects.published()

    assert found(sessions, "opening", index) == ["opening"]
    assert found(sessions, "人工智能", index) == ["opening"]
    assert found(sessions, "hinton", index) == ["opening"]
    assert found(sessions, "lecun", index) == []  # a draft speaker's name


def test_session_search_looks_in_speaker_names_only_not_their_biographies(directory):
    assert found(Session.objects, "hinton") == ["opening"]
    assert found(Session.objects, "deep learning") == []
    assert found(Speaker.objects, "deep learning") == ["hinton"]


@sqlite_only
def test_sqlite_asks_its_index_for_three_characters_or_more_unless_told_to_test_each_row(
    monkeypatch,
):
    assert index_for("hua") is sqlite
    assert index_for("hu") is None  # no trigram in two characters
    assert index_for("华为") is sqlite  # but a CJK index (test_search_cjk.py)
    assert index_for("hua", index=False) is None

    monkeypatch.setattr(sqlite, "fts5_available", lambda: False)

    assert index_for("hua") is None


@postgresql_only
def test_postgresql_tests_each_row_which_its_trigram_indexes_answer_but_for_short_chinese():
    assert index_for("hua") is None
    assert index_for("华为") is postgresql  # its CJK indexes (test_search_cjk.py)


@sqlite_only
def test_a_related_search_is_in_the_indexs_matches_or_an_exists_per_row(directory):
    with CaptureQueriesContext(connection) as queries:
        assert found(Exhibitor.objects.published(), "superpod") == ["huawei"]
        assert found(Exhibitor.objects.published(), "superpod", index=False) == ["huawei"]
    indexed, tested = (query["sql"] for query in queries)

    # The exhibitor's own fields, its products' and its booths' codes.
    assert (indexed.count("MATCH"), indexed.count("EXISTS"), indexed.count("LIKE")) == (3, 0, 0)
    assert (tested.count("MATCH"), tested.count("EXISTS"), tested.count("LIKE")) == (0, 2, 12)


@sqlite_only
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
