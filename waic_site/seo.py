"""What search engines read: the sitemap of every public page, and robots.txt pointing at it."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from directory.http import unchanged_since
from exhibitors.models import Exhibitor
from exhibitors.sitemaps import ExhibitorSitemap
from speakers.models import Session, Speaker
from speakers.sitemaps import SessionSitemap, SpeakerSitemap


class ListingSitemap(Sitemap):
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


SITEMAPS = {
    "listings": ListingSitemap,
    "speakers": SpeakerSitemap,
    "sessions": SessionSitemap,
    "exhibitors": ExhibitorSitemap,
}


@require_safe
@unchanged_since(Exhibitor, Session, Speaker)
def sitemap(request):
    return sitemap_view(request, sitemaps=SITEMAPS)


@require_safe
def robots_txt(request):
    admin_paths = []
    for code, _name in settings.LANGUAGES:  # /admin/ and /zh-hans/admin/
        with translation.override(code):
            admin_paths.append(reverse("admin:index"))
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in admin_paths),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
