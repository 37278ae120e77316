import pytest
from django.urls import reverse

from exhibitors.tests.factories import make_exhibitor
from speakers.models import Session, Speaker

from .factories import (
    make_session,
    make_speaker,
    make_track,
    make_venue,
    session_form,
    shanghai,
)

pytestmark = pytest.mark.django_db


def test_session_ending_before_it_starts_is_a_form_error_and_nothing_is_saved(admin_client):
    response = admin_client.post(
        reverse("admin:speakers_session_add"), session_form(ends_at_1="13:00")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "A session must end after it starts."
    ]
    assert Session.objects.count() == 0


def test_session_saved_in_the_admin_is_read_as_shanghai_time(admin_client):
    response = admin_client.post(reverse("admin:speakers_session_add"), session_form())

    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.starts_at, session.ends_at) == (shanghai(26, 14), shanghai(26, 16))
    assert session.is_published is False


def test_session_speakers_are_an_ordered_inline_with_roles(admin_client):
    host, guest = make_speaker(name="Host"), make_speaker(name="Guest")
    data = session_form(
        **{
            "slots-TOTAL_FORMS": "2",
            "slots-0-order": "1",
            "slots-0-speaker": str(guest.pk),
            "slots-0-role": "speaker",
            "slots-1-order": "0",
            "slots-1-speaker": str(host.pk),
            "slots-1-role": "host",
        }
    )

    admin_client.post(reverse("admin:speakers_session_add"), data)

    slots = Session.objects.get().slots.all()
    assert [(slot.speaker.name, slot.role) for slot in slots] == [
        ("Host", "host"),
        ("Guest", "speaker"),
    ]


def test_the_same_speaker_twice_in_a_session_is_a_form_error(admin_client):
    speaker = make_speaker()
    data = session_form(
        **{
            "slots-TOTAL_FORMS": "2",
            "slots-0-speaker": str(speaker.pk),
            "slots-0-role": "speaker",
            "slots-0-order": "0",
            "slots-1-speaker": str(speaker.pk),
            "slots-1-role": "panelist",
            "slots-1-order": "1",
        }
    )

    response = admin_client.post(reverse("admin:speakers_session_add"), data)

    assert response.status_code == 200
    assert Session.objects.count() == 0


def test_bulk_publish_and_keynote_actions(admin_client):
    drafts = [make_speaker(is_published=False) for _ in range(3)]
    url = reverse("admin:speakers_speaker_changelist")
    selected = [str(speaker.pk) for speaker in drafts[:2]]

    admin_client.post(url, {"action": "publish", "_selected_action": selected})
    admin_client.post(url, {"action": "make_keynote", "_selected_action": selected[:1]})

    assert list(Speaker.objects.published().order_by("pk")) == drafts[:2]
    assert list(Speaker.objects.filter(is_keynote=True)) == drafts[:1]


def populate(rows):
    track, venue, exhibitor = make_track(), make_venue(), make_exhibitor()
    for n in range(rows):
        speaker = make_speaker(exhibitor=exhibitor)
        make_session(
            speakers=[speaker],
            track=track,
            venue=venue,
            starts_at=shanghai(26, 8 + n % 10, n % 60),
            ends_at=shanghai(26, 20),
        )


# Each count includes the SAVEPOINT and RELEASE of the revision django-reversion opens around
# every changelist (bulk actions there are recorded in the history); exhibitors and speakers
# count one more, their country filter's countries in use.
@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("admin:speakers_speaker_changelist", 9),
        ("admin:speakers_session_changelist", 11),
        ("admin:speakers_track_changelist", 7),
        ("admin:speakers_venue_changelist", 9),
    ],
)
def test_changelist_queries_do_not_grow_with_rows(
    admin_client, django_assert_num_queries, rows, url, queries
):
    populate(rows)

    with django_assert_num_queries(queries):
        response = admin_client.get(reverse(url))

    assert response.status_code == 200
