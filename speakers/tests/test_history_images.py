"""Reverting a speaker to a version from before their photo was replaced keeps today's photo."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from reversion.models import Version

from directory.testing import form_data, image_bytes, upload
from speakers.models import Speaker

from .factories import make_speaker

pytestmark = pytest.mark.django_db(transaction=True)


def change(client, speaker, **fields):
    url = reverse("admin:speakers_speaker_change", args=[speaker.pk])
    return client.post(url, form_data(client.get(url), **fields))


def test_reverting_to_before_the_photo_was_replaced_keeps_the_current_photo(admin_client):
    speaker = make_speaker(name="Ada Lovelace", position="Analyst")
    change(admin_client, speaker, photo=upload(image_bytes((64, 64), colour="red")))
    change(admin_client, speaker, photo=upload(image_bytes((90, 90))), position_en="Countess")
    photo_b = Speaker.objects.get(pk=speaker.pk).photo.name
    version_1 = Version.objects.get_for_object(speaker).order_by("pk")[1]
    url = reverse("admin:speakers_speaker_revision", args=[speaker.pk, version_1.pk])

    response = admin_client.post(url, form_data(admin_client.get(url)))

    assert response.status_code == 302
    speaker = Speaker.objects.get(pk=speaker.pk)
    assert (speaker.position, speaker.photo.name, speaker.photo_width) == ("Analyst", photo_b, 90)
    assert [str(m) for m in get_messages(response.wsgi_request)][0] == (
        "“Ada Lovelace”: the photo of that version is no longer stored (it was replaced or "
        "deleted since), so the current photo is kept."
    )
