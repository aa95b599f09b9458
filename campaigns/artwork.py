"""Pictures drawn with Pillow (core.drawing) so the portal works out of the box with no
files to fetch: the first banner's picture and the demo news covers.
"""

from __future__ import annotations

import io
import random

from PIL import Image

from campaigns.banner_layout import HANDBOOK_NAME, Words, render
from core.drawing import Canvas

GREEN = (11, 93, 59)
GREEN_DARK = (7, 65, 42)
LEAF = (126, 196, 92)
CREAM = (250, 246, 232)
ORANGE = (242, 153, 48)
BLUE = (0, 71, 179)
WHITE = (255, 255, 255)


def phone(s: Canvas, x, y, w, h):
    s.rect(x, y, x + w, y + h, fill=(24, 32, 28), radius=w * 0.14)
    s.rect(x + w * 0.07, y + h * 0.08, x + w * 0.93, y + h * 0.9, fill=CREAM, radius=w * 0.05)
    s.ellipse(x + w / 2, y + h * 0.95, w * 0.05, w * 0.05, fill=(80, 90, 84))


def cart(s: Canvas, cx, cy, size, colour):
    """A shopping cart icon centred on (cx, cy)."""
    u = size / 10
    s.line(
        [
            (cx - 5 * u, cy - 4 * u),
            (cx - 3.5 * u, cy - 4 * u),
            (cx - 2 * u, cy + 2 * u),
            (cx + 4 * u, cy + 2 * u),
        ],
        colour,
        max(2, round(u * 0.8)),
    )
    s.polygon(
        [
            (cx - 3 * u, cy - 2.5 * u),
            (cx + 5 * u, cy - 2.5 * u),
            (cx + 4 * u, cy + 1 * u),
            (cx - 2.2 * u, cy + 1 * u),
        ],
        colour,
    )
    s.ellipse(cx - 1.2 * u, cy + 3.6 * u, u * 0.9, u * 0.9, fill=colour)
    s.ellipse(cx + 3.2 * u, cy + 3.6 * u, u * 0.9, u * 0.9, fill=colour)


def parcel(s: Canvas, x, y, w, h):
    s.rect(x, y, x + w, y + h, fill=(205, 150, 90), radius=6)
    s.rect(x, y, x + w, y + h * 0.22, fill=(185, 130, 75), radius=6)
    s.rect(x + w * 0.42, y, x + w * 0.58, y + h, fill=(236, 214, 170))
    s.rect(x + w * 0.12, y + h * 0.6, x + w * 0.34, y + h * 0.82, fill=WHITE, radius=3)


def leaf(s: Canvas, cx, cy, length, colour, tilt=0.0):
    half = length / 2
    s.polygon(
        [
            (cx - half, cy + tilt * half),
            (cx - half * 0.2, cy - length * 0.28),
            (cx + half, cy - tilt * half),
            (cx + half * 0.2, cy + length * 0.28),
        ],
        colour,
    )
    s.line([(cx - half, cy + tilt * half), (cx + half, cy - tilt * half)], GREEN_DARK, 2)


def shield(s: Canvas, cx, cy, size):
    u = size / 10
    s.polygon(
        [
            (cx, cy - 5 * u),
            (cx + 4.2 * u, cy - 3.4 * u),
            (cx + 3.6 * u, cy + 1.8 * u),
            (cx, cy + 5 * u),
            (cx - 3.6 * u, cy + 1.8 * u),
            (cx - 4.2 * u, cy - 3.4 * u),
        ],
        WHITE,
    )
    s.line(
        [(cx - 1.8 * u, cy), (cx - 0.4 * u, cy + 1.6 * u), (cx + 2.2 * u, cy - 1.6 * u)],
        GREEN,
        max(3, round(u)),
    )


