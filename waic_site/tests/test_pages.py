import re

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse
from PIL import Image

from exhibitors.tests.factories import make_exhibitor, make_product
from speakers.tests.factories import make_session, make_speaker

pytestmark = pytest.mark.django_db


# A card title shown in the other language carries its own lang attribute.
CARD_TITLE = r'<h3 class="card-title"(?: lang="[^"]+")?><a href="[^"]+">([^<]+)</a>'


def card_titles(html):
    return re.findall(CARD_TITLE, html)


def test_home_tells_what_waic_is_with_live_counts_keynotes_and_featured_exhibitors(client):
    make_speaker(name="Geoffrey Hinton", is_keynote=True)
    make_speaker(name="Not a keynote")
    make_speaker(name="Draft keynote", is_keynote=True, is_published=False)
    huawei = make_exhibitor(name="Huawei", is_featured=True)
    make_exhibitor(name="Not featured")
    make_product(exhibitor=huawei)
    make_session()

    response = client.get(reverse("home"))

    text = response.text
    assert "Global Solidarity in the AI Era" in text
    assert "26–28 July 2025" in text
    assert re.findall(r"<strong>(\d+)</strong> (\w+)", text) == [
        ("2", "exhibitors"),
        ("1", "exhibits"),
        ("2", "speakers"),
        ("1", "sessions"),
    ]
    assert card_titles(text) == ["Geoffrey Hinton", "Huawei"]
    assert re.findall(r'\?day=([-0-9]+)"', text) == ["2025-07-26", "2025-07-27", "2025-07-28"]
    assert 'action="/search/"' in text


def test_home_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    for _ in range(10):
        make_speaker(is_keynote=True)
        make_exhibitor(is_featured=True)

    with django_assert_num_queries(7):
        client.get(reverse("home"))


def test_search_groups_results_by_kind_and_links_to_the_filtered_listings(client):
    make_speaker(name="Robot Speaker")
    make_speaker(name="Draft Robot", is_published=False)
    make_session(title="Robots at work")
    make_exhibitor(name="Robotics Inc")
    make_exhibitor(name="Other")

    response = client.get(reverse("search"), {"q": "ROBOT"})

    text = response.text
    assert re.findall(r'<h2 id="group-(\w+)">', text) == ["speakers", "sessions", "exhibitors"]
    assert card_titles(text) == ["Robot Speaker", "Robots at work", "Robotics Inc"]
    assert "3 results for “ROBOT”" in text


def test_search_finds_chinese_text_and_links_to_all_results_when_there_are_more(client):
    for n in range(9):
        make_exhibitor(name=f"机器人公司 {n}")

    response = client.get(reverse("search"), {"q": "机器人"})

    assert len(card_titles(response.text)) == 8
    assert "/exhibitors/?q=%E6%9C%BA%E5%99%A8%E4%BA%BA" in response.text
    assert "See all 9 exhibitors" in response.text


def test_search_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    for n in range(10):
        make_session(title=f"AI {n}", speakers=[make_speaker(name=f"AI person {n}")])
        make_exhibitor(name=f"AI company {n}")

    with django_assert_num_queries(8):
        client.get(reverse("search"), {"q": "ai"})


@pytest.mark.parametrize("q", ["", "   ", "\x00\x01"])
def test_search_without_text_shows_only_the_box(client, django_assert_num_queries, q):
    with django_assert_num_queries(0):
        response = client.get(reverse("search"), {"q": q})

    assert response.status_code == 200
    assert "results for" not in response.text


def test_search_shortens_huge_queries_instead_of_failing(client):
    make_exhibitor(name="x" * 150)

    response = client.get(reverse("search"), {"q": "x" * 10_000})

    assert response.status_code == 200
    assert f"0 results for “{'x' * 200}”" in response.text


def test_unknown_pages_get_the_friendly_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "We could not find that page" in response.text


def test_the_500_page_renders_without_a_request():
    html = render_to_string("500.html")

    assert "Something went wrong on our side" in html


