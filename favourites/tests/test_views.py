"""My WAIC: favourites without an account, kept by a key in a cookie and a private link."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from exhibitors.tests.factories import make_exhibitor
from favourites.models import FavouriteList
from favourites.views import COOKIE_NAME
from speakers.agenda import mark_overlaps
from speakers.tests.factories import make_session, make_speaker, shanghai

from .factories import JSON, key_of, star

pytestmark = pytest.mark.django_db

MY_WAIC = "/my/"


def saved(favourites):
    return (
        [s.slug for s in favourites.sessions.all()],
        [s.slug for s in favourites.speakers.all()],
        [e.slug for e in favourites.exhibitors.all()],
    )


def test_starring_without_javascript_saves_and_goes_back_to_the_page(client):
    session = make_session(slug="opening")

    response = star(client, session, next="/sessions/?day=2025-07-26")

    assert response.status_code == 302
    assert response["Location"] == "/sessions/?day=2025-07-26#star-session-opening"
    favourites = FavouriteList.objects.get()
    assert saved(favourites) == (["opening"], [], [])
    assert key_of(client) == favourites.key
    assert len(favourites.key) == 43


def test_the_cookie_survives_a_browser_restart_and_stays_out_of_scripts_and_other_sites(client):
    response = star(client, make_session())

    cookie = response.cookies[COOKIE_NAME]
    assert cookie["max-age"] == 400 * 24 * 3600
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"] == ""
    assert cookie["path"] == "/"


def test_the_cookie_is_secure_when_the_site_says_so(client, settings):
    settings.SESSION_COOKIE_SECURE = True

    response = star(client, make_session())

    assert response.cookies[COOKIE_NAME]["secure"] is True


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]
)
def test_a_next_address_off_the_site_goes_to_my_waic(client, next_url):
    response = star(client, make_session(), next=next_url)

    assert response["Location"] == MY_WAIC


def test_starring_with_javascript_answers_in_json_and_removes_again(client):
    speaker = make_speaker(slug="ada")

    added = star(client, speaker, headers=JSON)
    removed = star(client, speaker, action="remove", headers=JSON)

    assert added.json() == {"kind": "speaker", "slug": "ada", "starred": True, "count": 1}
    assert removed.json() == {"kind": "speaker", "slug": "ada", "starred": False, "count": 0}
    assert saved(FavouriteList.objects.get()) == ([], [], [])


def test_the_json_answer_counts_the_published_items_of_the_list(client):
    hidden = make_session()
    for item in (hidden, make_session(), make_speaker(), make_exhibitor()):
        star(client, item)
    hidden.is_published = False
    hidden.save()

    response = star(client, make_exhibitor(), headers=JSON)

    assert response.json()["count"] == 4


def test_a_next_address_with_its_own_fragment_keeps_it(client):
    response = star(client, make_session(slug="opening"), next="/sessions/#day-2")

    assert response["Location"] == "/sessions/#day-2"


def test_saving_twice_keeps_one_star_in_one_list(client):
    exhibitor = make_exhibitor(slug="unitree")

    star(client, exhibitor)
    star(client, exhibitor)

    assert saved(FavouriteList.objects.get()) == ([], [], ["unitree"])


def test_starred_json_lists_the_published_saved_slugs_by_kind(client):
    session, speaker = make_session(slug="opening"), make_speaker(slug="ada")
    exhibitor, hidden = make_exhibitor(slug="unitree"), make_session(slug="later")
    for item in (session, speaker, exhibitor, hidden):
        star(client, item)
    hidden.is_published = False
    hidden.save()

    response = client.get(reverse("favourites:starred"))

    assert response.json() == {"session": ["opening"], "speaker": ["ada"], "exhibitor": ["unitree"]}
    assert response["Cache-Control"] == "private, no-store"


def test_starred_json_without_a_list_is_empty(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("favourites:starred"))

    assert response.json() == {"session": [], "speaker": [], "exhibitor": []}


def test_a_cookie_naming_no_list_starts_a_new_one(client):
    client.cookies[COOKIE_NAME] = "no-such-list"

    star(client, make_session(slug="opening"))

    assert key_of(client) == FavouriteList.objects.get().key != "no-such-list"


def adopt(client, link):
    """Press "Use this list on this device" on the page of `link`, as a browser would: with the
    CSRF token of that page."""
    client.get(link)
    return client.post(link, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})


def test_favourites_round_trip_through_the_private_link():
    device_a, device_b = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    star(device_a, make_session(title="Opening", slug="opening"))
    link = FavouriteList.objects.get().get_absolute_url()
    assert link in device_a.get(MY_WAIC).content.decode()

    adopted = adopt(device_b, link)
    star(device_b, make_speaker(name="Ada Lovelace", slug="ada"))

    assert (adopted.status_code, adopted["Location"]) == (302, "/my/?adopted=1")
    assert key_of(device_b) == key_of(device_a)
    page_b = device_b.get(adopted["Location"]).content.decode()
    assert "This list is now kept on this device too" in page_b
    page_a = device_a.get(MY_WAIC).content.decode()
    assert ("Opening" in page_a, "Ada Lovelace" in page_a) == (True, True)
    assert FavouriteList.objects.count() == 1


def test_opening_a_private_link_shows_the_list_read_only_and_keeps_the_visitors_own(client):
    """Another site may send a visitor to any list's link (#16.3): opening it adopts nothing."""
    star(client, make_session(slug="mine"))
    mine = FavouriteList.objects.get()
    other = FavouriteList.objects.create()
    other.star("session", make_session(title="Spam", slug="spam"), True)

    response = client.get(other.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert COOKIE_NAME not in response.cookies
    assert key_of(client) == mine.key
    assert ("Spam" in page, "Use this list on this device</button>" in page) == (True, True)
    assert f'<form method="post" action="{other.get_absolute_url()}">' in page
    assert "data-star=" not in page  # no save or remove buttons in someone else's list
    assert f'href="{mine.get_absolute_url()}"' in page  # this device's own list stays reachable


def test_the_chinese_page_of_a_private_link_offers_to_use_it_in_chinese(client):
    link = FavouriteList.objects.create().get_absolute_url()

    page = client.get("/zh-hans" + link).content.decode()

    assert "在此设备上使用此清单</button>" in page


def test_using_a_list_on_this_device_without_the_pages_csrf_token_is_refused():
    visitor = Client(enforce_csrf_checks=True)
    star(visitor, make_session(slug="mine"))
    mine = key_of(visitor)
    other = FavouriteList.objects.create()

    response = visitor.post(other.get_absolute_url())

    assert response.status_code == 403
    assert COOKIE_NAME not in response.cookies
    assert key_of(visitor) == mine


def test_using_a_list_on_this_device_keeps_it_here():
    visitor = Client(enforce_csrf_checks=True)
    star(visitor, make_session(slug="mine"))
    other = FavouriteList.objects.create()

    response = adopt(visitor, other.get_absolute_url())

    assert response.status_code == 302
    assert key_of(visitor) == other.key
    assert response.cookies[COOKIE_NAME]["httponly"] is True


def test_opening_the_devices_own_private_link_shows_the_list_as_on_my_waic(client):
    star(client, make_session(slug="opening"))
    link = FavouriteList.objects.get().get_absolute_url()

    page = client.get(link).content.decode()

    assert "Use this list on this device</button>" not in page
    assert 'data-star="session:opening"' in page


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("key", ["no-such-list", "x" * 300])
def test_an_unknown_private_link_is_not_found_and_sets_no_cookie(client, key, method):
    response = getattr(client, method)(f"/my/{key}/")

    assert response.status_code == 404
    assert COOKIE_NAME not in response.cookies


def test_my_waic_shows_only_published_items(client):
    shown, hidden = make_session(title="Opening"), make_session(title="Secret dinner")
    speaker, exhibitor = make_speaker(name="Ada Lovelace"), make_exhibitor(name="Unitree")
    for item in (shown, hidden, speaker, exhibitor):
        star(client, item)
    for item in (hidden, speaker, exhibitor):
        item.is_published = False
        item.save()

    page = client.get(MY_WAIC).content.decode()

    assert "Opening" in page
    assert ("Secret dinner" in page, "Ada Lovelace" in page, "Unitree" in page) == (
        False,
        False,
        False,
    )


def test_my_waic_lists_sessions_by_day_and_flags_overlaps(client):
    first = make_session(title="Keynote", starts_at=shanghai(26, 9), ends_at=shanghai(26, 10))
    clash = make_session(title="Robots", starts_at=shanghai(26, 9, 30), ends_at=shanghai(26, 11))
    day_two = make_session(title="Chips", starts_at=shanghai(27, 9))
    for item in (day_two, clash, first):
        star(client, item)

    response = client.get(MY_WAIC)

    page = response.content.decode()
    assert [s.title for s in response.context["sessions"]] == ["Keynote", "Robots", "Chips"]
    assert page.index("Saturday 26 July 2025") < page.index("Keynote") < page.index("Robots")
    assert page.index("Robots") < page.index("Sunday 27 July 2025") < page.index("Chips")
    assert page.count('class="overlap-warning"') == 2
    assert [[o.title for o in s.overlaps] for s in response.context["sessions"]] == [
        ["Robots"],
        ["Keynote"],
        [],
    ]


def test_overlaps_leave_out_back_to_back_and_cancelled_sessions():
    nine = make_session(starts_at=shanghai(26, 9), ends_at=shanghai(26, 10))
    ten = make_session(starts_at=shanghai(26, 10), ends_at=shanghai(26, 12))
    long_one = make_session(starts_at=shanghai(26, 9, 15), ends_at=shanghai(26, 13))
    cancelled = make_session(
        starts_at=shanghai(26, 10), ends_at=shanghai(26, 11), status="cancelled"
    )
    eleven = make_session(starts_at=shanghai(26, 11), ends_at=shanghai(26, 11, 30))

    sessions = mark_overlaps(sorted([nine, ten, long_one, cancelled, eleven], key=start))

    assert {s.pk: sorted(o.pk for o in s.overlaps) for s in sessions} == {
        nine.pk: [long_one.pk],
        long_one.pk: sorted([nine.pk, ten.pk, eleven.pk]),
        ten.pk: sorted([long_one.pk, eleven.pk]),
        cancelled.pk: [],
        eleven.pk: sorted([long_one.pk, ten.pk]),
    }


def start(session):
    return session.starts_at


def test_my_waic_without_favourites_explains_how_to_save(client):
    page = client.get(MY_WAIC).content.decode()

    assert "Nothing saved yet." in page
    assert "private link" not in page


@pytest.mark.parametrize("count", [1, 30])
def test_my_waic_query_count_does_not_grow_with_favourites(
    client, django_assert_num_queries, count
):
    for n in range(count):
        speaker = make_speaker()
        star(client, make_session(speakers=[speaker], starts_at=shanghai(26, 9) + n * HOUR))
        star(client, speaker)
        star(client, make_exhibitor())

    # The list; sessions with venue, hall and track, their speakers; speakers with their
    # exhibitor; exhibitors with hall, their categories; the halls of their booths.
    with django_assert_num_queries(7):
        response = client.get(MY_WAIC)

    assert len(response.context["sessions"]) == count


HOUR = timedelta(hours=1)


def test_my_waic_is_personal_and_never_served_to_another_visitor(client):
    star(client, make_session(title="Opening"))
    first = client.get(MY_WAIC)

    stranger = Client().get(MY_WAIC)

    assert first["Cache-Control"] == stranger["Cache-Control"] == "private, no-store"
    assert "Opening" in first.content.decode()
    assert "Opening" not in stranger.content.decode()


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"kind": "hall", "slug": "h1", "star": "add"}, 400),
        ({"kind": "session", "slug": "not a slug!", "star": "add"}, 400),
        ({"kind": "session", "slug": "opening", "star": "burn"}, 400),
        ({"kind": "session", "slug": "no-such-session", "star": "add"}, 404),
        ({"kind": "session", "slug": "draft", "star": "add"}, 404),
    ],
)
def test_bad_or_unpublished_stars_are_refused_and_save_nothing(client, data, status):
    make_session(slug="draft", is_published=False)

    page = client.post(reverse("favourites:star"), data)
    as_json = client.post(reverse("favourites:star"), data, headers=JSON)

    assert (page.status_code, as_json.status_code) == (status, status)
    assert list(as_json.json()) == ["error"]
    assert FavouriteList.objects.count() == 0
    assert COOKIE_NAME not in page.cookies


