import io
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.utils import translation

from directory.collation import sort_key
from exhibitors.models import Booth, Category, Exhibitor, Hall, Product
from speakers.models import Session, SessionSpeaker, Speaker, Track, Venue
from waic_site.demo import synthetic, waic2025
from waic_site.demo.waic2025 import load_waic2025

pytestmark = pytest.mark.django_db

MODELS = [Hall, Category, Exhibitor, Product, Track, Venue, Speaker, Session, SessionSpeaker]
SAMPLE = Path(__file__).with_name("fixtures") / "waic2025_sample.toml"


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_load_demo_loads_the_whole_of_waic_2025_in_both_languages():
    """The one test that loads the full data file; the others load a sample of it."""
    load_waic2025()

    assert list(Hall.objects.values_list("code", flat=True)) == ["H1", "H2", "H3", "H4"]
    assert Track.objects.count() >= 10
    assert Exhibitor.objects.published().count() >= 40
    assert Product.objects.published().count() >= 40
    assert Speaker.objects.published().count() >= 40
    assert Session.objects.published().count() >= 60
    names = set(Speaker.objects.values_list("name", flat=True))
    assert {"Li Qiang", "Geoffrey Hinton", "Anne Bouverot"} <= names
    days = {session.local_day.isoformat() for session in Session.objects.all()}
    assert days == {"2025-07-26", "2025-07-27", "2025-07-28"}
    assert Speaker.objects.filter(exhibitor__isnull=False).count() >= 5
    assert not Product.objects.filter(image="").exists()
    assert not Speaker.objects.filter(bio_zh_hans__isnull=True).exists()
    assert not Session.objects.filter(title_zh_hans__isnull=True).exists()
    assert not Product.objects.filter(description_zh_hans__isnull=True).exists()
    with translation.override("zh-hans"):
        assert Exhibitor.objects.search("Huawei").get().name == "华为"


@pytest.fixture
def sample(monkeypatch):
    """The loader reads the sample of waic2025.toml in tests/fixtures instead of the full file."""
    read_data = waic2025.read_data
    monkeypatch.setattr(waic2025, "read_data", lambda: read_data(SAMPLE))


def test_load_demo_creates_every_record_of_the_data_file(sample):
    created = load_waic2025()

    assert created == {
        "halls": 2,
        "categories": 2,
        "tracks": 2,
        "venues": 3,
        "exhibitors": 2,
        "products": 3,
        "booths": 2,
        "speakers": 4,
        "sessions": 3,
    }
    assert list(Hall.objects.values_list("code", flat=True)) == ["H1", "H2"]
    assert list(Exhibitor.objects.published().values_list("slug", flat=True)) == [
        "huawei",
        "unitree",
    ]
    huawei = Exhibitor.objects.get(slug="huawei")
    assert (huawei.hall.code, huawei.booth, huawei.is_featured) == ("H1", "H1-A01", True)
    assert list(huawei.categories.values_list("slug", flat=True)) == ["chips-compute"]
    assert list(Product.objects.filter(exhibitor__slug="unitree").values_list("slug", "order")) == [
        ("unitree-g1", 0),
        ("unitree-r1", 1),
    ]
    assert Speaker.objects.get(slug="wang-xingxing").exhibitor.slug == "unitree"
    assert Venue.objects.get(slug="h2-stage").hall.code == "H2"
    dialogue = Session.objects.get(slug="ai-safety-dialogue")
    assert (dialogue.track.slug, dialogue.venue.slug) == ("ai-governance", "forum-hall-b")
    assert list(dialogue.slots.values_list("speaker__slug", "role")) == [
        ("geoffrey-hinton", "panelist"),
        ("andrew-yao", "panelist"),
    ]
    days = [session.local_day.isoformat() for session in Session.objects.order_by("starts_at")]
    assert days == ["2025-07-26", "2025-07-27", "2025-07-28"]
    assert not Product.objects.filter(image="").exists()
    # No drawn logos or portraits: their initials follow the page's language (see waic2025.py).
    assert not Exhibitor.objects.exclude(logo="").exists()
    assert not Speaker.objects.exclude(photo="").exists()


def test_load_demo_fills_both_languages_from_the_data_file(sample):
    load_waic2025()

    li = Speaker.objects.get(slug="li-qiang")
    huawei = Exhibitor.objects.get(slug="huawei")
    main_hall = Venue.objects.get(slug="main-hall")
    assert (li.name_en, li.name_zh_hans) == ("Li Qiang", "李强")
    assert (li.sort_name_en, li.sort_name_zh_hans) == ("li qiang", "li qiang")
    yao = Speaker.objects.get(name_en="Andrew Chi-Chih Yao")
    assert (yao.sort_name_en, yao.sort_name_zh_hans) == ("andrew chi chih yao", "yao qi zhi")
    assert (huawei.name_en, huawei.name_zh_hans) == ("Huawei", "华为")
    assert (main_hall.name_zh_hans, main_hall.building_zh_hans) == (
        "世博中心主会场",
        "上海世博中心",
    )
    assert Hall.objects.get(code="H1").name_zh_hans == "核心技术馆"
    assert Session.objects.get(slug="opening-ceremony").title_zh_hans == "开幕式"
    with translation.override("zh-hans"):
        assert Exhibitor.objects.search("Huawei").get().name == "华为"


