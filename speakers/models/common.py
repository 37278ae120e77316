"""What every module of the speakers' models shares."""

import functools
import uuid

from django.db.models import Q
from django.utils.encoding import force_str

# Calendar UIDs and schedule-export guids are uuid5s of the slug in this namespace, so they stay
# the same in every feed, export and deployment.
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "waic-directory")
PUBLISHED = Q(is_published=True)


def choice_label(choices, value):
    """What Django's `get_FOO_display()` gives for `value` of a field with `choices` (a
    TextChoices class): Django's builds a dict of every label, hashing each (a gettext each), at
    each call, which cost a session's page as much as its QR code; models define theirs with
    this."""
    return force_str(labels(choices).get(value, value), strings_only=True)


@functools.cache
def labels(choices):
    return dict(choices.choices)  # lazy labels as values: nothing translated until shown
