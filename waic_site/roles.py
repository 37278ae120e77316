"""The Organizers group: staff who keep the directory current, and nothing else.

Organizers may view, add, change and delete every model of the directory's apps; they get no
permission on users, groups or anything outside the directory. Superusers remain for
administrators.
"""

import secrets

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions

ORGANIZERS = "Organizers"


def sync_organizers_group(apps):
    """Create the group if needed and give it every permission of the directory's apps.

    Takes an app registry so that migrations can call it with their historical models.
    Migrations that add directory models call it again.
    """
    for label in settings.DIRECTORY_APPS:
        # Permissions are normally created after `migrate`; make sure they exist now.
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ORGANIZERS)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label__in=settings.DIRECTORY_APPS)
    )
    return group


def create_organizer(username, email=""):
    """Make a staff user in the Organizers group; return it with its new random password."""
    from django.contrib.auth.models import Group

    password = secrets.token_urlsafe(12)
    user = get_user_model().objects.create_user(
        username=username, email=email, password=password, is_staff=True
    )
    user.groups.add(Group.objects.get(name=ORGANIZERS))
    return user, password
