"""The guide offline (issue 15): after one visit the service worker keeps the agenda of every
day in both languages, the hall maps, My WAIC and the pages opened; with the network off they
open with "Offline — as of …", and when it returns an organizer's change shows. It never keeps
the admin, a POST or an answer about saves, and a new deployment's worker replaces it.

The tests wait for the worker's own signals (its state "activated", the page's controller) or
poll the caches' contents (`wait_until`), never for a while: page.wait_for_function takes an
async predicate's Promise for a truthy answer and returns at once (microsoft/playwright#29132)."""

import dataclasses
import re
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress

import pytest
from django.db import DatabaseError, connection
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from directory.testing import SERVICE_WORKER_ACTIVATED, wait_for_service_worker
from exhibitors.models import Exhibitor
from exhibitors.tests.factories import make_booth, make_exhibitor, make_hall
from favourites.models import FavouriteList
from favourites.views import COOKIE_NAME
from speakers.models import Session
from speakers.tests.factories import make_session, make_venue, shanghai
from waic_site import views

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

OFFLINE_EN = re.compile(r"^Offline — as of \d\d:\d\d$")
OFFLINE_ZH = re.compile(r"^离线 — 截至 \d\d:\d\d 的内容$")


@pytest.fixture
def site(settings):
    """Made before the browser starts: Playwright runs an event loop in this thread, and the
    ORM refuses to run inside it (see in_another_thread)."""
    settings.WAIC_PAGE_CACHE_SECONDS = 0
    venue = make_venue(name="Forum A")
    opening = make_session(
        title_en="Opening", title_zh_hans="开幕式", slug="opening", starts_at=shanghai(26, 9),
        venue=venue,
    )  # fmt: skip
    make_session(
        title_en="Robots among us", title_zh_hans="机器人在我们身边", slug="robots",
        starts_at=shanghai(27, 14), venue=venue,
    )  # fmt: skip
    make_session(
        title_en="Closing", title_zh_hans="闭幕式", slug="closing", starts_at=shanghai(28, 17),
        venue=venue,
    )  # fmt: skip
    hall = make_hall(
        code="H2", name_en="Smart Terminals", name_zh_hans="智能终端", plan_width=60,
        plan_height=30,
    )  # fmt: skip
    unitree = make_exhibitor(
        name_en="Unitree", name_zh_hans="宇树科技", slug="unitree", hall=hall, booth="H2-A01"
    )
    make_booth(hall, code="H2-A01", x=2, y=2, exhibitor=unitree)
    make_booth(hall, code="H2-A02", x=14, y=2, exhibitor=make_exhibitor(name="AgiBot", hall=hall))
    favourites = FavouriteList.objects.create()
    favourites.sessions.add(opening)
    favourites.exhibitors.add(unitree)
    another = FavouriteList.objects.create()  # someone else's, e.g. the visitor's laptop's
    another.sessions.add(Session.objects.get(slug="robots"))
    return {"key": favourites.key, "another": another.key}


def in_another_thread(function):
    """ORM work while the browser runs: in a thread of its own, with its own connection."""

    def run():
        try:
            return function()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(run).result()


