"""Image helpers over Pillow shared by the directory's apps.

`placeholder()` draws the initials of a name on a colour derived from that name: the same name
always gives the same picture, so pages never look empty and nothing random reaches the files.
"""

import colorsys
import hashlib
import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont


def initials(name, letters=2):
    """ "Geoffrey Hinton" -> "GH"; "SenseTime" -> "S"; "李强" -> "李"."""
    words = [word for word in name.replace("-", " ").split() if word[:1].isalnum()]
    if not words:
        return "?"
    if not words[0][:1].isascii():
        return words[0][:1]
    return "".join(word[0] for word in words[:letters]).upper()


def name_colour(name):
    """A dark, saturated RGB colour derived from the name, on which white text reads well."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    hue = digest[0] / 255
    red, green, blue = colorsys.hls_to_rgb(hue, 0.27, 0.55)
    return round(red * 255), round(green * 255), round(blue * 255)


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


# The sizes the templates show images at, in CSS pixels: (width, height, crop).
# Portraits are cropped square; logos, products and floor plans are fitted without cropping.
PRESETS = {
    "portrait-card": (96, 96, True),
    "portrait-detail": (240, 240, True),
    "logo-card": (160, 80, False),
    "logo-detail": (320, 160, False),
    "product-card": (320, 240, False),
    "floor-plan": (1200, 900, False),
}
