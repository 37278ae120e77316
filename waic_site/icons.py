"""Draws the site's icons: `python -m waic_site.icons` writes the PNG and ICO files in static/img/,
and the 1200 × 630 card that link previews show for pages without an image (share.png).

The icon is static/img/icon.svg (hand-written): a deep indigo rounded square with a white "W"
and a coral dot. Browsers that cannot use SVG icons (and home screens) want bitmaps; they are
drawn here from the same shapes with Pillow, so the two stay alike, and committed (a few KB).
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

STATIC_IMG = Path(__file__).resolve().parent.parent / "static" / "img"
TOP, BOTTOM = (43, 29, 143), (91, 43, 214)  # the gradient of icon.svg, #2b1d8f → #5b2bd6
DOT = (255, 93, 115)  # #ff5d73
# The W of icon.svg in its 64-unit box.
W = [(14, 22), (22.5, 44), (32, 26), (41.5, 44), (50, 22)]
SCALE = 8  # drawn this much larger, then reduced: smooth edges


def draw(size, *, rounded=True, padding=0.0):
    """The icon, `size` pixels square; `padding` (a fraction) leaves a safe zone for masks."""
    big = size * SCALE
    gradient = Image.new("RGB", (1, 2))
    gradient.putdata([TOP, BOTTOM])
    background = gradient.resize((big, big), Image.Resampling.BILINEAR)
    mask = Image.new("L", (big, big), 0)
    ImageDraw.Draw(mask).rounded_rectangle(
        (0, 0, big - 1, big - 1), radius=big * 14 // 64 if rounded else 0, fill=255
    )
    icon = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    icon.paste(background, mask=mask)
    pen = ImageDraw.Draw(icon)
    unit = big * (1 - 2 * padding) / 64
    offset = big * padding

    def at(x, y):
        return (offset + x * unit, offset + y * unit)

    pen.line([at(*point) for point in W], fill="white", width=round(6 * unit), joint="curve")
    for x, y in (W[0], W[-1]):  # round line caps
        cx, cy = at(x, y)
        r = 3 * unit
        pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill="white")
    cx, cy = at(50, 14)
    r = 4.5 * unit
    pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill=DOT)
    return icon.resize((size, size), Image.Resampling.LANCZOS)


# The card's text is drawn with Noto Sans CJK (Debian's fonts-noto-cjk), which has both scripts.
CARD_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
CARD_LINES = [
    # (text, size, colour, top)
    ("WAIC Directory", 92, "white", 190),
    ("世界人工智能大会 · 指南", 46, (255, 199, 208), 320),
    ("Speakers · Agenda · Exhibitors · My WAIC", 34, (214, 210, 245), 420),
    ("演讲嘉宾 · 议程 · 展商 · 我的WAIC", 34, (214, 210, 245), 470),
]


def draw_card():
    """The link-preview card: the icon and the site's name in both languages on the brand's
    gradient, a coral rule at the foot."""
    gradient = Image.new("RGB", (2, 1))
    gradient.putdata([TOP, BOTTOM])
    card = gradient.resize((1200, 630), Image.Resampling.BILINEAR)
    card.paste(draw(112), (80, 60), draw(112))
    pen = ImageDraw.Draw(card)
    for text, size, colour, top in CARD_LINES:
        pen.text((80, top), text, font=ImageFont.truetype(CARD_FONT, size, index=2), fill=colour)
    pen.rectangle((0, 612, 1200, 630), fill=DOT)
    return card.quantize(64)


def main():
    for name, size, kwargs in [
        ("icon-192.png", 192, {}),
        ("icon-512.png", 512, {}),
        # Android crops "maskable" icons to a circle: full-bleed square, mark inside 80 %.
        ("icon-maskable-512.png", 512, {"rounded": False, "padding": 0.1}),
        # iOS rounds the corners itself and shows transparency as black.
        ("apple-touch-icon.png", 180, {"rounded": False}),
    ]:
        image = draw(size, **kwargs)
        image = image.quantize(256, method=Image.Quantize.FASTOCTREE)
        image.save(STATIC_IMG / name, optimize=True)
    draw(48).save(STATIC_IMG / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    draw_card().save(STATIC_IMG / "share.png", optimize=True)


if __name__ == "__main__":
    main()
