"""An import's preview says how many fields it would empty, in how many rows, and lists those
rows first; a column the sheet leaves out changes nothing (#18)."""

import pytest
from django.utils import translation
from lxml import html

from directory.testing import csv_file, import_sheet, preview
from exhibitors.tests.factories import make_category, make_exhibitor, make_hall
from speakers.tests.factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db

EXHIBITORS = "exhibitors_exhibitor"


@pytest.fixture
def exhibitors():
    hall = make_hall(code="H1")
    robots = make_category(slug="robotics")
    return [
        make_exhibitor(
            slug="unitree", name_en="Unitree", name_zh_hans="宇树", tagline="Robots that walk.",
            hall=hall, booth="H1-A01", website="https://unitree.com", categories=[robots],
        ),
        make_exhibitor(slug="huawei", name_en="Huawei", tagline="Chips.", website="https://huawei.com"),
        make_exhibitor(slug="cambricon", name_en="Cambricon", tagline="Accelerators."),
    ]  # fmt: skip


def summary(response):
    preview = response.context["preview"]
    return (
        preview.fields_emptied,
        [(row.number + 1, row.object_repr, row.emptied) for row in preview.emptying],
        [row.object_repr for row in preview.rows],
    )


def test_the_preview_counts_the_emptied_fields_and_lists_their_rows_first(
    organizer_client, exhibitors
):
    sheet = csv_file([
        ["slug", "name_en", "tagline_en", "website"],
        ["unitree", "Unitree", "Robots that walk.", "https://unitree.com"],
        ["huawei", "Huawei", "", ""],
        ["cambricon", "Cambricon", "", ""],
        ["deepseek", "DeepSeek", "", ""],
    ])  # fmt: skip

    response = preview(organizer_client, EXHIBITORS, sheet)

    assert summary(response) == (
        3,
        [(3, "Huawei", ["tagline_en", "website"]), (4, "Cambricon", ["tagline_en"])],
        ["Huawei", "Cambricon", "Unitree", "DeepSeek"],
    )


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", "3 fields will be emptied in 2 rows."),
        ("/zh-hans", "将清空 3 个字段，涉及 2 行。"),
    ],
)
def test_the_preview_says_it_above_the_confirm_button(
    organizer_client, exhibitors, prefix, expected
):
    sheet = csv_file([
        ["slug", "name_en", "tagline_en", "website"],
        ["huawei", "Huawei", "", ""],
        ["cambricon", "Cambricon", "", ""],
    ])  # fmt: skip
    response = organizer_client.post(
        f"{prefix}/admin/exhibitors/exhibitor/import/",
        {"format": "0", "resource": "0", "import_file": sheet},
    )
    translation.activate("en")

    tree = html.fromstring(response.content.decode())
    boxes = ("import-summary empties", "submit-row", "import-preview-box")
    order = [div.get("class") for div in tree.iter("div") if div.get("class") in boxes]
    (headline,) = tree.xpath("//div[contains(@class, 'import-summary')]//strong")
    assert " ".join(headline.text_content().split()) == expected
    assert order == ["import-summary empties", "submit-row", "import-preview-box"]


def test_a_preview_that_empties_nothing_says_so(organizer_client, exhibitors):
    sheet = csv_file([["slug", "name_en"], ["unitree", "Unitree Robotics"]])

    response = preview(organizer_client, EXHIBITORS, sheet)

    assert summary(response) == (0, [], ["Unitree Robotics"])
    assert "No field will be emptied. A column the sheet leaves out changes nothing." in (
        response.content.decode()
    )


def test_a_column_the_sheet_leaves_out_is_left_as_it_was(organizer_client, exhibitors):
    sheet = csv_file([["slug", "name_en"], ["unitree", "Unitree Robotics"]])

    import_sheet(organizer_client, EXHIBITORS, sheet)

    unitree = exhibitors[0]
    unitree.refresh_from_db()
    assert (
        unitree.name_en,
        unitree.name_zh_hans,
        unitree.tagline_en,
        unitree.hall.code,
        unitree.booth,
        unitree.website,
        [category.slug for category in unitree.categories.all()],
        unitree.is_published,
    ) == (
        "Unitree Robotics",
        "宇树",
        "Robots that walk.",
        "H1",
        "H1-A01",
        "https://unitree.com",
        ["robotics"],
        True,
    )


def test_a_session_sheet_without_speakers_or_times_keeps_them(organizer_client):
    hinton = make_speaker(slug="geoffrey-hinton")
    session = make_session(
        title="Opening", slug="opening", starts_at=shanghai(26, 9), ends_at=shanghai(26, 10),
        track=make_track(slug="main"), venue=make_venue(slug="hall"), speakers=[hinton],
    )  # fmt: skip
    sheet = csv_file([["slug", "title_en"], ["opening", "Opening ceremony"]])

    import_sheet(organizer_client, "speakers_session", sheet)

    session.refresh_from_db()
    assert (
        session.title_en,
        session.starts_at,
        session.ends_at,
        session.track.slug,
        session.venue.slug,
        [slot.speaker.slug for slot in session.slots.all()],
    ) == ("Opening ceremony", shanghai(26, 9), shanghai(26, 10), "main", "hall", [hinton.slug])
