"""The sitemap and robots.txt that search engines read."""

import pytest
from django.utils import timezone
from lxml import etree

from exhibitors.tests.factories import make_exhibitor
from speakers.tests.factories import make_session, make_speaker

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return etree.fromstring(response.content).xpath("//s:url/s:loc/text()", namespaces=NS)


def test_sitemap_lists_home_listings_and_every_published_detail_page(client):
    make_speaker(slug="mei-chen")
    make_speaker(slug="draft-speaker", is_published=False)
    make_session(slug="opening")
    make_session(slug="draft-session", is_published=False)
    make_exhibitor(slug="sensetime")
    make_exhibitor(slug="draft-exhibitor", is_published=False)

    assert sitemap_locations(client) == [
        "http://testserver/",
        "http://testserver/speakers/",
        "http://testserver/sessions/",
        "http://testserver/exhibitors/",
        "http://testserver/speakers/mei-chen/",
        "http://testserver/sessions/opening/",
        "http://testserver/exhibitors/sensetime/",
    ]


def test_sitemap_gives_each_detail_page_its_last_change(client):
    speaker = make_speaker(slug="mei-chen")

    response = client.get("/sitemap.xml")

    lastmod = etree.fromstring(response.content).xpath(
        "//s:url[s:loc='http://testserver/speakers/mei-chen/']/s:lastmod/text()", namespaces=NS
    )
    assert lastmod == [timezone.localdate(speaker.updated_at).isoformat()]


def test_sitemap_answers_a_conditional_get_with_304_until_something_changes(client):
    exhibitor = make_exhibitor()
    first = client.get("/sitemap.xml")

    unchanged = client.get("/sitemap.xml", headers={"if-none-match": first["ETag"]})
    exhibitor.delete()
    after_change = client.get("/sitemap.xml", headers={"if-none-match": first["ETag"]})

    assert (unchanged.status_code, after_change.status_code) == (304, 200)


@pytest.mark.parametrize("records", [1, 30])
def test_sitemap_query_count_does_not_grow_with_records(client, django_assert_num_queries, records):
    for _ in range(records):
        make_speaker()
        make_session()
        make_exhibitor()

    # Three for ETag/Last-Modified, then a count and a page for each of the three models.
    with django_assert_num_queries(9):
        assert len(sitemap_locations(client)) == 4 + 3 * records


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\nDisallow: /admin/\nDisallow: /zh-hans/admin/\n"
        "Sitemap: http://testserver/sitemap.xml\n"
    )
