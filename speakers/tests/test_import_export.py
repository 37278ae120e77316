import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.testing import (
    confirm,
    csv_file,
    export,
    import_sheet,
    preview,
    row_errors,
    row_types,
    rows_of,
)
from exhibitors.tests.factories import make_exhibitor
from speakers.models import Session, SessionSpeaker, Speaker

from .factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db

SESSIONS = "speakers_session"
SPEAKERS = "speakers_speaker"
START, END = "starts_at (Asia/Shanghai)", "ends_at (Asia/Shanghai)"
HEADER = ["slug", "title_en", "venue", START, END, "speakers"]


@pytest.fixture
def programme():
    """The opening ceremony in the main hall, hosted by Li Qiang, Geoffrey Hinton speaking."""
    li = make_speaker(slug="li-qiang", name="Li Qiang")
    hinton = make_speaker(slug="geoffrey-hinton")
    make_speaker(slug="yann-lecun")
    hall = make_venue(slug="main-hall", name="Main Hall")
    make_venue(slug="west-hall")
    return make_session(
        title="Opening Ceremony",
        slug="opening",
        track=make_track(slug="governance"),
        venue=hall,
        starts_at=shanghai(26, 9),
        ends_at=shanghai(26, 10, 30),
        speakers=[(li, "host"), (hinton, "speaker")],
    )


def test_sessions_export_times_in_shanghai_and_speakers_in_running_order(admin_client, programme):
    response = export(admin_client, SESSIONS)

    assert rows_of(response.content) == [
        [
            "slug", "title_en", "title_zh_hans", "type", "track", "venue", START, END,
            "language", "abstract_en", "abstract_zh_hans", "status", "allow_overlap", "speakers",
            "is_published",
        ],
        [
            "opening", "Opening Ceremony", "", "forum", "governance", "main-hall",
            "2025-07-26 09:00", "2025-07-26 10:30", "zh", "", "", "scheduled", "0",
            "li-qiang:host; geoffrey-hinton:speaker", "1",
        ],
    ]  # fmt: skip


def test_speakers_export_with_their_exhibitor_slug(admin_client):
    make_speaker(
        slug="wang-xingxing", name="Wang Xingxing", exhibitor=make_exhibitor(slug="unitree")
    )

    rows = rows_of(export(admin_client, SPEAKERS).content)

    assert [(row[0], row[7]) for row in rows] == [
        ("slug", "exhibitor"),
        ("wang-xingxing", "unitree"),
    ]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("model", [SESSIONS, SPEAKERS])
def test_round_trip_export_then_import_changes_nothing(admin_client, programme, file_format, model):
    before = [
        list(Session.objects.values()),
        list(Speaker.objects.values()),
        list(SessionSpeaker.objects.values()),
    ]
    exported = export(admin_client, model, file_format=file_format).content

    previewed = preview(
        admin_client, model, SimpleUploadedFile(f"x.{file_format}", exported), file_format
    )
    confirm(admin_client, model, previewed)

    assert {kind for _name, kind in row_types(previewed)} == {"skip"}
    assert [
        list(Session.objects.values()),
        list(Speaker.objects.values()),
        list(SessionSpeaker.objects.values()),
    ] == before


def test_corrected_reimport_moves_the_session_and_reorders_its_speakers_in_place(
    admin_client, programme
):
    hinton_slot = programme.slots.get(speaker__slug="geoffrey-hinton")
    row = ["opening", "Opening Ceremony", "west-hall", "2025-07-26 14:00", "2025-07-26 15:00",
           "geoffrey-hinton:speaker; yann-lecun:panelist"]  # fmt: skip

    previewed = preview(admin_client, SESSIONS, csv_file([HEADER, row]))
    response = confirm(admin_client, SESSIONS, previewed)

    assert row_types(previewed) == [("Opening Ceremony", "update")]
    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.pk, session.venue.slug) == (programme.pk, "west-hall")
    assert (session.starts_at, session.ends_at) == (shanghai(26, 14), shanghai(26, 15))
    assert [(s.speaker.slug, s.role, s.order) for s in session.slots.all()] == [
        ("geoffrey-hinton", "speaker", 0),
        ("yann-lecun", "panelist", 1),
    ]
    assert session.slots.get(speaker__slug="geoffrey-hinton").pk == hinton_slot.pk


