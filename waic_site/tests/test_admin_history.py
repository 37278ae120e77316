"""A record's history starts with "Created", by whoever or whatever made it, and a revert says
which version it went back to (#18)."""

from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html
from reversion.models import Version

from directory.testing import csv_file, form_data, import_sheet
from exhibitors.models import Booth, Category, Exhibitor, ExhibitorCategory, Hall, Product
from speakers.models import Session, SessionSpeaker, Speaker, Track, Venue
from waic_site.demo.waic2025 import load_waic2025

pytestmark = pytest.mark.django_db


def history_rows(client, obj, prefix=""):
    """(user, action) for each row of the record's history page, oldest first."""
    opts = obj._meta
    url = prefix + reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    tree = html.fromstring(client.get(url).content.decode())
    return [
        tuple(" ".join(cell.text_content().split()) for cell in row.xpath("td")[:2])
        for row in tree.xpath("//table[@id='change-history']/tbody/tr")
    ]


def test_a_record_added_in_the_admin_was_created_by_its_organizer(organizer_client):
    data = {"name_en": "Ada Lovelace", "slug": "ada-lovelace", "slots-TOTAL_FORMS": "0"}
    data |= {"slots-INITIAL_FORMS": "0", "slots-MIN_NUM_FORMS": "0", "slots-MAX_NUM_FORMS": "1000"}
    response = organizer_client.post(reverse("admin:speakers_speaker_add"), data)
    assert response.status_code == 302

    assert history_rows(organizer_client, Speaker.objects.get()) == [("mei", "Created")]


def test_a_record_made_by_an_import_was_created_by_it(organizer_client):
    sheet = csv_file([["slug", "name_en"], ["ada-lovelace", "Ada Lovelace"]], name="speakers.csv")
    import_sheet(organizer_client, "speakers_speaker", sheet)

    assert history_rows(organizer_client, Speaker.objects.get()) == [
        ("mei", "Created Imported from speakers.csv.")
    ]


@pytest.mark.parametrize(
    ("prefix", "row"),
    [
        ("", ("—", "Created By the demo loader.")),
        ("/zh-hans", ("—", "创建 来自演示数据加载程序。")),
    ],
)
def test_a_demo_record_was_created_by_the_demo_loader(organizer_client, prefix, row):
    load_waic2025()
    exhibitor = Exhibitor.objects.get(slug="unitree")

    assert history_rows(organizer_client, exhibitor, prefix) == [row]


def test_the_demo_loader_records_every_record_it_makes_in_one_revision(organizer_client):
    """So reverting a demo exhibitor to its first version keeps its products and categories."""
    load_waic2025()

    revision = Version.objects.get_for_object(Exhibitor.objects.get(slug="unitree")).get().revision
    recorded = Counter(version.content_type.model for version in revision.version_set.all())

    assert recorded == {
        model._meta.model_name: model.objects.count()
        for model in (Hall, Booth, Category, Exhibitor, Product, Track, Venue, Speaker, Session)
    } | {"exhibitorcategory": ExhibitorCategory.objects.count()} | {
        "sessionspeaker": SessionSpeaker.objects.count()
    }


def test_a_record_made_outside_the_admin_is_recorded_by_no_one_at_its_first_change(
    organizer_client,
):
    speaker = Speaker.objects.create(name="Ada Lovelace", slug="ada-lovelace")
    url = reverse("admin:speakers_speaker_change", args=[speaker.pk])
    organizer_client.post(url, form_data(organizer_client.get(url), position_en="Countess"))

    assert history_rows(organizer_client, speaker) == [
        ("—", "Created Outside the admin (demo data or a script); recorded at its first change."),
        ("mei", "Changed Position · English."),
    ]


def test_a_revert_says_which_version_it_went_back_to(organizer_client):
    speaker = Speaker.objects.create(name="Ada Lovelace", slug="ada-lovelace")
    url = reverse("admin:speakers_speaker_change", args=[speaker.pk])
    organizer_client.post(url, form_data(organizer_client.get(url), position_en="Countess"))
    first = Version.objects.get_for_object(speaker).order_by("pk").first()
    revision_url = reverse("admin:speakers_speaker_revision", args=[speaker.pk, first.pk])

    organizer_client.post(revision_url, form_data(organizer_client.get(revision_url)))

    date = f"{timezone.localtime(first.revision.date_created):%Y-%m-%d %H:%M}"
    assert history_rows(organizer_client, speaker)[-1] == (
        "mei",
        f"Reverted to the version of {date}.",
    )
    speaker.refresh_from_db()
    assert speaker.position == ""
