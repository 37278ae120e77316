"""Pages that are not one model's list: the home page and the search across all kinds."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.static import serve

from directory.http import reads_query
from directory.listing.fields import clean_text
from exhibitors.models import Exhibitor, Product
from speakers.models import Session, Speaker

SEARCH_RESULTS_PER_KIND = 8


@reads_query()
def home(request):
    context = {
        "counts": {
            "exhibitors": Exhibitor.objects.published().count(),
            "products": Product.objects.published().count(),
            "speakers": Speaker.objects.published().count(),
            "sessions": Session.objects.published().count(),
        },
        "keynotes": Speaker.objects.keynotes().for_listing()[:6],
        "featured_exhibitors": Exhibitor.objects.featured().for_listing()[:6],
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