def test_a_new_session_is_imported_with_its_speakers(admin_client, programme):
    row = ["ai-for-science", "AI for Science", "west-hall", "2025-07-27 09:00",
           "2025-07-27 10:00", "yann-lecun:moderator; geoffrey-hinton"]  # fmt: skip

    import_sheet(admin_client, SESSIONS, csv_file([HEADER, row]))

    session = Session.objects.get(slug="ai-for-science")
    assert session.starts_at == shanghai(27, 9)
    assert [(s.speaker.slug, s.role) for s in session.slots.all()] == [
        ("yann-lecun", "moderator"),
        ("geoffrey-hinton", "speaker"),
    ]


@pytest.mark.parametrize(
    ("row", "error"),
    [
        (
            ["new", "New", "west-hall", "2025-07-27 10:00", "2025-07-27 09:00", ""],
            (END, "A session must end after it starts."),
        ),
        (
            ["new", "New", "west-hall", "27/07/2025 9am", "2025-07-27 10:00", ""],
            (START, "Value could not be parsed using defined formats."),
        ),
        (
            ["new", "New", "west-hall", "", "2025-07-27 10:00", ""],
            (START, "This field cannot be null."),
        ),
        (
            ["new", "", "west-hall", "2025-07-27 09:00", "2025-07-27 10:00", ""],
            ("title_en", "Enter this in English or in Chinese (or both)."),
        ),
        (
            ["new", "New", "west-hall", "2025-07-27 09:00", "2025-07-27 10:00", "sam-altman:host"],
            ("speakers", "Unknown speaker: sam-altman."),
        ),
        (
            ["new", "New", "west-hall", "2025-07-27 09:00", "2025-07-27 10:00", "yann-lecun:chair"],
            ("speakers", "Unknown role: chair. Use one of: host, moderator, speaker, panelist."),
        ),
        (
            [
                "new",
                "New",
                "west-hall",
                "2025-07-27 09:00",
                "2025-07-27 10:00",
                "li-qiang; li-qiang",
            ],
            ("speakers", "Listed twice: li-qiang."),
        ),
        (
            ["new", "New", "room-404", "2025-07-27 09:00", "2025-07-27 10:00", ""],
            ("venue", "Unknown venue “room-404”."),
        ),
        (
            ["new", "New", "main-hall", "2025-07-26 10:00", "2025-07-26 11:00", ""],
            (
                "venue",
                "Main Hall is taken by “Opening Ceremony” at Sat 26 July, 09:00–10:30. Change the "
                "time or the venue, or tick “allow overlap”.",
            ),
        ),
        (
            ["new", "New", "west-hall", "2025-07-26 10:00", "2025-07-26 11:00", "li-qiang:host"],
            (
                "speakers",
                "Li Qiang already speaks in “Opening Ceremony” at Sat 26 July, 09:00–10:30. Tick "
                "“allow overlap” on this session if they really can be in both.",
            ),
        ),
    ],
    ids=[
        "end-before-start",
        "malformed-date",
        "missing-start",
        "missing-title",
        "unknown-speaker",
        "unknown-role",
        "speaker-twice",
        "unknown-venue",
        "venue-clash",
        "speaker-clash",
    ],
)
def test_a_bad_row_is_reported_with_row_and_column_and_nothing_is_written(
    admin_client, programme, row, error
):
    good = ["good", "Good", "west-hall", "2025-07-28 09:00", "2025-07-28 10:00", "yann-lecun"]
    before = list(SessionSpeaker.objects.values())

    previewed = preview(admin_client, SESSIONS, csv_file([HEADER, good, row]))

    assert row_errors(previewed) == [(3, *error)]
    assert "confirm_form" not in previewed.context
    assert list(Session.objects.values_list("slug", flat=True)) == ["opening"]
    assert list(SessionSpeaker.objects.values()) == before


