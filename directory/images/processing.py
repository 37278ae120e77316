"""Image helpers over Pillow shared by the directory's apps: refuse, clean, render.

- `open_upload()` decides whether an uploaded file is an image we accept, by decoding it, and
  raises a `ValidationError` that names the problem and the limit otherwise.
- `clean()` turns an accepted upload into the file we store: EXIF orientation applied, metadata
  gone, colours in sRGB, very large originals downscaled, re-encoded.
- `rendition_size()` and `render()` make the small WebP files pages show. Their names and sizes
  follow from the stored file's name and dimensions alone, so a page computes every URL, width and
  height without touching the database, the storage or Pillow.
- `placeholder()` draws the initials of a name on a colour derived from that name: the same name
  always gives the same picture, so pages never look empty and nothing random reaches the files.
"""

import colorsys
import hashlib
import io
import math
import posixpath
import unicodedata
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageDraw, ImageFont, ImageMode, ImageOps

# Pillow's names for the formats we accept. MPO (phone cameras' JPEG) opens through "JPEG".
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
# What a cleaned original is stored as: photos stay JPEG, lossless stays lossless.
STORED_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "GIF": "PNG", "WEBP": "WEBP"}
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
DENSITIES = (1, 2)


class Preset(NamedTuple):
    """A size a template shows images at, in CSS pixels."""

    width: int
    height: int
    crop: bool  # crop to exactly this shape from the centre, or fit inside it uncropped
    sizes: str  # the <img sizes> attribute: how wide the image is on the page


# Portraits are cropped square; logos, products and floor plans are fitted without cropping.
PRESETS = {
    "portrait-card": Preset(96, 96, True, "96px"),
    "portrait-detail": Preset(240, 240, True, "240px"),
    "logo-card": Preset(160, 80, False, "160px"),
    "logo-detail": Preset(320, 160, False, "320px"),
    "product-card": Preset(320, 240, False, "320px"),
    "floor-plan": Preset(1200, 900, False, "(max-width: 1200px) 100vw, 1200px"),
}


class CleanImage(NamedTuple):
    image: Image.Image
    content: ContentFile
    extension: str


def megapixels(pixels):
    return f"{pixels / 1_000_000:g}"


def too_many_pixels(limit):
    return ValidationError(
        _("The image has more than %(limit)s megapixels, the most an image may have."),
        code="image_too_many_pixels",
        params={"limit": megapixels(limit)},
    )


def open_upload(file):
    """The decoded first frame of `file`, or a ValidationError saying why it is refused.

    Nothing is decoded before the file size, the pixel count from the image's header and the
    memory its decoding takes are known to be within the limits, so neither a decompression
    bomb nor a huge image that compresses well reaches memory.
    """
    max_bytes, max_pixels = settings.WAIC_IMAGE_MAX_BYTES, settings.WAIC_IMAGE_MAX_PIXELS
    if file.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; images may be at most %(limit)s."),
            code="image_too_big",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(max_bytes)},
        )
    try:
        file.seek(0)
        with Image.open(file, formats=ACCEPTED_FORMATS) as header:
            width, height = header.size
            if width * height > max_pixels:
                raise ValidationError(
                    _(
                        "The image is %(width)s × %(height)s pixels; images may have at most "
                        "%(limit)s megapixels."
                    ),
                    code="image_too_many_pixels",
                    params={"width": width, "height": height, "limit": megapixels(max_pixels)},
                )
            header.verify()
        file.seek(0)
        image = Image.open(file, formats=ACCEPTED_FORMATS)
        decode_within(image, settings.WAIC_IMAGE_MAX_DECODED_BYTES)
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels(max_pixels) from None
    except Image.UnidentifiedImageError:
        raise ValidationError(
            _(
                "This file is not a JPEG, PNG, WebP or GIF image "
                "(SVG and other formats are refused)."
            ),
            code="image_format",
        ) from None
    except ValidationError:
        raise
    except Exception:
        # Pillow reports broken files with many exception types (OSError, SyntaxError,
        # ValueError, EOFError, struct.error...); every one of them means "cannot be read".
        raise ValidationError(
            _("The image is truncated or corrupt and cannot be read. Upload the original file."),
            code="image_corrupt",
        ) from None
    return image


def decoded_bytes(mode, size):
    """The memory Pillow takes for an image of `mode` and `size` once decoded: 4 bytes a pixel
    for every mode of several bands (RGB included: Pillow pads it to 32 bits), the band's
    own size for the others (1 for L and P, 2 for I;16, 4 for I and F)."""
    image_mode = ImageMode.getmode(mode)
    per_pixel = 4 if len(image_mode.bands) > 1 else int(image_mode.typestr[-1])
    return size[0] * size[1] * per_pixel


def decode_within(image, max_bytes):
    """Make the not yet decoded `image` decode in at most `max_bytes`, or refuse it.

    A JPEG larger than the stored original may be is decoded at a reduced scale (1/2, 1/4 or
    1/8, never below WAIC_IMAGE_MAX_SIDE: the original is stored downscaled to it anyway);
    other formats are refused when their full size would not fit. Decided from the header,
    before any pixel is read.
    """
    width, height = image.size
    if image.format in ("JPEG", "MPO"):
        scale = settings.WAIC_IMAGE_MAX_SIDE / max(width, height)
        if scale < 1:
            image.draft(image.mode, (math.ceil(width * scale), math.ceil(height * scale)))
    needed = decoded_bytes(image.mode, image.size)
    if needed > max_bytes:
        raise ValidationError(
            _(
                "The image is %(width)s × %(height)s pixels, which takes %(size)s of memory "
                "to read; images may take at most %(limit)s. Upload a smaller image (or a "
                "photo as JPEG)."
            ),
            code="image_too_big_decoded",
            params={
                "width": width,
                "height": height,
                "size": filesizeformat(needed),
                "limit": filesizeformat(max_bytes),
            },
        )


