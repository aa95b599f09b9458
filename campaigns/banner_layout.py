"""The words of a banner, laid out anew for every size with the shipped font.

A banner with words (Banner.add_words) is drawn in each size as its master picture
beside the campaign's name, a call to action and the two platforms' names. Nothing is
scaled from one size to another, so the small sizes stay readable: each size measures
its words with the real font (DejaVu Sans, core/fonts) and takes the largest type at
which they fit inside its margins, wrapping lines evenly. Where there is no room, the
platforms' line goes first, then the part of the name after its dash. Nothing ever
overflows: as a last resort the name is cut short with "…".

The words are Vietnamese whatever the language of the page that asked for the file:
one image serves every partner and is stored once, like the campaign's name it shows.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from PIL import Image

from campaigns import reference_data
from core import drawing
from core.drawing import SCALE, Canvas, Colour, mix

ACTION = "Xem cẩm nang"
PLATFORMS = "postmart.vn · voso.vn"
# What a banner says when it has no name of its own to show.
HANDBOOK_NAME = next(c["name"] for c in reference_data.CAMPAIGNS if c["slug"] == reference_data.HANDBOOK)
ELLIPSIS = "…"
# The tallest and deepest Vietnamese letters: every line is given their room.
TALLEST = "ẨỖỸgjpqyỵ"
DASH = re.compile(r"\s+[–—-]\s+")
WHITE = (255, 255, 255)
INK = (20, 28, 24)
# Type sizes in pixels: the largest the name is tried at, and the margin around the words.
LARGEST = 72
MARGIN = 0.06  # of the banner's shorter side
# Each line of the name past two counts as this much smaller type (see _merit).
LINE_COST = 0.2
SMALLEST_NAME = 0.05  # of the banner's shorter side, and never under NAME.floor
# A wrapped name is balanced over its lines when it has at most this many words.
BALANCE_WORDS = 12


@dataclass(frozen=True)
class Role:
    """How one kind of line is set: weight, size relative to the name's, smallest size, lines."""

    bold: bool
    scale: float
    floor: int
    lines: int

    def size(self, name_size: int) -> int:
        return max(self.floor, round(name_size * self.scale))


NAME = Role(bold=True, scale=1.0, floor=12, lines=0)  # as many lines as its box allows: name_lines()
SUBLINE = Role(bold=False, scale=0.62, floor=10, lines=2)
BUTTON = Role(bold=True, scale=0.58, floor=11, lines=1)
PLATFORM_LINE = Role(bold=False, scale=0.5, floor=10, lines=2)
# What to keep, most first, with the smallest name size worth keeping it for.
CHOICES = ((("subline", "platforms"), 15), (("subline",), 13), ((), NAME.floor))


@functools.lru_cache(maxsize=256)
def drawable(text: str) -> str:
    """The text in NFC on one line, without characters the fonts lack (they would show as boxes)."""
    text = " ".join(drawing.nfc(text).split())
    missing = set(drawing.missing_glyphs(drawing.font(40, True), text))
    missing |= set(drawing.missing_glyphs(drawing.font(40, False), text))
    return " ".join("".join(ch for ch in text if ch not in missing).split())


@dataclass(frozen=True)
class Words:
    name: str
    subline: str = ""
    action: str = ACTION
    platforms: str = PLATFORMS

    @classmethod
    def from_name(cls, name: str) -> Words:
        """The words for a campaign named `name`; the part after a dash is set smaller, below."""
        parts = DASH.split(drawable(name), maxsplit=1)
        if not parts[0]:
            parts = DASH.split(drawable(HANDBOOK_NAME), maxsplit=1)
        return cls(name=parts[0], subline=parts[1] if len(parts) > 1 else "")

    def strings(self) -> tuple[str, ...]:
        return (self.name, self.subline, self.action, self.platforms)


# --- Measuring --------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def ink_box(text: str, size: int, bold: bool) -> tuple[float, float, float, float]:
    """Where `text` puts ink, relative to the left end of its baseline, in final pixels."""
    left, top, right, bottom = drawing.font(size * SCALE, bold).getbbox(text, anchor="ls")
    return left / SCALE, top / SCALE, right / SCALE, bottom / SCALE


def text_width(text: str, size: int, bold: bool) -> float:
    left, _, right, _ = ink_box(text, size, bold)
    return right - left


@functools.cache
def line_room(size: int, bold: bool) -> tuple[float, float]:
    """How far a line's letters may reach above and below its baseline."""
    _, top, _, bottom = ink_box(TALLEST, size, bold)
    return -top, bottom


def line_height(size: int, bold: bool) -> float:
    above, below = line_room(size, bold)
    return above + below


# --- Wrapping ---------------------------------------------------------------------------


def _greedy(words: list[str], size: int, bold: bool, width: float) -> list[str]:
    """The words filling each line in turn; a word wider than `width` stands on a line of its own."""
    lines: list[str] = []
    for word in words:
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(joined, size, bold) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    return lines


