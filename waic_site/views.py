"""Pages that are not one model's list: the home page and the search across all kinds."""

import hashlib
import json

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import DatabaseError, connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.static import serve

from directory.collation import in_name_order
from directory.http import reads_query, shows
from directory.listing.fields import clean_text
from exhibitors.models import Exhibitor, Hall, Product
from speakers.models import Session, Speaker

SEARCH_RESULTS_PER_KIND = 8
# The icon's indigo (static/img/icon.svg) and the light page's background (static/css/site.css).
THEME_COLOUR, BACKGROUND_COLOUR = "#2b1d8f", "#f5f6fa"


@reads_query()
def home(request):
    context = {
        "counts": {
            "exhibitors": Exhibitor.objects.published().count(),
            "products": Product.objects.published().count(),
            "speakers": Speaker.objects.published().count(),
            "sessions": Session.objects.published().count(),
        },
        # The same six in both languages, each page listing them in its own A–Z.
        "keynotes": in_name_order(Speaker.objects.keynotes().for_listing()[:6]),
        "featured_exhibitors": in_name_order(Exhibitor.objects.featured().for_listing()[:6]),
    }
    return render(request, "home.html", context)


@never_cache
def healthz(request):
    """For load balancers: the app answers and reaches its database (no table is read)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "database unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


def favicon(request):
    """Browsers ask for /favicon.ico whatever the pages link: the hashed file, which whitenoise
    serves compressed and immutable. The redirect itself may be kept for a day."""
    response = HttpResponsePermanentRedirect(static("img/favicon.ico"))
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response


@shows()
def manifest(request, language):
    """The web app manifest, at the site's root so that its scope (and a future service
    worker's) is the whole site: "Add to home screen" opens the home page in `language`."""
    event = settings.WAIC_EVENT
    with translation.override(language):
        data = {
            "name": f"{event.edition} · {gettext('WAIC Directory')}",
            "short_name": event.edition,
            "description": event.title,
            "lang": language,
            "start_url": reverse("home"),
            "scope": "/",
            "display": "standalone",
            "theme_color": THEME_COLOUR,
            "background_color": BACKGROUND_COLOUR,
            "icons": [
                {"src": static("img/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
                {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
                {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
                {
                    "src": static("img/icon-maskable-512.png"),
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "maskable",
                },
            ],
        }
    # Cached and kept by browsers like every public page (waic_site/cache.py).
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )


# Kept by the service worker when it is installed, so that the first offline page has its style.
WORKER_STATIC_FILES = (
    "css/site.css",
    "js/site.js",
    "js/favourites.js",
    "js/listing.js",
    "img/icon.svg",
    "img/icon-192.png",
)


def service_worker_config():
    """What the service worker (templates/sw.js) needs to know of the site's addresses, in
    every language: its own scope's rules, computed here so that the worker never guesses."""
    config = {
        "staticUrl": settings.STATIC_URL,
        # Hashed file names (the manifest storage) never change content: cache-first. Without
        # hashes (development) a file may change under its name: network-first like pages.
        # (Under DEBUG the manifest storage names files without their hashes.)
        "hashedStatic": hasattr(staticfiles_storage, "manifest_hash") and not settings.DEBUG,
        "staticFiles": [static(name) for name in WORKER_STATIC_FILES],
        "admin": [],
        "personal": [],
        "pages": [],
    }
    # The hall maps, found at the venue when the Wi-Fi is worst. (A new hall, a new version.)
    halls = Hall.objects.filter(plan_width__isnull=False, plan_height__isnull=False)
    hall_codes = list(halls.values_list("code", flat=True))
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            config["admin"].append(reverse("admin:index"))
            config["personal"].append(reverse("favourites:my_waic"))
            agenda = reverse("speakers:session_list")
            config["pages"] += [reverse("home"), agenda] + [
                f"{agenda}?day={day.isoformat()}" for day in settings.WAIC_EVENT.days
            ]
            config["pages"] += [
                reverse("exhibitors:hall_detail", kwargs={"code": code}) for code in hall_codes
            ]
    return config


def service_worker_version(config):
    """Changes with every deployment that changes what the worker keeps or how: the static
    files' manifest (a new CSS or JS file), the worker's own text, its configuration."""
    text = "\n".join(
        (
            getattr(staticfiles_storage, "manifest_hash", "") or "",
            get_template("sw.js").template.source,
            json.dumps(config, sort_keys=True),
        )
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def service_worker(request):
    """The offline guide (issue 15): a service worker at the site's root, so that its scope is
    every page in every language. Browsers check it for changes on every visit (no-cache); a
    new version installs beside the old, takes over at once and deletes the old one's caches."""
    config = service_worker_config()
    response = render(
        request,
        "sw.js",
        {"config": json.dumps(config), "version": service_worker_version(config)},
        content_type="application/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


def media(request, path):
    """Uploads kept in local files, for a single host; object storage serves them otherwise.

    Django streams the file (with Last-Modified, answering 304); in front of several hosts, or
    when traffic grows, let object storage and a CDN do it (docs/deploy.md).
    """
    return serve(request, path, document_root=settings.MEDIA_ROOT)


@reads_query("q")
def search(request):
    """Speakers, sessions and exhibitors whose text contains `q` in English or Chinese, grouped
    by kind, found like the listings' own `q` filters, with links to the full filtered listings."""
    q = clean_text(request.GET.get("q", ""))
    groups = []
    if q:
        kinds = [
            ("speakers", Speaker.objects.published().for_listing()),
            ("sessions", Session.objects.published().for_listing()),
            ("exhibitors", Exhibitor.objects.published().for_listing()),
        ]
        for kind, queryset in kinds:
            results = queryset.search(q)
            groups.append(
                {
                    "kind": kind,
                    "count": results.count(),
                    "results": results[:SEARCH_RESULTS_PER_KIND],
                }
            )
    context = {"q": q, "groups": groups, "total": sum(group["count"] for group in groups)}
    return render(request, "search.html", context)
