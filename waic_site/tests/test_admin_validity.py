"""Every page of the organizers' admin, in both languages, passes the W3C Nu HTML checker with no
error (#18); the browser tests (test_admin_browser.py) run axe on them."""

import pytest
from django.urls import reverse
from reversion.models import Version

from directory.testing import csv_file, nu_checker, nu_errors
from exhibitors.tests.factories import (
    make_booth,
    make_category,
    make_exhibitor,
    make_hall,
    make_product,
)
from speakers.tests.factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

MODELS = [
    "exhibitors.exhibitor", "exhibitors.product", "exhibitors.hall", "exhibitors.booth",
    "exhibitors.category", "speakers.speaker", "speakers.session", "speakers.track",
    "speakers.venue",
]  # fmt: skip


def directory():
    """A record of every model, each with a history; {model: record}."""
    hall = make_hall(code="H2", name="Smart Terminals", plan_width=60, plan_height=30)
    unitree = make_exhibitor(
        name_en="Unitree", name_zh_hans="宇树", slug="unitree", hall=hall, booth="H2-A01",
        categories=[make_category(name="Robots")], country="CN",
    )  # fmt: skip
    wang = make_speaker(name="Wang Xingxing", exhibitor=unitree, country="CN")
    session = make_session(
        title="Robots among us", starts_at=shanghai(27, 14), track=make_track(name="Embodied AI"),
        venue=make_venue(name="Forum A"), speakers=[wang],
    )  # fmt: skip
    records = {
        "exhibitors.exhibitor": unitree,
        "exhibitors.product": make_product(exhibitor=unitree, name="G1"),
        "exhibitors.hall": hall,
        "exhibitors.booth": make_booth(hall, code="H2-A01", x=2, y=2, exhibitor=unitree),
        "exhibitors.category": unitree.categories.get(),
        "speakers.speaker": wang,
        "speakers.session": session,
        "speakers.track": session.track,
        "speakers.venue": session.venue,
    }
    return records


def admin_url(model, view, *args):
    return reverse(f"admin:{model.replace('.', '_')}_{view}", args=args)


def admin_pages(client, records):
    """{name: (method, url, data)} for every kind of admin page."""
    pages = {
        "index": ("get", reverse("admin:index"), None),
        "app: exhibition": ("get", reverse("admin:app_list", args=["exhibitors"]), None),
        "app: programme": ("get", reverse("admin:app_list", args=["speakers"]), None),
        "password change": ("get", reverse("admin:password_change"), None),
        "clashes": ("get", reverse("admin:speakers_session_clashes"), None),
    }
    for model, record in records.items():
        change = admin_url(model, "change", record.pk)
        pages |= {
            f"{model} list": ("get", admin_url(model, "changelist"), None),
            f"{model} search": ("get", admin_url(model, "changelist") + "?q=zzz", None),
            f"{model} add": ("get", admin_url(model, "add"), None),
            f"{model} change": ("get", change, None),
            f"{model} delete": ("get", admin_url(model, "delete", record.pk), None),
            f"{model} history": ("get", admin_url(model, "history", record.pk), None),
            f"{model} recover list": ("get", admin_url(model, "recoverlist"), None),
        }
        if version := Version.objects.get_for_object(record).first():
            revision = admin_url(model, "revision", record.pk, version.pk)
            pages[f"{model} version"] = ("get", revision, None)
    for model in ("exhibitors.exhibitor", "speakers.speaker", "speakers.session"):
        pages[f"{model} import"] = ("get", admin_url(model, "import"), None)
        pages[f"{model} export"] = ("get", admin_url(model, "export"), None)
    speakers = [["slug", "name_en", "position_en"], [records["speakers.speaker"].slug, "Wang", ""]]
    pages["import preview"] = ("import", admin_url("speakers.speaker", "import"), speakers)
    refused = [["slug", "name_en", "exhibitor"], ["ada", "Ada", "nope"]]
    pages["import refused"] = ("import", admin_url("speakers.speaker", "import"), refused)
    return pages


def fetch(client, method, url, data):
    if method == "import":
        return client.post(url, {"format": "0", "resource": "0", "import_file": csv_file(data)})
    return client.get(url)


def test_every_admin_page_passes_the_nu_html_checker(organizer_client, tmp_path):
    command = nu_checker()
    records = directory()
    # A version of each publishable record: unpublished, after its first version.
    for model, record in records.items():
        if hasattr(record, "is_published"):
            organizer_client.post(admin_url(model, "unpublish", record.pk))
    files = {}
    for prefix in ("", "/zh-hans"):
        for name, (method, url, data) in admin_pages(organizer_client, records).items():
            response = fetch(organizer_client, method, prefix + url, data)
            assert response.status_code == 200, (name, prefix + url, response.status_code)
            file = tmp_path / f"{len(files)}.html"
            file.write_bytes(response.content)
            files[file.name] = f"{name} ({prefix + url})"

    assert nu_errors(command, tmp_path, files) == []
