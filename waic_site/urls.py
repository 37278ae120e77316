from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import seo, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("search/", views.search, name="search"),
    path("exhibitors/", include("exhibitors.urls")),
    path("", include("speakers.urls")),
    path("my/", include("favourites.urls")),
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("api/v1/", include("waic_site.api.urls")),
]

if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
    urlpatterns.append(path("media/<path:path>", views.media, name="media"))
