"""The open data API under /api/v1/: published records, the listings' filters, JSON errors."""

import json

import pytest
from django.core.management import call_command

from directory.testing import upload
from exhibitors.tests.factories import make_category, make_exhibitor, make_hall, make_product
from speakers.models import SessionStatus
from speakers.tests.factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db


def api(client, path, **headers):
    response = client.get(f"/api/v1/{path}", headers=headers)
    return response, response.json() if response.content else None


def slugs(body):
    return [row["slug"] for row in body["results"]]


@pytest.fixture
def directory():
    """A small programme with something for every filter to tell apart."""
    robots = make_category(slug="robots", name="Robots")
    chips = make_category(slug="chips", name="Chips")
    h1, h2 = make_hall(code="H1", order=1), make_hall(code="H2", order=2)
    acme = make_exhibitor(
        slug="acme", name="Acme Robotics", hall=h1, booth="A1", country="CN", is_featured=True,
        categories=[robots],
    )  # fmt: skip
    make_exhibitor(slug="chipco", name="ChipCo", hall=h2, booth="B1", country="US",
                   categories=[chips])  # fmt: skip
    make_exhibitor(slug="both", name="Both Labs", hall=h2, booth="B2", country="CN",
                   categories=[robots, chips], tagline="Robot chips")  # fmt: skip
    make_product(slug="arm", name="Robot arm", exhibitor=acme, premiere="world")
    robotics = make_track(slug="robotics", name="Robotics")
    models = make_track(slug="models", name="Models")
    main = make_venue(slug="main-hall", name="Main hall", hall=h1)
    side = make_venue(slug="side-room", name="Side room")
    ada = make_speaker(slug="ada", name="Ada Lovelace", position="Chief Scientist", country="GB",
                       is_keynote=True, exhibitor=acme)  # fmt: skip
    bo = make_speaker(slug="bo", name="Bo Li", country="CN")
    cy = make_speaker(slug="cy", name="Cy Chen", country="CN", position="Chief Robot Officer")
    make_speaker(slug="idle", name="Idle Ida")
    make_session(slug="opening", title="Opening", type="keynote", track=models, venue=main,
                 starts_at=shanghai(26, 9), speakers=[ada], language="en")  # fmt: skip
    make_session(slug="robot-forum", title="Robot forum", type="forum", track=robotics,
                 venue=main, starts_at=shanghai(26, 14), speakers=[bo, cy])  # fmt: skip
    make_session(slug="robot-lab", title="Robot lab", type="workshop", track=robotics,
                 venue=side, starts_at=shanghai(27, 10), speakers=[cy], language="en")  # fmt: skip
    make_session(slug="models-talk", title="Models talk", type="forum", track=models, venue=side,
                 starts_at=shanghai(27, 16), speakers=[ada, bo])  # fmt: skip


LISTINGS = {
    "speakers": [
        "",
        "track=robotics",
        "day=2025-07-27",
        "country=GB&keynote=true",
        "country=CN&country=GB",
        "organization=acme",
        "q=chief",
        "track=robotics&track=models&day=2025-07-26",
    ],
    "sessions": [
        "",
        "day=2025-07-26",
        "track=robotics&venue=main-hall",
        "type=keynote&type=workshop",
        "language=en",
        "speaker=ada",
        "from=10:00&until=15:00",
        "q=robot",
        "q=cy%20chen",
    ],
    "exhibitors": [
        "",
        "category=robots",
        "hall=H1&hall=H2",
        "country=CN",
        "featured=true",
        "premiere=true",
        "sort=hall",
        "sort=featured&category=chips",
        "q=robot",
    ],
}


@pytest.mark.parametrize(
    "listing, query",
    [(listing, query) for listing, queries in LISTINGS.items() for query in queries],
)
def test_api_filters_give_the_same_records_as_the_html_listing(client, directory, listing, query):
    # The agenda shows a day at a time: without a day, the API's sessions are its days' together.
    days = [""]
    if listing == "sessions" and "day=" not in query:
        days = ["&day=2025-07-26", "&day=2025-07-27"]
    pages = [client.get(f"/{listing}/?per_page=48&{query}{day}") for day in days]
    response, body = api(client, f"{listing}/?per_page=100&{query}")

    assert ({page.status_code for page in pages}, response.status_code) == ({200}, 200)
    html_slugs = [row.slug for page in pages for row in page.context["object_list"]]
    assert slugs(body) == html_slugs
    assert body["count"] == len(html_slugs) > 0


