"""The public page cache: fast for anonymous visitors, never stale after an organizer's change."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from directory.testing import form_values
from exhibitors.models import Exhibitor
from exhibitors.tests.factories import make_category, make_exhibitor
from speakers import agenda
from speakers.models import Speaker
from speakers.tests.factories import make_session, make_speaker, shanghai
from waic_site import cache as cache_module
from waic_site.cache import (
    VERSION_KEY,
    all_kinds,
    is_cacheable,
    kind_key,
    record_key,
    snapshot,
)

pytestmark = pytest.mark.django_db

PUBLIC_URLS = ["/", "/speakers/", "/speakers/ada/", "/exhibitors/", "/sessions/"]
renders = []


def page_setting_a_cookie(request):
    renders.append(request.path)
    response = HttpResponse("page")
    response.set_cookie("seen", "1")
    return response


def page_with_a_csrf_token(request):
    renders.append(request.path)
    return HttpResponse(f"<form><input name=csrfmiddlewaretoken value={get_token(request)}>")


def page_reading_the_session(request):
    renders.append(request.path)
    return HttpResponse(f"visits: {request.session.get('visits', 0)}")


urlpatterns = [
    path("cookie/", page_setting_a_cookie),
    path("csrf/", page_with_a_csrf_token),
    path("session/", page_reading_the_session),
]


@pytest.fixture
def directory():
    ada = make_speaker(name="Ada Lovelace", slug="ada")
    make_session(title="Opening", slug="opening", speakers=[ada])
    make_exhibitor(name="Analytical Engines", slug="engines")
    return ada


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_second_anonymous_request_is_served_from_the_cache_without_queries(
    client, directory, url, django_assert_num_queries
):
    first = client.get(url)

    with django_assert_num_queries(0):
        second = client.get(url)

    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert second["Cache-Control"] == "public, max-age=60"


def test_head_request_is_cached_too(client, directory, django_assert_num_queries):
    client.head("/speakers/")

    with django_assert_num_queries(0):
        response = client.head("/speakers/")

    assert response.status_code == 200


def test_each_language_and_query_string_gets_its_own_copy(client, directory):
    client.get("/speakers/")

    chinese = client.get("/zh-hans/speakers/")
    english = client.get("/speakers/?page=1")

    assert chinese["Content-Language"] == "zh-hans"
    assert english["Content-Language"] == "en"


@pytest.mark.parametrize("first", ["/zh-hans/speakers/", "/speakers/"])
def test_chinese_and_english_pages_never_serve_each_others_cached_copy(client, directory, first):
    client.get(first)

    chinese = client.get("/zh-hans/speakers/")
    english = client.get("/speakers/")

    assert (chinese["Content-Language"], english["Content-Language"]) == ("zh-hans", "en")
    assert '<html lang="zh-Hans">' in chinese.content.decode()
    assert '<html lang="en">' in english.content.decode()


def test_the_browser_language_never_changes_an_unprefixed_page_or_its_cached_copy(
    client, directory
):
    chinese_browser = client.get("/speakers/", headers={"accept-language": "zh-hans"})
    english_browser = client.get("/speakers/")

    assert chinese_browser["Content-Language"] == "en"
    assert english_browser.content == chinese_browser.content


def test_renamed_speaker_shows_on_the_next_request(client, directory):
    client.get("/speakers/ada/")

    directory.name = "Augusta Ada King"
    directory.save()

    assert "Augusta Ada King" in client.get("/speakers/ada/").content.decode()


def test_deleted_exhibitor_disappears_from_the_listing_on_the_next_request(client, directory):
    assert "Analytical Engines" in client.get("/exhibitors/").content.decode()

    Exhibitor.objects.get(slug="engines").delete()

    assert "Analytical Engines" not in client.get("/exhibitors/").content.decode()


def kind_stamps():
    """{kind: its stamp}, every kind's."""
    stamps = snapshot()
    return {kind: stamps[kind_key(kind)] for kind in all_kinds()}


def moved(before, after):
    return sorted(kind for kind in before if after[kind] != before[kind])


def test_many_to_many_change_bumps_the_kind_its_links_belong_to(directory):
    exhibitor = Exhibitor.objects.get(slug="engines")
    robotics = make_category(name="Robotics")
    before = kind_stamps()

    exhibitor.categories.add(robotics)

    # The m2m post_add bumps once; pre_add does not.
    after = kind_stamps()
    assert moved(before, after) == ["exhibitors.exhibitor"]
    assert after["exhibitors.exhibitor"] == before["exhibitors.exhibitor"] + 1


