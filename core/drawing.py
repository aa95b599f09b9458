"""A drawing surface for the pictures the portal makes itself with Pillow (banner
artwork, news covers, placeholder photos), so it works with no image files to fetch.

Everything is drawn at twice the size and reduced at the end, for smooth edges.
Coordinates and sizes are given at the final size.

Words are written in DejaVu Sans, shipped in core/fonts (see the README there): it has
every Vietnamese letter, where Pillow's built-in font has none of the accented ones.
"""

from __future__ import annotations

import functools
import io
import math
import random
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

SCALE = 2
Colour = tuple[int, int, int]

FONTS = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {False: FONTS / "DejaVuSans.ttf", True: FONTS / "DejaVuSans-Bold.ttf"}
# A code point no font draws: what it renders is the font's "missing glyph" box.
NOT_A_CHARACTER = "\U0010fffd"


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """The colour a fraction `t` of the way from `a` to `b`."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def shade(colour: Colour, factor: float) -> Colour:
    """The colour made darker (factor below 1) or lighter (above 1)."""
    return tuple(max(0, min(255, round(c * factor))) for c in colour)


def jitter(rng: random.Random, colour: Colour, amount: int = 14) -> Colour:
    """The colour made a little lighter or darker, with a faint change of tint."""
    shift = rng.randint(-amount, amount)
    tint = amount // 4
    return tuple(max(0, min(255, c + shift + rng.randint(-tint, tint))) for c in colour)


@functools.cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """DejaVu Sans at `size` pixels, from the files shipped with the code.

    The basic layout engine gives the same result whether or not Pillow was built with
    libraqm; it places precomposed letters correctly, so text is drawn in NFC (`nfc`).
    """
    return ImageFont.truetype(str(FONT_FILES[bold]), size, layout_engine=ImageFont.Layout.BASIC)


def nfc(text: str) -> str:
    """The text with each letter and its marks as one character, as the fonts draw them best."""
    return unicodedata.normalize("NFC", text)


def _ink(typeface, char: str) -> tuple | None:
    """What `typeface` draws for `char` (size and pixels), None when it draws nothing."""
    try:
        left, top, right, bottom = typeface.getbbox(char)
        image = Image.new("L", (max(1, right - left), max(1, bottom - top)))
        ImageDraw.Draw(image).text((-left, -top), char, font=typeface, fill=255)
    except (UnicodeError, ValueError):  # a bitmap font takes Latin-1 only
        return None
    return (image.size, image.tobytes()) if image.getbbox() else None


def missing_glyphs(typeface, text: str) -> list[str]:
    """The characters of `text` that `typeface` has no glyph for (it would draw a box or nothing).

    A character is missing when it draws nothing, or exactly what a code point no font
    has draws (the .notdef box). Spaces are not checked.
    """
    box = _ink(typeface, NOT_A_CHARACTER)
    found = []
    for char in dict.fromkeys(text):
        if char.isspace():
            continue
        ink = _ink(typeface, char)
        if ink is None or ink == box:
            found.append(char)
    return found


@functools.cache
def _gradient_mask(width: int, height: int) -> Image.Image:
    """Black at the top to white at the bottom, at drawing size."""
    return Image.linear_gradient("L").resize((width * SCALE, height * SCALE))


class Canvas:
    """A `width` x `height` picture on a plain background, or on a vertical gradient
    from `background` at the top to `bottom`."""

    def __init__(self, width: int, height: int, background: Colour, bottom: Colour | None = None):
        self.width, self.height = width, height
        size = (width * SCALE, height * SCALE)
        if bottom is None:
            self.image = Image.new("RGB", size, background)
        else:
            mask = _gradient_mask(width, height)
            self.image = Image.composite(
                Image.new("RGB", size, bottom), Image.new("RGB", size, background), mask
            )
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def _box(x0, y0, x1, y1) -> list[int]:
        return [round(v * SCALE) for v in (x0, y0, x1, y1)]

    @staticmethod
    def _points(points) -> list[tuple[float, float]]:
        return [(x * SCALE, y * SCALE) for x, y in points]

    def rect(self, x0, y0, x1, y1, fill, radius=0, outline=None, width=1):
        self.draw.rounded_rectangle(
            self._box(x0, y0, x1, y1), radius=radius * SCALE, fill=fill, outline=outline, width=width * SCALE
        )

    def ellipse(self, cx, cy, rx, ry, fill, outline=None, width=1):
        self.draw.ellipse(
            self._box(cx - rx, cy - ry, cx + rx, cy + ry), fill=fill, outline=outline, width=width * SCALE
        )

    def chord(self, cx, cy, rx, ry, start, end, fill):
        """The part of an ellipse cut off by the line between angles `start` and `end` (degrees)."""
        self.draw.chord(self._box(cx - rx, cy - ry, cx + rx, cy + ry), start, end, fill=fill)

    def oval(self, cx, cy, rx, ry, angle, fill):
        """An ellipse turned by `angle` degrees."""
        a = math.radians(angle)
        points = []
        for i in range(20):
            t = 2 * math.pi * i / 20
            x, y = rx * math.cos(t), ry * math.sin(t)
            points.append((cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)))
        self.polygon(points, fill)

    def polygon(self, points, fill):
        self.draw.polygon(self._points(points), fill=fill)

    def line(self, points, fill, width):
        self.draw.line(self._points(points), fill=fill, width=width * SCALE, joint="curve")

    def text(self, x, y, text, size, fill, anchor="la", bold=False):
        """`text` at (x, y), `size` pixels high (its em), placed by its Pillow `anchor`."""
        typeface = font(round(size * SCALE), bold)
        self.draw.text((x * SCALE, y * SCALE), nfc(text), font=typeface, fill=fill, anchor=anchor)

    def picture(self, image: Image.Image, x0, y0, x1, y1):
        """`image` covering the box: scaled to fill it, the overflow cropped evenly, never stretched."""
        box = self._box(x0, y0, x1, y1)
        width, height = box[2] - box[0], box[3] - box[1]
        self.image.paste(
            ImageOps.fit(image.convert("RGB"), (width, height), Image.Resampling.LANCZOS), box[:2]
        )

    def png(self) -> bytes:
        return self._encode("PNG", optimize=True)

    def jpeg(self, quality: int = 82) -> bytes:
        return self._encode("JPEG", quality=quality, optimize=True, progressive=True)

    def final(self) -> Image.Image:
        """The picture at its final size."""
        return self.image.reduce(SCALE)

    def _encode(self, kind: str, **options) -> bytes:
        buffer = io.BytesIO()
        self.final().save(buffer, kind, **options)
        return buffer.getvalue()
