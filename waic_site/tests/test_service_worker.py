"""The service worker at /sw.js (issue 15, the guide offline): what it is told to keep and
never keep, how browsers are told to check it, and its version, which changes with each
deployment's static files. Its behaviour in a browser: test_offline_browser.py."""

import json
import re

import pytest

from exhibitors.tests.factories import make_hall

pytestmark = pytest.mark.django_db


def config(response):
    return json.loads(re.search(r"^var CONFIG = (.*);$", response.text, re.MULTILINE)[1])


def version(response):
    return re.search(r'^var VERSION = "([0-9a-f]{16})";$', response.text, re.MULTILINE)[1]


def write_manifest(settings, hashes):
    """A static files manifest as collectstatic writes it, for the manifest storage."""
    paths = {name: name.replace(".", f".{digest}.") for name, digest in hashes.items()}
    manifest = {"paths": paths, "version": "1.1", "hash": "-".join(hashes.values())}
    (settings.STATIC_ROOT / "staticfiles.json").write_text(json.dumps(manifest))
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    }


STATIC_FILES = ("css/site.css", "js/site.js", "js/favourites.js", "js/listing.js", "img/icon.svg",
                "img/icon-192.png")  # fmt: skip


def test_the_worker_is_javascript_at_the_root_checked_on_every_visit(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"
    assert client.get("/zh-hans/sw.js").status_code == 404  # one worker for every language


def test_the_worker_keeps_the_agenda_of_every_day_in_both_languages_and_never_the_admin(client):
    worker = config(client.get("/sw.js"))

    assert worker["pages"] == [
        "/", "/sessions/", "/sessions/?day=2025-07-26", "/sessions/?day=2025-07-27",
        "/sessions/?day=2025-07-28",
        "/zh-hans/", "/zh-hans/sessions/", "/zh-hans/sessions/?day=2025-07-26",
        "/zh-hans/sessions/?day=2025-07-27", "/zh-hans/sessions/?day=2025-07-28",
    ]  # fmt: skip
    assert worker["admin"] == ["/admin/", "/zh-hans/admin/"]
    assert worker["personal"] == ["/my/", "/zh-hans/my/"]
    assert worker["staticFiles"] == [f"/static/{name}" for name in STATIC_FILES]
    assert worker["hashedStatic"] is False


def test_the_worker_keeps_the_hall_maps_in_both_languages(client, django_assert_num_queries):
    make_hall(code="H2", plan_width=60, plan_height=30, order=2)
    make_hall(code="H1", plan_width=80, plan_height=40, order=1)
    make_hall(code="W1")  # no map yet

    with django_assert_num_queries(1):
        worker = config(client.get("/sw.js"))

    assert [page for page in worker["pages"] if "/halls/" in page] == [
        "/exhibitors/halls/H1/", "/exhibitors/halls/H2/",
        "/zh-hans/exhibitors/halls/H1/", "/zh-hans/exhibitors/halls/H2/",
    ]  # fmt: skip


def test_a_new_hall_map_changes_the_version(client):
    first = version(client.get("/sw.js"))

    make_hall(code="H3", plan_width=60, plan_height=30)

    assert version(client.get("/sw.js")) != first


def test_with_hashed_static_files_the_worker_keeps_them_by_their_hashed_names(client, settings):
    write_manifest(settings, dict.fromkeys(STATIC_FILES, "abc123"))

    worker = config(client.get("/sw.js"))

    assert worker["hashedStatic"] is True
    assert worker["staticFiles"][:2] == ["/static/css/site.abc123.css", "/static/js/site.abc123.js"]


def test_the_version_changes_when_the_static_files_change_and_only_then(client, settings):
    write_manifest(settings, dict.fromkeys(STATIC_FILES, "abc123"))
    first = version(client.get("/sw.js"))
    assert version(client.get("/sw.js")) == first

    write_manifest(settings, dict.fromkeys(STATIC_FILES, "abc123") | {"css/site.css": "def456"})

    assert version(client.get("/sw.js")) != first


def test_every_page_has_the_offline_banner_in_its_language_hidden(client):
    english, chinese = client.get("/sessions/").text, client.get("/zh-hans/sessions/").text

    assert (
        '<p class="offline-banner" role="status" data-offline-banner'
        ' data-text="Offline — as of {time}" hidden></p>'
    ) in english
    assert 'data-text="离线 — 截至 {time} 的内容" hidden></p>' in chinese
