"""My WAIC: favourites without an account.

Public pages stay the same for everyone (and cached): their star buttons are plain forms
posting here, and site JavaScript marks the visitor's saved items from `starred.json`. Every
response of this app is personal: `Cache-Control: private, no-store`, and waic_site/cache.py
never looks up or stores anything under /my/.
"""

from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from directory.http import unchanged_since
from exhibitors.plans import plans_for
from speakers import agenda
from speakers.exports.common import without_gc_pauses
from speakers.exports.ical import calendar_response
from speakers.exports.rows import programme
from speakers.models import PROGRAMME

from .forms import StarForm, button_id
from .models import KINDS, FavouriteList

COOKIE_NAME = "waic_favourites"
# The reminders the personal calendar offers, in minutes before a session (`?alarm=`).
ALARM_CHOICES = ("10",)
# Browsers keep a cookie at most 400 days; each star renews it.
COOKIE_MAX_AGE = timedelta(days=400)

personal = cache_control(private=True, no_store=True)


def unlisted(view):
    """A private link's answers tell search engines never to index them, should a link leak
    (robots.txt keeps crawlers out of /my/<key>/ too, but cannot stop indexing a known link)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


def current_list(request):
    return FavouriteList.objects.for_key(request.COOKIES.get(COOKIE_NAME))


def remember(response, favourites):
    """Keep the list's key on this device. HttpOnly: scripts never see the key (they ask
    starred.json); SameSite=Lax: other sites' forms and scripts never send it."""
    response.set_cookie(
        COOKIE_NAME,
        favourites.key,
        max_age=COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@require_safe
@personal
def my_waic(request):
    favourites = current_list(request)
    return render_list(request, favourites, adopted=bool(favourites and request.GET.get("adopted")))


@require_http_methods(["GET", "HEAD", "POST"])
@personal
@unlisted
def shared_list(request, key):
    """The private link. Opening it shows the list, read-only; only "Use this list on this
    device", a POST from this page (CSRF-protected), keeps it on this device from now on, so
    that no other site can swap the visitor's list by sending them here (#16.3)."""
    favourites = get_object_or_404(FavouriteList, key=key)
    current = current_list(request)
    if request.method == "POST":
        return remember(redirect(reverse("favourites:my_waic") + "?adopted=1"), favourites)
    if current and current.pk == favourites.pk:
        return render_list(request, favourites)
    return render_list(request, favourites, shared=True, previous=current)


def render_list(request, favourites, adopted=False, shared=False, previous=None):
    sessions, speakers, exhibitors = [], [], []
    if favourites:
        sessions = agenda.mark_overlaps(list(favourites.sessions.published().for_listing()))
        speakers = favourites.speakers.published().for_listing()
        exhibitors = list(favourites.exhibitors.published().for_listing())
    context = {
        "favourites": favourites,
        "sessions": sessions,
        "speakers": speakers,
        "exhibitors": exhibitors,
        "plans": plans_for(exhibitor.pk for exhibitor in exhibitors) if exhibitors else [],
        "adopted": adopted,
        "shared": shared,
        "previous": previous,
    }
    if favourites:
        link = favourites.get_absolute_url()
        feed = reverse("favourites:calendar", kwargs={"key": favourites.key})
        context["private_link"] = request.build_absolute_uri(link)
        context["calendar_url"] = request.build_absolute_uri(feed)
        context["webcal_url"] = "webcal://" + request.get_host() + feed
        # The same feed with a reminder before each session, a separate subscription.
        context["alarm_minutes"] = ALARM_CHOICES[0]
        context["alarm_calendar_url"] = f"{context['calendar_url']}?alarm={ALARM_CHOICES[0]}"
        context["alarm_webcal_url"] = f"{context['webcal_url']}?alarm={ALARM_CHOICES[0]}"
    return render(request, "favourites/my_waic.html", context)


# Exempt from CSRF so that public pages carry no CSRF token or cookie and stay cacheable and
# identical for everyone. Safe here: the list changed is the one whose key is in the SameSite=Lax
# cookie, which browsers never send with another site's POST; and such a POST, which could
# still give the visitor a new list in place of theirs, is refused by `same_site()`.
@csrf_exempt
@require_POST
@personal
def star(request):
    """Save or remove one session, speaker or exhibitor: a form post without JavaScript (then
    back to the page it came from), a fetch with `Accept: application/json` with it."""
    if not same_site(request):
        return problem(request, 403, _("Saving works only from this site's own pages."))
    form = StarForm(request.POST)
    if not form.is_valid():
        return problem(request, 400, _("This save button sent something we do not understand."))
    kind, slug = form.cleaned_data["kind"], form.cleaned_data["slug"]
    model = FavouriteList._meta.get_field(KINDS[kind]).related_model
    item = model.objects.published().filter(slug=slug).first()
    if item is None:
        message = _("This is not on the site (any more), so it cannot be saved.")
        return problem(request, 404, message)
    favourites = current_list(request) or FavouriteList.objects.create()
    favourites.star(kind, item, form.starred)
    if wants_json(request):
        response = JsonResponse(
            {"kind": kind, "slug": slug, "starred": form.starred, "count": favourites.count()}
        )
    else:
        # Back to the button itself, not to the top of a long list.
        response = redirect(safe_next(request, form.cleaned_data["next"], button_id(kind, slug)))
    return remember(response, favourites)


@require_safe
@personal
def starred(request):
    """The slugs of the visitor's saved published items, by kind, for the star buttons."""
    favourites = current_list(request)
    return JsonResponse(
        {
            kind: list(favourites.items(kind).published().values_list("slug", flat=True))
            if favourites
            else []
            for kind in KINDS
        }
    )


def with_alarm(view):
    """Reads `?alarm=<minutes>`, a reminder before each session, offered as a choice on My WAIC:
    only the offered values, once; anything else is refused before the ETag is worked out."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        alarm = None
        if "alarm" in request.GET:
            values = request.GET.getlist("alarm")
            if len(values) != 1 or values[0] not in ALARM_CHOICES:
                message = _("A reminder can be %(minutes)s minutes before a session, or none.")
                return HttpResponseBadRequest(
                    message % {"minutes": ", ".join(ALARM_CHOICES)}, content_type="text/plain"
                )
            alarm = timedelta(minutes=int(values[0]))
        return view(request, *args, alarm=alarm, **kwargs)

    return wrapped


@unlisted
@require_safe
@with_alarm
@unchanged_since(*PROGRAMME, rows=lambda request, key, alarm: FavouriteList.objects.filter(key=key))
@without_gc_pauses
def calendar(request, key, alarm):
    """The personal agenda as a feed to subscribe to: organizers' changes reach it, and so do
    the visitor's stars (the list's `updated_at` is part of the ETag). With `?alarm=10`, every
    session that still takes place reminds 10 minutes before it starts."""
    favourites = get_object_or_404(FavouriteList, key=key)
    sessions = programme(favourites.sessions.published())
    response = calendar_response(
        request, sessions, name=_("My WAIC"), filename="my-waic", alarm=alarm
    )
    # Personal: no shared cache may keep it, but the calendar app may revalidate with the ETag.
    response["Cache-Control"] = "private, no-cache"
    return response


def same_site(request):
    """False when a browser says the POST comes from another site (Sec-Fetch-Site or Origin).

    Clients that send neither header are no browser acting for a visitor; they may post."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("Origin")
    return origin is None or origin == f"{request.scheme}://{request.get_host()}"


def wants_json(request):
    return request.headers.get("Accept", "").startswith("application/json")


def safe_next(request, next_url, anchor):
    """Back to the page the button was on, at `anchor` (unless the address names a place of its
    own); anything pointing elsewhere goes to My WAIC."""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url if "#" in next_url else f"{next_url}#{anchor}"
    return reverse("favourites:my_waic")


def problem(request, status, message):
    if wants_json(request):
        return JsonResponse({"error": message}, status=status)
    return render(request, "favourites/problem.html", {"message": message}, status=status)
