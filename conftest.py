"""Fixtures every app's tests share."""

import pytest
from django.core.cache import cache


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
