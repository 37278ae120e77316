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
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import translation

CHROMIUM = Path("/usr/bin/chromium")


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


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no page or stamp leaks from one test to another."""
    cache.clear()
    yield
    cache.clear()


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


def pytest_collection_modifyitems(config, items):
    """Without Chromium, browser tests are skipped on a laptop (loudly, see below) but fail
    in CI (CI=true), where a skip would hide that nothing was tested in a browser."""
    if CHROMIUM.exists() or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: browser tests not run")
    browser_tests = [item for item in items if "browser" in item.keywords]
    for item in browser_tests:
        item.add_marker(skip)
    config.stash[skipped_browser_tests] = len(browser_tests)


skipped_browser_tests = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, config):
    skipped = config.stash.get(skipped_browser_tests, 0)
    if skipped:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", red=True, bold=True)
        terminalreporter.write_line(
            f"{skipped} browser test(s) did not run: {CHROMIUM} is missing. "
            "Install it with: apt-get install -y chromium",
            red=True,
            bold=True,
        )
