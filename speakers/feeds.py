"""Calendar feeds and schedule exports: small views over calendars.py and schedule_export.py.

Apps poll these often over weak connections, so each sends an ETag and Last-Modified and answers
a conditional GET with 304 Not Modified when the agenda has not changed (two aggregate queries).
"""

from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from directory.http import shared, unchanged_since

from . import schedule_export
from .calendars import calendar_for
from .filters import SessionFilter
from .models import Session, Speaker
from .views import SessionListView

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
    sessions = Session.objects.published().for_listing().of_speaker(speaker)
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