def test_api_filters_mean_what_they_say(client, directory):
    assert slugs(api(client, "speakers/?track=robotics")[1]) == ["bo", "cy"]
    assert slugs(api(client, "sessions/?speaker=ada")[1]) == ["opening", "models-talk"]
    assert slugs(api(client, "exhibitors/?sort=hall")[1]) == ["acme", "chipco", "both"]
    assert slugs(api(client, "products/?premiere=world")[1]) == ["arm"]
    assert slugs(api(client, "products/?exhibitor=chipco")[1]) == []


@pytest.mark.parametrize("times", ["from=12:00&until=12:00", "from=14:00&until=12:00"])
def test_a_time_range_with_nothing_in_it_is_an_empty_list_for_programs(client, times):
    """A page explains it (directory/tests/test_filter_messages.py); the document cannot say
    how two parameters relate, so a program gets what the range holds: nothing."""
    make_session(starts_at=shanghai(26, 12))

    response = client.get(f"/api/v1/sessions/?{times}")

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_session_says_when_where_and_who_in_shanghai_time(client):
    hall = make_hall(code="H3")
    venue = make_venue(slug="stage", hall=hall)
    ada = make_speaker(slug="ada", name="Ada")
    make_session(
        slug="talk", title="Talk", starts_at=shanghai(26, 9, 30), venue=venue,
        track=make_track(slug="ai"), speakers=[(ada, "host")], status=SessionStatus.CANCELLED,
    )  # fmt: skip

    response, body = api(client, "sessions/talk/")

    assert response.status_code == 200
    assert body == {
        "slug": "talk",
        "title": "Talk",
        "type": "forum",
        "language": "zh",
        "status": "cancelled",
        "starts_at": "2025-07-26T09:30:00+08:00",
        "ends_at": "2025-07-26T10:30:00+08:00",
        "abstract": "",
        "track": "ai",
        "venue": "stage",
        "hall": "H3",
        "speakers": [{"slug": "ada", "name": "Ada", "role": "host"}],
        "url": "http://testserver/sessions/talk/",
        "calendar_url": "http://testserver/sessions/talk/calendar.ics",
        "api_url": "http://testserver/api/v1/sessions/talk/",
    }


def test_drafts_appear_nowhere(client):
    draft_exhibitor = make_exhibitor(slug="secret-co", is_published=False)
    make_product(slug="secret-product", exhibitor=draft_exhibitor)
    shown = make_exhibitor(slug="shown")
    make_product(slug="draft-product", exhibitor=shown, is_published=False)
    draft_speaker = make_speaker(slug="draft-speaker", name="Hidden Person", is_published=False)
    speaker = make_speaker(slug="ada", exhibitor=draft_exhibitor)
    make_session(slug="public", speakers=[speaker, draft_speaker])
    make_session(slug="draft-session", speakers=[speaker], is_published=False)

    listed = {
        path: api(client, path)[1]
        for path in ("speakers/", "sessions/", "exhibitors/", "products/")
    }
    details = [
        api(client, path)[0].status_code
        for path in (
            "speakers/draft-speaker/",
            "sessions/draft-session/",
            "exhibitors/secret-co/",
            "products/secret-product/",
            "products/draft-product/",
        )
    ]

    assert slugs(listed["speakers/"]) == ["ada"]
    assert listed["speakers/"]["results"][0]["sessions"] == ["public"]
    assert listed["speakers/"]["results"][0]["exhibitor"] is None
    assert slugs(listed["sessions/"]) == ["public"]
    assert listed["sessions/"]["results"][0]["speakers"] == [
        {"slug": "ada", "name": speaker.name, "role": "speaker"}
    ]
    assert slugs(listed["exhibitors/"]) == ["shown"]
    assert slugs(listed["products/"]) == []
    assert details == [404, 404, 404, 404, 404]
    assert api(client, "sessions/?q=hidden")[1]["count"] == 0
    assert api(client, "speakers/?organization=secret-co")[0].status_code == 400


def test_lists_are_paginated_with_absolute_links_that_keep_the_filters(client):
    for n in range(30):
        make_speaker(slug=f"speaker-{n:02}", name=f"Speaker {n:02}", country="CN")

    first = api(client, "speakers/?country=CN&per_page=12")[1]
    last = api(client, "speakers/?country=CN&per_page=12&page=3")[1]
    default = api(client, "speakers/")[1]

    assert (first["count"], len(first["results"]), len(last["results"])) == (30, 12, 6)
    assert first["next"] == "http://testserver/api/v1/speakers/?country=CN&page=2&per_page=12"
    assert first["previous"] is None
    assert last["next"] is None
    assert slugs(last) == [f"speaker-{n:02}" for n in range(24, 30)]
    assert len(default["results"]) == 24


