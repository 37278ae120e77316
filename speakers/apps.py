from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpeakersConfig(AppConfig):
    name = "speakers"
    verbose_name = _("Programme")

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