def test_an_edit_bumps_its_kind_again_when_its_transaction_commits(
    directory, django_capture_on_commit_callbacks
):
    before = kind_stamps()["speakers.speaker"]

    with django_capture_on_commit_callbacks(execute=True):
        directory.save()
        assert kind_stamps()["speakers.speaker"] == before + 1

    assert kind_stamps()["speakers.speaker"] == before + 2


def test_an_edit_gives_its_row_the_new_stamp_of_its_kind(directory):
    directory.save()

    assert cache.get(record_key(Speaker, directory.pk)) == kind_stamps()["speakers.speaker"]


def test_saving_a_user_does_not_touch_any_stamp(directory):
    before = snapshot()

    User.objects.create_user("visitor")

    assert snapshot() == before


def test_speaker_renamed_through_the_admin_change_form_shows_on_the_next_request(
    client, directory, organizer_client
):
    client.get("/speakers/ada/")
    change_url = f"/admin/speakers/speaker/{directory.pk}/change/"
    data = form_values(organizer_client.get(change_url).content.decode(), "speaker_form")

    response = organizer_client.post(change_url, data | {"name_en": "Countess of Lovelace"})

    assert response.status_code == 302
    assert "Countess of Lovelace" in client.get("/speakers/ada/").content.decode()


def test_bulk_unpublish_action_in_the_admin_shows_on_the_next_request(
    client, directory, organizer_client
):
    assert "Ada Lovelace" in client.get("/speakers/").content.decode()

    organizer_client.post(
        "/admin/speakers/speaker/",
        {"action": "unpublish", "_selected_action": [directory.pk]},
    )

    assert "Ada Lovelace" not in client.get("/speakers/").content.decode()


def test_logged_in_organizer_is_never_served_a_cached_page(client, directory, organizer_client):
    client.get("/speakers/ada/")
    Speaker.objects.filter(pk=directory.pk).update(name="Renamed without signals")

    organizer_page = organizer_client.get("/speakers/ada/")
    anonymous_page = client.get("/speakers/ada/")

    assert "Renamed without signals" in organizer_page.content.decode()
    assert "Ada Lovelace" in anonymous_page.content.decode()  # proves the cache was in play
    assert organizer_page["Cache-Control"] == "private, no-store"


def test_a_page_rendered_for_a_logged_in_organizer_is_never_stored(
    client, directory, organizer_client
):
    organizer_client.get("/speakers/ada/")
    Speaker.objects.filter(pk=directory.pk).update(name="Renamed without signals")

    anonymous_page = client.get("/speakers/ada/")

    assert "Renamed without signals" in anonymous_page.content.decode()


def test_a_lost_version_stamp_never_revives_old_pages(client, directory):
    client.get("/speakers/ada/")
    Speaker.objects.filter(pk=directory.pk).update(name="Renamed without signals")

    cache.delete(VERSION_KEY)

    assert "Renamed without signals" in client.get("/speakers/ada/").content.decode()


