"""Answers a process works out once and keeps until a setting changes (as a test's override
does): then every one is forgotten.

    from directory.memo import here, remembered

    @remembered(maxsize=64)
    def address_of_view(view_name, language, script_prefix, urlconf):
        return reverse(view_name)

    address_of_view("search", *here())

`remembered` is `functools.lru_cache`, cleared at each change. A cache kept another way (a
template node's copies, a prepared query's SQL) puts `settings_generation()` in its keys.
"""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

REMEMBERED = []
changes = 0


def remembered(maxsize):
    """`functools.lru_cache(maxsize)`, forgotten when a setting changes."""

    def decorate(function):
        cached = lru_cache(maxsize=maxsize)(function)
        REMEMBERED.append(cached)
        return cached

    return decorate


def settings_generation():
    """How many times a setting has changed in this process."""
    return changes


def here():
    """What a page's addresses depend on besides their view: the active language, the script
    prefix the site is served under and the request's URLconf."""
    return get_language(), get_script_prefix(), get_urlconf(settings.ROOT_URLCONF)


@receiver(setting_changed)
def forget(**kwargs):
    global changes
    changes += 1
    for cached in REMEMBERED:
        cached.cache_clear()
