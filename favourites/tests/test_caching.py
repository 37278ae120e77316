"""Favourites keep public pages cacheable and the same for everyone; personal pages never are."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from exhibitors.tests.factories import make_exhibitor
from speakers.tests.factories import make_session, make_speaker
from waic_site.cache import PublicPageCacheMiddleware

from .factories import key_of, star

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    """A session, its speaker (a keynote, working for the exhibitor) and a featured exhibitor:
    each page below shows at least one card with a save button."""
    exhibitor = make_exhibitor(slug="unitree", is_featured=True)
    speaker = make_speaker(name="Ada Lovelace", slug="ada", is_keynote=True, exhibitor=exhibitor)
    session = make_session(title="Opening", slug="opening", speakers=[speaker])
    return session, speaker, exhibitor


@pytest.mark.parametrize(
    ("url", "buttons"),
    [
        ("/sessions/", 1),
        ("/speakers/", 1),
        ("/exhibitors/", 1),
        ("/sessions/opening/", 2),  # the session's own, and its speaker's card
        ("/speakers/ada/", 2),  # the speaker's own, and their session's card
        ("/exhibitors/unitree/", 2),  # the exhibitor's own, and its speaker's card
        ("/", 2),  # the keynote speaker's and the featured exhibitor's cards
        ("/zh-hans/", 2),
        ("/search/?q=opening", 1),
    ],
)
def test_a_page_for_a_visitor_with_favourites_is_the_cached_page_for_everyone(
    directory, url, buttons, django_assert_num_queries
):
    with_favourites = Client()
    for item in directory:
        star(with_favourites, item)
    without = Client().get(url)

    with django_assert_num_queries(0):
        mine = with_favourites.get(url)

    assert mine.content == without.content
    assert mine["Cache-Control"] == "public, max-age=60"
    assert mine.content.decode().count('<form class="star"') == buttons
    assert "★ Saved</button>" not in mine.content.decode()


def test_save_buttons_carry_no_csrf_token_or_cookie(client, directory):
    response = client.get("/sessions/")

    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert response.cookies == {}


@pytest.mark.parametrize(
    ("path", "cache_control"),
    [
        ("/my/", "private, no-store"),
        ("/my/starred.json", "private, no-store"),
        ("/my/{key}/", "private, no-store"),
        ("/my/{key}/calendar.ics", "private, no-cache"),  # calendar apps revalidate with the ETag
    ],
)
def test_personal_pages_are_rendered_for_every_request(client, directory, path, cache_control):
    star(client, directory[0])
    url = path.format(key=key_of(client))
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)

    assert again.status_code == 200
    assert again["Cache-Control"] == cache_control
    assert len(queries) > 0


def test_the_page_cache_never_stores_a_page_under_my_even_without_private_headers(rf):
    renders = []

    def public_looking_page(request):
        renders.append(request.path)
        return HttpResponse("someone's list")

    middleware = PublicPageCacheMiddleware(public_looking_page)
    for _ in range(2):
        middleware(rf.get("/my/"))
        middleware(rf.get("/sessions/"))

    assert renders == ["/my/", "/sessions/", "/my/"]