def wrap(text: str, size: int, bold: bool, width: float, lines: int) -> list[str] | None:
    """`text` in the fewest lines no wider than `width`, balanced; None if it needs more than `lines`."""
    words = text.split()
    greedy = _greedy(words, size, bold, width)
    if len(greedy) > lines or any(text_width(line, size, bold) > width for line in greedy):
        return None
    if len(greedy) < 2 or len(words) > BALANCE_WORDS:
        return greedy
    # The same number of lines with the longest as short as possible: no lone last word.
    best = None
    for cuts in itertools.combinations(range(1, len(words)), len(greedy) - 1):
        bounds = (0, *cuts, len(words))
        candidate = [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
        longest = max(text_width(line, size, bold) for line in candidate)
        if longest <= width and (best is None or longest < best[0]):
            best = (longest, candidate)
    return best[1]


def cut(text: str, size: int, bold: bool, width: float, lines: int) -> list[str]:
    """`text` in at most `lines` lines no wider than `width`, cut short with "…" where it must be."""
    found = _greedy(text.split(), size, bold, width)
    shortened = len(found) > lines
    found = found[:lines]
    for i, line in enumerate(found):
        last = i == len(found) - 1
        if text_width(line, size, bold) <= width and not (last and shortened):
            continue
        while line and text_width(line + ELLIPSIS, size, bold) > width:
            line = line[:-1].rstrip()
        found[i] = line + ELLIPSIS
    return found


# --- Layout -----------------------------------------------------------------------------

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Line:
    """One line of text, drawn from the left end of its baseline (Pillow's anchor "ls")."""

    text: str
    size: int
    bold: bool
    x: float
    y: float
    colour: Colour

    @property
    def box(self) -> Box:
        left, top, right, bottom = ink_box(self.text, self.size, self.bold)
        return self.x + left, self.y + top, self.x + right, self.y + bottom


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    background: Colour
    picture: Box
    words_box: Box  # everything written stays inside it
    lines: tuple[Line, ...]
    button: Box
    button_colour: Colour


@dataclass(frozen=True)
class Palette:
    text: Colour  # also the button's colour
    quiet: Colour
    button_text: Colour


def luminance(colour: Colour) -> float:
    """Relative luminance (WCAG 2)."""
    channels = [c / 255 for c in colour]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Colour, b: Colour) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def palette(background: Colour) -> Palette:
    """White or near-black words, whichever stands out more; the button in the words' colour."""
    text = max((WHITE, INK), key=lambda colour: contrast(colour, background))
    return Palette(text=text, quiet=mix(text, background, 0.15), button_text=background)


def frame(width: int, height: int) -> tuple[Box, Box, str]:
    """The picture's box, the words' box and how the words align, for a banner of this size.

    Wide banners have the picture at the left, the words at its right; the others have
    the picture on top and the words centred below it.
    """
    margin = max(4, round(min(width, height) * MARGIN))
    if width / height >= 1.6:
        side = min(height, round(width * 0.45))
        return (0, 0, side, height), (side + margin, margin, width - margin, height - margin), "left"
    top = min(round(width * 1.25), round(height * 0.42))
    return (0, 0, width, top), (margin, top + margin, width - margin, height - margin), "centre"


@dataclass
class _Block:
    """Lines set alike (the name, the subline, the platforms), or the button with its label."""

    role: Role
    size: int
    lines: list[str]
    colour: Colour
    button: bool = False

    @property
    def padding(self) -> tuple[float, float]:
        return (self.size * 0.8, self.size * 0.35) if self.button else (0, 0)

    @property
    def height(self) -> float:
        return len(self.lines) * line_height(self.size, self.role.bold) + 2 * self.padding[1]

    @property
    def width(self) -> float:
        widest = max(text_width(line, self.size, self.role.bold) for line in self.lines)
        return widest + 2 * self.padding[0]


@dataclass
class _Stack:
    """The blocks set one under the other, and the button at the right end of a flat strip."""

    blocks: list[_Block]
    gap: float
    side_button: _Block | None

    @property
    def height(self) -> float:
        return sum(block.height for block in self.blocks) + self.gap * (len(self.blocks) - 1)


def name_lines(box: Box) -> int:
    """How many lines the name may take: more in a tall column or a large box."""
    x0, y0, x1, y1 = box
    if y1 - y0 >= 2 * (x1 - x0):
        return 6
    return 4 if y1 - y0 >= 300 else 3


