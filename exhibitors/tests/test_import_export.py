import io
import threading
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from redis.exceptions import RedisError
from reversion.models import Version

from directory.imports import PendingUpload, UploadExpired
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
from exhibitors.models import Category, Exhibitor, Product
from exhibitors.resources import ExhibitorResource
from favourites.models import FavouriteList
from favourites.tests.factories import star
from waic_site import settings as settings_module

from .factories import make_category, make_exhibitor, make_hall, make_product

pytestmark = pytest.mark.django_db

EXHIBITORS = "exhibitors_exhibitor"
PRODUCTS = "exhibitors_product"
HEADER = ["slug", "name_en", "categories", "hall", "booth", "is_published"]


@pytest.fixture
def directory():
    """Two halls, two categories and an exhibitor with a product in each hall."""
    h1, h2 = make_hall(code="H1"), make_hall(code="H2")
    robots, chips = make_category(slug="robotics", order=1), make_category(slug="chips", order=2)
    unitree = make_exhibitor(
        name="Unitree", slug="unitree", hall=h1, booth="H1-A01", categories=[robots, chips]
    )
    huawei = make_exhibitor(
        name_en="Huawei", name_zh_hans="华为", slug="huawei", hall=h2, booth="H2-B01"
    )
    make_product(exhibitor=unitree, name="G1", slug="unitree-g1", premiere="china")
    make_product(exhibitor=huawei, name="Ascend", slug="huawei-ascend")
    return h1, h2


def test_exhibitors_export_categories_as_slugs_hall_as_code_and_booth(admin_client, directory):
    response = export(admin_client, EXHIBITORS)

    assert response["Content-Type"] == "text/csv"
    assert rows_of(response.content) == [
        [
            "slug", "name_en", "name_zh_hans", "tagline_en", "tagline_zh_hans", "description_en",
            "description_zh_hans", "website", "country", "categories", "hall", "booth",
            "is_featured", "sponsor_level", "is_published",
        ],
        ["huawei", "Huawei", "华为", "", "", "", "", "", "", "", "H2", "H2-B01", "0", "", "1"],
        ["unitree", "Unitree", "", "", "", "", "", "", "", "robotics; chips", "H1", "H1-A01",
         "0", "", "1"],
    ]  # fmt: skip


def test_export_respects_the_changelist_filters(admin_client, directory):
    h1, _h2 = directory

    response = export(admin_client, EXHIBITORS, query=f"?hall__id__exact={h1.pk}")

    assert [row[0] for row in rows_of(response.content)] == ["slug", "unitree"]


def test_products_export_with_their_exhibitor_slug(admin_client, directory):
    response = export(admin_client, PRODUCTS, query="?q=unitree")

    assert rows_of(response.content) == [
        [
            "slug",
            "name_en",
            "name_zh_hans",
            "exhibitor",
            "description_en",
            "description_zh_hans",
            "premiere",
            "order",
            "is_published",
        ],
        ["unitree-g1", "G1", "", "unitree", "", "", "china", "0", "1"],
    ]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("model", [EXHIBITORS, PRODUCTS])
def test_round_trip_export_then_import_changes_nothing(admin_client, directory, file_format, model):
    before = list(Exhibitor.objects.values()) + list(Product.objects.values())
    exported = export(admin_client, model, file_format=file_format).content
    upload = SimpleUploadedFile(f"export.{file_format}", exported)

    previewed = preview(admin_client, model, upload, file_format)
    confirmed = confirm(admin_client, model, previewed)

    assert [kind for _name, kind in row_types(previewed)] == ["skip", "skip"]
    assert confirmed.status_code == 302
    assert list(Exhibitor.objects.values()) + list(Product.objects.values()) == before


def test_import_previews_first_and_writes_nothing_until_confirmed(admin_client, directory):
    upload = csv_file(
        [HEADER, ["unitree", "Unitree", "robotics", "H1", "H1-A02", "1"],
         ["agibot", "AgiBot", "robotics; chips", "H2", "H2-C01", "0"],
         ["huawei", "Huawei", "", "H2", "H2-B01", "1"]]
    )  # fmt: skip

    previewed = preview(admin_client, EXHIBITORS, upload)

    assert row_types(previewed) == [("Unitree", "update"), ("AgiBot", "new"), ("Huawei", "skip")]
    assert Exhibitor.objects.filter(slug="agibot").exists() is False
    assert Exhibitor.objects.get(slug="unitree").booth == "H1-A01"