def to_srgb(image):
    """The image in RGB or RGBA, its colours converted to sRGB when it carries an ICC profile."""
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    mode = "RGBA" if has_alpha else "RGB"
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.createProfile("sRGB")
            image = ImageCms.profileToProfile(image, source, srgb, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the pixels as they are
    return image if image.mode == mode else image.convert(mode)


def upright_srgb(image):
    """The image turned as its EXIF orientation says, in sRGB."""
    return to_srgb(ImageOps.exif_transpose(image))


def clean(file):
    """The upload as we store it: upright, sRGB, metadata-free, at most WAIC_IMAGE_MAX_SIDE."""
    source = open_upload(file)
    stored_format = STORED_FORMATS[source.format]
    image = upright_srgb(source)
    image.thumbnail((settings.WAIC_IMAGE_MAX_SIDE,) * 2, Image.Resampling.LANCZOS)
    # Savers copy EXIF, XMP, ICC and comments from `info`; an empty `info` writes none of them.
    image.info = {}
    if stored_format == "JPEG":
        options = {"quality": 88, "optimize": True, "progressive": True}
    elif stored_format == "WEBP":
        options = {"quality": 90}
    else:
        options = {}
    buffer = io.BytesIO()
    image.save(buffer, format=stored_format, **options)
    return CleanImage(image, ContentFile(buffer.getvalue()), EXTENSIONS[stored_format])


def rendition_size(width, height, preset, density):
    """(width, height) of a rendition of a width × height original; never upscaled."""
    box_width, box_height = preset.width * density, preset.height * density
    if preset.crop:
        scale = min(1, width / box_width, height / box_height)
        return max(1, round(box_width * scale)), max(1, round(box_height * scale))
    scale = min(1, box_width / width, box_height / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def rendition_sizes(width, height, preset):
    """[(density, (width, height))] per density, leaving out those no larger than the one before."""
    sizes = []
    for density in DENSITIES:
        size = rendition_size(width, height, preset, density)
        if not sizes or size[0] > sizes[-1][1][0]:
            sizes.append((density, size))
    return sizes


def rendition_name(name, preset_name, density):
    """ "exhibitors/logos/Ab3.png" -> "renditions/exhibitors/logos/Ab3.logo-card.1x.webp"."""
    stem = posixpath.splitext(name)[0]
    return f"renditions/{stem}.{preset_name}.{density}x.webp"


def rendition_names(name, preset_names):
    """Every rendition name an image may have, whether made or left out as too small."""
    return [
        rendition_name(name, preset_name, density)
        for preset_name in preset_names
        for density in DENSITIES
    ]


def render(image, size, crop):
    """A WebP of `image` at `size`, cropped from the centre or fitted, as a ContentFile."""
    if crop:
        resized = ImageOps.fit(image, size, Image.Resampling.LANCZOS)
    else:
        resized = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    buffer = io.BytesIO()
    resized.save(buffer, format="WEBP", quality=80, method=4)
    return ContentFile(buffer.getvalue())


def make_renditions(image, name, preset_names, storage, replace=False):
    """Store every rendition of the stored original `name`, whose decoded pixels are `image`.

    `replace` deletes renditions made before, so remade ones keep their names (pages compute
    them); a new original's renditions cannot exist yet.
    """
    for preset_name in preset_names:
        preset = PRESETS[preset_name]
        for density, size in rendition_sizes(*image.size, preset):
            target = rendition_name(name, preset_name, density)
            if replace:
                storage.delete(target)
            storage.save(target, render(image, size, preset.crop))


def initials(name, letters=2):
    """ "Geoffrey Hinton" -> "GH"; "Émile Borel" -> "ÉB"; "SenseTime" -> "S"; a Chinese (or
    other East Asian) name's first character, its surname: "李强" -> "李"."""
    words = [word for word in name.replace("-", " ").split() if word[:1].isalnum()]
    if not words:
        return "?"
    if unicodedata.east_asian_width(words[0][0]) in ("W", "F"):
        return words[0][0]
    return "".join(word[0] for word in words[:letters]).upper()


def name_colour(name):
    """A dark, saturated RGB colour derived from the name, on which white text reads well."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    hue = digest[0] / 255
    red, green, blue = colorsys.hls_to_rgb(hue, 0.27, 0.55)
    return round(red * 255), round(green * 255), round(blue * 255)


def hex_colour(name):
    return "#{:02x}{:02x}{:02x}".format(*name_colour(name))


def placeholder(name, size=(400, 400)):
    """A PNG of the name's initials, centred, white on the name's colour, as a ContentFile."""
    image = Image.new("RGB", size, name_colour(name))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=min(size) * 0.4)
    text = initials(name)
    draw.text((size[0] / 2, size[1] / 2), text, fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue())


def fit_box(width, height, box):
    """(width, height) scaled to fit a box × box square, never enlarged."""
    scale = min(1, box / width, box / height)
    return max(1, math.floor(width * scale)), max(1, math.floor(height * scale))
