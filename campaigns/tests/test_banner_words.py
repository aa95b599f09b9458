"""Words on the banners, checked without reading them back: every size keeps its words
inside its margins, in a font that has every letter drawn, and the pixels are there."""

import io
import itertools
import unicodedata

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from campaigns import artwork, banners
from campaigns.banner_layout import ACTION, ELLIPSIS, HANDBOOK_NAME, Words, layout, render
from campaigns.banners import SIZES
from core import drawing

GREEN = (11, 93, 59)
PLAN_NAME = "Nâng tầm giá trị nông sản tỉnh Thanh Hóa qua nền tảng thương mại số"
LONG_NAME = " ".join(["Chiến dịch truyền thông về thương mại điện tử cho hộ sản xuất"] * 4)
NAMES = [HANDBOOK_NAME, PLAN_NAME, LONG_NAME, "Ưu đãi"]
BACKGROUNDS = [GREEN, (250, 246, 232)]
# Pixels every size keeps clear of words at its edges.
EDGE = 3
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
VOWELS = "aăâeêioôơuưy"
# Every Vietnamese letter: each vowel with each tone, and đ; small and capital.
ALPHABET = "".join(
    unicodedata.normalize("NFC", vowel + tone) for vowel, tone in itertools.product(VOWELS, TONES)
)
ALPHABET += "đbcdghklmnpqrstvx"
ALPHABET += ALPHABET.upper()


@pytest.fixture(scope="module")
def picture():
    with Image.open(io.BytesIO(artwork.handbook_picture())) as image:
        image.load()
        return image


def cases():
    for name, size, background in itertools.product(NAMES, SIZES, BACKGROUNDS):
        yield pytest.param(name, size, background, id=f"{size.key}-{name[:12]}-{background[0]}")


def outward(box, by=0):
    x0, y0, x1, y1 = box
    return (int(x0) - by, int(y0) - by, -int(-x1) + by, -int(-y1) + by)


def inside(inner, outer) -> bool:
    return inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def near(pixel, colour, other) -> bool:
    """Closer to `colour` than to `other`: a pixel mostly covered by a letter."""
    return sum((p - c) ** 2 for p, c in zip(pixel, colour, strict=True)) < sum(
        (p - o) ** 2 for p, o in zip(pixel, other, strict=True)
    )


# --- The coverage check -----------------------------------------------------------------


def test_the_shipped_fonts_have_every_vietnamese_letter():
    assert len(set(ALPHABET)) == 2 * (len(VOWELS) * len(TONES) + 17)
    for bold in (False, True):
        assert drawing.missing_glyphs(drawing.font(24, bold), ALPHABET) == []
        assert drawing.missing_glyphs(drawing.font(24, bold), "–·…“”") == []


def test_the_coverage_check_fails_pillows_default_fonts():
    # Honest only if it can fail: Pillow's own fonts lack the accented letters.
    bitmap = ImageFont.load_default_imagefont()
    assert "ẩ" in drawing.missing_glyphs(bitmap, "Cẩm nang")
    assert "ẩ" in drawing.missing_glyphs(ImageFont.load_default(size=24), "Cẩm nang")
    assert drawing.missing_glyphs(ImageFont.load_default(size=24), "Cam nang") == []
    # And it tells the missing-glyph box from a letter in the shipped font too.
    assert drawing.missing_glyphs(drawing.font(24), "Cẩm nang 中\U0010fffd") == ["中", "\U0010fffd"]


def test_words_come_from_the_name_in_one_form_without_letters_the_font_lacks():
    decomposed = unicodedata.normalize("NFD", "Cẩm nang  mua bán 中 – an toàn")
    words = Words.from_name(decomposed)
    assert words.name == "Cẩm nang mua bán" and unicodedata.is_normalized("NFC", words.name)
    assert words.subline == "an toàn"
    assert Words.from_name(PLAN_NAME) == Words(name=PLAN_NAME)
    assert Words.from_name("  ") == Words.from_name(HANDBOOK_NAME)
    assert Words.from_name(HANDBOOK_NAME).name == "Cẩm nang mua bán hàng online"
    assert Words.from_name(HANDBOOK_NAME).action == "Xem cẩm nang"


