"""The listing machinery every listing shares (directory/listing/): its fields, the faceted
FilterSet, the page form and the view, exercised through the apps' own listings.

Each app's tests keep what is its own: what its filters mean, its facets, its query counts.
"""

import re
from datetime import time

import django_filters
import pytest
from django.http import QueryDict
from django.urls import reverse

from directory.listing.fields import MAX_QUERY_LENGTH
from directory.listing.filters import FacetedFilterSet, for_programs
from directory.listing.views import PageForm
from exhibitors.filters import ExhibitorFilter
from exhibitors.models import Exhibitor, ExhibitorQuerySet
from exhibitors.tests.factories import make_category, make_exhibitor, make_hall, make_product
from speakers.filters import SessionFilter
from speakers.models import Session
from speakers.tests.factories import make_session, make_track

pytestmark = pytest.mark.django_db

EXHIBITORS_URL = reverse("exhibitors:exhibitor_list")
SESSIONS_URL = reverse("speakers:session_list")

# A card title shown in the other language carries its own lang attribute.
CARD_TITLE = r'<h3 class="card-title"(?: lang="[^"]+")?><a href="[^"]+">([^<]+)</a>'


def exhibitors(query):
    return ExhibitorFilter(QueryDict(query), queryset=Exhibitor.objects.published().for_listing())


def names(rows):
    return [exhibitor.name for exhibitor in rows]


def valid_names(filterset):
    assert filterset.is_valid(), filterset.form.errors
    return names(filterset.qs)


def facet(filterset, name):
    assert filterset.is_valid(), filterset.form.errors
    found = next(f for f in filterset.facets if f.name == name)
    return [(option.value, option.count, option.selected) for option in found.options]


def all_facets(filterset):
    assert filterset.is_valid(), filterset.form.errors
    return {f.name: [(o.value, o.count, o.selected) for o in f.options] for f in filterset.facets}


def card_names(response):
    return re.findall(CARD_TITLE, response.text)


def problem(response):
    """The message a refused listing shows, and the filters' errors listed under it."""
    [block] = re.findall(r'<div class="problem" role="alert">(.*?)</div>', response.text, re.S)
    [message] = re.findall(r"<p><strong>(.*?)</strong></p>", block)
    return message, re.findall(r"<li>(.*?)</li>", block)


def chip_links(response):
    return re.findall(r'<li><a href="\?([^"]*)" aria-label="Remove filter ([^"]+)"', response.text)


# Fields: what a value in the query string may be


def test_text_search_drops_control_characters_and_keeps_at_most_200_characters():
    filterset = exhibitors("q=" + "robot%00%07\u200b " + "x" * 10_000)

    assert filterset.is_valid()
    assert filterset.form.cleaned_data["q"] == ("robot " + "x" * 10_000)[:MAX_QUERY_LENGTH]


@pytest.mark.parametrize(
    "query",
    ["category=ro%00bots", "hall=H1%0A", "country=XX", "featured=maybe%00", "sort=price"],
)
def test_malformed_values_are_form_errors(query):
    make_category(slug="robots")
    make_hall(code="H1")

    assert not exhibitors(query).is_valid()


# FacetedFilterSet: facets, their counts and the rows they count


def test_facet_counts_apply_every_other_active_filter_but_not_their_own():
    robots, chips = make_category(slug="robots", name="Robots"), make_category(slug="chips")
    h1, h2 = make_hall(code="H1"), make_hall(code="H2")
    make_exhibitor(hall=h1, categories=[robots])
    make_exhibitor(hall=h2, categories=[robots])
    make_exhibitor(hall=h2, categories=[robots, chips])
    make_exhibitor(hall=h2, categories=[chips])

    filterset = exhibitors("category=robots&hall=H2")

    assert facet(filterset, "category") == [("chips", 2, False), ("robots", 2, True)]
    assert facet(filterset, "hall") == [("H1", 1, False), ("H2", 2, True)]


def test_a_facet_counts_the_rows_of_every_other_filter_the_search_among_them():
    robots, h1 = make_category(slug="robots"), make_hall(code="H1")
    make_exhibitor(name="Robot in H1", hall=h1, categories=[robots])
    make_exhibitor(name="Robot elsewhere", categories=[robots])
    make_exhibitor(name="Vision in H1", hall=h1, categories=[robots])
    make_exhibitor(name="Robot arms in H1", hall=h1)

    filterset = exhibitors("q=robot&category=robots&hall=H1")

    assert filterset.form.is_valid()
    assert valid_names(filterset) == ["Robot in H1"]
    assert names(filterset.queryset_without("category")) == ["Robot arms in H1", "Robot in H1"]
    assert names(filterset.queryset_without("q")) == ["Robot in H1", "Vision in H1"]
    assert filterset.queryset_without("featured") is filterset.qs  # not in use: the listing


@pytest.fixture
def searches(monkeypatch):
    """How the exhibitor listing asks for each of its searches."""
    asked = []
    search = ExhibitorQuerySet.search

    def recorded(queryset, text, **options):
        asked.append(options)
        return search(queryset, text, **options)

    monkeypatch.setattr(ExhibitorQuerySet, "search", recorded)
    return asked


