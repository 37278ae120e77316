from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import seo, views

# Machines' addresses stay the same in every language: the health check, the sitemap,
# robots.txt, the favicon, the web app manifests and the service worker.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    # One manifest per language, both at the root: the app's scope is the whole site.
    path("manifest.webmanifest", views.manifest, {"language": "en"}, name="manifest"),
    path(
        "manifest.zh-hans.webmanifest",
        views.manifest,
        {"language": "zh-hans"},
        name="manifest_zh_hans",
    ),
    # The service worker's scope is the folder it is served from: the root, every language.
    path("sw.js", views.service_worker, name="service_worker"),
    path("api/v1/", include("waic_site.api.urls")),
]
# Pages carry their language in the address: /speakers/ in English, /zh-hans/speakers/ in
# Chinese; so does the admin (/zh-hans/admin/). Calendar feeds and schedule exports live among
# the speakers' URLs and answer at both.
urlpatterns += i18n_patterns(
    path(settings.ADMIN_URL, admin.site.urls),
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("exhibitors/", include("exhibitors.urls")),
    path("", include("speakers.urls")),
    path("my/", include("favourites.urls")),
    prefix_default_language=False,
)

if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
    urlpatterns.append(path("media/<path:path>", views.media, name="media"))