def test_an_import_may_allow_an_overlap_explicitly(admin_client, programme):
    header = [*HEADER, "allow_overlap"]
    row = ["split", "Split", "main-hall", "2025-07-26 10:00", "2025-07-26 11:00", "li-qiang", "1"]

    import_sheet(admin_client, SESSIONS, csv_file([header, row]))

    assert Session.objects.get(slug="split").allow_overlap is True


def test_sessions_in_one_file_are_checked_against_each_other(admin_client, programme):
    rows = [
        ["a", "A", "west-hall", "2025-07-27 09:00", "2025-07-27 10:00", ""],
        ["b", "B", "west-hall", "2025-07-27 09:30", "2025-07-27 10:30", ""],
    ]

    previewed = preview(admin_client, SESSIONS, csv_file([HEADER, *rows]))

    assert [(row, column) for row, column, _message in row_errors(previewed)] == [(3, "venue")]


def test_speaker_with_unknown_exhibitor_is_refused(admin_client):
    upload = csv_file([["slug", "name_en", "exhibitor"], ["x", "X", "nobody"]])

    previewed = preview(admin_client, SPEAKERS, upload)

    assert row_errors(previewed) == [(2, "exhibitor", "Unknown exhibitor “nobody”.")]


def test_session_template_names_its_shanghai_time_columns(admin_client):
    response = admin_client.get(reverse("admin:speakers_session_import_template", args=["csv"]))

    assert rows_of(response.content)[0][6:8] == [START, END]


def test_a_venue_and_speakers_an_earlier_row_frees_may_be_taken_by_a_later_row(
    admin_client, programme
):
    rows = [
        ["opening", "Opening Ceremony", "west-hall", "2025-07-26 14:00", "2025-07-26 15:00", ""],
        ["keynote", "Keynote", "main-hall", "2025-07-26 09:00", "2025-07-26 10:00", "li-qiang"],
    ]

    previewed = preview(admin_client, SESSIONS, csv_file([HEADER, *rows]))
    confirm(admin_client, SESSIONS, previewed)

    assert row_errors(previewed) == []
    assert list(Session.objects.values_list("slug", "venue__slug")) == [
        ("keynote", "main-hall"),
        ("opening", "west-hall"),
    ]


def test_a_speaker_in_two_overlapping_sessions_of_one_file_is_refused(admin_client, programme):
    rows = [
        ["a", "A", "west-hall", "2025-07-27 09:00", "2025-07-27 10:00", "li-qiang"],
        ["b", "B", "", "2025-07-27 09:30", "2025-07-27 10:30", "li-qiang:host"],
    ]

    previewed = preview(admin_client, SESSIONS, csv_file([HEADER, *rows]))

    assert row_errors(previewed) == [
        (
            3,
            "speakers",
            "Li Qiang already speaks in “A” at Sun 27 July, 09:00–10:00. Tick “allow overlap” "
            "on this session if they really can be in both.",
        )
    ]


def test_a_preview_changes_no_speakers_of_a_session_it_would_change(admin_client, programme):
    before = list(SessionSpeaker.objects.values())
    row = ["opening", "Opening Ceremony", "main-hall", "2025-07-26 09:00", "2025-07-26 10:30",
           "yann-lecun:host"]  # fmt: skip

    previewed = preview(admin_client, SESSIONS, csv_file([HEADER, row]))

    assert row_types(previewed) == [("Opening Ceremony", "update")]
    assert list(SessionSpeaker.objects.values()) == before
