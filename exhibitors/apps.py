from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ExhibitorsConfig(AppConfig):
    name = "exhibitors"
    verbose_name = _("Exhibition")

    def ready(self):
        from .fulltext import ensure_indexes

        # For every app's models with `search_fields`, after each migrate (SQLite only).
        post_migrate.connect(ensure_indexes, dispatch_uid="exhibitors.fulltext.ensure_indexes")
