import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

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
