from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.static import serve

from exhibitors.models import Exhibitor
from speakers.models import Session, Speaker


def home(request):
    context = {
        "keynotes": Speaker.objects.published().filter(is_keynote=True).for_listing()[:8],
        "featured_exhibitors": Exhibitor.objects.published()
        .filter(is_featured=True)
        .for_listing()[:8],
        "upcoming_sessions": Session.objects.published().for_listing()[:6],
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
