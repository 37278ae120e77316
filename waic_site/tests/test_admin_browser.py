"""The organizers' admin in Chromium at 1280 × 900, with WAIC 2025's demo data (#18): no
changelist is cut off, session times read as Shanghai time from abroad, an import preview puts
what it would empty first and scrolls in its box, the buttons look alike, and axe finds no
serious or critical violation on any kind of page."""

import csv

import pytest
from django.apps import apps
from django.urls import reverse
from reversion.models import Version

from directory.testing import axe_violations, watch_problems
from exhibitors.models import Exhibitor
from speakers.models import Session
from waic_site.demo.waic2025 import load_waic2025
from waic_site.roles import create_organizer, sync_organizers_group

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CHANGELISTS = [
    "exhibitors_exhibitor", "exhibitors_product", "exhibitors_hall", "exhibitors_booth",
    "exhibitors_category", "speakers_speaker", "speakers_session", "speakers_track",
    "speakers_venue",
]  # fmt: skip


@pytest.fixture
def site():
    """WAIC 2025's demo data and an organizer, made before the browser starts (Playwright's
    event loop forbids the ORM): the password, ids to open, the demo loader's exhibitor version."""
    load_waic2025()
    sync_organizers_group(apps)  # a transactional test starts without the migrations' group
    _user, password = create_organizer("mei")
    exhibitor = Exhibitor.objects.get(slug="unitree")
    return {
        "password": password,
        "exhibitor": exhibitor.pk,
        "session": Session.objects.get(slug="opening-ceremony").pk,
        "version": Version.objects.get_for_object(exhibitor).get().pk,  # the demo loader's
        "records": {
            name: apps.get_model(*name.split("_")).objects.first().pk for name in CHANGELISTS
        },
    }


def log_in(page, live_server, password):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "mei")
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


@pytest.fixture
def organizer_page(site, page, live_server):
    return log_in(page, live_server, site["password"])


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_no_changelist_is_cut_off_at_1280_px(organizer_page, live_server, prefix):
    cut = {}
    for name in CHANGELISTS:
        organizer_page.goto(live_server.url + prefix + reverse(f"admin:{name}_changelist"))
        widths = organizer_page.evaluate(
            """() => [document.querySelector('#changelist .results').scrollWidth,
                      document.querySelector('#changelist .results').clientWidth,
                      document.documentElement.scrollWidth]"""
        )
        if widths[0] > widths[1] or widths[2] > 1280:
            cut[name] = widths

    assert cut == {}


def test_the_exhibitor_filters_are_shorter_than_the_list(organizer_page, live_server):
    organizer_page.goto(live_server.url + reverse("admin:exhibitors_exhibitor_changelist"))

    filters = box(organizer_page, "#changelist-filter")
    results = box(organizer_page, "#result_list")
    folded = organizer_page.eval_on_selector_all(
        "#changelist-filter details:not([open])", "all => all.map(d => d.dataset.filterTitle)"
    )

    assert filters["height"] < results["height"]
    assert folded == ["categories"]


def test_session_times_read_as_shanghai_time_from_abroad(site, browser, live_server):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, timezone_id="Europe/Berlin"
    )
    page = log_in(context.new_page(), live_server, site["password"])
    problems = watch_problems(page)

    page.goto(live_server.url + reverse("admin:speakers_session_change", args=[site["session"]]))

    assert page.input_value("#id_starts_at_1") == "09:00:00"
    # Django's script adds its "hours behind server time" note to both fields; none shows.
    notes = page.locator(".timezonewarning").evaluate_all(
        "notes => notes.map(note => note.checkVisibility())"
    )
    assert notes == [False, False]
    assert page.get_by_text("Shanghai time (GMT+8).", exact=True).count() == 2  # starts, ends
    assert page.locator("fieldset h2").first.inner_text() == "When and where (Shanghai time)"
    assert problems == []
    context.close()


def write_sheet(path, rows):
    with path.open("w", newline="") as file:
        csv.writer(file).writerows(rows)
    return str(path)


