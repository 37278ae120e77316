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


def test_listing_shows_the_result_count_facet_counts_and_removable_chips(client):
    robots = make_category(slug="robots", name="Robots")
    chips = make_category(slug="chips", name="Chips")
    make_exhibitor(name="Unitree", categories=[robots])
    make_exhibitor(name="Cambricon", categories=[chips])

    response = client.get(LIST_URL, {"category": "robots", "q": "unit"})

    assert card_names(response) == ["Unitree"]
    assert '<p class="result-count" role="status">1 result</p>' in response.text
    assert (
        'value="robots" checked> <span>Robots <span class="count">(1)</span></span>'
        in response.text
    )
    assert "Chips" not in response.text  # an option without results is hidden
    assert re.findall(r'<li><a href="\?([^"]*)" aria-label="Remove filter', response.text) == [
        "category=robots",  # removes the search
        "q=unit",  # removes the category
    ]


def test_pagination_links_keep_the_filters(client):
    make_listed_exhibitors(13)

    response = client.get(LIST_URL, {"category": "robots", "per_page": 12})

    assert len(card_names(response)) == 12
    assert 'href="?category=robots&amp;per_page=12&amp;page=2"' in response.text


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ({"category": "nope"}, 400, "There is no category “nope”."),
        ({"hall": "H2\x00"}, 400, "Some filters could not be understood."),
        ({"country": "ZZ"}, 400, "Select a valid choice. ZZ is not one of the available choices."),
        ({"page": "two"}, 400, "“two” is not a page number."),
        ({"page": "0"}, 400, "“0” is not a page number."),
        ({"page": "9" * 5000}, 400, "is not a page number."),
        ({"page": "3"}, 404, "There is no page 3: these results fill 1 page(s)."),
        ({"per_page": "1000"}, 400, "Results per page can be 12, 24 or 48"),
        ({"category": ["robots"] * 51}, 400, "Choose at most 50 values for one filter."),
    ],
)
def test_bad_input_gets_a_clear_message_and_a_4xx(client, query, status, message):
    make_category(slug="robots")
    make_hall(code="H2")
    make_exhibitor(name="Huawei")

    response = client.get(LIST_URL, query)

    assert response.status_code == status
    assert message in response.content.decode()
    assert card_names(response) == []


def test_a_huge_query_with_control_characters_is_shortened_not_refused(client):
    make_exhibitor(name="Huawei")

    response = client.get(LIST_URL, {"q": "Hua\x00wei\x1b" + " " * 10 + "x" * 10_000})

    assert response.status_code == 200
    assert card_names(response) == []
    assert '<p class="result-count" role="status">0 results</p>' in response.text


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
    assert "H1 · Core Technologies</a> · Booth H1-A01" in text
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

    with django_assert_num_queries(5):
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
