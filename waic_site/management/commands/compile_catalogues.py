"""Compiles the interface's translations (locale/*/LC_MESSAGES/django.po → .mo) in Python.

Django's own compilemessages needs GNU gettext's msgfmt; this needs nothing beyond the
requirements, so `make messages` works wherever Python does (docs/translations.md).
"""

from django.core.management.base import BaseCommand

from waic_site.catalogues import compile_catalogues


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/django.po into .mo files, without GNU gettext."

    def handle(self, *args, **options):
        for mo_path in compile_catalogues():
            self.stdout.write(f"Compiled {mo_path}")
