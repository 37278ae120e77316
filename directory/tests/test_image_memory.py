"""An upload is refused by the memory its decoding would take, read from its header before any
pixel is decoded: a small file can hold a huge image (a 6000 × 6600 16-bit RGBA PNG in 1.4 MB)."""

import io
import struct
import zlib

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, ImageFile

from directory.images import processing
from directory.images.fields import ImageUploadField
from directory.testing import image_bytes

REFUSED = (
    "The image is 6000 × 6600 pixels, which takes 151.1\xa0MB of memory to read; images may "
    "take at most 64.0\xa0MB. Upload a smaller image (or a photo as JPEG)."
)


def png(width, height, bit_depth=16, colour_type=6):
    """A valid PNG of one repeated colour (16-bit RGBA by default): tiny on disk, large
    decoded."""

    def chunk(kind, data):
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    channels = {0: 1, 2: 3, 6: 4}[colour_type]
    row = b"\0" + b"\x12\x34" * (channels * width * bit_depth // 16)
    compressor = zlib.compressobj(1)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def huge_png():
    return png(6000, 6600)


@pytest.fixture
def decoded(monkeypatch):
    """The images whose pixels were decoded, counted at Pillow's load()."""
    loaded = []
    load = ImageFile.ImageFile.load

    def counting_load(image):
        loaded.append(image.size)
        return load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting_load)
    return loaded


class LogoForm(forms.Form):
    logo = ImageUploadField()


def submit(content, name="logo.png"):
    form = LogoForm(files={"logo": SimpleUploadedFile(name, content)})
    return form.is_valid(), form.errors.get("logo")


def test_a_small_file_of_a_huge_image_is_refused_without_decoding_it(huge_png, decoded):
    assert len(huge_png) < 1_500_000  # well under WAIC_IMAGE_MAX_BYTES and WAIC_IMAGE_MAX_PIXELS

    valid, errors = submit(huge_png)

    assert (valid, errors) == (False, [REFUSED])
    assert decoded == []


def test_the_refusal_says_it_in_chinese(huge_png):
    with translation.override("zh-hans"):
        valid, errors = submit(huge_png)
        errors = list(errors)

    assert errors == [
        "图片为 6000 × 6600 像素，读取需要 151.1\xa0MB 内存；图片最多可占用 64.0\xa0MB。"
        "请上传更小的图片（照片可用 JPEG 格式）。"
    ]


def test_the_limit_is_a_setting(settings, decoded):
    settings.WAIC_IMAGE_MAX_DECODED_BYTES = 1_000_000

    refused = submit(png(501, 500, bit_depth=8, colour_type=6))  # 4 bytes a pixel
    accepted = submit(png(500, 500, bit_depth=8, colour_type=6))

    assert refused == (
        False,
        [
            "The image is 501 × 500 pixels, which takes 978.5\xa0KB of memory to read; images may "
            "take at most 976.6\xa0KB. Upload a smaller image (or a photo as JPEG)."
        ],
    )
    assert accepted == (True, None)
    assert decoded == [(500, 500)]


@pytest.mark.parametrize(
    "mode, size, expected",
    [
        ("RGBA", (6000, 6600), 158_400_000),
        ("RGB", (100, 10), 4000),  # Pillow keeps RGB in 32 bits a pixel
        ("LA", (100, 10), 4000),
        ("L", (100, 10), 1000),
        ("P", (100, 10), 1000),
        ("1", (100, 10), 1000),
        ("I;16", (100, 10), 2000),
        ("I", (100, 10), 4000),
        ("F", (100, 10), 4000),
    ],
)
def test_decoded_bytes_count_what_pillow_allocates(mode, size, expected):
    assert processing.decoded_bytes(mode, size) == expected


def test_a_large_jpeg_is_decoded_at_a_reduced_scale_within_the_limit(settings, decoded):
    """A photo is stored at most WAIC_IMAGE_MAX_SIDE wide anyway: its decoding stops there."""
    settings.WAIC_IMAGE_MAX_SIDE = 300
    settings.WAIC_IMAGE_MAX_DECODED_BYTES = 800_000  # 500 × 400 RGB, not 1000 × 800
    photo = io.BytesIO(image_bytes((1000, 800), "JPEG"))

    image = processing.open_upload(SimpleUploadedFile("photo.jpg", photo.getvalue()))

    assert (image.size, decoded) == ((500, 400), [(500, 400)])
    assert processing.clean(SimpleUploadedFile("photo.jpg", photo.getvalue())).image.size == (
        300,
        240,
    )


def test_a_large_jpeg_is_still_refused_when_even_its_reduced_scale_does_not_fit(settings):
    settings.WAIC_IMAGE_MAX_SIDE = 1000
    settings.WAIC_IMAGE_MAX_DECODED_BYTES = 1_000_000
    photo = SimpleUploadedFile("photo.jpg", image_bytes((1000, 800), "JPEG"))

    with pytest.raises(ValidationError) as error:
        processing.open_upload(photo)

    assert error.value.code == "image_too_big_decoded"


def test_images_within_every_limit_are_accepted(decoded):
    assert submit(image_bytes((64, 48))) == (True, None)
    assert Image.open(io.BytesIO(image_bytes((64, 48)))).size == decoded[0]
