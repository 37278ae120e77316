"""Settings read from the environment: defaults when unset, a clear stop on a bad value."""

import runpy

import pytest
from django.core.exceptions import ImproperlyConfigured

from waic_site import settings as settings_module

NUMBERS = {
    "DJANGO_DB_CONN_MAX_AGE": lambda values: values["DATABASES"]["default"]["CONN_MAX_AGE"],
    "DJANGO_HSTS_SECONDS": lambda values: values["SECURE_HSTS_SECONDS"],
    "WAIC_IMAGE_MAX_BYTES": lambda values: values["WAIC_IMAGE_MAX_BYTES"],
    "WAIC_IMAGE_MAX_PIXELS": lambda values: values["WAIC_IMAGE_MAX_PIXELS"],
    "WAIC_IMAGE_MAX_SIDE": lambda values: values["WAIC_IMAGE_MAX_SIDE"],
    "WAIC_IMAGE_MAX_DECODED_BYTES": lambda values: values["WAIC_IMAGE_MAX_DECODED_BYTES"],
}


def read_settings(monkeypatch, **environment):
    """waic_site/settings.py run afresh with these variables (the others unset)."""
    for name in NUMBERS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(settings_module.__file__)


def test_numbers_left_unset_take_their_defaults(monkeypatch):
    values = read_settings(monkeypatch)

    assert {name: read(values) for name, read in NUMBERS.items()} == {
        "DJANGO_DB_CONN_MAX_AGE": 0,
        "DJANGO_HSTS_SECONDS": 0,
        "WAIC_IMAGE_MAX_BYTES": 10 * 1024 * 1024,
        "WAIC_IMAGE_MAX_PIXELS": 40_000_000,
        "WAIC_IMAGE_MAX_SIDE": 3000,
        "WAIC_IMAGE_MAX_DECODED_BYTES": 64 * 1024 * 1024,
    }


@pytest.mark.parametrize("name", NUMBERS)
def test_a_number_comes_from_the_environment(monkeypatch, name):
    values = read_settings(monkeypatch, **{name: "42"})

    assert NUMBERS[name](values) == 42


@pytest.mark.parametrize("name", NUMBERS)
def test_a_bad_number_stops_start_up_naming_the_variable(monkeypatch, name):
    with pytest.raises(ImproperlyConfigured) as error:
        read_settings(monkeypatch, **{name: "lots"})

    assert str(error.value) == f"{name} must be a whole number, not 'lots'."