def test_an_import_preview_shows_what_it_would_empty_first(organizer_page, live_server, tmp_path):
    page = organizer_page
    problems = watch_problems(page)
    long_bio = "A long biography. " * 40
    sheet = write_sheet(tmp_path / "speakers.csv", [
        ["slug", "name_en", "position_en", "bio_en"],
        ["andrew-yao", "Andrew Chi-Chih Yao", "Dean", long_bio],
        ["anne-bouverot", "Anne Bouverot", "", ""],
    ])  # fmt: skip

    page.goto(live_server.url + reverse("admin:speakers_speaker_import"))
    page.set_input_files("#id_import_file", sheet)
    page.select_option("#id_format", "0")
    page.click("input[type=submit]")

    summary, button = box(page, ".import-summary"), box(page, "input[name=confirm]")
    preview = box(page, ".import-preview-box")
    assert " ".join(page.inner_text(".import-summary strong").split()) == (
        "2 fields will be emptied in 1 row."
    )
    assert summary["y"] + summary["height"] <= button["y"] < preview["y"]
    first_row = page.locator(".import-preview tbody tr").first
    assert first_row.locator("td").nth(2).inner_text() == "anne-bouverot"
    scroll = page.eval_on_selector(
        ".import-preview-box",
        "b => [b.scrollWidth > b.clientWidth, b.scrollHeight > b.clientHeight]",
    )
    assert scroll == [True, True]
    assert page.evaluate("document.documentElement.scrollWidth") == 1280
    assert problems == []
    assert axe_violations(page) == []


def test_unpublish_looks_like_history_beside_it(site, organizer_page, live_server):
    organizer_page.goto(
        live_server.url + reverse("admin:speakers_session_change", args=[site["session"]])
    )
    look = """e => { const s = getComputedStyle(e);
        return [s.backgroundColor, s.color, s.fontSize, s.fontWeight, s.textTransform,
                s.borderRadius, s.letterSpacing, e.getBoundingClientRect().height]; }"""

    unpublish = organizer_page.locator(".object-tools button")
    history = organizer_page.locator(".object-tools a.historylink")

    assert unpublish.evaluate(look) == history.evaluate(look)
    button, link = box(organizer_page, ".object-tools button"), box(organizer_page, "a.historylink")
    assert button["y"] == link["y"]
    assert 0 < link["x"] - (button["x"] + button["width"]) < 12  # side by side


def pages_to_check(site):
    """Every kind of admin page: each model's list and forms, and the pages beside them."""
    exhibitor, session = site["exhibitor"], site["session"]
    pages = [
        reverse("admin:index"),
        reverse("admin:app_list", args=["speakers"]),
        reverse("admin:password_change"),
        reverse("admin:exhibitors_exhibitor_history", args=[exhibitor]),
        reverse("admin:exhibitors_exhibitor_revision", args=[exhibitor, site["version"]]),
        reverse("admin:exhibitors_exhibitor_recoverlist"),
        reverse("admin:exhibitors_hall_delete", args=[site["records"]["exhibitors_hall"]]),
        reverse("admin:speakers_session_add"),
        reverse("admin:speakers_session_clashes"),
        reverse("admin:speakers_speaker_import"),
        reverse("admin:speakers_speaker_export"),
        reverse("admin:speakers_session_delete", args=[session]),
    ]
    for name, pk in site["records"].items():
        pages += [reverse(f"admin:{name}_changelist"), reverse(f"admin:{name}_change", args=[pk])]
    return pages


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_admin_pages_have_no_serious_accessibility_violation(
    site, organizer_page, live_server, prefix
):
    problems = watch_problems(organizer_page)
    violations, page_problems = {}, {}
    for path in pages_to_check(site):
        organizer_page.goto(live_server.url + prefix + path)
        organizer_page.wait_for_load_state("load")
        if problems:  # before axe, whose own injected styles the CSP refuses
            page_problems[path] = list(problems)
        if found := axe_violations(organizer_page):
            violations[path] = found
        problems.clear()

    assert page_problems == {}
    assert violations == {}
