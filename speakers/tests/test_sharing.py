"""Speaker and session pages tell link previews and search engines what they are about."""

import json

import pytest
from lxml import html

from directory.testing import upload
from exhibitors.tests.factories import make_exhibitor, make_hall
from speakers.models import SessionStatus
from speakers.tests.factories import make_session, make_speaker, make_venue, shanghai

pytestmark = pytest.mark.django_db

SHARE_IMAGE = "http://testserver/static/img/share.png"


def head_of(response):
    tree = html.fromstring(response.content)
    meta = {
        element.get("property") or element.get("name"): element.get("content")
        for element in tree.xpath("//head/meta[@property or @name]")
    }
    scripts = tree.xpath('//head/script[@type="application/ld+json"]')
    return meta, [json.loads(script.text) for script in scripts]


def test_session_page_describes_an_event_at_its_venue_with_its_speakers(client):
    hall = make_hall(code="H1")
    venue = make_venue(slug="main", name="Main stage", room="Room 1", hall=hall)
    ada = make_speaker(slug="ada", name="Ada Lovelace", position="Chief Scientist")
    draft = make_speaker(slug="draft", name="Draft Person", is_published=False)
    make_session(
        slug="opening",
        title="Opening",
        abstract="The   opening\nof WAIC.",
        starts_at=shanghai(26, 9),
        venue=venue,
        speakers=[ada, draft],
    )

    meta, (event,) = head_of(client.get("/sessions/opening/"))

    assert meta["og:title"] == meta["twitter:title"] == "Opening"
    assert meta["og:type"] == "website"
    assert meta["og:url"] == "http://testserver/sessions/opening/"
    assert meta["og:description"] == "Sat 26 July, 09:00–10:00 · The opening of WAIC."
    # None of its speakers has a photo: the site's card, in large.
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:image"] == meta["twitter:image"] == SHARE_IMAGE
    assert meta["og:image:alt"] == "WAIC Directory: speakers, agenda and exhibitors"
    assert (meta["og:locale"], meta["og:locale:alternate"]) == ("en_US", "zh_CN")
    assert event == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Opening",
        "description": "The opening of WAIC.",
        "url": "http://testserver/sessions/opening/",
        "startDate": "2025-07-26T09:00:00+08:00",
        "endDate": "2025-07-26T10:00:00+08:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": ["zh"],
        "image": SHARE_IMAGE,
        "organizer": {
            "@type": "Organization",
            "name": "World Artificial Intelligence Conference",
            "url": "http://testserver/",
        },
        "performer": [
            {
                "@type": "Person",
                "name": "Ada Lovelace",
                "jobTitle": "Chief Scientist",
                "url": "http://testserver/speakers/ada/",
            }
        ],
        "location": {
            "@type": "Place",
            "name": "Main stage, Room 1 · H1",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "1099 Guozhan Road, Pudong New Area",
                "addressLocality": "Shanghai",
                "addressCountry": "CN",
            },
            "url": "http://testserver/sessions/?venue=main",
        },
    }


def test_cancelled_session_is_a_cancelled_event(client):
    make_session(slug="off", status=SessionStatus.CANCELLED)

    meta, (event,) = head_of(client.get("/sessions/off/"))

    assert event["eventStatus"] == "https://schema.org/EventCancelled"
    assert "location" not in event
    assert "performer" not in event


def test_speaker_page_describes_a_person_with_employer_photo_and_profiles(client):
    acme = make_exhibitor(slug="acme", name="Acme")
    speaker = make_speaker(
        slug="ada",
        name="Ada Lovelace",
        position="Chief Scientist",
        organization="Acme Research",
        exhibitor=acme,
        bio="Counts things.",
        photo=upload(),
        website="https://ada.example.org/",
        linkedin="https://www.linkedin.com/in/ada",
    )
    photo = speaker.photo.renditions("portrait-detail")[-1].url

    meta, (person,) = head_of(client.get("/speakers/ada/"))

    assert meta["og:type"] == "profile"
    assert meta["og:title"] == "Ada Lovelace"
    assert meta["og:description"] == "Chief Scientist, Acme Research"
    assert meta["og:image"] == meta["twitter:image"] == f"http://testserver{photo}"
    assert person == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Ada Lovelace",
        "jobTitle": "Chief Scientist",
        "worksFor": {
            "@type": "Organization",
            "name": "Acme Research",
            "url": "http://testserver/exhibitors/acme/",
        },
        "description": "Counts things.",
        "image": f"http://testserver{photo}",
        "url": "http://testserver/speakers/ada/",
        "sameAs": ["https://ada.example.org/", "https://www.linkedin.com/in/ada"],
    }


def test_speaker_of_a_draft_exhibitor_works_for_an_unlinked_organization(client):
    secret = make_exhibitor(slug="secret", is_published=False)
    make_speaker(slug="bo", name="Bo", organization="Secret Lab", exhibitor=secret)

    meta, (person,) = head_of(client.get("/speakers/bo/"))

    assert person["worksFor"] == {"@type": "Organization", "name": "Secret Lab"}
    assert meta["og:image"] == SHARE_IMAGE  # no photo: the site's card
    assert "image" not in person


def test_json_ld_cannot_be_closed_by_an_organizers_text(client):
    make_speaker(slug="eve", name="Eve </script><script>alert(1)</script>")

    response = client.get("/speakers/eve/")
    meta, (person,) = head_of(response)

    assert person["name"] == "Eve </script><script>alert(1)</script>"
    assert b"<script>alert(1)" not in response.content


@pytest.mark.parametrize(
    ("language", "expected"), [("en", ["en"]), ("zh", ["zh"]), ("zh-en", ["zh", "en"])]
)
def test_a_sessions_language_is_given_as_bcp_47_tags(client, language, expected):
    make_session(slug="talk", language=language)

    _meta, (event,) = head_of(client.get("/sessions/talk/"))

    assert event["inLanguage"] == expected


def test_a_session_shows_its_first_speaker_with_a_photo(client):
    ada = make_speaker(slug="ada", name="Ada Lovelace", photo=upload())
    make_session(slug="talk", speakers=[make_speaker(name="No Photo"), ada])

    meta, (event,) = head_of(client.get("/sessions/talk/"))

    assert meta["og:image"] == event["image"]
    assert event["image"].startswith("http://testserver/media/")
    assert meta["og:image:alt"] == "Ada Lovelace"
    assert meta["twitter:card"] == "summary"