def test_admin_pages_are_not_cached(client):
    first = client.get("/admin/login/")

    assert first["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_unknown_page_is_not_cached(client, directory, django_assert_max_num_queries):
    client.get("/speakers/nobody/")

    with django_assert_max_num_queries(1) as captured:
        response = client.get("/speakers/nobody/")

    assert response.status_code == 404
    assert len(captured) == 1


def test_etag_answers_304_when_the_page_did_not_change(client, directory):
    first = client.get("/speakers/")

    again = client.get("/speakers/", headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    assert again.content == b""


def test_last_modified_answers_304_when_the_page_did_not_change(client, directory):
    first = client.get("/speakers/")

    again = client.get("/speakers/", headers={"if-modified-since": first["Last-Modified"]})

    assert again.status_code == 304


def test_etag_answers_200_with_the_new_page_after_a_change(client, directory):
    first = client.get("/speakers/")
    make_speaker(name="Grace Hopper")

    again = client.get("/speakers/", headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "Grace Hopper" in again.content.decode()


def test_cache_seconds_zero_turns_the_page_cache_off(client, directory, settings):
    settings.WAIC_PAGE_CACHE_SECONDS = 0
    client.get("/speakers/ada/")
    Speaker.objects.filter(pk=directory.pk).update(name="Renamed without signals")

    response = client.get("/speakers/ada/")

    assert "Renamed without signals" in response.content.decode()
    assert response["Cache-Control"] == "public, max-age=0"


def test_plain_response_may_be_cached():
    response = HttpResponse("page")
    response["Vary"] = "Accept-Language"

    assert is_cacheable(response) is True


def test_response_setting_a_cookie_is_never_cached():
    response = HttpResponse("page")
    response.set_cookie("csrftoken", "x")

    assert is_cacheable(response) is False


def test_response_varying_on_cookies_is_never_cached():
    response = HttpResponse("page")
    response["Vary"] = "Accept-Language, Cookie"

    assert is_cacheable(response) is False


def test_private_response_is_never_cached():
    response = HttpResponse("page")
    response["Cache-Control"] = "private"

    assert is_cacheable(response) is False


def test_expire_pages_command_makes_the_next_request_render_afresh(client, directory):
    client.get("/speakers/ada/")
    Speaker.objects.filter(pk=directory.pk).update(name="Renamed without signals")

    call_command("expire_pages", stdout=StringIO())

    assert "Renamed without signals" in client.get("/speakers/ada/").content.decode()


@pytest.fixture
def unreachable_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }


def test_pages_are_served_uncached_when_redis_is_unreachable(
    client, directory, unreachable_redis, caplog
):
    response = client.get("/speakers/ada/")

    assert response.status_code == 200
    assert "Ada Lovelace" in response.content.decode()
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Serving without the page cache: the cache is unreachable." in caplog.messages


def test_organizer_can_save_when_redis_is_unreachable(directory, unreachable_redis, caplog):
    directory.name = "Augusta Ada King"

    directory.save()

    assert Speaker.objects.get(pk=directory.pk).name == "Augusta Ada King"
    assert "Could not expire cached pages: the cache is unreachable." in caplog.messages


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/cookie/", "/csrf/", "/session/"])
def test_pages_that_set_or_vary_on_cookies_are_rendered_every_time(client, url):
    renders.clear()

    first = client.get(url)
    client.cookies.clear()
    second = client.get(url)

    assert renders == [url, url]
    assert "public" not in first.get("Cache-Control", "")
    assert "public" not in second.get("Cache-Control", "")


def test_a_page_its_view_keeps_for_less_is_stored_for_less(client, settings, monkeypatch):
    """The agenda opening on today, a minute before midnight: not served tomorrow."""
    settings.WAIC_PAGE_CACHE_SECONDS = 60
    make_session(title="Opening", starts_at=shanghai(26, 9))
    make_session(title="Day two", starts_at=shanghai(27, 9))
    stored = []
    monkeypatch.setattr(
        cache_module.cache, "set", lambda key, value, timeout: stored.append(timeout)
    )
    monkeypatch.setattr(agenda, "now", lambda: shanghai(26, 23, 59) + timedelta(seconds=30))

    client.get("/sessions/")

    assert stored == [30]


def test_a_transaction_that_writes_many_rows_moves_each_kind_once_on_commit(
    directory, django_capture_on_commit_callbacks
):
    """An import writes thousands of rows in one transaction: on commit each kind moves once,
    and every row's stamp is its kind's stamp after the commit."""
    speakers = [make_speaker(name=f"Speaker {n}") for n in range(3)]
    before = kind_stamps()

    with django_capture_on_commit_callbacks(execute=True):
        for speaker in speakers:
            speaker.save()
        make_category(name="Robotics")

    after = kind_stamps()
    assert after["speakers.speaker"] == before["speakers.speaker"] + 3 + 1
    assert after["exhibitors.category"] == before["exhibitors.category"] + 1 + 1
    assert [cache.get(record_key(Speaker, s.pk)) for s in speakers] == [
        after["speakers.speaker"]
    ] * 3


def test_a_many_to_many_change_committed_writes_no_record_stamp_and_logs_nothing(
    directory, django_capture_on_commit_callbacks, caplog
):
    exhibitor = Exhibitor.objects.get(slug="engines")
    robotics = make_category(name="Robotics")

    with django_capture_on_commit_callbacks(execute=True):
        exhibitor.categories.add(robotics)

    assert caplog.messages == []
