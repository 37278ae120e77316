"""The page cache under a crowd: a page is rendered once per version however many ask for it at
once, whatever parameters they add that the page does not read, and /healthz never waits."""

import threading

import pytest
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.test import Client
from django.urls import path

from directory.http import reads_query
from exhibitors.tests.factories import make_exhibitor, make_hall
from speakers.exports import frab
from speakers.tests.factories import make_session, make_speaker, make_venue
from waic_site import cache as page_cache
from waic_site import urls as site_urls
from waic_site.cache import bump_page_version, canonical_query

renders = []
rendering = threading.Event()  # set while the slow page renders
finish = threading.Event()  # the slow page's render ends when this is set


@reads_query("q")
def slow_page(request):
    renders.append(request.GET.urlencode())
    rendering.set()
    finish.wait(timeout=30)
    return HttpResponse(f"version {len(renders)}: {request.GET.urlencode()}")


urlpatterns = [path("slow/", slow_page), *site_urls.urlpatterns]


@pytest.fixture(autouse=True)
def fresh_page():
    renders.clear()
    rendering.clear()
    finish.clear()
    yield
    finish.set()


def crowd(urls):
    """Requests each of `urls` from its own thread, all at once; their responses, in order."""
    barrier = threading.Barrier(len(urls))
    responses = [None] * len(urls)

    def visit(i, url):
        barrier.wait(timeout=30)
        responses[i] = Client().get(url)

    threads = [threading.Thread(target=visit, args=pair) for pair in enumerate(urls)]
    for thread in threads:
        thread.start()
    return threads, responses


def join(threads):
    for thread in threads:
        thread.join(timeout=60)
        assert not thread.is_alive()


def test_canonical_query_keeps_read_parameters_sorted_by_name_and_their_values_in_order():
    query = QueryDict("utm_source=mail&track=b&day=2025-07-26&track=a&x=1")

    assert canonical_query(query, {"track", "day"}) == "day=2025-07-26&track=b&track=a"
    assert canonical_query(query) == "day=2025-07-26&track=b&track=a&utm_source=mail&x=1"


@pytest.mark.urls(__name__)
def test_parameters_a_page_does_not_read_share_its_cached_copy():
    finish.set()

    first = Client().get("/slow/?q=robots")
    second = Client().get("/slow/?utm_source=mail&q=robots&x=123")

    assert renders == ["q=robots"]
    assert second.content == first.content == b"version 1: q=robots"


@pytest.mark.urls(__name__)
def test_parameter_order_does_not_matter_and_repeated_values_are_kept():
    finish.set()

    Client().get("/slow/?q=a&q=b")
    Client().get("/slow/?x=1&q=a&q=b")
    Client().get("/slow/?q=b&q=a")

    assert renders == ["q=a&q=b", "q=b&q=a"]


@pytest.mark.urls(__name__)
def test_a_page_asked_for_by_many_at_once_is_rendered_once():
    threads, responses = crowd([f"/slow/?x={i}" for i in range(8)])
    rendering.wait(timeout=30)
    finish.set()
    join(threads)

    assert renders == [""]
    assert [r.status_code for r in responses] == [200] * 8
    assert {r.content for r in responses} == {b"version 1: "}


@pytest.mark.urls(__name__)
def test_while_a_new_version_renders_others_get_the_previous_copy():
    finish.set()
    Client().get("/slow/")
    bump_page_version()
    finish.clear()
    rendering.clear()

    renderer, _ = crowd(["/slow/"])
    rendering.wait(timeout=30)
    meanwhile = Client().get("/slow/")
    finish.set()
    join(renderer)
    after = Client().get("/slow/")

    assert meanwhile.content == b"version 1: "
    assert after.content == b"version 2: "
    assert len(renders) == 2


@pytest.mark.urls(__name__)
def test_a_render_whose_server_died_is_done_again_after_the_lock_expires(monkeypatch):
    monkeypatch.setattr(page_cache, "LOCK_SECONDS", 0.2)
    finish.set()
    key = page_cache.PublicPageCacheMiddleware.cache_key(Client().get("/slow/").wsgi_request)
    cache.delete(key)  # no copy to serve meanwhile
    cache.set(f"{key}:rendering", "a server that died", timeout=None)

    response = Client().get("/slow/")

    assert response.content == b"version 2: "