# --- Every size -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "size", "background"), cases())
def test_every_line_fits_inside_its_size_with_a_margin(name, size, background):
    plan = layout(size.width, size.height, Words.from_name(name), background)
    frame = (EDGE, EDGE, size.width - EDGE, size.height - EDGE)
    assert inside(plan.button, frame)
    boxes = [line.box for line in plan.lines]
    for line, box in zip(plan.lines, boxes, strict=True):
        assert inside(box, frame), (line.text, box)
        assert inside(box, plan.words_box), (line.text, box)
        assert not overlap(box, plan.picture), line.text
    for a, b in itertools.combinations(boxes, 2):
        assert not overlap(a, b), (a, b)
    # The button's label is inside the button; nothing else is.
    labels = [box for line, box in zip(plan.lines, boxes, strict=True) if line.text == ACTION]
    assert len(labels) == 1 and inside(labels[0], plan.button)
    assert all(not overlap(box, plan.button) for box in boxes if box not in labels)


@pytest.mark.parametrize(("name", "size", "background"), cases())
def test_no_letter_drawn_is_missing_from_the_font(name, size, background):
    plan = layout(size.width, size.height, Words.from_name(name), background)
    for line in plan.lines:
        assert drawing.missing_glyphs(drawing.font(line.size * drawing.SCALE, line.bold), line.text) == []


@pytest.mark.parametrize(("name", "size", "background"), cases())
def test_the_words_are_drawn_where_the_layout_puts_them_and_nowhere_else(picture, name, size, background):
    words = Words.from_name(name)
    plan = layout(size.width, size.height, words, background)
    image = render(picture, size.width, size.height, words, background)
    assert image.size == (size.width, size.height) and image.mode == "RGB"
    for line in plan.lines:
        behind = plan.background if not inside(line.box, plan.button) else plan.button_colour
        pixels = image.crop(outward(line.box)).getdata()
        inked = sum(near(pixel, line.colour, behind) for pixel in pixels)
        letters = sum(not ch.isspace() for ch in line.text)
        assert inked >= letters, (line.text, inked)
    # Outside the picture, the lines and the button, the banner is its plain background.
    allowed = Image.new("L", image.size, 0)
    pen = ImageDraw.Draw(allowed)
    for box in (plan.picture, plan.button, *(line.box for line in plan.lines)):
        pen.rectangle(outward(box, 1), fill=255)
    stray = ImageChops.difference(image, Image.new("RGB", image.size, background)).convert("L")
    stray = stray.point(lambda v: 255 if v > 8 else 0)
    assert ImageChops.subtract(stray, allowed).getbbox() is None


def test_what_each_size_keeps_of_the_handbook_name():
    words = Words.from_name(HANDBOOK_NAME)
    for size in SIZES:
        texts = [line.text for line in layout(size.width, size.height, words, GREEN).lines]
        assert words.action in texts
        # The name is whole in every size; the platforms' line goes first where room is short.
        assert " ".join(texts).startswith(words.name), (size.key, texts)
        if size.key in {"1200x630", "300x250", "160x600", "728x90"}:
            assert words.subline in " ".join(texts) and words.platforms in texts, (size.key, texts)


def test_a_name_too_long_for_a_size_is_cut_short_not_shrunk_away():
    plan = layout(300, 250, Words.from_name(LONG_NAME), GREEN)
    name_lines = [line for line in plan.lines if line.bold and line.text != ACTION]
    assert name_lines[-1].text.endswith(ELLIPSIS)
    assert min(line.size for line in name_lines) >= 12


def test_light_backgrounds_get_dark_words():
    dark = layout(300, 250, Words.from_name(HANDBOOK_NAME), (250, 246, 232)).lines[0].colour
    light = layout(300, 250, Words.from_name(HANDBOOK_NAME), GREEN).lines[0].colour
    assert sum(dark) < 100 and light == (255, 255, 255)


def test_render_size_with_words_draws_them_and_without_scales_the_master(picture):
    size = banners.SIZES_BY_KEY["728x90"]
    words = Words.from_name(HANDBOOK_NAME)
    with_words = banners.render_size(picture, size, GREEN, words)
    assert with_words.tobytes() == render(picture, 728, 90, words, GREEN).tobytes()
    scaled = banners.render_size(picture, size, GREEN)
    assert scaled.size == (728, 90) and scaled.tobytes() != with_words.tobytes()
