"""Whole-page caching of the public site for anonymous visitors, safe for organizers' edits
and for crowds.

**What a page depends on.** A save costs what it touches: each kind of record has a version
stamp of its own, kept in the cache itself (shared by every app server when the cache is
Redis), and a page is rendered again only when a stamp it depends on has moved. A kind is a
directory model with the rows that belong to its records (`PARTS`): a session with its speaker
slots; an exhibitor with its booths, products and category links; a speaker, a track, a venue,
a hall, a category each on its own. Any save, delete or many-to-many change of a row bumps its
kind's stamp, now and again when its transaction commits (so that a page another server
rendered from the not yet committed data is never served), and writes the new value as that
row's own record stamp too.

A view declares the models its pages show (`directory.http.shows`, or `shown_models` on a
class): the agenda shows sessions, speakers, tracks, venues and halls; an exhibitor's page
exhibitors, halls, categories, and the speakers who work there with their sessions. A view
that declares nothing — the home page, search, the API's schema — depends on every kind, and
so does any page on the site-wide stamp that `manage.py expire_pages` bumps. While a page
renders, its view may add models or single records (`directory.http.also_shows`): a speaker's
page depends on the one exhibitor they work for, not on every exhibitor, so editing another
exhibitor leaves it cached.

Why no page can be stale: every stamp is read (`snapshot`) before the page reads the
database, and stored with the page. A kind's page is served while each of its kinds' stamps
still equals the stored one; a record's page while the record's stamp exists and is at most
the stored value of its kind's stamp, which a change of that row after the snapshot always
exceeds (the row's save bumps its kind first, then writes the record's stamp; a stamp missing,
evicted or never written, counts as changed, and a page only writes one where no row of its
kind changed while it rendered). A lost kind stamp starts again from a clock reading, never a
value it had before.

A page is rendered once per version however many ask for it at once: the first request takes a
lock in the cache (`cache.add`, on every app server alike) and renders; the others are served
the previous copy meanwhile if there is one (stale while revalidating), with that copy's own
ETag and Last-Modified, so a client holding it gets 304; else they wait for the render, up to
`LOCK_SECONDS`, after which (a render that died with its server) they render themselves. The
render ignores the request's conditional headers, so that it always ends with the full page
stored for everyone; ConditionalGetMiddleware then answers this request's own If-None-Match.

A page is keyed by the query parameters its view reads, sorted by name: a view declares them
as `query_parameters` (a collection of names, or a method giving them; see
`directory.http.reads_query`), so `?utm_source=…` or `?x=<random>` never forces a fresh render,
and the view sees only what it declared, as sent. A view that declares nothing is keyed by its
whole query string, its parameters sorted by name.
"""

import functools
import hashlib
import logging
import secrets
import time
from contextlib import contextmanager, suppress
from urllib.parse import unquote_plus, urlencode

from django.apps import apps
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

# Every page depends on this stamp: `manage.py expire_pages` bumps it.
VERSION_KEY = "pages:version"
KIND_PREFIX = "pages:kind:"
RECORD_PREFIX = "pages:record:"
# Rows that belong to another model's records: a change to one is a change of that kind.
PARTS = {
    "exhibitors.booth": "exhibitors.exhibitor",
    "exhibitors.exhibitorcategory": "exhibitors.exhibitor",
    "exhibitors.product": "exhibitors.exhibitor",
    "speakers.sessionspeaker": "speakers.session",
}
# A record's stamp outlives every page stored with it (a page is kept at most its lifetime and
# STALE_SECONDS); a missing one counts as changed.
RECORD_SECONDS = 24 * 60 * 60
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


def kind_of(model):
    """The kind a model's rows are part of (a model, or its "app.Model" label): its own label,
    or its owner's (`PARTS`)."""
    label = (apps.get_model(model) if isinstance(model, str) else model)._meta.label_lower
    return PARTS.get(label, label)


@functools.cache
def all_kinds():
    """Every kind of the directory's records, sorted."""
    models = (
        model
        for label in settings.DIRECTORY_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    )
    return tuple(sorted({kind_of(model) for model in models}))


def kind_key(kind):
    return f"{KIND_PREFIX}{kind}"


def record_key(model, pk):
    return f"{RECORD_PREFIX}{model._meta.label_lower}:{pk}"