def test_page_past_the_end_is_a_404_with_a_json_body(client):
    make_speaker()

    response, body = api(client, "speakers/?page=2")

    assert response.status_code == 404
    assert list(body) == ["detail"]


def test_records_link_their_pages_and_images_with_absolute_urls(client):
    speaker = make_speaker(slug="ada", photo=upload())
    exhibitor = make_exhibitor(slug="acme", logo=upload(), hall=make_hall(code="H1"))

    speaker_body = api(client, "speakers/ada/")[1]
    exhibitor_body = api(client, "exhibitors/acme/")[1]
    hall_body = api(client, "halls/H1/")[1]

    photo = speaker_body["photo"]
    assert photo["url"] == f"http://testserver{speaker.photo.url}"
    assert (photo["width"], photo["height"]) == (64, 48)
    assert [r["url"] for r in photo["renditions"]] == [
        f"http://testserver{r.url}" for r in speaker.photo.renditions("portrait-detail")
    ]
    assert [(r["width"], r["height"]) for r in photo["renditions"]] == [
        (r.width, r.height) for r in speaker.photo.renditions("portrait-detail")
    ]
    assert photo["renditions"][0]["url"].endswith(".portrait-detail.1x.webp")
    assert exhibitor_body["logo"]["url"] == f"http://testserver{exhibitor.logo.url}"
    assert exhibitor_body["logo"]["renditions"][0]["url"].startswith("http://testserver/media/")
    assert speaker_body["url"] == "http://testserver/speakers/ada/"
    assert exhibitor_body["url"] == "http://testserver/exhibitors/acme/"
    assert hall_body["url"] == "http://testserver/exhibitors/?hall=H1"
    assert hall_body["floor_plan"] is None


@pytest.mark.parametrize(
    "path, key",
    [
        ("sessions/?track=nope", "track"),
        ("sessions/?venue=nope", "venue"),
        ("sessions/?speaker=nope", "speaker"),
        ("speakers/?organization=nope", "organization"),
        ("speakers/?track=nope", "track"),
        ("exhibitors/?category=nope", "category"),
        ("exhibitors/?hall=H9", "hall"),
        ("exhibitors/?country=XX", "country"),
        ("products/?exhibitor=nope", "exhibitor"),
        ("products/?premiere=someday", "premiere"),
        ("sessions/?day=2025-13-45", "day"),
        ("sessions/?day=tomorrow", "day"),
        ("speakers/?day=26-07-2025", "day"),
        ("sessions/?from=25:00", "from"),
        ("sessions/?type=party", "type"),
        ("exhibitors/?featured=maybe", "featured"),
        ("exhibitors/?sort=random", "sort"),
        ("speakers/?page=two", "page"),
        ("speakers/?page=0", "page"),
        ("speakers/?page=-1", "page"),
        ("speakers/?page=99999999999999999999", "page"),
        ("speakers/?per_page=0", "per_page"),
        ("speakers/?per_page=101", "per_page"),
        ("speakers/?per_page=lots", "per_page"),
        ("speakers/?q=" + "a" * 201, "q"),
        ("sessions/?q=robot%00", "q"),
        ("exhibitors/?q=robot%1b%5B31m", "q"),
        ("speakers/?q=%E2%80%8Brobot", "q"),
        ("sessions/?track=robot%00ics", "track"),
        ("speakers/?lang=fr", "lang"),
        ("speakers/?per_page=10&per_page=100", "per_page"),
        ("speakers/?lang=en&lang=zh-hans", "lang"),
        ("exhibitors/?sort=name&sort=hall", "sort"),
        ("sessions/?day=", "day"),
        ("sessions/?track=", "track"),
        ("sessions/?day=9999-12-31", "day"),
        ("speakers/?day=0001-01-01", "day"),
        ("sessions/?from=00:00:00Z", "from"),
        ("sessions/?until=9:30", "until"),
        ("exhibitors/?featured=1", "featured"),
        ("speakers/?q=" + "%20" * 201, "q"),
        ("products/?exhibitor=" + "&exhibitor=".join(["acme"] * 51), "exhibitor"),
    ],
)
def test_bad_parameters_get_a_400_saying_which_and_why(client, directory, path, key):
    response, body = api(client, path)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(body) == [key]
    assert isinstance(body[key][0], str)
    assert body[key][0]


