"""Keeps each speaker's `schedule_tracks` and `schedule_days` true to their published sessions.

Whatever changes a session's track, time or visibility, or who speaks in it — the admin's
forms, inlines and bulk actions, a spreadsheet import, a revert from the history, `add()` and
`remove()` on `session.speakers`, a delete and its cascade — ends here. Bulk loads that send no
signals (`load_demo`) call `Speaker.objects.update_schedules()` themselves.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import Session, SessionSpeaker, Speaker


def update_schedules(speaker_pks):
    speaker_pks = {pk for pk in speaker_pks if pk is not None}
    if speaker_pks:
        Speaker.objects.filter(pk__in=speaker_pks).update_schedules()


@receiver(post_save, sender=Speaker)
def speaker_saved(sender, instance, created, **kwargs):
    # A revert from the history writes back the summary as it was then; a new speaker has no
    # sessions yet.
    if not created:
        update_schedules([instance.pk])


SCHEDULE_FIELDS = {"track", "track_id", "starts_at", "is_published"}


@receiver(post_save, sender=Session)
def session_saved(sender, instance, created, update_fields=None, **kwargs):
    # A new session has no speakers yet; a deleted one needs nothing here either: its slots'
    # own deletes update their speakers.
    if created or (update_fields is not None and not SCHEDULE_FIELDS & set(update_fields)):
        return
    update_schedules(instance.slots.values_list("speaker", flat=True))


@receiver(pre_save, sender=SessionSpeaker)
def remember_previous_speaker(sender, instance, raw=False, **kwargs):
    """A slot moved to another speaker changes the schedules of both."""
    instance.previous_speaker_pk = None
    if instance.pk and not raw:
        previous = SessionSpeaker.objects.filter(pk=instance.pk).values_list("speaker", flat=True)
        instance.previous_speaker_pk = previous.first()


@receiver(post_save, sender=SessionSpeaker)
@receiver(post_delete, sender=SessionSpeaker)
def slot_changed(sender, instance, **kwargs):
    update_schedules([instance.speaker_id, getattr(instance, "previous_speaker_pk", None)])


@receiver(m2m_changed, sender=Session.speakers.through)
def speakers_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """`session.speakers.add()`, `remove()`, `set()`, `clear()` and the same from a speaker."""
    if action == "pre_clear" and not reverse:
        instance.cleared_speaker_pks = set(instance.speakers.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove", "post_clear"):
        if reverse:
            update_schedules([instance.pk])
        else:
            update_schedules(pk_set or getattr(instance, "cleared_speaker_pks", ()))
