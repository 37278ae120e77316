from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class WaicSiteConfig(AppConfig):
    name = "waic_site"
    verbose_name = _("WAIC Directory")

    def ready(self):
        from .cache import directory_changed

        # Connected for every sender: models the directory apps add later are covered too.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(directory_changed, dispatch_uid="waic_site.cache.directory_changed")


class OrganizersAdminConfig(admin_apps.AdminConfig):
    """Django's admin, whose `admin.site` is the organizers' site (waic_site/admin.py)."""

    default = False  # "waic_site" alone in INSTALLED_APPS means WaicSiteConfig
    default_site = "waic_site.admin.OrganizersSite"
