"""Make every app server render public pages afresh, after changes that send no model signals.

Saves through the admin or the ORM expire cached pages by themselves. Bulk loads (`load_demo`,
`bulk_create`, raw SQL), a database restore or a deploy with new templates do not: run this after.
"""

from django.core.management.base import BaseCommand

from waic_site.cache import bump_page_version


class Command(BaseCommand):
    help = "Expire every cached public page on every app server sharing this cache."

    def handle(self, *args, **options):
        bump_page_version()
        self.stdout.write("Cached public pages expired.")
