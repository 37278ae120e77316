"""The sitemap and robots.txt that search engines read."""

import pytest
from django.conf import settings
from django.utils import timezone
from lxml import etree

from exhibitors.tests.factories import make_exhibitor, make_hall
from speakers.tests.factories import make_session, make_speaker

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


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
    make_hall(code="H2", order=2)
    make_hall(code="H1", order=1)

    assert sitemap_locations(client) == [
        f"http://testserver{prefix}{path}"
        for path in (
            "/",
            "/speakers/",
            "/sessions/",
            "/exhibitors/",
            "/speakers/mei-chen/",
            "/sessions/opening/",
            "/exhibitors/sensetime/",
            "/exhibitors/halls/H1/",
            "/exhibitors/halls/H2/",
        )
        for prefix in ("", "/zh-hans")
    ]


def test_sitemap_lists_each_halls_map_in_both_languages_with_alternates(client):
    hall = make_hall(code="H3")

    document = etree.fromstring(client.get("/sitemap.xml").content)

    entries = document.xpath("//s:url[contains(s:loc, '/halls/')]", namespaces=NS)
    assert [
        (
            entry.findtext("s:loc", namespaces=NS),
            entry.findtext("s:lastmod", namespaces=NS),
            [
                (link.get("hreflang"), link.get("href"))
                for link in entry.findall("xhtml:link", namespaces=NS)
            ],
        )
        for entry in entries
    ] == [
        (
            f"http://testserver{prefix}/exhibitors/halls/H3/",
            timezone.localdate(hall.updated_at).isoformat(),
            [
                ("en", "http://testserver/exhibitors/halls/H3/"),
                ("zh-hans", "http://testserver/zh-hans/exhibitors/halls/H3/"),
                ("x-default", "http://testserver/exhibitors/halls/H3/"),
            ],
        )
        for prefix in ("", "/zh-hans")
    ]


def test_a_new_hall_changes_the_sitemaps_etag(client):
    first = client.get("/sitemap.xml")

    make_hall(code="H4")
    after = client.get("/sitemap.xml", headers={"if-none-match": first["ETag"]})

    assert after.status_code == 200
    assert "/exhibitors/halls/H4/" in after.content.decode()


def test_sitemap_names_each_pages_other_language_and_default_as_alternates(client):
    make_exhibitor(slug="sensetime")

    document = etree.fromstring(client.get("/sitemap.xml").content)

    entry = document.xpath("//s:url[s:loc='http://testserver/zh-hans/exhibitors/sensetime/']",
                           namespaces=NS)[0]  # fmt: skip
    alternates = [
        (link.get("rel"), link.get("hreflang"), link.get("href"))
        for link in entry.findall("xhtml:link", namespaces=NS)
    ]
    assert alternates == [
        ("alternate", "en", "http://testserver/exhibitors/sensetime/"),
        ("alternate", "zh-hans", "http://testserver/zh-hans/exhibitors/sensetime/"),
        ("alternate", "x-default", "http://testserver/exhibitors/sensetime/"),
    ]


def test_sitemap_validates_against_the_sitemaps_org_schema(client):
    make_speaker()
    make_session()
    make_exhibitor()
    xsd = settings.BASE_DIR.parent / "shared" / "specs" / "third-party" / "sitemaps.org"
    if not (xsd / "sitemap.xsd").exists():
        pytest.skip(f"{xsd} is missing: the shared specifications are not here")

    schema = etree.XMLSchema(etree.parse(str(xsd / "sitemap.xsd")))
    document = etree.fromstring(client.get("/sitemap.xml").content)
    # The schema admits other namespaces' elements only with their schemas: the xhtml:link
    # alternates are checked above.
    for link in document.findall("s:url/xhtml:link", namespaces=NS):
        link.getparent().remove(link)

    assert schema.validate(document), schema.error_log


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
        make_hall()

    # One for ETag/Last-Modified, then one for each of the four models (each page's items
    # listed once for both languages).
    with django_assert_num_queries(5):
        assert len(sitemap_locations(client)) == 2 * (4 + 4 * records)


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_personal_lists(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\nAllow: /my/$\nAllow: /zh-hans/my/$\n"
        "Disallow: /my/\nDisallow: /zh-hans/my/\n"
        "Sitemap: http://testserver/sitemap.xml\n"
    )


@pytest.mark.urls("waic_site.tests.backstage_urls")
def test_robots_txt_never_names_the_admin_address_that_django_admin_url_hides(client):
    assert client.get("/backstage/login/").status_code == 200  # the admin is there

    text = client.get("/robots.txt").content.decode()

    assert "backstage" not in text
    assert "admin" not in text


@pytest.mark.parametrize("path", ["/admin/login/", "/zh-hans/admin/login/"])
def test_admin_pages_tell_crawlers_not_to_index_them(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_public_pages_may_be_indexed(client):
    assert "X-Robots-Tag" not in client.get("/")
