"""Every page type tells link previews and search engines what it is: a meta description,
OpenGraph and Twitter tags with an image and its text, and its locale with the alternate."""

import pytest
from lxml import html

from exhibitors.tests.factories import make_exhibitor
from speakers.tests.factories import make_session, make_speaker

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/speakers/",
    "/sessions/",
    "/exhibitors/",
    "/search/?q=robots",
    "/my/",
    "/speakers/ada/",
    "/sessions/robots/",
    "/exhibitors/unitree/",
]
PREVIEW_TAGS = {
    "description",
    "og:site_name",
    "og:type",
    "og:title",
    "og:description",
    "og:url",
    "og:image",
    "og:image:alt",
    "og:locale",
    "og:locale:alternate",
    "twitter:card",
    "twitter:title",
    "twitter:description",
    "twitter:image",
    "twitter:image:alt",
}


def preview_of(response):
    assert response.status_code == 200
    return {
        element.get("property") or element.get("name"): element.get("content")
        for element in html.fromstring(response.content).xpath("//head/meta[@property or @name]")
        if element.get("name") != "viewport"
    }


@pytest.fixture
def records():
    ada = make_speaker(slug="ada", name="Ada Lovelace")
    make_session(slug="robots", title="Robots", speakers=[ada])
    make_exhibitor(slug="unitree", name="Unitree", tagline="Robots that walk.")


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(
    ("prefix", "locale", "alternate"), [("", "en_US", "zh_CN"), ("/zh-hans", "zh_CN", "en_US")]
)
def test_every_page_type_has_a_full_preview(client, records, path, prefix, locale, alternate):
    meta = preview_of(client.get(prefix + path))

    assert PREVIEW_TAGS - set(meta) == set()
    assert all(meta[tag] for tag in PREVIEW_TAGS)
    assert (meta["og:locale"], meta["og:locale:alternate"]) == (locale, alternate)
    assert meta["og:url"] == f"http://testserver{prefix}{path.split('?')[0]}"
    assert meta["og:image"].startswith("http://testserver/")


def test_listings_describe_themselves_in_the_pages_language(client, records):
    english = preview_of(client.get("/sessions/"))
    chinese = preview_of(client.get("/zh-hans/sessions/"))

    assert english["og:title"] == "Agenda"
    assert english["description"] == (
        "The agenda of WAIC 2025, 26–28 July 2025, Shanghai: every session by day, track and venue."
    )
    assert chinese["og:title"] == "议程"
    assert chinese["description"].startswith("WAIC 2025")


def test_home_describes_the_event(client):
    meta = preview_of(client.get("/"))

    assert meta["og:title"] == "WAIC Directory · WAIC 2025"
    assert meta["description"] == (
        "World Artificial Intelligence Conference 2025, 26–28 July 2025, Shanghai: "
        "Global Solidarity in the AI Era"
    )
    assert meta["twitter:card"] == "summary_large_image"


def test_the_sites_card_is_a_large_preview_image_that_exists(client):
    from django.contrib.staticfiles import finders
    from PIL import Image

    with Image.open(finders.find("img/share.png")) as image:
        assert image.size == (1200, 630)
