"""Give a member of the organizing team a login to the admin, in the Organizers group.

The password is random and printed once; the organizer changes it after the first login.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from waic_site.roles import create_organizer


class Command(BaseCommand):
    help = "Create a staff user in the Organizers group and print a random password once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        if get_user_model().objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        user, password = create_organizer(username, email=email)
        self.stdout.write(f"Created organizer {user.username!r}.")
        self.stdout.write(f"Password (shown once, change it after logging in): {password}")
