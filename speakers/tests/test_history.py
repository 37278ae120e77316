import pytest
from django.urls import reverse
from reversion.models import Version

from directory.testing import form_data
from speakers.models import Session, Speaker

from .factories import make_session, make_speaker, make_venue, shanghai

pytestmark = pytest.mark.django_db


@pytest.fixture
def opening():
    li, hinton = make_speaker(slug="li-qiang"), make_speaker(slug="geoffrey-hinton")
    return make_session(
        title="Opening Ceremony",
        venue=make_venue(),
        starts_at=shanghai(26, 9),
        ends_at=shanghai(26, 10),
        speakers=[(li, "host"), (hinton, "speaker")],
    )


def programme(session):
    return [(slot.speaker.slug, slot.role, slot.order) for slot in session.slots.all()]


def recover(client, model):
    deleted = Version.objects.get_deleted(model).get()
    url = reverse(f"admin:speakers_{model._meta.model_name}_recover", args=[deleted.pk])
    return client.post(url, form_data(client.get(url)))


def test_moving_a_session_is_in_its_history_and_revertible(admin_client, opening):
    url = reverse("admin:speakers_session_change", args=[opening.pk])
    admin_client.post(url, form_data(admin_client.get(url), starts_at_1="09:30"))
    history = admin_client.get(reverse("admin:speakers_session_history", args=[opening.pk]))
    first = Version.objects.get_for_object(opening).order_by("pk").first()
    revision_url = reverse("admin:speakers_session_revision", args=[opening.pk, first.pk])

    admin_client.post(revision_url, form_data(admin_client.get(revision_url)))

    changes = history.context["action_list"][-1]["changes"]
    assert changes == [("starts at", "2025-07-26 09:00", "2025-07-26 09:30")]
    opening.refresh_from_db()
    assert opening.starts_at == shanghai(26, 9)


def test_a_deleted_session_is_recovered_with_its_speakers_in_order(admin_client, opening):
    before = programme(opening)
    admin_client.post(reverse("admin:speakers_session_delete", args=[opening.pk]), {"post": "yes"})
    assert Session.objects.count() == 0

    response = recover(admin_client, Session)

    assert response.status_code == 302
    assert programme(Session.objects.get()) == before


def test_a_deleted_speaker_is_recovered_with_their_sessions(admin_client, opening):
    li = Speaker.objects.get(slug="li-qiang")
    admin_client.post(reverse("admin:speakers_speaker_delete", args=[li.pk]), {"post": "yes"})
    assert programme(opening) == [("geoffrey-hinton", "speaker", 1)]

    response = recover(admin_client, Speaker)

    assert response.status_code == 302
    assert programme(opening) == [("li-qiang", "host", 0), ("geoffrey-hinton", "speaker", 1)]
