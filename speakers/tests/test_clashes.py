import pytest
from django.urls import reverse

from directory.testing import form_data
from speakers.models import Session

from .factories import make_session, make_speaker, make_venue, session_form, shanghai

pytestmark = pytest.mark.django_db

VENUE_CLASH = (
    "Main Hall is taken by “Opening Ceremony” at Sat 26 July, 09:00–10:30. Change the time or "
    "the venue, or tick “allow overlap”."
)
SPEAKER_CLASH = (
    "Li Qiang already speaks in “Opening Ceremony” at Sat 26 July, 09:00–10:30. Tick “allow "
    "overlap” on this session if they really can be in both."
)


@pytest.fixture
def li():
    return make_speaker(name="Li Qiang", slug="li-qiang")


@pytest.fixture
def hall():
    return make_venue(name="Main Hall", slug="main-hall")


@pytest.fixture
def opening(li, hall):
    return make_session(
        title="Opening Ceremony",
        venue=hall,
        starts_at=shanghai(26, 9),
        ends_at=shanghai(26, 10, 30),
        speakers=[(li, "host")],
    )


def add_session(client, **fields):
    """Post the session add form from 10:00 to 11:00 on 26 July."""
    data = session_form(**{"starts_at_1": "10:00", "ends_at_1": "11:00", **fields})
    return client.post(reverse("admin:speakers_session_add"), data)


def with_speaker(speaker, **fields):
    return {
        "slots-TOTAL_FORMS": "1",
        "slots-0-speaker": str(speaker.pk),
        "slots-0-role": "speaker",
        "slots-0-order": "0",
        **fields,
    }


def test_overlapping_lists_other_clashable_sessions_at_the_same_time(opening, hall):
    later = make_session(starts_at=shanghai(26, 10, 30), ends_at=shanghai(26, 11))
    make_session(starts_at=shanghai(26, 10), ends_at=shanghai(26, 11), status="cancelled")
    make_session(starts_at=shanghai(26, 10), ends_at=shanghai(26, 11), allow_overlap=True)
    during = make_session(starts_at=shanghai(26, 10), ends_at=shanghai(26, 12))

    assert list(Session.objects.overlapping(opening)) == [during]
    assert list(Session.objects.overlapping(later)) == [during]


def test_a_session_overlapping_another_in_its_venue_is_refused_naming_it(admin_client, opening):
    response = add_session(admin_client, venue=str(opening.venue_id))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["venue"] == [VENUE_CLASH]
    assert list(Session.objects.all()) == [opening]


def test_allow_overlap_lets_a_session_share_its_venue(admin_client, opening):
    response = add_session(admin_client, venue=str(opening.venue_id), allow_overlap="on")

    assert response.status_code == 302
    assert Session.objects.count() == 2


def test_a_cancelled_session_frees_its_venue_and_speakers(admin_client, opening, li):
    opening.status = "cancelled"
    opening.save()

    response = add_session(admin_client, venue=str(opening.venue_id), **with_speaker(li))

    assert response.status_code == 302
    assert Session.objects.count() == 2


def test_back_to_back_sessions_do_not_clash(admin_client, opening, li):
    data = with_speaker(li, starts_at_1="10:30", venue=str(opening.venue_id))

    response = add_session(admin_client, **data)

    assert response.status_code == 302


def test_a_speaker_in_two_overlapping_sessions_is_refused_naming_the_other(
    admin_client, opening, li
):
    response = add_session(admin_client, **with_speaker(li))

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors == [
        {"__all__": [SPEAKER_CLASH]}
    ]
    assert list(Session.objects.all()) == [opening]


def test_moving_a_session_onto_its_speakers_other_session_is_refused(admin_client, opening, li):
    later = make_session(
        title="AI for Science", starts_at=shanghai(26, 14), ends_at=shanghai(26, 15),
        speakers=[li],
    )  # fmt: skip
    url = reverse("admin:speakers_session_change", args=[later.pk])

    response = admin_client.post(
        url, form_data(admin_client.get(url), starts_at_1="10:00", ends_at_1="11:00")
    )

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors == [
        {"__all__": [SPEAKER_CLASH]},
        {},  # the empty extra row
    ]
    later.refresh_from_db()
    assert later.starts_at == shanghai(26, 14)


def test_adding_a_session_from_the_speaker_page_applies_the_same_check(admin_client, opening, li):
    later = make_session(starts_at=shanghai(26, 10), ends_at=shanghai(26, 11))
    url = reverse("admin:speakers_speaker_change", args=[li.pk])
    data = form_data(
        admin_client.get(url),
        **{
            "slots-TOTAL_FORMS": "2",
            "slots-1-session": str(later.pk),
            "slots-1-role": "speaker",
            "slots-1-order": "0",
        },
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors[1] == {
        "__all__": [SPEAKER_CLASH]
    }
    assert list(li.sessions.all()) == [opening]


def test_allow_overlap_lets_a_speaker_be_in_both(admin_client, opening, li):
    response = add_session(admin_client, allow_overlap="on", **with_speaker(li))

    assert response.status_code == 302
    assert li.sessions.count() == 2


def clashes_page(client):
    return client.get(reverse("admin:speakers_session_clashes"))


def test_clashes_view_lists_every_venue_and_speaker_clash(admin_client, opening, li, hall):
    # Saved without the admin's checks, as a bulk load or an old database might have them.
    double = make_session(
        title="Double-booked", venue=hall, starts_at=shanghai(26, 10), ends_at=shanghai(26, 11),
        speakers=[li],
    )  # fmt: skip
    make_session(
        venue=hall, starts_at=shanghai(26, 10), ends_at=shanghai(26, 11), allow_overlap=True
    )
    make_session(
        venue=hall, starts_at=shanghai(26, 10), ends_at=shanghai(26, 11), status="cancelled"
    )
    make_session(venue=hall, starts_at=shanghai(26, 11), ends_at=shanghai(26, 12))

    response = clashes_page(admin_client)

    venue = [(c["place"], c["title"], c["other_title"]) for c in response.context["venue_clashes"]]
    speaker = [
        (c["place"], c["title"], c["other_title"]) for c in response.context["speaker_clashes"]
    ]
    assert venue == [("Main Hall", "Opening Ceremony", "Double-booked")]
    assert speaker == [("Li Qiang", "Opening Ceremony", "Double-booked")]
    assert reverse("admin:speakers_session_change", args=[double.pk]) in response.content.decode()


@pytest.mark.parametrize("clashes", [1, 10])
def test_clashes_view_queries_do_not_grow_with_the_programme(
    admin_client, django_assert_num_queries, clashes, li, hall
):
    for n in range(clashes):
        make_session(
            venue=hall, starts_at=shanghai(27, 9 + n), ends_at=shanghai(27, 11 + n), speakers=[li]
        )

    with django_assert_num_queries(4):
        response = clashes_page(admin_client)

    assert len(response.context["venue_clashes"]) == max(clashes - 1, 0)


def test_session_changelist_links_to_the_clashes_view(admin_client):
    response = admin_client.get(reverse("admin:speakers_session_changelist"))

    assert reverse("admin:speakers_session_clashes") in response.content.decode()