@pytest.fixture
def context(site, live_server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    context.add_cookies([{"name": COOKIE_NAME, "value": site["key"], "url": live_server.url}])
    yield context
    context.close()


def open_with_worker(context, url):
    """The first visit: the worker installs, keeps the agenda, the hall maps and My WAIC, and
    takes over the page."""
    page = context.new_page()
    page.goto(url)
    wait_for_service_worker(page)
    return page


def wait_until(page, predicate, arg=None, seconds=10):
    """Until the async JavaScript function `predicate(arg)` holds in `page`, asked every 50 ms;
    fails after `seconds`."""
    held = page.evaluate(
        f"""async ([arg, seconds]) => {{
            const holds = {predicate};
            for (const until = Date.now() + seconds * 1000; Date.now() < until; ) {{
                if (await holds(arg)) return true;
                await new Promise((resolve) => setTimeout(resolve, 50));
            }}
            return false;
        }}""",
        [arg, seconds],
    )
    assert held, f"never held within {seconds} s: {predicate}"


def go_offline(context):
    """The network off, for the pages and for the worker (which Chromium tells a moment later)."""
    context.set_offline(True)
    for worker in context.service_workers:
        with suppress(PlaywrightError):  # (a worker replaced by a newer one is gone)
            worker.evaluate(
                """async () => {
                    for (;;) {
                        try { await fetch("/healthz", { cache: "no-store" }); } catch { return; }
                        await new Promise((resolve) => setTimeout(resolve, 50));
                    }
                }"""
            )


def kept_urls(page):
    """Every address in every cache of the site's worker."""
    return page.evaluate(
        """async () => {
            const urls = [];
            for (const name of await caches.keys()) {
                for (const request of await (await caches.open(name)).keys()) {
                    urls.push(new URL(request.url).pathname + new URL(request.url).search);
                }
            }
            return urls.sort();
        }"""
    )


def kept_in(page, prefix):
    """The addresses kept in the worker's cache whose name starts with `prefix`."""
    return page.evaluate(
        """async (prefix) => {
            const names = (await caches.keys()).filter((name) => name.startsWith(prefix));
            const urls = [];
            for (const name of names) {
                for (const request of await (await caches.open(name)).keys()) {
                    urls.push(new URL(request.url).pathname + new URL(request.url).search);
                }
            }
            return urls.sort();
        }""",
        prefix,
    )


def banner(page):
    locator = page.locator("[data-offline-banner]")
    return locator.inner_text() if locator.is_visible() else None


def titles(page):
    return page.locator("main .card-title").all_inner_texts()


def booths(page):
    """A hall map's booth list below the map: code and exhibitor of each booth."""
    return page.locator("main .booth-list li").all_inner_texts()


AGENDA_AND_MAPS = [
    f"{prefix}{path}"
    for prefix in ("", "/zh-hans")
    for path in (
        "/", "/exhibitors/halls/H2/", "/sessions/", "/sessions/?day=2025-07-26",
        "/sessions/?day=2025-07-27", "/sessions/?day=2025-07-28",
    )
]  # fmt: skip


def test_after_one_visit_the_agenda_hall_maps_my_waic_and_visited_pages_open_offline(
    context, live_server
):
    page = open_with_worker(context, f"{live_server.url}/speakers/")
    assert banner(page) is None
    assert kept_in(page, "waic-pages-") == sorted([*AGENDA_AND_MAPS, "/speakers/"])
    assert kept_in(page, "waic-personal-") == ["/my/", "/zh-hans/my/"]
    page.goto(f"{live_server.url}/sessions/opening/")  # a page the visitor opened

    go_offline(context)
    page.goto(f"{live_server.url}/sessions/?day=2025-07-27")
    assert OFFLINE_EN.match(banner(page))
    assert titles(page) == ["Robots among us"]
    page.goto(f"{live_server.url}/zh-hans/sessions/?day=2025-07-28")
    assert OFFLINE_ZH.match(banner(page))
    assert titles(page) == ["闭幕式"]
    page.goto(f"{live_server.url}/my/")
    assert OFFLINE_EN.match(banner(page))
    assert titles(page) == ["Opening", "Unitree"]
    page.goto(f"{live_server.url}/zh-hans/my/")
    assert OFFLINE_ZH.match(banner(page))
    assert titles(page) == ["开幕式", "宇树科技"]
    page.goto(f"{live_server.url}/exhibitors/halls/H2/")  # a hall map never opened before
    assert OFFLINE_EN.match(banner(page))
    assert booths(page) == ["H2-A01 Unitree", "H2-A02 AgiBot"]
    page.goto(f"{live_server.url}/zh-hans/exhibitors/halls/H2/")
    assert OFFLINE_ZH.match(banner(page))
    assert booths(page) == ["H2-A01 宇树科技", "H2-A02 AgiBot"]
    page.goto(f"{live_server.url}/sessions/opening/")
    assert OFFLINE_EN.match(banner(page))
    assert page.locator("h1").inner_text() == "Opening"
    page.goto(f"{live_server.url}/speakers/")
    assert OFFLINE_EN.match(banner(page))

    in_another_thread(  # an organizer's changes, while the visitor is offline
        lambda: (
            Session.objects.filter(slug="robots").update(title_en="Robots among us, moved"),
            Exhibitor.objects.filter(slug="unitree").update(name_zh_hans="宇树机器人"),
        )
    )
    with page.expect_navigation():  # the network is back: the page from the device reloads
        context.set_offline(False)
    assert banner(page) is None
    # Every kept page is fetched again in the background, the hall maps too.
    wait_until(
        page,
        """async () => (await (await caches.match("/zh-hans/exhibitors/halls/H2/")).text())
            .includes("宇树机器人")""",
    )
    page.goto(f"{live_server.url}/sessions/?day=2025-07-27")
    assert banner(page) is None
    assert titles(page) == ["Robots among us, moved"]
    wait_until(  # the page's copy, kept as it arrived
        page,
        """async () => (await (await caches.match("/sessions/?day=2025-07-27")).text())
            .includes("Robots among us, moved")""",
    )
    go_offline(context)
    page.reload()
    assert OFFLINE_EN.match(banner(page))
    assert titles(page) == ["Robots among us, moved"]  # the copy kept is the newest
    page.goto(f"{live_server.url}/zh-hans/exhibitors/halls/H2/")
    assert OFFLINE_ZH.match(banner(page))
    assert booths(page) == ["H2-A01 宇树机器人", "H2-A02 AgiBot"]


class UnreachableAtFirst:
    """Stands in for healthz's database connection: its first `failures` cursors fail, as when
    the network only seems back; it counts every one asked for."""

    def __init__(self, failures):
        self.failures = failures
        self.asked = 0

    def cursor(self):
        self.asked += 1
        if self.asked <= self.failures:
            raise DatabaseError("unreachable")
        return connection.cursor()


def test_the_page_from_the_device_reloads_only_once_the_worker_reaches_the_site(
    context, live_server, monkeypatch
):
    page = open_with_worker(context, f"{live_server.url}/sessions/?day=2025-07-27")
    go_offline(context)
    page.reload()
    assert OFFLINE_EN.match(banner(page))

    health = UnreachableAtFirst(failures=3)
    monkeypatch.setattr(views, "connection", health)
    with page.expect_navigation():
        context.set_offline(False)
    assert health.asked == 4  # the worker's checks, every 250 ms: three 503s, then "ok"
    assert banner(page) is None
    assert titles(page) == ["Robots among us"]


def test_the_admin_posts_and_saves_are_never_kept(admin_user, context, live_server, site):
    page = open_with_worker(context, f"{live_server.url}/sessions/")
    page.goto(f"{live_server.url}/admin/login/")
    page.goto(f"{live_server.url}/zh-hans/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "password")
    with page.expect_navigation():
        page.locator("[type=submit]").click()  # a POST
    page.goto(f"{live_server.url}/zh-hans/admin/")
    page.goto(f"{live_server.url}/sessions/closing/")
    with page.expect_response(f"{live_server.url}/my/star/"):
        page.locator(".star-button").first.click()  # a save, sent by favourites.js
    page.goto(f"{live_server.url}/my/{site['key']}/")  # the private link
    wait_until(  # My WAIC is fetched again after the save, in the background
        page, """async () => (await (await caches.match("/my/")).text()).includes("Closing")"""
    )

    kept = kept_urls(page)
    assert [url for url in kept if "admin" in url] == []
    assert [url for url in kept if "/my/" in url] == ["/my/", "/zh-hans/my/"]
    assert "/sessions/closing/" in kept

    go_offline(context)
    page.goto(f"{live_server.url}/my/")  # the copy fetched again after the save
    assert titles(page) == ["Opening", "Closing", "Unitree"]
    with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):
        page.goto(f"{live_server.url}/zh-hans/admin/")


def test_a_device_that_adopts_a_list_keeps_only_that_list_as_my_waic(site, live_server, browser):
    # A device with no list of its own yet: the list it adopts is its first cookie (Playwright's
    # add_cookies would make a second cookie of the same name beside the one the site sets).
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = open_with_worker(context, f"{live_server.url}/sessions/")
    page.goto(f"{live_server.url}/my/{site['another']}/")  # another list's private link
    go_offline(context)
    private_link = context.new_page()
    with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):
        private_link.goto(f"{live_server.url}/my/{site['another']}/")  # never kept
    private_link.close()
    page.goto(f"{live_server.url}/my/")
    assert titles(page) == []  # this device's own (empty) list, not the one looked at
    page.goto(f"{live_server.url}/zh-hans/my/")
    assert titles(page) == []
    with page.expect_navigation():  # the network is back: the page from the device reloads
        context.set_offline(False)

    page.goto(f"{live_server.url}/my/{site['another']}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Use this list on this device").click()
    wait_until(  # My WAIC is fetched again in both languages, in the background
        page,
        """async () => (await Promise.all([
            ["/my/", "Robots among us"], ["/zh-hans/my/", "机器人在我们身边"],
        ].map(async ([url, title]) => {
            const kept = await caches.match(url);
            return kept && (await kept.text()).includes(title);
        }))).every(Boolean)""",
    )
    go_offline(context)
    page.goto(f"{live_server.url}/zh-hans/my/")
    assert OFFLINE_ZH.match(banner(page))
    assert titles(page) == ["机器人在我们身边"]
    page.goto(f"{live_server.url}/my/?adopted=1")
    assert titles(page) == ["Robots among us"]
    context.close()