def handbook_picture() -> bytes:
    """The first banner's picture, 1200 by 630, without words: each banner size shows it beside
    words laid out for that size (campaigns.banner_layout), cropped to its centre.

    Everything stands within the middle 540 pixels, which the narrowest crop keeps, on a
    plain green field that runs on into the words' side.
    """
    s = Canvas(1200, 630, GREEN)
    # Soft circles behind the picture.
    s.ellipse(600, 315, 265, 265, fill=(18, 110, 72))
    s.ellipse(600, 315, 205, 205, fill=(26, 124, 82))
    phone(s, 520, 150, 150, 300)
    cart(s, 595, 275, 100, GREEN)
    leaf(s, 595, 375, 62, LEAF, tilt=0.2)
    parcel(s, 675, 300, 140, 116)
    shield(s, 445, 285, 110)
    leaf(s, 760, 215, 78, LEAF, tilt=-0.3)
    leaf(s, 800, 258, 60, (160, 214, 110), tilt=0.25)
    return s.png()


def handbook_banner() -> bytes:
    """The first banner in its social-share size, 1200 by 630: the picture with the handbook's words."""
    with Image.open(io.BytesIO(handbook_picture())) as picture:
        image = render(picture, 1200, 630, Words.from_name(HANDBOOK_NAME), GREEN)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


COVER_THEMES = {
    "training": ((230, 240, 250), BLUE),
    "livestream": ((252, 238, 220), ORANGE),
    "radio": ((232, 244, 236), GREEN),
    "ocop": ((250, 244, 225), (170, 110, 20)),
}


def news_cover(theme: str, seed: str) -> bytes:
    """A 960 by 540 illustrative cover for a demo news post."""
    background, accent = COVER_THEMES[theme]
    rng = random.Random(seed)
    s = Canvas(960, 540, background)
    for _ in range(6):
        s.ellipse(
            rng.uniform(0, 960),
            rng.uniform(0, 540),
            rng.uniform(40, 120),
            rng.uniform(40, 120),
            fill=tuple(min(255, c + 8) for c in background),
        )
    s.rect(0, 430, 960, 540, fill=tuple(max(0, c - 30) for c in background))
    if theme == "training":
        s.rect(300, 80, 660, 300, fill=WHITE, radius=10, outline=accent, width=4)
        cart(s, 480, 180, 120, accent)
        for i in range(7):
            x = 120 + i * 120
            s.ellipse(x, 380, 34, 34, fill=(60 + i * 20, 90, 120))
            s.rect(x - 46, 410, x + 46, 470, fill=(70 + i * 15, 100, 140), radius=20)
    elif theme == "livestream":
        phone(s, 390, 60, 180, 350)
        s.ellipse(480, 230, 60, 60, fill=accent)
        s.polygon([(465, 200), (465, 260), (510, 230)], WHITE)
        s.rect(420, 100, 480, 125, fill=(220, 40, 40), radius=6)
        s.text(450, 112, "LIVE", 16, WHITE, anchor="mm")
        parcel(s, 620, 300, 150, 120)
        leaf(s, 230, 330, 110, LEAF, tilt=0.2)
    elif theme == "radio":
        s.rect(455, 120, 505, 430, fill=(120, 120, 120))
        s.polygon([(380, 150), (480, 90), (480, 210)], (90, 90, 90))
        s.polygon([(580, 150), (480, 90), (480, 210)], (110, 110, 110))
        for r in (60, 100, 140):
            s.ellipse(480, 150, r * 1.6, r, fill=None, outline=accent, width=5)
        leaf(s, 250, 400, 120, LEAF, tilt=0.1)
        leaf(s, 720, 400, 120, LEAF, tilt=-0.1)
    else:
        for i, colour in enumerate(((230, 170, 60), (200, 80, 40), (120, 170, 60))):
            x = 250 + i * 230
            s.rect(x - 70, 220, x + 70, 420, fill=colour, radius=14)
            s.rect(x - 50, 190, x + 50, 230, fill=tuple(max(0, c - 40) for c in colour), radius=8)
            s.ellipse(x, 320, 40, 40, fill=WHITE)
            s.text(x, 320, "OCOP", 18, accent, anchor="mm")
    return s.jpeg()