def test_starring_needs_a_post(client):
    assert client.get(reverse("favourites:star")).status_code == 405


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://evil.example"},
        {"origin": "null"},
        {"origin": "https://testserver"},  # the site is served over plain HTTP here
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},
    ],
)
def test_another_sites_form_cannot_star_or_replace_the_visitors_list(client, headers):
    star(client, make_session(slug="opening"))
    key = key_of(client)

    response = star(client, make_session(slug="spam"), headers=headers)

    assert response.status_code == 403
    assert COOKIE_NAME not in response.cookies
    assert saved(FavouriteList.objects.get(key=key)) == (["opening"], [], [])


@pytest.mark.parametrize("secure", [False, True])
def test_the_sites_own_pages_may_star(client, secure):
    scheme = "https" if secure else "http"
    headers = {"origin": f"{scheme}://testserver", "sec-fetch-site": "same-origin"}
    data = {"kind": "session", "slug": make_session().slug, "star": "add"}

    response = client.post(reverse("favourites:star"), data, headers=headers, secure=secure)

    assert response.status_code == 302


@pytest.mark.parametrize("path", ["/my/%00/", "/my/abc%00def/", "/my/abc%00def/calendar.ics"])
def test_a_private_link_with_a_nul_character_is_not_found(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert COOKIE_NAME not in response.cookies


@pytest.mark.parametrize("url", [MY_WAIC, "/my/starred.json"])
def test_a_cookie_with_a_nul_character_is_no_list(client, url):
    client.cookies[COOKIE_NAME] = "abc\x00def"

    response = client.get(url)

    assert response.status_code == 200
    assert FavouriteList.objects.count() == 0


def test_saving_with_a_nul_character_in_the_cookie_starts_a_fresh_list(client):
    client.cookies[COOKIE_NAME] = "abc\x00def"

    response = star(client, make_session(slug="opening"))

    assert response.status_code == 302
    assert key_of(client) == FavouriteList.objects.get().key
    assert saved(FavouriteList.objects.get()) == (["opening"], [], [])


def test_a_private_link_and_its_calendar_tell_search_engines_not_to_index_them(client):
    star(client, make_session())
    key = key_of(client)

    for path in (f"/my/{key}/", f"/my/{key}/calendar.ics", f"/zh-hans/my/{key}/"):
        assert client.get(path)["X-Robots-Tag"] == "noindex, nofollow"
    assert "X-Robots-Tag" not in client.get("/my/")  # the same page for everyone
