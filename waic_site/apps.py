from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class WaicSiteConfig(AppConfig):
    name = "waic_site"
    verbose_name = _("WAIC Directory")

    def ready(self):
        from django.contrib import admin

        from .cache import directory_changed
        from .login import LoginForm

        admin.site.login_form = LoginForm

        # Connected for every sender: models the directory apps add later are covered too.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(directory_changed, dispatch_uid="waic_site.cache.directory_changed")
