"""A save re-renders only the cached pages that show what it changed (issue 17, part 3).

Every page below is cached first; then one record is changed, and each page is asked again. A
page that shows the kind of record changed is rendered anew (it reads the database) and shows
the change; every other page is served from the cache without a single query.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.testing import csv_file, import_sheet
from exhibitors.models import Booth, Exhibitor
from exhibitors.tests.factories import (
    make_booth,
    make_category,
    make_exhibitor,
    make_hall,
    make_product,
)
from speakers import agenda
from speakers.models import Session, SessionSpeaker, Speaker
from speakers.tests.factories import make_session, make_speaker, make_track, make_venue, shanghai
from waic_site.cache import all_kinds, kind_key, snapshot

pytestmark = pytest.mark.django_db

PAGES = {
    "home": "/",
    "search": "/search/?q=name",
    "speakers": "/speakers/",
    "speakers of engines": "/speakers/?organization=engines",
    "ada": "/speakers/ada/",  # works for Engines
    "grace": "/speakers/grace/",  # works for another exhibitor
    "agenda": "/sessions/?day=2025-07-26",
    "session": "/sessions/opening/",
    "now": "/now/",
    "agenda calendar": "/sessions/calendar.ics",
    "ada's calendar": "/speakers/ada/calendar.ics",
    "session calendar": "/sessions/opening/calendar.ics",
    "schedule.xml": "/schedule.xml",
    "schedule.json": "/schedule.json",
    "exhibitors": "/exhibitors/",
    "engines": "/exhibitors/engines/",
    "hall map": "/exhibitors/halls/H1/",
    "sitemap": "/sitemap.xml",
    "API speakers": "/api/v1/speakers/",
    "API sessions": "/api/v1/sessions/",
    "API exhibitors": "/api/v1/exhibitors/",
    "API products": "/api/v1/products/",
    "API tracks": "/api/v1/tracks/",
    "API venues": "/api/v1/venues/",
    "API halls": "/api/v1/halls/",
    "API categories": "/api/v1/categories/",
}
EVERYTHING = {"home", "search"}
PROGRAMME = {
    *("speakers", "speakers of engines", "ada", "grace", "agenda", "session", "now"),
    *("agenda calendar", "ada's calendar", "session calendar", "schedule.xml", "schedule.json"),
}
EXHIBITORS = {"exhibitors", "engines", "hall map"}
# What a save of each kind of record renders anew; every other page stays cached.
EXHIBITOR_PARTS = EVERYTHING | EXHIBITORS | {"speakers of engines", "sitemap"}
EXHIBITOR_PARTS |= {"API speakers", "API exhibitors", "API products"}
SPEAKERS_AND_SESSIONS = EVERYTHING | PROGRAMME | {"engines", "sitemap"}
SPEAKERS_AND_SESSIONS |= {"API speakers", "API sessions"}
RENDERED = {
    # Ada's page shows the exhibitor she works for (its own record), not its booths or products.
    "exhibitor": EXHIBITOR_PARTS | {"ada"},
    "booth": EXHIBITOR_PARTS,
    "product": EXHIBITOR_PARTS,
    "category": EVERYTHING | EXHIBITORS | {"API exhibitors", "API categories"},
    "hall": EVERYTHING
    | PROGRAMME
    | EXHIBITORS
    | {"sitemap", "API sessions", "API exhibitors", "API venues", "API halls"},
    "speaker": SPEAKERS_AND_SESSIONS,
    "session": SPEAKERS_AND_SESSIONS,
    "slot": SPEAKERS_AND_SESSIONS,
    "track": EVERYTHING | PROGRAMME | {"API speakers", "API sessions", "API tracks"},
    "venue": EVERYTHING | PROGRAMME | {"API sessions", "API venues"},
}


@pytest.fixture
def directory(monkeypatch):
    """One of each kind, all linked: Ada works for Engines (in hall H1, booth B07, a category,
    a product) and speaks in the opening session (a track, a venue in H1); Grace works for
    another exhibitor. Every name ends in "name One", and the time is during the session."""
    monkeypatch.setattr(agenda, "now", lambda: shanghai(26, 9, 10))
    hall = make_hall(code="H1", name="Hallname One", plan_width=100, plan_height=100)
    category = make_category(name="Categoryname One")
    engines = make_exhibitor(
        name="Exhibitorname One", slug="engines", hall=hall, booth="H1-A01", categories=[category]
    )
    make_booth(hall=hall, code="H1-B07", exhibitor=engines)
    make_product(exhibitor=engines, name="Productname One")
    other = make_exhibitor(name="Othername", slug="other")
    ada = make_speaker(name="Speakername One", slug="ada", exhibitor=engines)
    make_speaker(name="Gracename", slug="grace", exhibitor=other)
    make_session(
        title="Sessionname One",
        slug="opening",
        track=make_track(name="Trackname One"),
        venue=make_venue(name="Venuename One", hall=hall),
        speakers=[ada],
    )


def rename(model, field, new, **lookup):
    def edit():
        record = model.objects.get(**lookup)
        setattr(record, field, new)
        record.save()

    return edit


def record(kind):
    return {
        "exhibitor": ("exhibitors.Exhibitor", "name", "Exhibitorname", {"slug": "engines"}),
        "product": ("exhibitors.Product", "name", "Productname", {}),
        "category": ("exhibitors.Category", "name", "Categoryname", {}),
        "hall": ("exhibitors.Hall", "name", "Hallname", {}),
        "speaker": ("speakers.Speaker", "name", "Speakername", {"slug": "ada"}),
        "session": ("speakers.Session", "title", "Sessionname", {}),
        "track": ("speakers.Track", "name", "Trackname", {}),
        "venue": ("speakers.Venue", "name", "Venuename", {}),
    }[kind]


def edit_of(kind):
    """(the change, the text it replaces, the text it writes), for `kind`."""
    if kind == "booth":
        return rename(Booth, "code", "H1-C08", code="H1-B07"), "B07", "C08"
    if kind == "slot":
        return rename(SessionSpeaker, "role", "moderator"), None, None
    from django.apps import apps

    label, field, word, lookup = record(kind)
    model = apps.get_model(label)
    return rename(model, field, f"{word} Two", **lookup), f"{word} One", f"{word} Two"


def text(response):
    # Calendar lines are folded at 75 octets: a name may straddle a fold.
    return response.content.decode().replace("\r\n ", "")


def ask_every_page(client):
    """{page: (text, queries)}, each page asked once."""
    answers = {}
    for name, url in PAGES.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        answers[name] = (text(response), len(queries))
    return answers


@pytest.mark.parametrize("kind", RENDERED)
def test_a_save_renders_anew_exactly_the_pages_that_show_its_kind(client, directory, kind):
    edit, old, new = edit_of(kind)
    before = ask_every_page(client)
    assert all(queries for _text, queries in before.values())  # each rendered once, now cached

    edit()
    after = ask_every_page(client)

    rendered = {name for name, (_text, queries) in after.items() if queries}
    assert sorted(rendered) == sorted(RENDERED[kind])
    if old is not None:
        showed = {name for name, (page, _queries) in before.items() if old in page}
        shows = {name for name, (page, _queries) in after.items() if new in page}
        stale = {name for name, (page, _queries) in after.items() if old in page}
        assert showed  # the text to look for is on some page
        assert (shows, stale) == (showed, set())


def test_every_kind_of_record_is_in_the_table():
    assert sorted(all_kinds()) == [
        "exhibitors.category",
        "exhibitors.exhibitor",
        "exhibitors.hall",
        "speakers.session",
        "speakers.speaker",
        "speakers.track",
        "speakers.venue",
    ]


def served_from_the_cache(client, *names):
    """The pages `names` answer without a query."""
    for name in names:
        with CaptureQueriesContext(connection) as queries:
            client.get(PAGES[name])
        if queries:
            return False
    return True


def test_a_category_added_to_an_exhibitor_shows_on_its_pages_and_leaves_the_agenda_cached(
    client, directory
):
    ask_every_page(client)

    Exhibitor.objects.get(slug="engines").categories.add(make_category(name="Categoryname Three"))

    assert served_from_the_cache(client, "agenda", "ada", "schedule.xml", "API sessions")
    for name in ("engines", "exhibitors"):
        assert "Categoryname Three" in client.get(PAGES[name]).content.decode()


def test_a_speaker_added_to_a_session_shows_on_both_pages_and_leaves_the_exhibitors_cached(
    client, directory
):
    ask_every_page(client)

    Session.objects.get(slug="opening").speakers.add(
        Speaker.objects.get(slug="grace"), through_defaults={"role": "panelist"}
    )

    assert served_from_the_cache(client, "exhibitors", "hall map", "API exhibitors")
    assert "Gracename" in client.get(PAGES["session"]).content.decode()
    assert "Sessionname One" in client.get(PAGES["grace"]).content.decode()


def test_a_deleted_exhibitor_leaves_its_speakers_pages_and_the_agenda_stays_cached(
    client, directory
):
    ask_every_page(client)
    assert "/exhibitors/engines/" in client.get(PAGES["ada"]).content.decode()

    Exhibitor.objects.get(slug="engines").delete()  # its speakers' employer becomes NULL

    assert served_from_the_cache(client, "agenda", "grace", "schedule.xml", "session")
    assert "/exhibitors/engines/" not in client.get(PAGES["ada"]).content.decode()
    assert "Exhibitorname One" not in client.get(PAGES["exhibitors"]).content.decode()
    assert client.get(PAGES["engines"]).status_code == 404


def test_a_deleted_session_leaves_the_agenda_and_the_exhibitor_list_stays_cached(client, directory):
    ask_every_page(client)

    Session.objects.get(slug="opening").delete()

    assert served_from_the_cache(client, "exhibitors", "hall map", "API exhibitors")
    assert "Sessionname One" not in client.get(PAGES["agenda"]).content.decode()
    assert "Sessionname One" not in client.get(PAGES["ada"]).content.decode()


def moved_kinds(change):
    before = snapshot()
    change()
    after = snapshot()
    return sorted(kind for kind in all_kinds() if after[kind_key(kind)] != before[kind_key(kind)])


def test_importing_exhibitors_moves_the_exhibitors_stamp_alone(admin_client, directory):
    sheet = [["slug", "name_en", "is_published"], ["engines", "Exhibitorname Four", "1"]]

    moved = moved_kinds(lambda: import_sheet(admin_client, "exhibitors_exhibitor", csv_file(sheet)))

    assert moved == ["exhibitors.exhibitor"]
    assert Exhibitor.objects.get(slug="engines").name == "Exhibitorname Four"


def test_importing_sessions_moves_the_sessions_stamp_alone(admin_client, directory):
    """A session's speakers are its slots, rows of the session's kind."""
    sheet = [["slug", "title_en", "speakers"], ["opening", "Sessionname Four", "ada;grace"]]

    moved = moved_kinds(lambda: import_sheet(admin_client, "speakers_session", csv_file(sheet)))

    assert moved == ["speakers.session"]
    assert Session.objects.get(slug="opening").title == "Sessionname Four"


def test_the_page_of_a_speaker_whose_employer_is_unpublished_renders_anew_when_it_is_published(
    client, directory
):
    Exhibitor.objects.filter(slug="engines").update(is_published=False)  # no signal: no stamp
    page = client.get(PAGES["ada"]).content.decode()
    assert "/exhibitors/engines/" not in page

    engines = Exhibitor.objects.get(slug="engines")
    engines.is_published = True
    engines.save()

    assert "/exhibitors/engines/" in client.get(PAGES["ada"]).content.decode()