@pytest.mark.parametrize(
    ("query", "left_out", "index"),
    [
        ("q=robot", None, True),
        ("q=robot&hall=H1&country=CN", None, True),  # broad filters leave too many rows
        ("q=robot&sort=hall", None, True),  # sorting keeps every row
        ("q=robot&category=robots", None, False),
        ("q=robot&featured=true", None, False),
        ("q=robot&category=robots", "category", True),  # left out, it narrows nothing
        ("q=robot&category=robots&hall=H1", "category", True),
        ("q=robot&category=robots&featured=true", "category", False),
        ("q=robot&category=robots&featured=true", "featured", False),
    ],
)
def test_the_search_uses_the_index_unless_another_filter_applied_with_it_narrows_the_rows(
    searches, query, left_out, index
):
    filterset = exhibitors(query)
    assert filterset.form.is_valid()

    filterset.queryset_without(left_out) if left_out else filterset.qs

    assert searches == [{"index": index}]


def test_a_facet_that_leaves_the_search_out_asks_for_no_search(searches):
    filterset = exhibitors("q=robot&category=robots")
    assert filterset.form.is_valid()

    filterset.queryset_without("q")

    assert searches == []


def test_unknown_category_and_hall_are_form_errors_naming_the_value():
    make_category(slug="robots")
    make_hall(code="H1")

    filterset = exhibitors("category=robots&category=robotz&hall=H9")

    assert not filterset.is_valid()
    assert filterset.form.errors == {
        "category": ["There is no category “robotz”."],
        "hall": ["There is no hall “H9”."],
    }


@pytest.mark.parametrize(
    "query",
    [
        "",
        "country=CN",
        "q=robot",
        "q=robot&country=CN",
        "q=robot&hall=H1&featured=true",
        "q=robot&category=robots",
        "q=robot&premiere=true",
        "premiere=true&hall=H1",
    ],
)
def test_one_pass_counts_the_one_column_facets_and_total_with_the_same_results(query, monkeypatch):
    robots, h1 = make_category(slug="robots"), make_hall(code="H1")
    make_exhibitor(name="Robot One", country="CN", hall=h1, is_featured=True, categories=[robots])
    make_exhibitor(name="Robot Two", country="US", hall=h1)
    make_exhibitor(name="Robot Three", country="CN", categories=[robots])
    vision = make_exhibitor(name="Vision", country="CN", hall=h1, is_featured=True)
    make_product(exhibitor=vision, name="Robot arm", premiere="world")
    shared = exhibitors(query)
    shared_facets, shared_total = all_facets(shared), shared.qs.count()

    monkeypatch.setattr(ExhibitorFilter, "listing_counts", None)  # a pass per facet
    separate = exhibitors(query)

    assert shared.listing_counts is not None
    assert shared_facets == all_facets(separate)
    assert shared.listing_counts[1] == shared_total == separate.qs.count()


def test_a_filter_named_after_a_python_keyword_is_declared_with_a_trailing_underscore():
    class Window(FacetedFilterSet):
        from_ = django_filters.TimeFilter(field_name="starts_at__time", lookup_expr="gte")
        until = django_filters.TimeFilter(field_name="starts_at__time", lookup_expr="lt")
        name_ = django_filters.CharFilter()  # not a keyword: the underscore stays

    assert list(Window.base_filters) == ["from", "until", "name_"]
    assert list(for_programs(Window).base_filters) == ["from", "until", "name_"]
    sessions = SessionFilter(QueryDict("from=09:00"), queryset=Session.objects.published())
    assert sessions.is_valid()
    assert sessions.form.cleaned_data["from"] == time(9, 0)
    assert [field.name for field in sessions.form] == [
        *("q", "day", "track", "venue", "type", "language", "speaker", "from", "until"),
    ]


# The page form: the listing's own parameters


@pytest.mark.parametrize(
    ("data", "cleaned"),
    [
        ({}, {"per_page": 24, "page": 1}),
        ({"per_page": "", "page": ""}, {"per_page": 24, "page": 1}),
        ({"per_page": "12", "page": "3"}, {"per_page": 12, "page": 3}),
        ({"per_page": "48", "page": "02"}, {"per_page": 48, "page": 2}),
        (QueryDict("page=2&page=3"), {"per_page": 24, "page": 3}),  # the last one
    ],
)
def test_page_form_gives_24_results_per_page_from_page_1_unless_told(data, cleaned):
    form = PageForm(data)

    assert form.is_valid()
    assert form.cleaned_data == cleaned


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"page": "two"}, {"page": ["“two” is not a page number."]}),
        ({"page": "0"}, {"page": ["“0” is not a page number."]}),
        ({"page": "-1"}, {"page": ["“-1” is not a page number."]}),
        ({"page": "+2"}, {"page": ["“+2” is not a page number."]}),
        ({"page": " 2"}, {"page": ["“2” is not a page number."]}),
        ({"page": "1234567890"}, {"page": ["“1234567890” is not a page number."]}),
        (
            {"page": "x\x00" + "9" * 5000},
            {"page": ["“x\ufffd999999999999999999” is not a page number."]},  # NUL shown as �
        ),
        (
            {"per_page": "1000"},
            {"per_page": ["Results per page can be 12, 24 or 48; “1000” is none of these."]},
        ),
        (
            {"per_page": "7", "page": "x"},
            {
                "per_page": ["Results per page can be 12, 24 or 48; “7” is none of these."],
                "page": ["“x” is not a page number."],
            },
        ),
    ],
)
def test_page_form_refuses_what_is_not_a_page_size_or_number_quoting_20_characters(data, errors):
    form = PageForm(data)

    assert not form.is_valid()
    assert form.errors == errors