def test_search_text_of_200_characters_is_fine(client, directory):
    response, body = api(client, "speakers/?q=" + "a" * 200)

    assert (response.status_code, body["count"]) == (200, 0)


@pytest.mark.parametrize(
    "path", ["speakers/nobody/", "halls/H9/", "sessions/a%00b/", "tracks/%E2%80%8B/"]
)
def test_unknown_or_malformed_record_is_a_404_with_a_json_body(client, directory, path):
    response = client.get(f"/api/v1/{path}")

    assert response.status_code == 404
    if response["Content-Type"] == "application/json":
        assert list(response.json()) == ["detail"]


def test_writing_is_refused(client, directory):
    response = client.post("/api/v1/speakers/", {"slug": "new"})

    assert response.status_code == 405
    assert list(response.json()) == ["detail"]


@pytest.mark.parametrize(
    "path, change",
    [
        ("speakers/", lambda: make_speaker()),
        ("speakers/ada/", lambda: make_session(slug="new-session")),
        ("sessions/", lambda: make_venue()),
        ("exhibitors/", lambda: make_category()),
        ("exhibitors/acme/", lambda: make_product()),
        ("products/", lambda: make_exhibitor()),
        ("tracks/", lambda: make_track()),
        ("venues/", lambda: make_hall()),
        ("halls/H1/", lambda: make_hall()),
        ("categories/", lambda: make_category()),
    ],
)
def test_conditional_get_is_a_304_until_what_the_response_shows_changes(
    client, directory, path, change
):
    first, _ = api(client, path)
    by_etag, _ = api(client, path, if_none_match=first["ETag"])
    by_date, _ = api(client, path, if_modified_since=first["Last-Modified"])
    change()
    after_change, _ = api(client, path, if_none_match=first["ETag"])

    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert by_etag.content == b""
    assert by_etag["Access-Control-Allow-Origin"] == "*"
    assert after_change.status_code == 200
    assert after_change["ETag"] != first["ETag"]


def test_page_cache_keeps_the_views_etag(client, directory, settings, django_assert_num_queries):
    settings.WAIC_PAGE_CACHE_SECONDS = 60
    first, _ = api(client, "sessions/")
    with django_assert_num_queries(0):
        cached, _ = api(client, "sessions/")
    revalidated, _ = api(client, "sessions/", if_none_match=first["ETag"])

    assert cached["ETag"] == first["ETag"]
    assert revalidated.status_code == 304


def test_each_language_has_its_own_etag_and_texts(client):
    make_track(slug="vision", name_en="Vision", name_zh_hans="视觉")

    english, english_body = api(client, "tracks/vision/")
    chinese, chinese_body = api(client, "tracks/vision/?lang=zh-hans")
    by_header, by_header_body = api(client, "tracks/vision/", accept_language="zh-hans")

    assert (english_body["name"], chinese_body["name"], by_header_body["name"]) == (
        "Vision",
        "视觉",
        "Vision",  # the address decides the language, not Accept-Language
    )
    assert chinese["Content-Language"] == "zh-hans"
    assert english["ETag"] != chinese["ETag"]


def test_other_sites_may_read_the_api(client, directory):
    response = client.get("/api/v1/speakers/", headers={"origin": "https://example.org"})
    preflight = client.options(
        "/api/v1/speakers/",
        headers={
            "origin": "https://example.org",
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )
    page = client.get("/speakers/", headers={"origin": "https://example.org"})

    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Expose-Headers"] == "ETag"
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    assert not page.has_header("Access-Control-Allow-Origin")


LIST_QUERIES = {
    # ETag/Last-Modified: one query over every model shown; then count, rows and prefetches.
    "speakers/": 4,  # ETag, count, rows, published sessions
    "sessions/": 4,  # ETag, count, rows, published speakers
    "exhibitors/": 4,  # ETag, count, rows, categories
    "products/": 3,  # ETag, count, rows with their exhibitor
    "tracks/": 3,
    "venues/": 3,
    "halls/": 3,
    "categories/": 3,
}


def make_rows(n):
    for i in range(n):
        hall = make_hall()
        exhibitor = make_exhibitor(hall=hall, categories=[make_category()])
        make_product(exhibitor=exhibitor)
        speaker = make_speaker(exhibitor=exhibitor)
        make_session(
            speakers=[speaker], track=make_track(), venue=make_venue(hall=hall),
            starts_at=shanghai(26, 8 + i % 10),
        )  # fmt: skip


@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize("path", list(LIST_QUERIES))
def test_lists_take_the_same_number_of_queries_for_1_or_30_rows(
    client, django_assert_num_queries, settings, rows, path
):
    settings.WAIC_PAGE_CACHE_SECONDS = 0
    make_rows(rows)

    with django_assert_num_queries(LIST_QUERIES[path]):
        response, body = api(client, f"{path}?per_page=100")

    assert len(body["results"]) == rows


def test_filters_in_use_cost_a_fixed_number_of_queries_to_check_their_values(
    client, directory, django_assert_num_queries, settings
):
    settings.WAIC_PAGE_CACHE_SECONDS = 0

    # Track and venue: their counts in one GROUP BY, then their names; day: one GROUP BY.
    with django_assert_num_queries(4 + 2 + 2 + 1):
        response, body = api(client, "sessions/?track=robotics&venue=main-hall&day=2025-07-26")

    assert slugs(body) == ["robot-forum"]


def test_openapi_schema_is_valid_without_warnings(tmp_path):
    schema_file = tmp_path / "openapi.json"

    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json",
        "--file", str(schema_file),
    )  # fmt: skip

    assert "/api/v1/sessions/{slug}/" in json.loads(schema_file.read_text())["paths"]


