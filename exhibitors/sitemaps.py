from directory.sitemaps import DirectorySitemap

from .models import Exhibitor


class ExhibitorSitemap(DirectorySitemap):
    model = Exhibitor