def test_corrected_reimport_updates_in_place_and_never_duplicates(admin_client, directory):
    unitree = Exhibitor.objects.get(slug="unitree")
    first = [HEADER, ["agibot", "AgiBot", "robotics", "H2", "H2-C01", "0"]]
    corrected = [
        HEADER,
        ["agibot", "AgiBot Robotics", "chips", "H2", "H2-C02", "1"],
        ["unitree", "Unitree", "chips", "H1", "H1-A09", "1"],
    ]

    import_sheet(admin_client, EXHIBITORS, csv_file(first))
    agibot = Exhibitor.objects.get(slug="agibot")
    response = import_sheet(admin_client, EXHIBITORS, csv_file(corrected))

    assert response.status_code == 302
    assert Exhibitor.objects.count() == 3
    agibot.refresh_from_db()
    unitree.refresh_from_db()
    assert (agibot.name, agibot.booth, agibot.is_published) == ("AgiBot Robotics", "H2-C02", True)
    assert list(agibot.categories.values_list("slug", flat=True)) == ["chips"]
    assert (unitree.booth, list(unitree.categories.values_list("slug", flat=True))) == (
        "H1-A09",
        ["chips"],
    )


@pytest.mark.parametrize(
    ("row", "error"),
    [
        (["agibot", "AgiBot", "", "H9", "", "1"], ("hall", "Unknown hall “H9”.")),
        (
            ["agibot", "AgiBot", "", "H1", "H1-A01", "1"],
            ("booth", "Another exhibitor already has this booth in this hall."),
        ),
        (
            ["agibot", "", "", "", "", "1"],
            ("name_en", "Enter this in English or in Chinese (or both)."),
        ),
        (
            ["agibot", "AgiBot", "robotics; drones", "", "", "1"],
            ("categories", "Unknown category: drones."),
        ),
        (["agibot", "AgiBot", "", "", "A01", "1"], ("booth", "A booth needs a hall.")),
    ],
    ids=["unknown-hall", "booth-taken", "missing-name", "unknown-category", "booth-without-hall"],
)
def test_a_bad_row_is_reported_with_row_and_column_and_nothing_is_written(
    admin_client, directory, row, error
):
    good = ["bytedance", "ByteDance", "", "H2", "H2-D01", "1"]
    upload = csv_file([HEADER, good, row])

    previewed = preview(admin_client, EXHIBITORS, upload)

    assert row_errors(previewed) == [(3, *error)]
    assert "confirm_form" not in previewed.context
    column, message = error
    assert f"Row 3, column “{column}”: {message}" in previewed.content.decode()
    assert sorted(Exhibitor.objects.values_list("slug", flat=True)) == ["huawei", "unitree"]


def test_rows_invalid_by_confirmation_time_refuse_the_whole_import(admin_client, directory):
    h1, _h2 = directory
    rows = [["a", "A", "", "H1", "H1-Z01", "1"], ["b", "B", "", "H1", "H1-Z02", "1"]]
    previewed = preview(admin_client, EXHIBITORS, csv_file([HEADER, *rows]))
    make_exhibitor(slug="late", hall=h1, booth="H1-Z02")  # meanwhile, someone takes the booth

    response = confirm(admin_client, EXHIBITORS, previewed)

    assert response["Location"] == reverse("admin:exhibitors_exhibitor_import")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Nothing was imported: the directory changed since the preview and some rows are no "
        "longer valid. Upload the file again to see which."
    ]
    assert sorted(Exhibitor.objects.values_list("slug", flat=True)) == ["huawei", "late", "unitree"]


def test_two_rows_taking_one_booth_refuse_the_second(admin_client, directory):
    rows = [["a", "A", "", "H2", "H2-X01", "1"], ["b", "B", "", "H2", "H2-X01", "1"]]

    previewed = preview(admin_client, EXHIBITORS, csv_file([HEADER, *rows]))

    assert row_errors(previewed) == [
        (3, "booth", "Another exhibitor already has this booth in this hall.")
    ]


def test_product_with_unknown_exhibitor_is_refused(admin_client, directory):
    upload = csv_file([["slug", "name_en", "exhibitor"], ["x1", "X1", "nobody"]])

    previewed = preview(admin_client, PRODUCTS, upload)

    assert row_errors(previewed) == [(2, "exhibitor", "Unknown exhibitor “nobody”.")]


