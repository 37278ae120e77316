"""Calendar feeds and schedule exports: small views over calendars.py and schedule_export.py.

Apps poll these often over weak connections, so each sends an ETag and Last-Modified and answers
a conditional GET with 304 Not Modified when the agenda has not changed (two aggregate queries).
"""

import hashlib
import weakref

from django.db.models import Count, Max
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from . import schedule_export
from .calendars import calendar_for
from .filters import SessionFilter
from .models import Session, Speaker
from .views import SessionListView


def unchanged_since(*models, rows=None):
    """A `condition()` decorator for views over rows of `models`: ETag and Last-Modified.

    Both come from one aggregate query per model (newest `updated_at` and row count), made once
    per request. Drafts count too: unpublishing a row is a change of what the view shows. The
    counts catch deletions, which leave no newer `updated_at` behind. `rows(request, **kwargs)`,
    when given, names further rows the view depends on, e.g. one visitor's favourites list.
    """
    seen = weakref.WeakKeyDictionary()

    def changes(request, *args, **kwargs):
        if request not in seen:
            querysets = [model.objects.all() for model in models]
            if rows is not None:
                querysets.append(rows(request, *args, **kwargs))
            seen[request] = [
                queryset.aggregate(latest=Max("updated_at"), count=Count("pk"))
                for queryset in querysets
            ]
        return seen[request]

    def last_modified(request, *args, **kwargs):
        latest = (row["latest"] for row in changes(request, *args, **kwargs) if row["latest"])
        return max(latest, default=None)

    def etag(request, *args, **kwargs):
        # The language is part of it: role names and labels are translated.
        stamp = repr([get_language(), *changes(request, *args, **kwargs)])
        return hashlib.sha256(stamp.encode()).hexdigest()[:32]

    return condition(etag_func=etag, last_modified_func=last_modified)


fresh_agenda = unchanged_since(Session, Speaker)


@require_safe
@fresh_agenda
def session_calendar(request, slug):
    session = get_object_or_404(Session.objects.published().for_listing(), slug=slug)
    return calendar_response(request, [session], name=session.title, filename=session.slug)


@require_safe
@fresh_agenda
def speaker_calendar(request, slug):
    speaker = get_object_or_404(Speaker.objects.published(), slug=slug)
    sessions = Session.objects.published().for_listing().filter(slots__speaker=speaker)
    name = _("WAIC: %(speaker)s") % {"speaker": speaker.name}
    return calendar_response(request, sessions, name=name, filename=speaker.slug)


@require_safe
@fresh_agenda
def agenda_calendar(request):
    """Exactly the sessions of /sessions/ with the same query string: its filters and the
    listing's queryset, all pages in one feed. Bad filters get the listing's 400."""
    filterset = SessionFilter(request.GET, queryset=SessionListView.queryset.all())
    if not filterset.is_valid():
        errors = [f"{field}: {' '.join(messages)}" for field, messages in filterset.errors.items()]
        message = _("Some filters could not be understood.")
        return HttpResponseBadRequest("\n".join([message, *errors]), content_type="text/plain")
    name = _("WAIC agenda")
    if chips := [chip.label for chip in filterset.chips()]:
        name = _("WAIC agenda: %(filters)s") % {"filters": ", ".join(chips)}
    return calendar_response(request, filterset.qs, name=name, filename="waic-agenda")


@require_safe
@fresh_agenda
def schedule_json(request):
    return shared(JsonResponse(schedule_for(request), json_dumps_params={"ensure_ascii": False}))


@require_safe
@fresh_agenda
def schedule_xml(request):
    xml = schedule_export.schedule_xml(schedule_for(request))
    return shared(HttpResponse(xml, content_type="application/xml; charset=utf-8"))


def schedule_for(request):
    sessions = Session.objects.published().for_listing()
    return schedule_export.schedule_data(sessions, request.build_absolute_uri)


def calendar_response(request, sessions, name, filename):
    response = HttpResponse(
        calendar_for(sessions, name, request.build_absolute_uri),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return shared(response)


def shared(response):
    """Public data: other sites' scripts may fetch it too."""
    response["Access-Control-Allow-Origin"] = "*"
    return response