def snapshot():
    """{stamp key: value} of the site-wide stamp and every kind's, read in one round trip; a
    missing one starts from a clock reading, never a value an evicted stamp had before."""
    keys = [VERSION_KEY, *(kind_key(kind) for kind in all_kinds())]
    stamps = cache.get_many(keys)
    if missing := [key for key in keys if key not in stamps]:
        for key in missing:
            cache.add(key, time.time_ns(), timeout=None)
        stamps |= cache.get_many(missing)
    return stamps


def page_version():
    """The site-wide stamp."""
    return snapshot()[VERSION_KEY]


def bump(key):
    """Moves the stamp `key` on; its new value, which no page was stored with (None if the
    stamp vanished again at once)."""
    try:
        return cache.incr(key)
    except ValueError:  # no stamp yet (or evicted): start it from a clock reading, then move it
        cache.add(key, time.time_ns(), timeout=None)
    try:
        return cache.incr(key)
    except ValueError:
        return None


def bump_page_version():
    """Every cached page is rendered again on its next request, on every app server."""
    with cache_errors_logged():
        bump(VERSION_KEY)


def row_changed(model, pk=None):
    """A row of `model` was saved or deleted (`pk`), or one of its many-to-many links changed
    (no `pk`): its kind's stamp moves, then the row's own stamp takes the kind's new value."""
    rows_changed({kind_of(model): {(model, pk)}})


def rows_changed(changes):
    """`changes` ({kind: {(model, pk or None)}}): each kind's stamp moves once, then each row's
    own stamp takes its kind's new value."""
    with cache_errors_logged():
        records = {}
        for kind, rows in changes.items():
            if (value := bump(kind_key(kind))) is not None:
                records |= {record_key(model, pk): value for model, pk in rows if pk is not None}
        if records:  # many-to-many changes have none
            cache.set_many(records, timeout=RECORD_SECONDS)


@contextmanager
def cache_errors_logged():
    """The organizer's change is saved whatever the cache says; pages cached before it live at
    most WAIC_PAGE_CACHE_SECONDS, and a restarted Redis starts empty."""
    try:
        yield
    except RedisError:
        logger.exception("Could not expire cached pages: the cache is unreachable.")


def directory_changed(sender, instance=None, action=None, **kwargs):
    """Receiver for post_save, post_delete and m2m_changed of every model.

    Bumps now, so that later reads in this transaction's request see new pages, and again on
    commit, so that a page another server rendered from the not yet committed data is never
    served: it was stored under the stamp in between. A many-to-many change (its `sender` is
    the link's model) changes the kind the links belong to. On commit each kind moves once
    however many of its rows the transaction wrote (an import writes thousands): the rows wait
    on the connection, and the first of the transaction's callbacks takes them all.
    """
    if sender._meta.app_label not in settings.DIRECTORY_APPS:
        return
    if action is not None and not action.startswith("post_"):
        return
    pk = instance.pk if action is None else None
    row_changed(sender, pk)
    connection = transaction.get_connection()
    waiting = connection.__dict__.setdefault("pages_changed", {})
    waiting.setdefault(kind_of(sender), set()).add((sender, pk))
    transaction.on_commit(functools.partial(commit_changes, connection))


def commit_changes(connection):
    """The rows changed by the transaction just committed on `connection` (and any left by
    one rolled back: moving a stamp once too often costs a render, never a stale page)."""
    if changes := connection.__dict__.pop("pages_changed", None):
        rows_changed(changes)


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


