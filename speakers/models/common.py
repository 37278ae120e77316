"""What every module of the speakers' models shares."""

import uuid

from django.db.models import Q

# Calendar UIDs and schedule-export guids are uuid5s of the slug in this namespace, so they stay
# the same in every feed, export and deployment.
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "waic-directory")
PUBLISHED = Q(is_published=True)
