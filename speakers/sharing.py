"""schema.org JSON-LD of speakers (Person) and sessions (Event); see directory/sharing.py."""

from django.conf import settings
from django.utils import timezone

from directory.sharing import compact, image_url, place, spoken_languages, summary

EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
}


def person(speaker, absolute):
    """schema.org Person: position, employer (linked when it exhibits), photo, profiles."""
    works_for = None
    if employer := speaker.public_employer:
        works_for = {
            "@type": "Organization",
            "name": speaker.organization or employer.name,
            "url": absolute(employer.get_absolute_url()),
        }
    elif speaker.organization:
        works_for = {"@type": "Organization", "name": speaker.organization}
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": speaker.name,
        "jobTitle": speaker.position,
        "worksFor": works_for,
        "description": summary(speaker.bio),
        "image": image_url(speaker.photo, "portrait-detail", absolute),
        "url": absolute(speaker.get_absolute_url()),
        "sameAs": [url for url in (speaker.website, speaker.linkedin, speaker.weibo) if url],
    }
    return compact(data)


def session_image(session, absolute):
    """A session's picture and its text: its first published speaker's portrait and name,
    ("", "") when none of its speakers has a photo."""
    for slot in session.published_slots:
        if slot.speaker.photo:
            return image_url(slot.speaker.photo, "portrait-detail", absolute), slot.speaker.name
    return "", ""


def event(session, absolute, image):
    """schema.org Event: times with the +08:00 offset, venue and hall, published speakers, the
    conference as its organizer and `image` (an absolute URL) as its picture."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.title,
        "description": summary(session.abstract),
        "url": absolute(session.get_absolute_url()),
        "startDate": timezone.localtime(session.starts_at).isoformat(),
        "endDate": timezone.localtime(session.ends_at).isoformat(),
        "eventStatus": EVENT_STATUS[session.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": spoken_languages(session.language),
        "image": image,
        "organizer": {
            "@type": "Organization",
            "name": str(settings.WAIC_EVENT.name),
            "url": absolute("/"),
        },
        "performer": [
            compact(
                {
                    "@type": "Person",
                    "name": slot.speaker.name,
                    "jobTitle": slot.speaker.position,
                    "url": absolute(slot.speaker.get_absolute_url()),
                }
            )
            for slot in session.published_slots
        ],
    }
    if session.venue_id:
        venue = session.venue
        name = f"{venue.place} · {venue.hall.code}" if venue.hall_id else venue.place
        data["location"] = place(name, absolute(venue.get_absolute_url()))
    return compact(data)
