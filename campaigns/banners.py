"""Banner sizes made from one master image, without distortion.

A banner with words (Banner.add_words) is drawn anew in each size, its master as the
picture beside words laid out for that size (campaigns.banner_layout). A banner
without is a design staff made whole, words included: writing over it would clash
with its own, so its sizes are only scaled from it, as follows.

Every output keeps the master's aspect ratio. When the target's ratio is close to the
master's (within COVER_TOLERANCE), the master is scaled to cover the target and the
small overflow is cropped evenly from both sides: nothing important is lost and the
banner fills its box. Otherwise the whole master is scaled to fit inside the target and
centred on a background colour (the banner's, or the colour of the master's edge), so
a wide leaderboard or a tall skyscraper never cuts the message off.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageStat

from campaigns.banner_layout import Words, render


@dataclass(frozen=True)
class BannerSize:
    width: int
    height: int
    name: str

    @property
    def key(self) -> str:
        return f"{self.width}x{self.height}"

    @property
    def filename(self) -> str:
        return f"{self.key}.png"


# The common IAB web sizes, a mobile banner and the Open Graph social-share image.
SIZES = (
    BannerSize(300, 250, _("Hình chữ nhật (300×250), hợp với cột bên")),
    BannerSize(728, 90, _("Dải ngang (728×90), đầu hoặc cuối trang")),
    BannerSize(160, 600, _("Dải dọc (160×600), cột bên")),
    BannerSize(320, 100, _("Dải ngang trên điện thoại (320×100)")),
    BannerSize(1200, 630, _("Ảnh chia sẻ mạng xã hội (1200×630)")),
)
SIZES_BY_KEY = {size.key: size for size in SIZES}
# Largest relative difference of aspect ratios that is still cropped rather than padded.
COVER_TOLERANCE = 0.12


@dataclass(frozen=True)
class Placement:
    """How the master goes into the target: scaled size, and its offset (negative = cropped)."""

    mode: str  # "cover" or "contain"
    width: int
    height: int
    left: int
    top: int


def place(master: tuple[int, int], target: tuple[int, int]) -> Placement:
    mw, mh = master
    tw, th = target
    master_ratio, target_ratio = mw / mh, tw / th
    cover = abs(master_ratio - target_ratio) / target_ratio <= COVER_TOLERANCE
    scale = max(tw / mw, th / mh) if cover else min(tw / mw, th / mh)
    width, height = max(1, round(mw * scale)), max(1, round(mh * scale))
    return Placement("cover" if cover else "contain", width, height, (tw - width) // 2, (th - height) // 2)


def edge_colour(image: Image.Image) -> tuple[int, int, int]:
    """The mean colour of the master's outermost pixels, used to pad seamlessly."""
    rgb = image.convert("RGB")
    w, h = rgb.size
    strips = [(0, 0, w, 1), (0, h - 1, w, h), (0, 0, 1, h), (w - 1, 0, w, h)]
    totals = [0.0, 0.0, 0.0]
    pixels = 0
    for box in strips:
        strip = rgb.crop(box)
        count = strip.size[0] * strip.size[1]
        for i, mean in enumerate(ImageStat.Stat(strip).mean):
            totals[i] += mean * count
        pixels += count
    return tuple(round(t / pixels) for t in totals)


def parse_colour(value: str) -> tuple[int, int, int] | None:
    value = (value or "").strip().lstrip("#")
    if len(value) != 6:
        return None
    try:
        return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return None


def render_size(
    master: Image.Image, size: BannerSize, background: tuple[int, int, int], words: Words | None = None
) -> Image.Image:
    """The banner in one size: with `words`, drawn beside the master; without, the master scaled."""
    master = ImageOps.exif_transpose(master).convert("RGBA")
    if words is not None:
        picture = Image.new("RGBA", master.size, (*background, 255))
        picture.alpha_composite(master)  # a transparent master shows the background, not black
        return render(picture, size.width, size.height, words, background)
    spot = place(master.size, (size.width, size.height))
    scaled = master.resize((spot.width, spot.height), Image.Resampling.LANCZOS)
    canvas = Image.new("RGBA", (size.width, size.height), (*background, 255))
    canvas.alpha_composite(
        scaled, (max(spot.left, 0), max(spot.top, 0)), (max(-spot.left, 0), max(-spot.top, 0))
    )
    return canvas.convert("RGB")


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def render_all(master_file, background_hex: str = "", words: Words | None = None) -> dict[str, bytes]:
    """PNG bytes of every size, keyed by "WIDTHxHEIGHT"."""
    with Image.open(master_file) as opened:
        opened.load()
        master = opened
    background = parse_colour(background_hex) or edge_colour(master)
    return {size.key: png_bytes(render_size(master, size, background, words)) for size in SIZES}


def zip_bytes(slug: str, images: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for key, data in images.items():
            # PNG is already compressed; storing keeps the zip fast to build.
            archive.writestr(f"{slug}-{key}.png", data)
    return buffer.getvalue()
