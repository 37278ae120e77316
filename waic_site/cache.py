"""Whole-page caching of the public site for anonymous visitors, safe for organizers' edits
and for crowds.

Every cached page is stored with the version stamp it was rendered under; the stamp lives in
the cache itself (shared by every app server when the cache is Redis). Any save, delete or
many-to-many change of a directory record bumps the stamp, so the very next public request, on
any server, renders the page again instead of anyone hunting for keys.

A page is rendered once per version however many ask for it at once: the first request takes a
lock in the cache (`cache.add`, on every app server alike) and renders; the others are served
the previous copy meanwhile if there is one (stale while revalidating), else wait for the
render, up to `LOCK_SECONDS`, after which (a render that died with its server) they render
themselves.

A page is keyed by the query parameters its view reads, sorted by name: a view declares them
as `query_parameters` (a collection of names, or a method giving them; see
`directory.http.reads_query`), so `?utm_source=…` or `?x=<random>` never forces a fresh render,
and the view sees only what it declared, as sent. A view that declares nothing is keyed by its
whole query string, its parameters sorted by name.
"""

import hashlib
import logging
import secrets
import time
from contextlib import suppress
from urllib.parse import unquote_plus, urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation
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
# Answered without the page cache: a load balancer's probe must never wait for a page's render.
UNCACHED_PATHS = ("/healthz",)
# How long a render may hold its page's lock; others wait for it at most this long.
LOCK_SECONDS = 30
# How often a request waiting for another's render looks for the page.
POLL_SECONDS = 0.05
# A page is kept this long past its freshness, to serve while its next version renders.
STALE_SECONDS = 300


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


def is_fresh(entry, version):
    """A cached (version, fresh until, response) is of this version and fresh."""
    return entry is not None and entry[0] == version and time.time() < entry[1]


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
        if (
            request.method not in ("GET", "HEAD")
            or request.path_info in UNCACHED_PATHS
            or is_admin(request)
            or is_personal(request)
        ):
            return self.get_response(request)

        seconds = settings.WAIC_PAGE_CACHE_SECONDS
        if not seconds:
            return self.public(self.get_response(request), seconds)
        keep_only_read_parameters(request)
        key = self.cache_key(request)
        try:
            version = page_version()
            return self.cached_or_rendered(request, key, version, seconds)
        except RedisError:
            logger.exception("Serving without the page cache: the cache is unreachable.")
            return self.public(self.get_response(request), seconds)

    def cached_or_rendered(self, request, key, version, seconds):
        """The fresh copy; else this request renders it, holding the page's lock, while others
        get the previous copy or wait; else (the lock's holder died) a render of its own."""
        lock = f"{key}:rendering"
        deadline = time.monotonic() + LOCK_SECONDS
        while True:
            entry = cache.get(key)
            if is_fresh(entry, version):
                return entry[2]
            token = secrets.token_hex(8)
            if cache.add(lock, token, timeout=LOCK_SECONDS):
                try:
                    entry = cache.get(key)  # stored since, by the render that held the lock?
                    if is_fresh(entry, version):
                        return entry[2]
                    return self.render(request, key, version, seconds)
                finally:
                    with suppress(RedisError):  # else it expires by itself
                        if cache.get(lock) == token:
                            cache.delete(lock)
            if entry is not None:
                return entry[2]  # the previous version, while the new one renders
            if time.monotonic() > deadline:
                return self.public(self.get_response(request), seconds)
            time.sleep(POLL_SECONDS)

    def render(self, request, key, version, seconds):
        response = self.public(self.get_response(request), seconds)
        if not is_cacheable(response):
            return response
        if not response.has_header("ETag"):  # keep a view's own, e.g. the feeds'
            set_response_etag(response)
        response.headers.setdefault("Last-Modified", http_date())
        # A view may keep its page for less (the agenda's day that opens on today): then no
        # stale copy outlives it either.
        lifetime = min(get_max_age(response) or seconds, seconds)
        stale = STALE_SECONDS if lifetime == seconds else 0
        try:
            entry = (version, time.time() + lifetime, response)
            cache.set(key, entry, lifetime + stale)
        except RedisError:
            logger.exception("Could not cache a page: the cache is unreachable.")
        return response

    @staticmethod
    def public(response, seconds):
        """Marks a cacheable response public for `seconds`; others go as they are."""
        if is_cacheable(response):
            patch_cache_control(response, public=True, max_age=seconds)
        return response

    @staticmethod
    def cache_key(request):
        """The page's address with the parameters its view reads, sorted: any order of them,
        and any parameter it does not read, give the same key."""
        query = canonical_query(request.GET, parameters_read(request))
        address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
        url = hashlib.md5(address.encode(), usedforsecurity=False)
        language = page_language(request)
        return f"page:{request.method}:{language}:{url.hexdigest()}"


def parameters_read(request):
    """The query parameters the view at this address declares it reads, or None (all)."""
    try:
        with translation.override(page_language(request)):
            match = resolve(request.path_info)
    except Resolver404:
        return None
    view = getattr(match.func, "view_class", None) or getattr(match.func, "cls", match.func)
    declared = getattr(view, "query_parameters", None)
    return set(declared() if callable(declared) else declared) if declared is not None else None


def canonical_query(query, names=None):
    """`query` (a QueryDict) as a query string of the parameters in `names` (all when None),
    sorted by name; each parameter's values keep their order, which may matter to the view."""
    return urlencode(
        [
            (name, value)
            for name in sorted(query)
            if names is None or name in names
            for value in query.getlist(name)
        ]
    )


def keep_only_read_parameters(request):
    """Leaves the request only the query parameters its view reads, as they were sent, so that
    the page rendered (its links, its alternates) never carries another visitor's unknown
    parameters to whoever it is served to from the cache."""
    names = parameters_read(request)
    if names is None:
        return
    sent = request.META.get("QUERY_STRING", "")
    kept = "&".join(
        piece
        for piece in sent.split("&")
        if unquote_plus(piece.partition("=")[0], errors="replace") in names
    )
    if kept != sent:
        request.META["QUERY_STRING"] = kept
        request.GET = QueryDict(kept)