def test_openapi_document_lists_every_endpoint_and_the_listings_filters(client):
    response = client.get("/api/v1/openapi.json")
    schema = response.json()

    assert response.status_code == 200
    assert sorted(path for path in schema["paths"] if not path.endswith("}/")) == [
        f"/api/v1/{name}/"
        for name in sorted(
            [
                "speakers",
                "sessions",
                "exhibitors",
                "products",
                "tracks",
                "venues",
                "halls",
                "categories",
            ]
        )  # fmt: skip
    ]
    parameters = schema["paths"]["/api/v1/sessions/"]["get"]["parameters"]
    assert sorted(p["name"] for p in parameters) == [
        *("day", "from", "lang", "language", "page", "per_page", "q", "speaker", "track"),
        *("type", "until", "venue"),
    ]


def test_docs_page_uses_only_our_own_static_files_and_no_inline_code(client):
    from lxml import html

    response = client.get("/api/v1/docs/")
    tree = html.fromstring(response.content)
    scripts = tree.xpath("//script")
    script_sources = [script.get("src") for script in scripts]
    init = client.get(script_sources[-1])

    assert response.status_code == 200
    assert all(src.startswith("/static/drf_spectacular_sidecar/") for src in script_sources[:2])
    assert script_sources[2].startswith("/api/v1/docs/?")
    assert [script.text for script in scripts] == [None, None, None]
    assert tree.xpath("//style | //*[@style]") == []
    assert [link.get("href") for link in tree.xpath("//link")] == [
        "/static/drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
    ]
    assert init.status_code == 200
    assert init["Content-Type"] == "application/javascript"
    assert b'url: "/api/v1/openapi.json"' in init.content
    assert not init.cookies


def test_openapi_document_lists_the_slugs_that_exist_when_it_is_asked_for(client):
    client.get("/api/v1/openapi.json")  # no track yet
    make_track(slug="robotics")
    make_track(slug="agents")

    schema = client.get("/api/v1/openapi.json").json()

    parameters = schema["paths"]["/api/v1/sessions/"]["get"]["parameters"]
    track = next(p for p in parameters if p["name"] == "track")
    assert track["schema"]["items"]["enum"] == ["agents", "robotics"]


def test_openapi_document_says_which_values_may_be_null_and_every_answer(client):
    schema = client.get("/api/v1/openapi.json").json()

    components = schema["components"]["schemas"]
    assert components["Session"]["properties"]["track"]["nullable"] is True
    assert components["Session"]["properties"]["venue"]["nullable"] is True
    assert components["Venue"]["properties"]["hall"]["nullable"] is True
    assert components["Exhibitor"]["properties"]["hall"]["nullable"] is True
    answers = schema["paths"]["/api/v1/sessions/"]["get"]["responses"]
    assert sorted(answers) == ["200", "304", "400", "404", "406"]
    page = next(
        p for p in schema["paths"]["/api/v1/sessions/"]["get"]["parameters"] if p["name"] == "page"
    )
    assert page["schema"] == {"type": "integer", "minimum": 1, "maximum": 999_999_999}


def test_parameters_the_document_does_not_name_are_ignored(client, directory):
    response, body = api(client, "sessions/?track=robotics&utm_source=mail")

    assert (response.status_code, slugs(body)) == (200, ["robot-forum", "robot-lab"])