@pytest.mark.parametrize(
    ("name", "content", "file_format"),
    [
        ("logo.xlsx", b"\x89PNG\r\n\x1a\n not a spreadsheet", "xlsx"),
        ("notes.csv", b"\xff\xfe\x00binary\x00garbage", "csv"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_error(
    admin_client, name, content, file_format
):
    upload = SimpleUploadedFile(name, content)

    response = preview(admin_client, EXHIBITORS, upload, file_format)

    assert response.status_code == 200
    assert response.context["form"].errors["import_file"] == [
        "This file could not be read as a spreadsheet. Upload a CSV or XLSX file with the "
        "template's columns."
    ]
    assert Exhibitor.objects.count() == 0


def test_a_missing_key_column_is_refused(admin_client):
    upload = csv_file([["name"], ["AgiBot"]])

    response = preview(admin_client, EXHIBITORS, upload)

    content = response.content.decode()
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    assert (
        "The following fields are declared in &#x27;import_id_fields&#x27; but are not present"
        in content
    )
    assert "Traceback" not in content
    assert Exhibitor.objects.count() == 0


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_template_file_has_the_expected_columns_and_no_rows(admin_client, directory, file_format):
    url = reverse("admin:exhibitors_product_import_template", args=[file_format])

    response = admin_client.get(url)

    assert (
        response["Content-Disposition"] == f'attachment; filename="products-template.{file_format}"'
    )
    assert rows_of(response.content, file_format) == [
        [
            "slug", "name_en", "name_zh_hans", "exhibitor", "description_en",
            "description_zh_hans", "premiere", "order", "is_published",
        ]
    ]  # fmt: skip


def test_changelist_offers_import_export_and_template_links(admin_client):
    response = admin_client.get(reverse("admin:exhibitors_exhibitor_changelist"))

    content = response.content.decode()
    for name in ["import", "export", "recoverlist"]:
        assert reverse(f"admin:exhibitors_exhibitor_{name}") in content
    assert reverse("admin:exhibitors_exhibitor_import_template", args=["xlsx"]) in content


def test_an_import_is_recorded_in_the_history_with_its_file_and_user(admin_client, directory):
    upload = csv_file([HEADER, ["unitree", "Unitree", "chips", "H1", "H1-A05", "1"]], "fix.csv")

    import_sheet(admin_client, EXHIBITORS, upload)

    version = Version.objects.get_for_object(Exhibitor.objects.get(slug="unitree")).get()
    assert (version.revision.user.username, version.revision.comment) == (
        "admin",
        "Imported from fix.csv.",
    )
    recorded = version.revision.version_set.order_by("content_type__model", "object_repr")
    assert [(v.content_type.model, v.object_repr) for v in recorded] == [
        ("exhibitor", "Unitree"),
        ("exhibitorcategory", str(Category.objects.get(slug="chips"))),
        ("product", "G1"),
    ]


WRITES = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT")


@pytest.mark.django_db(transaction=True)  # no test transaction around it: savepoints would show
def test_a_preview_writes_nothing_and_opens_no_transaction(admin_client, directory):
    rows = [HEADER, ["unitree", "Unitree", "chips", "H1", "H1-A02", "1"],
            ["agibot", "AgiBot", "robotics", "H2", "H2-C01", "0"]]  # fmt: skip

    with CaptureQueriesContext(connection) as queries:
        previewed = preview(admin_client, EXHIBITORS, csv_file(rows))

    assert row_types(previewed) == [("Unitree", "update"), ("AgiBot", "new")]
    assert [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)] == []


@pytest.mark.django_db(transaction=True)
def test_a_visitor_can_save_while_an_organizer_previews_an_import(admin_client, monkeypatch):
    """On SQLite a writing transaction locks the whole database: a preview must not hold one
    while it reads the file, or every Save and login waits, then fails."""
    exhibitor = make_exhibitor(slug="unitree", hall=make_hall(code="H1"))
    half_way, saved = threading.Event(), threading.Event()
    import_row = ExhibitorResource.import_row

    def pausing_import_row(self, row, instance_loader, **kwargs):
        if kwargs["row_number"] == 2:
            half_way.set()
            saved.wait(timeout=60)
        return import_row(self, row, instance_loader, **kwargs)

    monkeypatch.setattr(ExhibitorResource, "import_row", pausing_import_row)
    sheet = [HEADER, *([f"e{i}", f"E{i}", "", "H1", f"H1-{i:03}", "1"] for i in range(3))]
    previews = []

    def organizer_previews():
        try:
            previews.append(preview(admin_client, EXHIBITORS, csv_file(sheet)))
        finally:
            connection.close()  # this thread's own connection

    organizer = threading.Thread(target=organizer_previews)
    organizer.start()
    try:
        assert half_way.wait(timeout=60)
        response = star(Client(), exhibitor)  # on this thread's connection, mid-preview
    finally:
        saved.set()
        organizer.join()

    assert response.status_code == 302
    assert list(FavouriteList.objects.get().exhibitors.all()) == [exhibitor]
    assert [kind for _name, kind in row_types(previews[0])] == ["new", "new", "new"]
    assert Exhibitor.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_confirmed_import_checks_every_row_before_its_one_writing_transaction(
    admin_client, monkeypatch
):
    make_hall(code="H1")
    seen = []
    import_row, save_instance = ExhibitorResource.import_row, ExhibitorResource.save_instance

    def watched_import_row(self, row, instance_loader, **kwargs):
        seen.append(("check", connection.in_atomic_block))
        return import_row(self, row, instance_loader, **kwargs)

    def watched_save_instance(self, instance, is_create, row, **kwargs):
        if not self.checking(kwargs):
            seen.append(("write", connection.in_atomic_block))
        return save_instance(self, instance, is_create, row, **kwargs)

    sheet = [HEADER, *([f"e{i}", f"E{i}", "", "H1", f"H1-{i:03}", "1"] for i in range(2))]
    previewed = preview(admin_client, EXHIBITORS, csv_file(sheet))
    monkeypatch.setattr(ExhibitorResource, "import_row", watched_import_row)
    monkeypatch.setattr(ExhibitorResource, "save_instance", watched_save_instance)

    response = confirm(admin_client, EXHIBITORS, previewed)

    assert response.status_code == 302
    assert seen == [("check", False), ("check", False), ("write", True), ("write", True)]
    assert sorted(Exhibitor.objects.values_list("slug", flat=True)) == ["e0", "e1"]


def test_a_booth_an_earlier_row_gives_up_may_be_taken_by_a_later_row(admin_client, directory):
    rows = [HEADER, ["unitree", "Unitree", "", "H1", "H1-A02", "1"],
            ["agibot", "AgiBot", "", "H1", "H1-A01", "1"]]  # fmt: skip

    previewed = preview(admin_client, EXHIBITORS, csv_file(rows))
    confirm(admin_client, EXHIBITORS, previewed)

    assert row_errors(previewed) == []
    assert sorted(Exhibitor.objects.values_list("slug", "booth")) == [
        ("agibot", "H1-A01"),
        ("huawei", "H2-B01"),
        ("unitree", "H1-A02"),
    ]


def test_a_booth_a_later_row_gives_up_is_still_taken_for_an_earlier_row(admin_client, directory):
    rows = [HEADER, ["agibot", "AgiBot", "", "H1", "H1-A01", "1"],
            ["unitree", "Unitree", "", "H1", "H1-A02", "1"]]  # fmt: skip

    previewed = preview(admin_client, EXHIBITORS, csv_file(rows))

    assert row_errors(previewed) == [
        (2, "booth", "Another exhibitor already has this booth in this hall.")
    ]


def test_two_new_rows_with_one_slug_refuse_the_second(admin_client, directory):
    rows = [HEADER, ["agibot", "AgiBot", "", "", "", "1"], ["agibot", "AgiBot 2", "", "", "", "1"]]

    previewed = preview(admin_client, EXHIBITORS, csv_file(rows))

    assert row_errors(previewed) == [(3, "slug", "Exhibitor with this Slug already exists.")]


FORMULAS = ['=HYPERLINK("http://evil.example","Click")', "+1+2", "-2+3", "@SUM(A1)", "\tTab"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_export_quotes_text_a_spreadsheet_would_run_as_a_formula(admin_client, file_format):
    for n, name in enumerate(FORMULAS):
        make_exhibitor(slug=f"e{n}", name=name, tagline="-3")

    content = export(admin_client, EXHIBITORS, file_format=file_format).content

    rows = rows_of(content, file_format)
    assert sorted(row[1:4:2] for row in rows[1:]) == sorted(
        [[f"'{name}", "-3"] for name in FORMULAS]
    )
    if file_format == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        formulas = [cell.coordinate for row in sheet.iter_rows() for cell in row]
        assert [cell for cell in formulas if sheet[cell].data_type == "f"] == []


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_quoted_formulas_import_back_as_they_were(admin_client, file_format):
    for n, name in enumerate(FORMULAS):
        make_exhibitor(slug=f"e{n}", name=name)
    exported = export(admin_client, EXHIBITORS, file_format=file_format).content
    upload = SimpleUploadedFile(f"export.{file_format}", exported)

    previewed = preview(admin_client, EXHIBITORS, upload, file_format)
    typed = [["slug", "name_en"], ["e0", "'=1+2"], ["e1", "'quoted"]]
    import_sheet(admin_client, EXHIBITORS, csv_file(typed))

    assert {kind for _name, kind in row_types(previewed)} == {"skip"}
    names = Exhibitor.objects.filter(slug__in=["e0", "e1"]).order_by("slug")
    assert list(names.values_list("name", flat=True)) == ["=1+2", "'quoted"]


def waiting_file(response):
    """The name the uploaded file waits under between preview and confirmation."""
    return response.wsgi_request.FILES["import_file"].tmp_storage_name


def test_an_uploaded_file_waits_privately_and_goes_once_imported(admin_client, directory, settings):
    upload = csv_file([HEADER, ["agibot", "AgiBot", "", "H2", "H2-C01", "1"]])

    previewed = preview(admin_client, EXHIBITORS, upload)
    waiting = PendingUpload(name=waiting_file(previewed)).read()
    in_media = list(Path(settings.MEDIA_ROOT).rglob("*"))
    confirm(admin_client, EXHIBITORS, previewed)

    assert waiting.startswith(b"slug,name_en,")
    assert in_media == []
    with pytest.raises(UploadExpired):
        PendingUpload(name=waiting_file(previewed)).read()


def test_a_refused_file_is_not_kept(admin_client, directory, settings):
    previewed = preview(admin_client, EXHIBITORS, csv_file([HEADER, ["x", "X", "", "H9", "", "1"]]))

    assert row_errors(previewed) == [(2, "hall", "Unknown hall “H9”.")]
    assert list(Path(settings.MEDIA_ROOT).rglob("*")) == []
    with pytest.raises(UploadExpired):
        PendingUpload(name=waiting_file(previewed)).read()


def test_a_file_waits_for_its_confirmation_as_long_as_the_setting_says(
    admin_client, directory, settings, monkeypatch
):
    settings.WAIC_IMPORT_FILE_SECONDS = 1234
    kept = []
    monkeypatch.setattr(cache, "set", lambda key, value, timeout: kept.append((key, timeout)))

    previewed = preview(admin_client, EXHIBITORS, csv_file([HEADER, ["a", "A", "", "", "", "1"]]))

    assert kept == [(f"import-upload-{waiting_file(previewed)}", 1234)]


def test_the_confirmation_of_an_expired_file_says_so(admin_client, directory):
    previewed = preview(admin_client, EXHIBITORS, csv_file([HEADER, ["a", "A", "", "", "", "1"]]))
    PendingUpload(name=waiting_file(previewed)).remove()  # as the cache does when it expires

    response = confirm(admin_client, EXHIBITORS, previewed)

    assert response["Location"] == reverse("admin:exhibitors_exhibitor_import")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Nothing was imported: the file is no longer kept. Upload it again."
    ]
    assert Exhibitor.objects.filter(slug="a").exists() is False


def xlsx_file(rows, name="sheet.xlsx"):
    """An XLSX upload from a list of rows, the first being the header."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    content = io.BytesIO()
    book.save(content)
    return SimpleUploadedFile(name, content.getvalue())


def import_file_errors(response):
    return response.context["form"].errors["import_file"]


def test_a_file_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAIC_IMPORT_MAX_BYTES = 1024
    rows = [HEADER, *([f"e{i}", f"Exhibitor {i}", "", "", "", "1"] for i in range(100))]

    response = preview(admin_client, EXHIBITORS, csv_file(rows))

    assert import_file_errors(response) == [
        "This file is 2.3\xa0KB: files of up to 1.0\xa0KB can be imported. Split it into smaller "
        "files."
    ]
    assert "result" not in response.context


@pytest.mark.parametrize(
    ("upload", "file_format"),
    [
        (csv_file([HEADER, *([f"e{i}", f"E{i}", "", "", "", "1"] for i in range(4))]), "csv"),
        (xlsx_file([HEADER, *([f"e{i}", f"E{i}", "", "", "", "1"] for i in range(4))]), "xlsx"),
    ],
    ids=["csv", "xlsx"],
)
def test_a_file_over_the_row_limit_is_refused(admin_client, settings, upload, file_format):
    settings.WAIC_IMPORT_MAX_ROWS = 3

    response = preview(admin_client, EXHIBITORS, upload, file_format)

    assert import_file_errors(response) == [
        "This file has more than 3 rows: up to 3 can be imported at once. Split it into smaller "
        "files."
    ]
    assert Exhibitor.objects.count() == 0


def test_a_file_at_the_row_limit_is_previewed(admin_client, settings):
    settings.WAIC_IMPORT_MAX_ROWS = 3
    rows = [HEADER, *([f"e{i}", f"E{i}", "", "", "", "1"] for i in range(3)), [], []]

    response = preview(admin_client, EXHIBITORS, csv_file(rows))

    assert [kind for _name, kind in row_types(response)] == ["new", "new", "new"]


def test_an_xlsx_file_unpacking_to_more_than_the_limit_is_refused_unread(
    admin_client, settings, monkeypatch
):
    """A zip bomb: a few kilobytes that openpyxl would unpack to 64 MB of sheet."""
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (64 * 1024 * 1024))
    monkeypatch.setattr(openpyxl, "load_workbook", None)  # never opened

    response = preview(
        admin_client, EXHIBITORS, SimpleUploadedFile("bomb.xlsx", content.getvalue()), "xlsx"
    )

    assert len(content.getvalue()) < 100 * 1024
    assert import_file_errors(response) == [
        "Unpacked, this file would take 64.0\xa0MB: files of up to 50.0\xa0MB unpacked can be "
        "imported. Split it into smaller files."
    ]


def test_the_import_limits_default_to_5_mb_5000_rows_and_50_mb_unpacked():
    assert (
        settings_module.WAIC_IMPORT_MAX_BYTES,
        settings_module.WAIC_IMPORT_MAX_ROWS,
        settings_module.WAIC_IMPORT_MAX_UNCOMPRESSED_BYTES,
    ) == (5 * 1024 * 1024, 5000, 50 * 1024 * 1024)


def test_a_limit_is_named_in_chinese_in_the_chinese_admin(admin_client, settings):
    settings.WAIC_IMPORT_MAX_ROWS = 1
    upload = csv_file([HEADER, ["a", "A", "", "", "", "1"], ["b", "B", "", "", "", "1"]])

    with translation.override("zh-hans"):
        response = preview(admin_client, EXHIBITORS, upload)

    assert response.wsgi_request.path.startswith("/zh-hans/")
    assert import_file_errors(response) == [
        "此文件超过 1 行：每次最多可导入 1 行。请将其拆分为较小的文件。"
    ]


def test_an_unreachable_cache_gives_a_message_not_an_error_page(
    admin_client, directory, monkeypatch
):
    def unreachable(*args, **kwargs):
        raise RedisError("Connection refused")

    monkeypatch.setattr(cache, "set", unreachable)
    previewed = preview(admin_client, EXHIBITORS, csv_file([HEADER, ["a", "A", "", "", "", "1"]]))

    assert previewed["Location"] == reverse("admin:exhibitors_exhibitor_import")
    assert [str(m) for m in get_messages(previewed.wsgi_request)] == [
        "The file could not be kept until you confirm it. Try again in a moment."
    ]


def test_the_import_page_states_the_limits(admin_client):
    response = admin_client.get(reverse("admin:exhibitors_exhibitor_import"))

    assert "A file may have up to 5,000 rows and 5.0\xa0MB." in response.content.decode()


def test_a_booth_taken_between_the_checks_and_the_writes_refuses_the_whole_import(
    admin_client, directory, monkeypatch
):
    h1, _h2 = directory
    rows = [["a", "A", "", "H1", "H1-Z01", "1"], ["b", "B", "", "H1", "H1-Z02", "1"]]
    previewed = preview(admin_client, EXHIBITORS, csv_file([HEADER, *rows]))
    write_plan = ExhibitorResource.write_plan

    def someone_is_faster(self, **kwargs):
        make_exhibitor(slug="late", hall=h1, booth="H1-Z02")
        write_plan(self, **kwargs)

    monkeypatch.setattr(ExhibitorResource, "write_plan", someone_is_faster)

    response = confirm(admin_client, EXHIBITORS, previewed)

    assert response["Location"] == reverse("admin:exhibitors_exhibitor_import")
    assert sorted(Exhibitor.objects.values_list("slug", flat=True)) == ["huawei", "unitree"]
