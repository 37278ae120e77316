"""Whole-page caching of the public site for anonymous visitors, safe for organizers' edits.

Every cached page is keyed by a version stamp that lives in the cache itself (shared by every
app server when the cache is Redis). Any save, delete or many-to-many change of a directory
record bumps the stamp, so the very next public request, on any server, misses the old pages
instead of anyone hunting for their keys; the old copies simply expire.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import cc_delim_re, get_max_age, patch_cache_control, set_response_etag
from django.utils.http import http_date
from django.utils.translation import get_language_from_path
from redis import RedisError

logger = logging.getLogger(__name__)

VERSION_KEY = "pages:version"
# LocaleMiddleware says unprefixed pages vary on Accept-Language, but the address alone decides
# the language (i18n_patterns without a prefix for English): the key has the language anyway.
HARMLESS_VARY = {"accept-language"}
# A visitor's own pages (favourites/urls.py), whatever headers their view sends: never looked up
# in the cache, so no visitor gets another's, and never stored.
PERSONAL_PREFIXES = ("/my/",)


def page_language(request):
    """The language a page is in: its address's prefix (/zh-hans/…), else English.

    That is how LocaleMiddleware, which runs after the cache, picks it for i18n_patterns with
    prefix_default_language=False, whatever the browser's Accept-Language or cookies say.
    """
    return get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def unprefixed_path(request):
    """The path without its language prefix: /zh-hans/admin/ → /admin/."""
    language = get_language_from_path(request.path_info)
    return request.path_info.removeprefix(f"/{language}") if language else request.path_info


def is_admin(request):
    """/admin/… and /zh-hans/admin/…"""
    return unprefixed_path(request).startswith("/" + settings.ADMIN_URL)


def is_personal(request):
    """/my/… and /zh-hans/my/…"""
    return unprefixed_path(request).startswith(PERSONAL_PREFIXES)


def page_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        # A clock reading, never a value an evicted stamp had before: old pages stay unreachable.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_page_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no stamp yet (or evicted): any new one differs from every old one
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
    except RedisError:
        # The organizer's change is saved; pages cached before it live at most
        # WAIC_PAGE_CACHE_SECONDS, and a restarted Redis starts empty.
        logger.exception("Could not expire cached pages: the cache is unreachable.")


def directory_changed(sender, action=None, **kwargs):
    """Receiver for post_save, post_delete and m2m_changed of every model.

    Bumps now, so that later reads in this transaction's request see new pages, and again on
    commit, so that a page another server rendered from the not yet committed data is never
    served: it was stored under the stamp in between.
    """
    if sender._meta.app_label not in settings.DIRECTORY_APPS:
        return
    if action is not None and not action.startswith("post_"):
        return
    bump_page_version()
    transaction.on_commit(bump_page_version)


def is_logged_in(request):
    """Anyone holding a session cookie may see personal pages: they never share cached ones."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def is_cacheable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    vary = {v.lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
    cache_control = response.get("Cache-Control", "").lower()
    return vary <= HARMLESS_VARY and not any(
        word in cache_control for word in ("private", "no-store", "no-cache")
    )


class PublicPageCacheMiddleware:
    """Serves anonymous GET and HEAD requests outside the admin from the cache.

    Sits after ConditionalGetMiddleware, which answers 304 from the ETag and Last-Modified
    stored with each page, and before the session, CSRF and locale middleware, so that it sees
    every cookie and Vary header they add: a response that sets a cookie or varies on one is
    never stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_logged_in(request):
            response = self.get_response(request)
            patch_cache_control(response, private=True, no_store=True)
            return response
        if request.method not in ("GET", "HEAD") or is_admin(request) or is_personal(request):
            return self.get_response(request)

        seconds = settings.WAIC_PAGE_CACHE_SECONDS
        try:
            key = self.cache_key(request) if seconds else None
            cached = cache.get(key) if key else None
        except RedisError:
            logger.exception("Serving without the page cache: the cache is unreachable.")
            key = cached = None
        if cached is not None:
            return cached
        response = self.get_response(request)
        if not is_cacheable(response):
            return response
        patch_cache_control(response, public=True, max_age=seconds)
        if key:
            if not response.has_header("ETag"):  # keep a view's own, e.g. the feeds'
                set_response_etag(response)
            response.headers.setdefault("Last-Modified", http_date())
            try:
                # A view may keep its page for less (the agenda's day that opens today).
                cache.set(key, response, get_max_age(response))
            except RedisError:
                logger.exception("Could not cache a page: the cache is unreachable.")
        return response

    @staticmethod
    def cache_key(request):
        url = hashlib.md5(request.build_absolute_uri().encode(), usedforsecurity=False)
        language = page_language(request)
        return f"page:{page_version()}:{request.method}:{language}:{url.hexdigest()}"
