"""The site's addresses with the admin moved, as DJANGO_ADMIN_URL="backstage/" moves it."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from waic_site import seo, views

urlpatterns = [
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
]
urlpatterns += i18n_patterns(
    path("backstage/", admin.site.urls),
    path("", views.home, name="home"),  # the admin's pages link to the public site
    path("exhibitors/", include("exhibitors.urls")),
    path("", include("speakers.urls")),
    path("my/", include("favourites.urls")),
    prefix_default_language=False,
)
