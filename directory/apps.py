from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """What every listing shares (no models): listings, search, images, admin, sharing."""

    name = "directory"
    verbose_name = _("WAIC Directory")

    def ready(self):
        from .search.sqlite import ensure_indexes, register_functions

        # For every app's models with `search_fields`, after each migrate (SQLite only).
        post_migrate.connect(ensure_indexes, dispatch_uid="directory.search.sqlite.ensure_indexes")
        # What the CJK index's triggers call, on every SQLite connection (SQLite only).
        connection_created.connect(
            register_functions, dispatch_uid="directory.search.sqlite.register_functions"
        )
