"""Fixtures every app's tests share, and the rule for browser tests without a browser.

pytest-django's own fixtures serve the rest: `client`, `admin_user`, `admin_client` (a superuser
logged in), `django_user_model`, `django_assert_num_queries`, `settings`. Helpers to import live in
`directory/testing.py` and each app's `tests/factories.py`; no test module imports another.
"""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command
from django.db import connections
from django.test import Client, override_settings
from django.utils import translation

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser():
    """Debian's Chromium, headless, for one test (Playwright cannot download browsers here)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def profile_context(tmp_path):
    """A browser context with a profile on disk, not incognito like `browser`'s: for what
    Chromium refuses to incognito windows, such as installing the site as an app."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path / "profile", executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield context
        context.close()


@pytest.fixture
def page(browser):
    """A 1280 × 900 laptop page."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


@pytest.fixture
def phone(browser):
    """A 375 × 812 phone page: the attendee's screen."""
    page = browser.new_page(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    yield page
    page.close()


def pytest_configure(config):
    """Each pytest-xdist worker gets its own cache key prefix: workers share a Redis (CI runs
    the suite on one), and a test emptying the cache must not empty another worker's."""
    if worker := os.environ.get("PYTEST_XDIST_WORKER"):
        settings.CACHES["default"]["KEY_PREFIX"] += f"-{worker}"


@pytest.fixture(scope="session", autouse=True)
def fast_password_hasher():
    """Django's real hasher takes a deliberate part of a second per password, and many tests
    make users: they hash with MD5, as Django's testing docs suggest (subprocesses do not)."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and generated files go to a temporary folder, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def static_storage(settings, tmp_path):
    """Tests render `{% static %}` without running collectstatic first: no manifest needed."""
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }


def clear_cache():
    """Empty this run's cache. RedisCache.clear() would empty the whole Redis database, other
    workers' and other runs' keys included: on Redis only the keys under our prefix go."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        backend.clear()
        return
    client = backend._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{backend.key_prefix}:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no page or stamp leaks from one test to another,
    nor the rows a test's transaction changed, which wait on the connection for a commit that
    a rolled-back test never makes (waic_site/cache.py, directory_changed)."""
    clear_cache()
    yield
    clear_cache()
    for connection in connections.all(initialized_only=True):
        connection.__dict__.pop("pages_changed", None)


@pytest.fixture
def organizer(django_user_model):
    """A member of the organizing team: staff in the Organizers group, not a superuser."""
    call_command("create_organizer", "mei", stdout=io.StringIO())
    return django_user_model.objects.get(username="mei")


@pytest.fixture
def organizer_client(organizer):
    """A client logged in as `organizer`, beside pytest-django's `admin_client` (a superuser)."""
    client = Client()
    client.force_login(organizer)
    return client


@pytest.fixture(autouse=True)
def english():
    """Each test starts in English: a request to /zh-hans/… leaves Chinese active in the thread
    (LocaleMiddleware activates a page's language and never switches back)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


NO_BROWSER = f"{CHROMIUM} is missing: browser tests not run"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Slow tests start first, so that in a parallel run they overlap with the quick ones
    instead of trailing after them. Tests on a transactional database stay where pytest-django
    put them, after the others: they empty the database (data from migrations included).

    Without Chromium, browser tests are skipped on a laptop (loudly, see below) but fail
    in CI (CI=true), where a skip would hide that nothing was tested in a browser."""
    items.sort(key=lambda item: not ("slow" in item.keywords and not transactional(item)))
    if CHROMIUM.exists() or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(reason=NO_BROWSER)
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(item.fixturenames)
    )


def pytest_terminal_summary(terminalreporter, config):
    # Counted from the reports, not at collection: under pytest-xdist the workers collect.
    skipped = sum(
        NO_BROWSER in str(report.longrepr) for report in terminalreporter.stats.get("skipped", [])
    )
    if skipped:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", red=True, bold=True)
        terminalreporter.write_line(
            f"{skipped} browser test(s) did not run: {CHROMIUM} is missing. "
            "Install it with: apt-get install -y chromium",
            red=True,
            bold=True,
        )
