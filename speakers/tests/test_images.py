import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import ExifTags, Image, ImageCms

from directory.images.processing import rendition_name
from directory.testing import image_bytes, upload
from speakers.models import Speaker

from .factories import make_speaker

pytestmark = pytest.mark.django_db

PORTRAITS = [("portrait-card", 1), ("portrait-card", 2), ("portrait-detail", 1)]


def phone_photo():
    """A 300 × 200 JPEG, left half red, right half blue, as a phone stores a portrait shot:
    sideways, with EXIF orientation 6 ("rotate 90° clockwise to show"), GPS, XMP, a comment
    and a colour profile."""
    image = Image.new("RGB", (300, 200), "red")
    image.paste("blue", (150, 0, 300, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (31.0, 11.0, 20.0),
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: (121.0, 29.0, 30.0),
        }
    )
    buffer = io.BytesIO()
    image.save(
        buffer,
        format="JPEG",
        exif=exif,
        comment=b"taken at home",
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
        xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>home</x:xmpmeta>",
    )
    return buffer.getvalue()


def speaker_form(**fields):
    return {"slots-TOTAL_FORMS": "0", "slots-INITIAL_FORMS": "0", **fields}


def open_stored(name):
    with default_storage.open(name) as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
        return image


def test_phone_photo_is_stored_upright_without_gps_or_any_metadata(admin_client):
    original = Image.open(io.BytesIO(phone_photo()))
    assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo) != {}  # the test photo has GPS
    assert {"comment", "icc_profile", "xmp"} <= set(original.info)

    response = admin_client.post(
        reverse("admin:speakers_speaker_add"),
        speaker_form(
            name_en="Yann LeCun", slug="yann-lecun", photo=upload(phone_photo(), "me.jpg")
        ),
    )

    assert response.status_code == 302
    speaker = Speaker.objects.get()
    stored = open_stored(speaker.photo.name)
    assert (stored.format, stored.size) == ("JPEG", (200, 300))
    assert (speaker.photo_width, speaker.photo_height) == (200, 300)
    assert stored.getpixel((100, 20))[0] > 200  # red on top: turned clockwise
    assert stored.getpixel((100, 280))[2] > 200  # blue below
    assert dict(stored.getexif()) == {}
    assert sorted(stored.info) == [
        "jfif",
        "jfif_density",
        "jfif_unit",
        "jfif_version",
        "progression",
        "progressive",
    ]
    assert b"home" not in default_storage.open(speaker.photo.name).read()


def test_portrait_renditions_are_cropped_square_from_the_centre():
    speaker = make_speaker()
    wide = Image.new("RGB", (1200, 800), "black")
    wide.paste("white", (200, 0, 1000, 800))  # white centre square, black sides
    buffer = io.BytesIO()
    wide.save(buffer, format="PNG")

    speaker.photo.save("wide.png", ContentFile(buffer.getvalue()), save=True)

    sizes = {
        (preset, density): open_stored(rendition_name(speaker.photo.name, preset, density))
        for preset in ("portrait-card", "portrait-detail")
        for density in (1, 2)
    }
    assert {key: image.size for key, image in sizes.items()} == {
        ("portrait-card", 1): (96, 96),
        ("portrait-card", 2): (192, 192),
        ("portrait-detail", 1): (240, 240),
        ("portrait-detail", 2): (480, 480),
    }
    card = sizes[("portrait-card", 1)].convert("RGB")
    assert min(card.getpixel((1, 48)) + card.getpixel((94, 48))) > 240  # no black sides


def test_small_portrait_is_not_enlarged():
    speaker = make_speaker()

    speaker.photo.save("small.png", ContentFile(image_bytes((300, 200))), save=True)

    assert open_stored(rendition_name(speaker.photo.name, "portrait-detail", 1)).size == (200, 200)
    assert not default_storage.exists(rendition_name(speaker.photo.name, "portrait-detail", 2))


