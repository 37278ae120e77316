"""What search engines read: the sitemap of every public page, and robots.txt pointing at it."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from directory.http import shows, unchanged_since
from directory.sitemaps import DirectorySitemap
from exhibitors.models import Exhibitor, Hall
from exhibitors.sitemaps import ExhibitorSitemap, HallSitemap
from speakers.models import Session, Speaker
from speakers.sitemaps import SessionSitemap, SpeakerSitemap


class ListingSitemap(DirectorySitemap):
    """The home page and the listings."""

    def items(self):
        return [
            "home",
            "speakers:speaker_list",
            "speakers:session_list",
            "exhibitors:exhibitor_list",
        ]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return None


SITEMAPS = {
    "listings": ListingSitemap,
    "speakers": SpeakerSitemap,
    "sessions": SessionSitemap,
    "exhibitors": ExhibitorSitemap,
    "halls": HallSitemap,
}


SHOWN = (Exhibitor, Session, Speaker, Hall)


@shows(*SHOWN)
@require_safe
@unchanged_since(*SHOWN)
def sitemap(request):
    return sitemap_view(request, sitemaps=SITEMAPS)


@shows()
@require_safe
def robots_txt(request):
    """Crawlers stay out of visitors' lists (their private links under /my/). The admin is not
    named here (robots.txt is public, and DJANGO_ADMIN_URL exists to hide its address): its
    pages say noindex themselves."""
    personal = []
    for code, _name in settings.LANGUAGES:  # /my/ and /zh-hans/my/
        with translation.override(code):
            personal.append(reverse("favourites:my_waic"))
    lines = [
        "User-agent: *",
        # My WAIC's own page says what it is (the same for everyone); the lists' private links
        # under it stay out of search engines.
        *(f"Allow: {path}$" for path in personal),
        *(f"Disallow: {path}" for path in personal),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class NoIndexAdminMiddleware:
    """Every answer of the admin tells search engines not to index or follow it
    (X-Robots-Tag), in place of a robots.txt line that would publish the admin's address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match and "admin" in match.app_names:
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response
