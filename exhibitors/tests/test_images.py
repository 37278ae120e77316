import io
import struct
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.forms import modelform_factory
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from directory.images.processing import rendition_name
from directory.templatetags.images import image
from directory.testing import image_bytes, upload
from exhibitors.models import Exhibitor, Hall, Product

from .factories import exhibitor_form, make_exhibitor, make_hall, make_product

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><script>alert()</script></svg>'
NOT_AN_IMAGE = (
    "This file is not a JPEG, PNG, WebP or GIF image (SVG and other formats are refused)."
)
CORRUPT = "The image is truncated or corrupt and cannot be read. Upload the original file."


def png_claiming(width, height):
    """A tiny PNG whose header claims width × height pixels: a decompression bomb."""

    def chunk(kind, data):
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 4096))
        + chunk(b"IEND", b"")
    )


def truncated_jpeg():
    buffer = io.BytesIO()
    Image.effect_noise((300, 300), 80).convert("RGB").save(buffer, format="JPEG")
    data = buffer.getvalue()
    return data[: len(data) * 2 // 3]


def stored_files():
    """Every file in the media storage, walked through the storage API."""

    def walk(folder):
        folders, files = default_storage.listdir(folder)
        found = [f"{folder}/{name}".lstrip("/") for name in files]
        for sub in folders:
            found += walk(f"{folder}/{sub}".lstrip("/"))
        return found

    return sorted(walk("")) if default_storage.exists("") else []


def size_of(name):
    with default_storage.open(name) as file, Image.open(file) as image:
        return image.size


def queries_for(client, url):
    """How many queries a GET of `url` makes."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def post_logo(client, content, name):
    return client.post(
        reverse("admin:exhibitors_exhibitor_add"),
        exhibitor_form(tagline_en="Robots for everyone", logo=upload(content, name)),
    )


def assert_refused(response, message):
    form = response.context["adminform"].form
    assert response.status_code == 200
    assert form.errors["logo"] == [message]
    assert form["name_en"].value() == "Unitree"
    assert form["tagline_en"].value() == "Robots for everyone"
    assert Exhibitor.objects.count() == 0
    assert stored_files() == []


def test_svg_is_refused(admin_client):
    response = post_logo(admin_client, SVG, "logo.svg")

    assert_refused(response, NOT_AN_IMAGE)


def test_svg_named_png_is_refused(admin_client):
    response = post_logo(admin_client, SVG, "logo.png")

    assert_refused(response, NOT_AN_IMAGE)


def test_text_file_named_jpg_is_refused(admin_client):
    response = post_logo(admin_client, b"Dear organizers, our logo is attached.", "logo.jpg")

    assert_refused(response, NOT_AN_IMAGE)


def test_truncated_jpeg_is_refused(admin_client):
    response = post_logo(admin_client, truncated_jpeg(), "logo.jpg")

    assert_refused(response, CORRUPT)


def test_corrupt_png_is_refused(admin_client):
    data = bytearray(image_bytes((50, 50)))
    start = data.index(b"IDAT") + 6
    data[start : start + 4] = b"\xff\xff\xff\xff"  # inside the pixel data: checksum mismatch

    response = post_logo(admin_client, bytes(data), "logo.png")

    assert_refused(response, CORRUPT)


def test_file_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAIC_IMAGE_MAX_BYTES = 1024
    padded = image_bytes((20, 20)).ljust(2048, b"\0")

    response = post_logo(admin_client, padded, "logo.png")

    assert_refused(response, "The file is 2.0\xa0KB; images may be at most 1.0\xa0KB.")


def test_image_over_the_pixel_limit_is_refused(admin_client, settings):
    settings.WAIC_IMAGE_MAX_PIXELS = 10_000

    response = post_logo(admin_client, image_bytes((200, 100)), "logo.png")

    assert_refused(
        response, "The image is 200 × 100 pixels; images may have at most 0.01 megapixels."
    )


def test_decompression_bomb_is_refused_without_decoding(admin_client):
    response = post_logo(admin_client, png_claiming(100_000, 100_000), "logo.png")

    assert_refused(response, "The image has more than 40 megapixels, the most an image may have.")


def test_header_over_the_limit_is_refused_before_decoding(admin_client):
    # 8,000 × 8,000 is under Pillow's own bomb limit: our limit must stop it, not a failed decode.
    response = post_logo(admin_client, png_claiming(8_000, 8_000), "logo.png")

    assert_refused(
        response, "The image is 8000 × 8000 pixels; images may have at most 40 megapixels."
    )


def test_any_model_form_refuses_what_the_admin_refuses():
    form_class = modelform_factory(Product, fields=["name", "image"])

    form = form_class(data={"name": "G1"}, files={"image": upload(SVG, "g1.jpg")})

    assert form.errors == {"image": [NOT_AN_IMAGE]}
    assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in str(form["image"])


def test_accepted_logo_is_stored_cleaned_under_a_random_name_with_its_renditions(admin_client):
    response = post_logo(admin_client, image_bytes((1000, 200), "GIF"), "unitree logo.gif")

    assert response.status_code == 302
    exhibitor = Exhibitor.objects.get()
    name = exhibitor.logo.name
    assert name.startswith("exhibitors/logos/")
    assert name.endswith(".png")
    assert "unitree" not in name
    assert len(name) == len("exhibitors/logos/") + 22 + len(".png")
    assert (exhibitor.logo_width, exhibitor.logo_height) == (1000, 200)
    assert stored_files() == sorted(
        [
            name,
            rendition_name(name, "logo-card", 1),
            rendition_name(name, "logo-card", 2),
            rendition_name(name, "logo-detail", 1),
            rendition_name(name, "logo-detail", 2),
        ]
    )


@pytest.mark.parametrize(
    ("format", "extension"),
    [("JPEG", ".jpg"), ("PNG", ".png"), ("WEBP", ".webp"), ("GIF", ".png")],
)
def test_accepted_formats_are_stored_as(format, extension):
    product = make_product()

    product.image.save("photo.bin", ContentFile(image_bytes((40, 30), format)))

    assert product.image.name.endswith(extension)
    assert size_of(product.image.name) == (40, 30)


def test_animated_gif_keeps_its_first_frame():
    frames = [Image.new("RGB", (30, 30), colour) for colour in ("red", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:])
    product = make_product()

    product.image.save("anim.gif", ContentFile(buffer.getvalue()))

    with default_storage.open(product.image.name) as file, Image.open(file) as image:
        assert (image.format, getattr(image, "n_frames", 1)) == ("PNG", 1)
        assert image.convert("RGB").getpixel((15, 15)) == (255, 0, 0)


def test_huge_original_is_stored_downscaled(settings):
    settings.WAIC_IMAGE_MAX_SIDE = 300
    hall = make_hall()

    hall.floor_plan.save("plan.png", ContentFile(image_bytes((1200, 800))))

    assert size_of(hall.floor_plan.name) == (300, 200)
    assert (hall.floor_plan_width, hall.floor_plan_height) == (300, 200)


def test_logo_renditions_are_fitted_without_cropping():
    exhibitor = make_exhibitor()

    exhibitor.logo.save("logo.png", ContentFile(image_bytes((1000, 200))))

    name = exhibitor.logo.name
    assert size_of(rendition_name(name, "logo-card", 1)) == (160, 32)
    assert size_of(rendition_name(name, "logo-card", 2)) == (320, 64)
    assert size_of(rendition_name(name, "logo-detail", 1)) == (320, 64)
    assert size_of(rendition_name(name, "logo-detail", 2)) == (640, 128)


def test_small_logo_is_never_enlarged_and_gets_one_rendition_per_preset():
    exhibitor = make_exhibitor()

    exhibitor.logo.save("logo.png", ContentFile(image_bytes((100, 50))))

    name = exhibitor.logo.name
    assert stored_files() == sorted(
        [name, rendition_name(name, "logo-card", 1), rendition_name(name, "logo-detail", 1)]
    )
    assert size_of(rendition_name(name, "logo-card", 1)) == (100, 50)


def test_product_and_floor_plan_renditions():
    product, hall = make_product(), make_hall()

    product.image.save("g1.jpg", ContentFile(image_bytes((1600, 1600), "JPEG")))
    hall.floor_plan.save("h1.png", ContentFile(image_bytes((3000, 1500))))

    assert size_of(rendition_name(product.image.name, "product-card", 1)) == (240, 240)
    assert size_of(rendition_name(product.image.name, "product-card", 2)) == (480, 480)
    assert size_of(rendition_name(hall.floor_plan.name, "floor-plan", 1)) == (1200, 600)
    assert size_of(rendition_name(hall.floor_plan.name, "floor-plan", 2)) == (2400, 1200)


def test_image_tag_renders_responsive_markup_from_the_stored_dimensions():
    exhibitor = make_exhibitor(name="Unitree")
    exhibitor.logo.save("logo.png", ContentFile(image_bytes((1000, 200))))
    card, card_2x = (
        "/media/" + rendition_name(exhibitor.logo.name, "logo-card", density) for density in (1, 2)
    )

    html = Template('{% load images %}{% image e.logo "logo-card" e.name %}').render(
        Context({"e": Exhibitor.objects.get()})
    )

    assert html == (
        f'<img src="{card}" srcset="{card} 160w, {card_2x} 320w" sizes="160px" '
        'width="160" height="32" alt="Unitree" loading="lazy" decoding="async">'
    )


def test_image_tag_eager_and_with_own_sizes():
    hall = make_hall(name="Hall H1")
    hall.floor_plan.save("plan.png", ContentFile(image_bytes((600, 450))))
    plan = "/media/" + rendition_name(hall.floor_plan.name, "floor-plan", 1)

    html = Template(
        '{% load images %}{% image h.floor_plan "floor-plan" "Plan" eager=True sizes="90vw" %}'
    ).render(Context({"h": hall}))

    assert html == (
        f'<img src="{plan}" srcset="{plan} 600w" sizes="90vw" '
        'width="600" height="450" alt="Plan" loading="eager" fetchpriority="high" '
        'decoding="async">'
    )


def test_missing_logo_is_the_same_initials_placeholder_every_time():
    template = Template('{% load images %}{% image e.logo "logo-card" e.name %}')
    exhibitor = make_exhibitor(name="Shanghai AI Lab")

    first = template.render(Context({"e": exhibitor}))
    again = template.render(Context({"e": Exhibitor.objects.get()}))

    assert (
        first
        == again
        == (
            '<svg class="placeholder placeholder-logo-card" xmlns="http://www.w3.org/2000/svg" '
            'width="160" height="80" viewBox="0 0 160 80" role="img" aria-label="Shanghai AI Lab">'
            '<rect width="160" height="80" fill="#1f386b"/>'
            '<text x="50%" y="50%" dy=".35em" text-anchor="middle" fill="#fff" '
            'font-family="system-ui, sans-serif" font-size="32">SA</text></svg>'
        )
    )


def test_a_placeholder_escapes_a_name_and_keeps_a_safe_one_as_it_is_whichever_came_first():
    plain, safe = image(None, "logo-card", "R&D"), image(None, "logo-card", mark_safe("R&amp;D"))

    assert 'aria-label="R&amp;D"' in plain
    assert 'aria-label="R&amp;D"' in safe
    assert image(None, "logo-card", "R&amp;D") != safe  # the cached safe one is not reused
    assert 'aria-label="R&amp;amp;D"' in image(None, "logo-card", "R&amp;D")
    with translation.override("zh-hans"):
        chinese = image(None, "logo-card", gettext_lazy("Search"))
    assert image(None, "logo-card", gettext_lazy("Search")) != chinese
    assert 'aria-label="Search"' in image(None, "logo-card", gettext_lazy("Search"))


def test_rendering_24_images_reads_no_file_and_queries_nothing(
    django_assert_num_queries, monkeypatch
):
    for n in range(24):
        make_exhibitor(name=f"Robot {n:02}").logo.save("l.png", ContentFile(image_bytes()))
    exhibitors = list(Exhibitor.objects.all())
    storage_class = type(default_storage._wrapped)
    for method in ("open", "exists", "size", "listdir"):
        monkeypatch.setattr(storage_class, method, lambda *args, **kwargs: pytest.fail("I/O"))
    template = Template(
        '{% load images %}{% for e in exhibitors %}{% image e.logo "logo-card" e.name %}'
        '{% image e.logo "logo-detail" e.name %}{% endfor %}'
    )

    with django_assert_num_queries(0):
        html = template.render(Context({"exhibitors": exhibitors}))

    assert html.count("<img ") == 48


def test_exhibitor_listing_queries_do_not_change_with_logos(client):
    exhibitors = [make_exhibitor(hall=make_hall()) for _ in range(3)]
    without_logos = queries_for(client, reverse("exhibitors:exhibitor_list"))
    for exhibitor in exhibitors:
        exhibitor.logo.save("logo.png", ContentFile(image_bytes()), save=True)

    with_logos = queries_for(client, reverse("exhibitors:exhibitor_list"))

    assert with_logos == without_logos


def test_replacing_a_logo_deletes_the_old_file_and_renditions_after_commit(
    django_capture_on_commit_callbacks,
):
    exhibitor = make_exhibitor()
    exhibitor.logo.save("old.png", ContentFile(image_bytes()), save=True)
    old_files = stored_files()
    exhibitor = Exhibitor.objects.get()

    with django_capture_on_commit_callbacks() as callbacks:
        exhibitor.logo.save("new.png", ContentFile(image_bytes((80, 40))), save=True)
        assert set(old_files) <= set(stored_files())
    for callback in callbacks:
        callback()

    new = exhibitor.logo.name
    assert stored_files() == sorted(
        [new, rendition_name(new, "logo-card", 1), rendition_name(new, "logo-detail", 1)]
    )


def test_clearing_a_logo_in_the_admin_deletes_its_files(
    admin_client, django_capture_on_commit_callbacks
):
    exhibitor = make_exhibitor(name="Unitree", slug="unitree", country="CN")
    exhibitor.logo.save("logo.png", ContentFile(image_bytes()), save=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk]),
            exhibitor_form(**{"logo-clear": "on"}),
        )

    assert response.status_code == 302
    exhibitor.refresh_from_db()
    assert (exhibitor.logo.name, exhibitor.logo_width, exhibitor.logo_height) == ("", None, None)
    assert stored_files() == []


def test_deleting_an_exhibitor_deletes_its_and_its_products_files_once_committed(
    django_capture_on_commit_callbacks,
):
    exhibitor = make_exhibitor()
    exhibitor.logo.save("logo.png", ContentFile(image_bytes()), save=True)
    make_product(exhibitor=exhibitor).image.save("p.png", ContentFile(image_bytes()), save=True)
    keeper = make_product()
    keeper.image.save("keep.png", ContentFile(image_bytes()), save=True)
    before = stored_files()

    with django_capture_on_commit_callbacks() as callbacks:
        Exhibitor.objects.get(pk=exhibitor.pk).delete()
        assert stored_files() == before
    for callback in callbacks:
        callback()

    assert len(before) == 7
    assert stored_files() == sorted(
        [keeper.image.name, rendition_name(keeper.image.name, "product-card", 1)]
    )
    assert list(Product.objects.values_list("pk", flat=True)) == [keeper.pk]


def test_deleting_a_hall_without_floor_plan_touches_no_file(
    django_capture_on_commit_callbacks, monkeypatch
):
    hall = make_hall()
    deleted = []
    monkeypatch.setattr(FileSystemStorage, "delete", lambda storage, name: deleted.append(name))

    with django_capture_on_commit_callbacks(execute=True):
        hall.delete()

    assert deleted == []
    assert Hall.objects.count() == 0


def test_png_logo_is_stored_without_text_exif_or_colour_profile():
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "drawn at home")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "ScannerMaker"
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    exhibitor = make_exhibitor()

    exhibitor.logo.save(
        "logo.png",
        ContentFile(image_bytes((40, 30), pnginfo=text, exif=exif, icc_profile=icc)),
    )

    with default_storage.open(exhibitor.logo.name) as file:
        data = file.read()
    assert Image.open(io.BytesIO(data)).info == {}
    assert (b"drawn at home" in data, b"ScannerMaker" in data) == (False, False)