def test_page_form_names_the_page_size_first():
    form = PageForm({"page": "x", "per_page": "7"})

    assert not form.is_valid()
    assert form.first_error() == "Results per page can be 12, 24 or 48; “7” is none of these."


# FacetedListView: bad input, chips, pagination


FILTERS_REFUSED = "Some filters could not be understood."


@pytest.mark.parametrize(
    ("query", "status", "shown"),
    [
        (
            {"category": "nope"},
            400,
            (FILTERS_REFUSED, ["There is no category “nope”."]),  # none has exhibitors
        ),
        (
            {"hall": "H2\x00"},
            400,
            (FILTERS_REFUSED, ["There is no hall “H2\ufffd”."]),  # H2 has no exhibitor
        ),
        (
            {"country": "ZZ"},
            400,
            (FILTERS_REFUSED, ["There is no country “ZZ”."]),
        ),
        (
            {"category": ["robots"] * 51},
            400,
            (FILTERS_REFUSED, ["Choose at most 50 values for “Category”."]),
        ),
        (
            {"category": "nope", "page": "x"},
            400,
            (
                FILTERS_REFUSED,
                [
                    "There is no category “nope”.",
                    "“x” is not a page number.",
                ],
            ),
        ),
        ({"page": "two"}, 400, ("“two” is not a page number.", [])),
        ({"page": "0"}, 400, ("“0” is not a page number.", [])),
        ({"page": "9" * 5000}, 400, ("“99999999999999999999” is not a page number.", [])),
        ({"page": "3"}, 404, ("There is no page 3: these results fill 1 page(s).", [])),
        (
            {"per_page": "1000"},
            400,
            ("Results per page can be 12, 24 or 48; “1000” is none of these.", []),
        ),
        (
            {"per_page": "7", "page": "x"},
            400,
            ("Results per page can be 12, 24 or 48; “7” is none of these.", []),
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_a_4xx(client, query, status, shown):
    make_category(slug="robots")
    make_hall(code="H2")
    make_exhibitor(name="Huawei")

    response = client.get(EXHIBITORS_URL, query)

    assert response.status_code == status
    assert problem(response) == shown
    assert card_names(response) == []
    assert response.context["paginator"] is None


def test_a_huge_query_with_control_characters_is_shortened_not_refused(client):
    make_exhibitor(name="Huawei")

    response = client.get(EXHIBITORS_URL, {"q": "Hua\x00wei\x1b" + " " * 10 + "x" * 10_000})

    assert response.status_code == 200
    assert card_names(response) == []
    assert '<p class="result-count" role="status">0 results</p>' in response.text


def test_listing_shows_the_result_count_facet_counts_and_removable_chips(client):
    robots = make_category(slug="robots", name="Robots")
    chips = make_category(slug="chips", name="Chips")
    make_exhibitor(name="Unitree", categories=[robots])
    make_exhibitor(name="Cambricon", categories=[chips])

    response = client.get(EXHIBITORS_URL, {"category": "robots", "q": "unit"})

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


def test_chips_name_each_filter_and_remove_just_that_one(client):
    make_session(title="Robots", track=make_track(slug="robotics", name="Robotics"))

    response = client.get(
        SESSIONS_URL, {"track": "robotics", "from": "09:00", "language": "en", "page": "1"}
    )

    assert chip_links(response) == [
        ("from=09%3A00&amp;language=en", "Track: Robotics"),
        ("track=robotics&amp;from=09%3A00", "Language: English"),
        ("track=robotics&amp;language=en", "Starting from: 09:00"),
    ]


def test_pages_hold_the_chosen_number_of_results_and_their_links_keep_the_filters(client):
    robots = make_category(slug="robots")
    for n in range(13):
        make_exhibitor(name=f"Exhibitor {n:02}", categories=[robots])

    first = client.get(EXHIBITORS_URL, {"category": "robots", "per_page": 12})
    second = client.get(EXHIBITORS_URL, {"category": "robots", "per_page": 12, "page": 2})

    assert len(card_names(first)) == 12
    assert card_names(second) == ["Exhibitor 12"]
    assert re.findall(r'<a rel="next" href="\?([^"]+)"', first.text) == [
        "category=robots&amp;per_page=12&amp;page=2"
    ]
    assert re.findall(r'<a rel="prev" href="\?([^"]+)"', second.text) == [
        "category=robots&amp;per_page=12&amp;page=1"
    ]
    assert re.findall(r'<option value="([0-9]+)" selected>', first.text) == ["12"]
