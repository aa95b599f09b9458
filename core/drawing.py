"""A drawing surface for the pictures the portal makes itself with Pillow (banner
artwork, news covers, placeholder photos), so it works with no image files to fetch.

Everything is drawn at twice the size and reduced at the end, for smooth edges.
Coordinates and sizes are given at the final size.
"""

from __future__ import annotations

import functools
import io
import math
import random

from PIL import Image, ImageDraw, ImageFont

SCALE = 2
Colour = tuple[int, int, int]


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

    def text(self, x, y, text, size, fill, anchor="la"):
        """Pillow's built-in font has no Vietnamese letters: ASCII only (the words go in the alt text)."""
        font = ImageFont.load_default(size=size * SCALE)
        self.draw.text((x * SCALE, y * SCALE), text, font=font, fill=fill, anchor=anchor)

    def png(self) -> bytes:
        return self._encode("PNG", optimize=True)

    def jpeg(self, quality: int = 82) -> bytes:
        return self._encode("JPEG", quality=quality, optimize=True, progressive=True)

    def _encode(self, kind: str, **options) -> bytes:
        buffer = io.BytesIO()
        self.image.reduce(SCALE).save(buffer, kind, **options)
        return buffer.getvalue()