def test_replacing_a_photo_in_the_admin_deletes_the_old_files(
    admin_client, django_capture_on_commit_callbacks
):
    speaker = make_speaker(name="Fei-Fei Li", slug="fei-fei-li")
    speaker.photo.save("old.png", ContentFile(image_bytes((400, 400))), save=True)
    old = speaker.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:speakers_speaker_change", args=[speaker.pk]),
            speaker_form(
                name_en="Fei-Fei Li", slug="fei-fei-li", photo=upload(image_bytes((500, 500)))
            ),
        )

    assert response.status_code == 302
    speaker.refresh_from_db()
    assert speaker.photo.name != old
    assert (speaker.photo_width, speaker.photo_height) == (500, 500)
    assert [default_storage.exists(name) for name in (old, *portraits(old))] == [False] * 4
    assert [
        default_storage.exists(name)
        for name in (speaker.photo.name, *portraits(speaker.photo.name))
    ] == [True] * 4


def portraits(name):
    return [rendition_name(name, preset, density) for preset, density in PORTRAITS]


def test_deleting_a_speaker_deletes_the_photo_only_once_committed(
    django_capture_on_commit_callbacks,
):
    speaker = make_speaker()
    speaker.photo.save("p.png", ContentFile(image_bytes((300, 300))), save=True)
    files = [speaker.photo.name, *portraits(speaker.photo.name)]

    with django_capture_on_commit_callbacks() as callbacks:
        Speaker.objects.get().delete()
    still_there = [default_storage.exists(name) for name in files]
    for callback in callbacks:
        callback()

    assert still_there == [True] * 4
    assert [default_storage.exists(name) for name in files] == [False] * 4


def test_speaker_listing_queries_do_not_change_with_photos(client):
    speakers = [make_speaker() for _ in range(3)]
    url = reverse("speakers:speaker_list")
    with CaptureQueriesContext(connection) as without_photos:
        client.get(url)
    for speaker in speakers:
        speaker.photo.save("p.png", ContentFile(image_bytes()), save=True)

    with CaptureQueriesContext(connection) as with_photos:
        response = client.get(url)

    assert response.status_code == 200
    assert len(with_photos) == len(without_photos)


def test_changelist_thumbnail_is_the_small_rendition(admin_client):
    speaker = make_speaker(name="Andrew Ng")
    speaker.photo.save("p.png", ContentFile(image_bytes((600, 400))), save=True)

    response = admin_client.get(reverse("admin:speakers_speaker_changelist"))

    card = "/media/" + rendition_name(speaker.photo.name, "portrait-card", 1)
    assert (
        f'<img src="{card}" alt="Andrew Ng" width="40" height="40" loading="lazy" '
        'class="admin-thumbnail">'
    ) in response.content.decode()


def test_make_renditions_command_upgrades_images_stored_before_renditions(capsys):
    legacy = default_storage.save("speakers/photos/hinton.jpg", ContentFile(phone_photo()))
    broken = default_storage.save("speakers/photos/broken.jpg", ContentFile(b"not an image"))
    make_speaker(name="Geoffrey Hinton", photo=legacy)
    make_speaker(name="Broken", photo=broken)
    make_speaker(name="No Photo")

    call_command("make_renditions")

    hinton = Speaker.objects.get(name="Geoffrey Hinton")
    assert (hinton.photo.name, hinton.photo_width, hinton.photo_height) == (legacy, 200, 300)
    assert [open_stored(name).size for name in portraits(legacy)] == [
        (96, 96),
        (192, 192),
        (200, 200),
    ]
    out, err = capsys.readouterr()
    assert out == "Images with renditions made: 1.\n"
    assert err == (
        f"speakers.Speaker {Speaker.objects.get(name='Broken').pk}: {broken}: "
        "This file is not a JPEG, PNG, WebP or GIF image (SVG and other formats are refused).\n"
    )


def test_make_renditions_command_remakes_existing_renditions_under_the_same_names():
    speaker = make_speaker()
    speaker.photo.save("p.png", ContentFile(image_bytes((500, 500))), save=True)
    before = sorted(default_storage.listdir("renditions/speakers/photos")[1])

    call_command("make_renditions", stdout=io.StringIO())

    assert sorted(default_storage.listdir("renditions/speakers/photos")[1]) == before
    assert len(before) == 4