@pytest.mark.urls(__name__)
def test_healthz_never_touches_the_page_cache(monkeypatch, django_db_blocker):
    def unreachable(*args, **kwargs):
        raise AssertionError("the page cache was asked")

    monkeypatch.setattr(page_cache.cache, "get", unreachable)
    monkeypatch.setattr(page_cache.cache, "add", unreachable)

    with django_db_blocker.unblock():
        response = Client().get("/healthz")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})


@pytest.mark.django_db
def test_listing_pages_keep_their_filters_and_drop_unknown_parameters_from_links(client):
    hall = make_hall(code="H1")
    make_exhibitor(slug="acme", name="Acme", hall=hall)
    make_exhibitor(slug="other", name="Other")

    filtered = client.get("/exhibitors/?utm_source=mail&hall=H1").content.decode()
    everything = client.get("/exhibitors/").content.decode()

    assert "/exhibitors/acme/" in filtered
    assert "/exhibitors/other/" not in filtered
    assert "/exhibitors/other/" in everything
    assert "utm_source" not in filtered


@pytest.mark.django_db
def test_exports_ignore_parameters_and_answer_from_the_cache(client, django_assert_num_queries):
    make_session(slug="opening", speakers=[make_speaker()])
    first = client.get("/schedule.xml")

    with django_assert_num_queries(0):
        second = client.get("/schedule.xml?x=a-random-string")

    assert second.content == first.content


def slow_down_schedule_xml(monkeypatch):
    """/schedule.xml's render, recorded in `renders`, sets `rendering` and waits for `finish`."""
    schedule_xml = frab.schedule_xml

    def slow_schedule_xml(*args, **kwargs):
        renders.append("schedule.xml")
        rendering.set()
        finish.wait(timeout=30)
        return schedule_xml(*args, **kwargs)

    monkeypatch.setattr(frab, "schedule_xml", slow_schedule_xml)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_crowd_asking_for_an_export_with_random_parameters_renders_it_once(monkeypatch):
    """Twelve requests for /schedule.xml?x=<random> at once: one render, and /healthz answers
    while it runs (make bench measures the times)."""
    make_session(slug="opening", speakers=[make_speaker()])
    slow_down_schedule_xml(monkeypatch)

    threads, responses = crowd([f"/schedule.xml?x=random-{i}" for i in range(12)])
    rendering.wait(timeout=30)
    health = Client().get("/healthz")
    finish.set()
    join(threads)

    assert renders == ["schedule.xml"]
    assert health.status_code == 200
    assert [r.status_code for r in responses] == [200] * 12
    assert len({r.content for r in responses}) == 1


@pytest.mark.django_db(transaction=True)
def test_after_an_edit_an_export_is_rebuilt_once_while_others_get_the_previous_copy(monkeypatch):
    """The previous copy keeps its own ETag until the new one is stored: a feed reader holding
    it gets 304 meanwhile, then the new copy with a new ETag."""
    session = make_session(slug="opening", title="Opening", speakers=[make_speaker()])
    first = Client().get("/schedule.xml")
    slow_down_schedule_xml(monkeypatch)
    session.title = "Keynote"
    session.save()

    renderer, rendered = crowd(["/schedule.xml"])
    rendering.wait(timeout=30)
    plain = Client().get("/schedule.xml?x=1")
    revalidated = Client().get("/schedule.xml", headers={"if-none-match": first["ETag"]})
    finish.set()
    join(renderer)
    after = Client().get("/schedule.xml", headers={"if-none-match": first["ETag"]})

    assert renders == ["schedule.xml"]
    assert (plain.content, plain["ETag"]) == (first.content, first["ETag"])
    assert (revalidated.status_code, revalidated["ETag"]) == (304, first["ETag"])
    assert "Keynote" in rendered[0].content.decode()
    assert (after.status_code, after.content) == (200, rendered[0].content)
    assert after["ETag"] == rendered[0]["ETag"] != first["ETag"]


@pytest.mark.django_db
def test_a_conditional_request_that_renders_a_page_anew_stores_the_whole_page(
    client, django_assert_num_queries
):
    """A feed reader's If-None-Match never lets the render answer 304 and store nothing."""
    venue = make_venue(name="Room 1")
    make_session(slug="opening", venue=venue, speakers=[make_speaker()])
    first = client.get("/schedule.xml")
    venue.name = "Hall of Fame"
    venue.save()

    client.get("/schedule.xml", headers={"if-none-match": first["ETag"]})
    with django_assert_num_queries(0):
        later = client.get("/schedule.xml")

    assert "Hall of Fame" in later.content.decode()
