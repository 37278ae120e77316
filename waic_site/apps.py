from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WaicSiteConfig(AppConfig):
    name = "waic_site"
    verbose_name = _("WAIC Directory")
