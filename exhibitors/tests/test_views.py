import re

import pytest
from django.urls import reverse

from speakers.tests.factories import make_session, make_speaker

from .factories import make_category, make_exhibitor, make_hall, make_product

pytestmark = pytest.mark.django_db

LIST_URL = reverse("exhibitors:exhibitor_list")


# A card title shown in the other language carries its own lang attribute.
CARD_TITLE = r'<h3 class="card-title"(?: lang="[^"]+")?><a href="[^"]+">([^<]+)</a>'


def card_names(response):
    return re.findall(CARD_TITLE, response.text)


def make_listed_exhibitors(count):
    robots = make_category(slug="robots")
    hall = make_hall(code="H2")
    for n in range(count):
        exhibitor = make_exhibitor(
            name=f"Exhibitor {n:02}", hall=hall, booth=f"H2-{n:02}", categories=[robots]
        )
        make_product(exhibitor=exhibitor, premiere="world")


def test_listing_shows_published_exhibitors_only_and_drafts_are_404(client):
    make_exhibitor(name="Huawei")
    draft = make_exhibitor(name="Secret", is_published=False)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert card_names(response) == ["Huawei"]
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("prefix", ["", "/zh-hans"], ids=["en", "zh-hans"])
@pytest.mark.parametrize("count", [1, 30])
def test_listing_runs_the_same_queries_whatever_the_number_of_exhibitors(
    prefix, client, django_assert_num_queries, count
):
    make_listed_exhibitors(count)

    # Categories' counts and names, halls' names, one GROUP BY for the hall, country, featured
    # and premiere counts and the total, the page of exhibitors, their categories.
    with django_assert_num_queries(6):
        response = client.get(prefix + LIST_URL, {"per_page": 48})

    assert len(card_names(response)) == count


@pytest.mark.parametrize("prefix", ["", "/zh-hans"], ids=["en", "zh-hans"])
@pytest.mark.parametrize("count", [1, 30])
def test_filtered_listing_runs_the_same_queries_whatever_the_number_of_exhibitors(
    prefix, client, django_assert_num_queries, count
):
    make_listed_exhibitors(count)
    query = {"category": "robots", "hall": "H2", "premiere": "true", "q": "exhibitor"}

    with django_assert_num_queries(8):
        response = client.get(prefix + LIST_URL, {**query, "per_page": 48, "sort": "hall"})

    assert len(card_names(response)) == count


def test_detail_shows_location_categories_products_and_speakers_with_sessions(client):
    hall = make_hall(code="H1", name="Core Technologies")
    robots = make_category(slug="robots", name="Robots")
    huawei = make_exhibitor(
        name="Huawei", hall=hall, booth="H1-A01", categories=[robots], country="CN"
    )
    make_product(exhibitor=huawei, name="CloudMatrix 384", premiere="world")
    make_product(exhibitor=huawei, name="Unannounced", is_published=False)
    speaker = make_speaker(name="Eric Xu", exhibitor=huawei)
    make_speaker(name="Draft Person", exhibitor=huawei, is_published=False)
    make_session(title="Ascend keynote", speakers=[speaker])
    make_session(title="Draft session", speakers=[speaker], is_published=False)

    response = client.get(huawei.get_absolute_url())

    text = response.text
    assert response.status_code == 200
    assert "H1 · Core Technologies</a> · Booth A01" in text
    assert '?category=robots">Robots</a>' in text
    assert "China" in text
    assert "CloudMatrix 384" in text and "World premiere" in text
    assert "Unannounced" not in text
    assert card_names(response) == ["Eric Xu"]
    assert "Ascend keynote</a>" in text
    assert "Draft session" not in text


@pytest.mark.parametrize("prefix", ["", "/zh-hans"], ids=["en", "zh-hans"])
@pytest.mark.parametrize("count", [1, 30])
def test_detail_runs_the_same_queries_whatever_it_holds(
    prefix, client, django_assert_num_queries, count
):
    robots = make_category()
    huawei = make_exhibitor(hall=make_hall(), booth="A1", categories=[robots])
    for _ in range(count):
        make_product(exhibitor=huawei)
        make_session(speakers=[make_speaker(exhibitor=huawei)])

    with django_assert_num_queries(6):  # the sixth: the halls of its booths, for their maps
        response = client.get(prefix + huawei.get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("prefix", "my_waic"), [("", "/my/"), ("/zh-hans", "/zh-hans/my/")], ids=["en", "zh-hans"]
)
def test_cards_save_buttons_post_to_my_waic_in_the_pages_language(client, prefix, my_waic):
    make_exhibitor(name="Unitree", slug="unitree")
    other = "/zh-hans" if prefix == "" else ""
    client.get(other + LIST_URL)  # the other language first: each names its own URLs

    text = client.get(prefix + LIST_URL).text

    assert re.findall(r'<form class="star" method="post" action="([^"]+)"', text) == [
        f"{my_waic}star/"
    ]
    assert re.findall(r'data-starred-url="([^"]+)"', text) == [f"{my_waic}starred.json"]
    assert re.findall(r'name="next" value="([^"]+)"', text) == [prefix + LIST_URL]
