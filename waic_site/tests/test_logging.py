"""Production logs every unhandled error with its traceback to standard error (gunicorn's
output), where the 500 page promises it is."""

import os
import runpy
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from directory.testing import BASE_DIR
from waic_site import settings as settings_module

# A production process (debug off) whose /boom/ raises, asked for it once. Static files are
# served from the finders: the test runs no collectstatic.
FAILING_REQUEST = """
import django
django.setup()
from django.conf import settings
from django.test import Client, override_settings
from django.urls import path
import waic_site.urls

override_settings(STORAGES={
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()

def boom(request):
    raise RuntimeError("the projector caught fire")

waic_site.urls.urlpatterns.insert(0, path("boom/", boom))
response = Client(raise_request_exception=False).get("/boom/")
print(response.status_code)
print(response.content.decode())
"""


def production(tmp_path, **environment):
    return subprocess.run(
        [sys.executable, "-c", FAILING_REQUEST],
        cwd=BASE_DIR,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "waic_site.settings",
            "DJANGO_SECRET_KEY": "a-long-random-production-secret-for-this-test-only",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "DJANGO_STATIC_ROOT": str(tmp_path),
            **environment,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_an_unhandled_error_is_logged_with_its_traceback_to_standard_error(tmp_path):
    result = production(tmp_path)

    status, page = result.stdout.split("\n", 1)
    assert status == "500"
    assert "The error has been logged for the site’s team to fix." in page
    lines = result.stderr.splitlines()
    assert " ERROR django.request [pid " in lines[0]
    assert lines[0].endswith("] Internal Server Error: /boom/")
    assert lines[1] == "Traceback (most recent call last):"
    assert lines[-1] == "RuntimeError: the projector caught fire"


@pytest.mark.slow
def test_a_higher_log_level_leaves_out_what_is_less_severe(tmp_path):
    result = production(tmp_path, DJANGO_LOG_LEVEL="critical")

    assert result.stdout.startswith("500\n")
    assert result.stderr == ""


def read_settings(monkeypatch, **environment):
    monkeypatch.delenv("DJANGO_LOG_LEVEL", raising=False)
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(settings_module.__file__)


def test_the_log_level_is_warning_unless_the_environment_says_otherwise(monkeypatch):
    default = read_settings(monkeypatch)["LOGGING"]
    chosen = read_settings(monkeypatch, DJANGO_LOG_LEVEL="info")["LOGGING"]

    assert [default["root"]["level"], default["loggers"]["django"]["level"]] == ["WARNING"] * 2
    assert [chosen["root"]["level"], chosen["handlers"]["stderr"]["level"]] == ["INFO"] * 2


def test_an_unknown_log_level_stops_start_up_naming_the_variable(monkeypatch):
    with pytest.raises(ImproperlyConfigured) as error:
        read_settings(monkeypatch, DJANGO_LOG_LEVEL="loud")

    assert str(error.value) == (
        "DJANGO_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not 'LOUD'."
    )