def test_load_demo_twice_changes_nothing(sample):
    load_waic2025()
    before = counts()
    updated = list(Session.objects.order_by("pk").values_list("updated_at", flat=True))

    created = load_waic2025()

    assert created == {}
    assert counts() == before
    assert list(Session.objects.order_by("pk").values_list("updated_at", flat=True)) == updated


def test_load_demo_never_touches_what_organizers_created_or_changed(sample):
    load_waic2025()
    hinton = Speaker.objects.get(name="Geoffrey Hinton")
    hinton.bio = "Edited by an organizer."
    hinton.save()
    Speaker.objects.create(name="Walk-in Guest", slug="walk-in-guest")
    Session.objects.filter(slug=Session.objects.first().slug).delete()

    load_waic2025()

    hinton.refresh_from_db()
    assert hinton.bio == "Edited by an organizer."
    assert Speaker.objects.filter(slug="walk-in-guest", is_published=False).count() == 1


def test_load_demo_command_reports_what_it_created(sample, capsys):
    call_command("load_demo")
    call_command("load_demo")

    output = capsys.readouterr().out.splitlines()
    assert output[0] == (
        "WAIC 2025: created 2 halls, 2 categories, 2 tracks, 3 venues, 2 exhibitors, 3 products,"
        " 2 booths, 4 speakers, 3 sessions"
    )
    assert output[1].startswith("Done in ")
    assert output[2] == "WAIC 2025: nothing new to create"


@pytest.fixture
def small_unit(monkeypatch):
    """One unit of scale, a hundredth of WAIC's size, so the test stays quick."""
    monkeypatch.setattr(
        synthetic,
        "PER_UNIT",
        {"exhibitors": 8, "products": 30, "speakers": 12, "sessions": 15},
    )


def test_scale_adds_deterministic_synthetic_data_and_is_idempotent(sample, small_unit):
    load_waic2025()
    before = counts()

    synthetic.load_synthetic(2, progress=lambda line: None)
    after = counts()
    synthetic.load_synthetic(2, progress=lambda line: None)

    assert counts() == after
    assert after["Exhibitor"] - before["Exhibitor"] == 16
    assert after["Product"] - before["Product"] == 60
    assert after["Speaker"] - before["Speaker"] == 24
    assert after["Session"] - before["Session"] == 30
    assert Exhibitor.objects.get(slug="synthetic-exhibitor-000003").booth == "H2-X000003"
    speaker = Speaker.objects.get(slug="synthetic-speaker-000001")
    exhibitor = Exhibitor.objects.get(slug="synthetic-exhibitor-000001")
    assert speaker.sort_name_en == speaker.sort_name_zh_hans == sort_key(speaker.name_en)
    assert exhibitor.sort_name_en == exhibitor.sort_name_zh_hans == sort_key(exhibitor.name_en)
    assert Venue.objects.get(slug="synthetic-venue-0000").sort_name_en == "synthetic room 00000000"


def test_scale_sessions_never_clash_in_a_venue_or_for_a_speaker(small_unit):
    synthetic.load_synthetic(3, progress=lambda line: None)

    venue_slots = Counter(Session.objects.values_list("venue_id", "starts_at"))
    speaker_slots = Counter(SessionSpeaker.objects.values_list("speaker_id", "session__starts_at"))
    assert max(venue_slots.values()) == 1
    assert max(speaker_slots.values()) == 1
    assert not Exhibitor.objects.annotate(n=Count("categories")).filter(n=0).exists()


def test_load_demo_refuses_a_negative_scale():
    with pytest.raises(Exception, match="--scale must be 0 or more"):
        call_command("load_demo", "--scale", "-1")


def test_scale_refreshes_the_query_planners_statistics(sample, small_unit):
    call_command("load_demo", "--scale", "1", stdout=io.StringIO())

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'speakers_speaker'")
            assert cursor.fetchone()[0] > 0
        else:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'speakers_speaker'")
            assert cursor.fetchone()[0] == Speaker.objects.count()


def test_load_demo_draws_hall_plans_and_places_every_exhibitor_on_its_booth(sample):
    load_waic2025()

    first, second = Hall.objects.order_by("code")
    assert (first.plan_width, first.plan_height) == (100, 38)
    assert [(area["kind"], area["label"], area["label_zh"]) for area in first.plan_areas] == [
        ("area", "Computing power & supernodes", "算力与超节点"),
        ("entrance", "Entrance", "入口"),
        ("entrance", "Entrance", "入口"),
    ]
    booths = Booth.objects.select_related("exhibitor").order_by("code")
    assert [(b.code, b.exhibitor.booth, b.x, b.y, b.width, b.height, b.points) for b in booths] == [
        # The last booth of a row of H1 is an L-shaped corner booth.
        ("H1-A01", "H1-A01", 8, 14, 19, 10, "8,14 17,14 17,19 27,19 27,24 8,24"),
        ("H2-A02", "H2-A02", 18, 14, 9, 10, ""),
    ]
    assert second.has_plan
    for booth in booths:
        booth.full_clean()  # inside its plan, overlapping nothing


def test_scale_places_every_synthetic_exhibitor_on_a_booth_inside_its_hall(sample, small_unit):
    load_waic2025()

    synthetic.load_synthetic(2, progress=lambda line: None)
    synthetic.load_synthetic(2, progress=lambda line: None)

    placed = Booth.objects.filter(exhibitor__slug__startswith="synthetic-")
    assert placed.count() == 16
    assert Booth.objects.get(exhibitor__slug="synthetic-exhibitor-000003").code == "H2-X000003"
    for booth in Booth.objects.select_related("hall"):
        booth.full_clean()
