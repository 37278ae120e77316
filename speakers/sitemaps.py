from directory.sitemaps import DirectorySitemap

from .models import Session, Speaker


class SpeakerSitemap(DirectorySitemap):
    model = Speaker


class SessionSitemap(DirectorySitemap):
    model = Session