def stack(words: Words, name_size: int, box: Box, keep, colours: Palette, shorten=False) -> _Stack | None:
    """The words set at this name size, keeping the optional lines in `keep`; None if they do not fit."""
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    gap = max(3.0, name_size * 0.3)
    button = _Block(BUTTON, BUTTON.size(name_size), [words.action], colours.button_text, button=True)
    # A strip too flat for a stack takes the button at its right end.
    side = width / height >= 4
    column = width - (button.width + 2 * gap if side else 0)
    if button.width > width or column <= 0 or button.height > height:
        return None
    blocks = []
    for kind, text, role, colour in (
        ("name", words.name, NAME, colours.text),
        ("subline", words.subline, SUBLINE, colours.text),
        ("button", words.action, BUTTON, colours.button_text),
        ("platforms", words.platforms, PLATFORM_LINE, colours.quiet),
    ):
        if kind == "button":
            if not side:
                blocks.append(button)
            continue
        if kind != "name" and (kind not in keep or not text):
            continue
        size = role.size(name_size)
        lines = wrap(text, size, role.bold, column, role.lines or name_lines(box))
        if lines is None and shorten and kind == "name":
            room = height - (0 if side else button.height + gap)
            lines = cut(text, size, role.bold, column, max(1, int(room // line_height(size, role.bold))))
        if not lines:
            return None
        blocks.append(_Block(role, size, lines, colour))
    found = _Stack(blocks, gap, button if side else None)
    if found.height > height:
        return None
    # Room to spare opens the gaps a little rather than leaving one empty band.
    found.gap += min((height - found.height) / (len(blocks) + 1), name_size * 0.6)
    return found


def place(found: _Stack, box: Box, align: str, top: float) -> tuple[list[Line], Box]:
    """The lines of the stack from `top` down, and the button's box."""
    x0, y0, x1, y1 = box
    lines, button = [], None
    for block in found.blocks:
        left = x0 if align == "left" else x0 + (x1 - x0 - block.width) / 2
        if block.button:
            button = (left, top, left + block.width, top + block.height)
        lines += _set(
            block, left + block.padding[0], top + block.padding[1], block.width - 2 * block.padding[0], align
        )
        top += block.height + found.gap
    if found.side_button is not None:
        block = found.side_button
        top = y0 + (y1 - y0 - block.height) / 2
        button = (x1 - block.width, top, x1, top + block.height)
        lines += _set(block, button[0] + block.padding[0], top + block.padding[1], 0, "left")
    return lines, button


def _set(block: _Block, left: float, top: float, width: float, align: str) -> list[Line]:
    above, _ = line_room(block.size, block.role.bold)
    placed = []
    for i, text in enumerate(block.lines):
        ink_left, _, ink_right, _ = ink_box(text, block.size, block.role.bold)
        start = left if align == "left" else left + (width - (ink_right - ink_left)) / 2
        baseline = top + above + i * line_height(block.size, block.role.bold)
        placed.append(Line(text, block.size, block.role.bold, start - ink_left, baseline, block.colour))
    return placed


def _merit(found: _Stack) -> float:
    """Large type, but not at the price of a name broken into many short lines."""
    name = found.blocks[0]
    return name.size / (1 + LINE_COST * max(0, len(name.lines) - 2))


def fit(words: Words, box: Box, colours: Palette, floor: int) -> _Stack:
    """The largest setting of the words that fits `box`, with as many optional lines as sensible.

    The name is never set smaller than `floor`: a name too long for the banner at that
    size is cut short rather than shrunk out of reading.
    """
    for keep, smallest in CHOICES:
        settings = (
            stack(words, size, box, keep, colours) for size in range(LARGEST, max(smallest, floor) - 1, -1)
        )
        settings = [found for found in settings if found]
        if settings:
            return max(settings, key=_merit)
    found = stack(words, floor, box, (), colours, shorten=True)
    if found is None:
        raise ValueError(f"No room for a banner's words in {box}.")
    return found


def layout(width: int, height: int, words: Words, background: Colour) -> Layout:
    """Where everything goes in a `width` x `height` banner."""
    picture, box, align = frame(width, height)
    colours = palette(background)
    found = fit(words, box, colours, max(NAME.floor, round(min(width, height) * SMALLEST_NAME)))
    _, y0, _, y1 = box
    spare = y1 - y0 - found.height
    if align == "left":
        top = y0 + spare / 2
    else:
        # Under the picture, the picture and the words move down together, centred as one.
        shift = spare / 2
        picture = (picture[0], picture[1] + shift, picture[2], picture[3] + shift)
        top = y0 + shift
    lines, button = place(found, box, align, top)
    return Layout(width, height, background, picture, box, tuple(lines), button, colours.text)


def render(picture: Image.Image, width: int, height: int, words: Words, background: Colour) -> Image.Image:
    """The banner in one size: `picture` covering its box, the words beside it."""
    plan = layout(width, height, words, background)
    canvas = Canvas(width, height, background)
    canvas.picture(picture, *plan.picture)
    x0, y0, x1, y1 = plan.button
    canvas.rect(x0, y0, x1, y1, fill=plan.button_colour, radius=(y1 - y0) / 4)
    for line in plan.lines:
        canvas.text(line.x, line.y, line.text, line.size, line.colour, anchor="ls", bold=line.bold)
    return canvas.final()