# Headers that would let a render answer 304 and store nothing (ConditionalGetMiddleware,
# outside this cache, answers them from the stored page).
CONDITIONAL_HEADERS = (
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def is_fresh(entry):
    """A cached (kind stamps, record stamps, fresh until, response) is still fresh, and none
    of the records it shows has changed since it was rendered: each kind's stamp is as stored,
    each record's at most as stored."""
    if entry is None or time.time() >= entry[2]:
        return False
    kinds, records = entry[0], entry[1]
    now = cache.get_many([*kinds, *records])
    return all(now.get(key) == value for key, value in kinds.items()) and all(
        now.get(key) is not None and now[key] <= value for key, value in records.items()
    )


def shown_by(request):
    """The kinds and the records ({record stamp key: kind}) the page rendered for `request`
    shows: its view's declared models (every kind if it declares none) and what it added while
    rendering."""
    view = view_of(request)
    declared = getattr(view, "shown_models", None) if view is not None else None
    kinds = set(all_kinds()) if declared is None else {kind_of(model) for model in declared}
    records = {}
    for thing in getattr(request, "also_shown", ()):
        if isinstance(thing, type):
            kinds.add(kind_of(thing))
        else:
            records[record_key(type(thing), thing.pk)] = kind_of(type(thing))
    return kinds, records


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
            return self.cached_or_rendered(request, key, seconds)
        except RedisError:
            logger.exception("Serving without the page cache: the cache is unreachable.")
            return self.public(self.get_response(request), seconds)

    def cached_or_rendered(self, request, key, seconds):
        """The fresh copy; else this request renders it, holding the page's lock, while others
        get the previous copy or wait; else (the lock's holder died) a render of its own."""
        lock = f"{key}:rendering"
        deadline = time.monotonic() + LOCK_SECONDS
        while True:
            entry = cache.get(key)
            if is_fresh(entry):
                return entry[3]
            token = secrets.token_hex(8)
            if cache.add(lock, token, timeout=LOCK_SECONDS):
                try:
                    entry = cache.get(key)  # stored since, by the render that held the lock?
                    if is_fresh(entry):
                        return entry[3]
                    return self.render(request, key, seconds)
                finally:
                    with suppress(RedisError):  # else it expires by itself
                        if cache.get(lock) == token:
                            cache.delete(lock)
            if entry is not None:
                return entry[3]  # the previous version, while the new one renders
            if time.monotonic() > deadline:
                return self.public(self.get_response(request), seconds)
            time.sleep(POLL_SECONDS)

    def render(self, request, key, seconds):
        stamps = snapshot()  # before the view reads the database
        response = self.public(self.full_response(request), seconds)
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
            kinds, records = self.stamps_shown(request, stamps)
            entry = (kinds, records, time.time() + lifetime, response)
            cache.set(key, entry, lifetime + stale)
        except RedisError:
            logger.exception("Could not cache a page: the cache is unreachable.")
        return response

    def full_response(self, request):
        """The view's whole page, whatever the request's conditional headers say."""
        conditional = {
            name: request.META.pop(name) for name in CONDITIONAL_HEADERS if name in request.META
        }
        try:
            return self.get_response(request)
        finally:
            request.META.update(conditional)

    @staticmethod
    def stamps_shown(request, stamps):
        """The stamps (from `stamps`, read before the render) the page depends on: the
        site-wide one and its kinds' ({key: value}); and its records' ({key: their kind's
        value}). A record without a stamp gets its kind's value as its first, unless a row of
        that kind changed during the render (which could have been this one): it then stays
        missing, so that the page is rendered again."""
        kinds, records = shown_by(request)
        kind_stamps = {VERSION_KEY: stamps[VERSION_KEY]}
        kind_stamps |= {kind_key(kind): stamps[kind_key(kind)] for kind in kinds}
        record_stamps = {key: stamps[kind_key(kind)] for key, kind in records.items()}
        if records:
            now = cache.get_many({kind_key(kind) for kind in records.values()})
            for key, kind in records.items():
                if now.get(kind_key(kind)) == stamps[kind_key(kind)]:
                    cache.add(key, record_stamps[key], timeout=RECORD_SECONDS)
        return kind_stamps, record_stamps

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
        # "pages:" since each kind has a stamp: a server still running the code of one stamp
        # for everything (its pages were "page:") never reads a page of this format.
        return f"pages:{request.method}:{language}:{url.hexdigest()}"


def view_of(request):
    """The view at the request's address (a class-based view's or viewset's class), or None;
    looked up once per request."""
    if "page_view" not in request.__dict__:
        try:
            with translation.override(page_language(request)):
                match = resolve(request.path_info)
        except Resolver404:
            request.page_view = None
        else:
            func = match.func
            request.page_view = getattr(func, "view_class", None) or getattr(func, "cls", func)
    return request.page_view


def parameters_read(request):
    """The query parameters the view at this address declares it reads, or None (all)."""
    declared = getattr(view_of(request), "query_parameters", None)
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
