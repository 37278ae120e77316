from django.contrib.sitemaps import Sitemap

from .models import Session, Speaker


class SpeakerSitemap(Sitemap):
    def items(self):
        return Speaker.objects.published().only("slug", "updated_at")

    def lastmod(self, speaker):
        return speaker.updated_at


class SessionSitemap(Sitemap):
    def items(self):
        return Session.objects.published().only("slug", "updated_at")

    def lastmod(self, session):
        return session.updated_at
