from django.contrib.sitemaps import Sitemap

from .models import Exhibitor


class ExhibitorSitemap(Sitemap):
    def items(self):
        return Exhibitor.objects.published().only("slug", "updated_at")

    def lastmod(self, exhibitor):
        return exhibitor.updated_at