def main_tabs(html):
    nav = re.search(r'<nav class="tab-bar".*?</nav>', html, re.S).group()
    return re.findall(r'<a class="tab tab-\w+" href="([^"]+)"(?: aria-current="(\w+)")?>', nav)


@pytest.mark.parametrize(
    ("path", "tabs"),
    [
        ("/", ["", "", "", ""]),
        ("/sessions/", ["page", "", "", ""]),
        ("/speakers/ada/", ["", "true", "", ""]),
        ("/exhibitors/", ["", "", "page", ""]),
        ("/my/", ["", "", "", "page"]),
        ("/zh-hans/exhibitors/huawei/", ["", "", "true", ""]),
    ],
)
def test_the_main_tabs_mark_the_part_of_the_site_a_page_belongs_to(client, path, tabs):
    make_speaker(slug="ada")
    make_exhibitor(slug="huawei")

    html = client.get(path).text

    prefix = "/zh-hans" if path.startswith("/zh-hans/") else ""
    urls = [f"{prefix}/{part}/" for part in ("sessions", "speakers", "exhibitors", "my")]
    assert main_tabs(html) == list(zip(urls, tabs, strict=True))
    assert (
        '<span class="tab-count" data-favourites-count'
        f' data-favourites-url="{prefix}/my/starred.json" hidden></span>'
    ) in html


def test_every_page_links_its_icons_theme_colours_and_the_manifest_of_its_language(client):
    english, chinese = client.get("/").text, client.get("/zh-hans/").text

    for html in (english, chinese):
        assert '<link rel="icon" href="/static/img/icon.svg" type="image/svg+xml">' in html
        assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">' in html
        assert re.findall(r'<meta name="theme-color" content="([^"]+)" media="([^"]+)">', html) == [
            ("#2b1d8f", "(prefers-color-scheme: light)"),
            ("#15172a", "(prefers-color-scheme: dark)"),
        ]
    assert '<link rel="manifest" href="/manifest.webmanifest">' in english
    assert '<link rel="manifest" href="/manifest.zh-hans.webmanifest">' in chinese


@pytest.mark.parametrize(
    ("path", "language", "name", "start_url"),
    [
        ("/manifest.webmanifest", "en", "WAIC 2025 · WAIC Directory", "/"),
        ("/manifest.zh-hans.webmanifest", "zh-hans", "WAIC 2025 · WAIC 名录", "/zh-hans/"),
    ],
)
def test_the_web_app_manifest_opens_the_home_page_standalone(
    client, path, language, name, start_url
):
    response = client.get(path)
    manifest = response.json()

    assert response["Content-Type"] == "application/manifest+json"
    assert (manifest["name"], manifest["short_name"], manifest["lang"]) == (
        name,
        "WAIC 2025",
        language,
    )
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == (
        start_url,
        "/",
        "standalone",
    )
    assert (manifest["theme_color"], manifest["background_color"]) == ("#2b1d8f", "#f5f6fa")
    assert manifest["start_url"].startswith(manifest["scope"])  # the app opens in its scope
    assert [
        (icon["src"], icon["sizes"], icon["type"], icon.get("purpose", "any"))
        for icon in manifest["icons"]
    ] == [
        ("/static/img/icon.svg", "any", "image/svg+xml", "any"),
        ("/static/img/icon-192.png", "192x192", "image/png", "any"),
        ("/static/img/icon-512.png", "512x512", "image/png", "any"),
        ("/static/img/icon-maskable-512.png", "512x512", "image/png", "maskable"),
    ]
    for icon in manifest["icons"][1:]:  # each PNG is as large as the manifest says
        with Image.open(finders.find(icon["src"].removeprefix("/static/"))) as image:
            assert "{}x{}".format(*image.size) == icon["sizes"]


def test_favicon_ico_is_a_permanent_redirect_to_the_static_file(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.ico"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert finders.find("img/favicon.ico")
