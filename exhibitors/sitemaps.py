from directory.sitemaps import DirectorySitemap

from .models import Exhibitor, Hall


class ExhibitorSitemap(DirectorySitemap):
    model = Exhibitor


class HallSitemap(DirectorySitemap):
    """Every hall's page with its map (halls have no draft: each is public)."""

    def items(self):
        return Hall.objects.only("code", "updated_at")

    def location(self, hall):
        return hall.get_map_url()