@pytest.mark.parametrize(
    ("prefix", "offline", "message"),
    [
        ("", OFFLINE_EN, "Not saved: saving needs a connection"),
        ("/zh-hans", OFFLINE_ZH, "未收藏：收藏需要网络连接"),
    ],
)
def test_a_save_made_offline_says_plainly_that_saving_needs_a_connection(
    context, live_server, prefix, offline, message
):
    page = open_with_worker(context, f"{live_server.url}{prefix}/sessions/?day=2025-07-28")
    go_offline(context)
    page.reload()
    assert offline.match(banner(page))

    page.locator(".star-button").first.click()

    expect(page.locator(".star-button").first).to_have_text(message)
    expect(page.locator(".star-status")).to_have_text(message)  # announced, too
    with page.expect_navigation():  # the network is back: the page reloads, the save works
        context.set_offline(False)
    page.locator(".star-button").first.click()
    expect(page.locator(".star-button").first).to_have_attribute("aria-pressed", "true")


def test_a_new_deployment_replaces_the_worker_and_deletes_the_old_caches(
    context, live_server, settings
):
    page = open_with_worker(context, f"{live_server.url}/sessions/")
    old = page.evaluate("caches.keys()")
    assert len(old) == 3

    # A deployment that changes what the worker keeps (here the event's days) changes its
    # version; the live server reads the same settings.
    event = settings.WAIC_EVENT
    settings.WAIC_EVENT = dataclasses.replace(event, days=event.days[:2])
    replaced = page.evaluate(
        f"""async () => {{
            const registration = await navigator.serviceWorker.getRegistration();
            const old = registration.active;
            await registration.update();
            const worker = registration.installing || registration.waiting || registration.active;
            if (worker === old) return false;
            await ({SERVICE_WORKER_ACTIVATED})(worker);
            if (navigator.serviceWorker.controller !== worker) {{
                await new Promise((resolve) => navigator.serviceWorker.addEventListener(
                    "controllerchange", resolve, {{ once: true }}
                ));
            }}
            return navigator.serviceWorker.controller === worker;
        }}"""
    )
    assert replaced
    new = page.evaluate("caches.keys()")
    assert [name.rsplit("-", 1)[0] for name in new] == [
        "waic-pages",
        "waic-static",
        "waic-personal",
    ]
    assert set(new) & set(old) == set()
    assert "/sessions/?day=2025-07-28" not in kept_in(page, "waic-pages-")

    go_offline(context)
    page.goto(f"{live_server.url}/zh-hans/sessions/?day=2025-07-27")  # kept by the new worker
    assert OFFLINE_ZH.match(banner(page))
    assert titles(page) == ["机器人在我们身边"]
