"""Placeholder photos for the demo directory, drawn with core.drawing: a product on a
table top, or the outdoor (or workshop) scene a producer works in."""

import math
import random

from core.drawing import Canvas, jitter, mix, shade
from demo import tables as data

WIDTH, HEIGHT = 640, 480
# Lighter than the banner artwork's: hundreds of these are drawn.
JPEG_QUALITY = 80


# Products: a tinted background, a table top and the product in the middle.


def product_photo(spec: data.ProductSpec):
    def render(rng: random.Random) -> bytes:
        background = data.CATEGORY_COLOURS.get(spec.category, data.DEFAULT_COLOUR)
        canvas = Canvas(WIDTH, HEIGHT, mix(background, (255, 255, 255), 0.5), background)
        table = jitter(rng, (196, 160, 120), 10)
        canvas.rect(0, 350, WIDTH, HEIGHT, fill=table)
        canvas.rect(0, 350, WIDTH, 356, fill=shade(table, 0.85))
        PRODUCT_SHAPES[spec.shape](canvas, rng, spec.colour)
        return canvas.jpeg(quality=JPEG_QUALITY)

    return render


def draw_grains(canvas, rng, colour):
    wood = (150, 96, 56)
    canvas.ellipse(320, 395, 200, 22, fill=shade(wood, 0.6))
    canvas.chord(320, 260, 185, 130, 0, 180, fill=wood)
    canvas.ellipse(320, 262, 185, 42, fill=shade(wood, 0.8))
    canvas.ellipse(320, 258, 170, 36, fill=shade(colour, 0.92))
    for _ in range(160):
        x, y = rng.gauss(320, 70), rng.gauss(252, 14)
        if (x - 320) ** 2 / 165**2 + (y - 256) ** 2 / 34**2 < 1:
            canvas.oval(x, y, 7, 4, rng.uniform(0, 180), fill=jitter(rng, colour, 18))
    for _ in range(24):
        canvas.oval(
            rng.uniform(90, 560), rng.uniform(405, 460), 7, 4, rng.uniform(0, 180), fill=jitter(rng, colour)
        )


def draw_fruit(canvas, rng, colour):
    count = rng.randint(3, 5)
    radius = 95 if count == 3 else 75
    spacing = 2 * radius * 0.85
    start = 320 - spacing * (count - 1) / 2
    for i in range(count):
        cx, cy = start + i * spacing + rng.uniform(-8, 8), 330 - (i % 2) * 30
        canvas.ellipse(cx + 10, cy + radius * 0.85, radius * 0.9, 16, fill=(150, 120, 90))
        fill = jitter(rng, colour, 12)
        canvas.ellipse(cx, cy, radius, radius * 0.94, fill=fill)
        canvas.ellipse(
            cx - radius * 0.35,
            cy - radius * 0.4,
            radius * 0.22,
            radius * 0.14,
            fill=mix(fill, (255, 255, 255), 0.45),
        )
    top_x = start + spacing * (count // 2)
    top_y = 330 - (count // 2 % 2) * 30 - radius
    canvas.line([(top_x, top_y + 6), (top_x + 6, top_y - 18)], fill=(90, 60, 30), width=5)
    canvas.oval(top_x + 34, top_y - 22, 34, 13, -25, fill=(60, 130, 50))


def draw_leaves(canvas, rng, colour):
    base_x, base_y = 320, 410
    for _ in range(14):
        angle = rng.uniform(-65, 65)
        length = rng.uniform(150, 230)
        a = math.radians(angle - 90)
        tip = (base_x + length * math.cos(a), base_y + length * math.sin(a))
        canvas.line([(base_x, base_y), tip], fill=shade(colour, 1.25), width=5)
        mid = (base_x + 0.62 * length * math.cos(a), base_y + 0.62 * length * math.sin(a))
        canvas.oval(
            mid[0], mid[1], length * 0.42, rng.uniform(26, 42), angle - 90, fill=jitter(rng, colour, 16)
        )
    canvas.rect(base_x - 30, base_y - 12, base_x + 30, base_y + 8, fill=(200, 170, 90), radius=4)


def draw_sticks(canvas, rng, colour):
    for i in range(8):
        top = 190 + i * 24
        x = 320 + rng.uniform(-18, 18)
        half = rng.uniform(185, 215)
        fill = jitter(rng, colour, 14)
        canvas.rect(x - half, top, x + half, top + 26, fill=fill, radius=12)
        canvas.ellipse(x + half - 6, top + 13, 7, 12, fill=mix(fill, (255, 255, 255), 0.3))
    for band_x in (230, 410):
        canvas.rect(band_x - 9, 182, band_x + 9, 392, fill=(214, 184, 110), radius=4)


def draw_bottle(canvas, rng, colour):
    count = rng.choice((1, 2))
    for i in range(count):
        x = 320 - 55 + (i - (count - 1) / 2) * 150
        fill = jitter(rng, colour, 10)
        canvas.ellipse(x + 55, 402, 72, 12, fill=(150, 120, 90))
        canvas.rect(x, 160, x + 110, 400, fill=fill, radius=24)
        canvas.rect(x + 35, 100, x + 75, 170, fill=fill, radius=8)
        canvas.rect(x + 30, 80, x + 80, 108, fill=(150, 40, 40), radius=6)
        canvas.rect(x + 12, 240, x + 98, 320, fill=(246, 238, 214), radius=6)
        canvas.rect(x + 18, 176, x + 28, 384, fill=mix(fill, (255, 255, 255), 0.35), radius=5)


def draw_jar(canvas, rng, colour):
    fill = jitter(rng, colour, 8)
    canvas.ellipse(330, 404, 130, 16, fill=(150, 120, 90))
    canvas.rect(220, 190, 420, 400, fill=fill, radius=34)
    canvas.rect(208, 160, 432, 200, fill=(120, 70, 40), radius=10)
    canvas.rect(250, 260, 390, 330, fill=(246, 238, 214), radius=6)
    canvas.rect(236, 210, 248, 380, fill=mix(fill, (255, 255, 255), 0.4), radius=6)
    canvas.ellipse(500, 392, 46, 14, fill=shade(fill, 0.95))


def draw_parcels(canvas, rng, colour):
    string = (226, 200, 140)
    for row in range(2):
        for col in range(4):
            x = 150 + col * 112 + row * 30 + rng.uniform(-6, 6)
            y = 230 + row * 82 + rng.uniform(-4, 4)
            fill = jitter(rng, colour, 14)
            canvas.rect(x - 48, y - 40, x + 48, y + 40, fill=shade(fill, 0.8), radius=10)
            canvas.rect(x - 42, y - 34, x + 42, y + 34, fill=fill, radius=8)
            canvas.line([(x, y - 40), (x, y + 40)], fill=string, width=3)
            canvas.line([(x - 48, y), (x + 48, y)], fill=string, width=3)


def draw_fish(canvas, rng, colour):
    canvas.rect(90, 230, 550, 420, fill=(210, 214, 218), radius=26)
    canvas.rect(104, 244, 536, 406, fill=(232, 236, 238), radius=20)
    for i in range(rng.randint(2, 3)):
        cx, cy = 310 + rng.uniform(-20, 20), 285 + i * 52
        fill = jitter(rng, colour, 12)
        canvas.polygon([(cx + 100, cy), (cx + 160, cy - 34), (cx + 160, cy + 34)], fill=shade(fill, 0.85))
        canvas.oval(cx, cy, 118, 32, rng.uniform(-4, 4), fill=fill)
        canvas.oval(cx, cy + 10, 95, 12, 0, fill=mix(fill, (255, 255, 255), 0.35))
        canvas.ellipse(cx - 84, cy - 8, 7, 7, fill=(250, 250, 250))
        canvas.ellipse(cx - 84, cy - 8, 3, 3, fill=(20, 20, 20))


def draw_eggs(canvas, rng, colour):
    tray = (206, 186, 146)
    canvas.rect(130, 215, 510, 415, fill=shade(tray, 0.85), radius=14)
    canvas.rect(140, 225, 500, 405, fill=tray, radius=12)
    for row in range(2):
        for col in range(5):
            cx, cy = 180 + col * 70, 270 + row * 90
            fill = jitter(rng, colour, 10)
            canvas.ellipse(cx, cy + 30, 30, 10, fill=shade(tray, 0.75))
            canvas.ellipse(cx, cy, 28, 36, fill=fill)
            canvas.ellipse(cx - 9, cy - 13, 7, 10, fill=mix(fill, (255, 255, 255), 0.5))


def draw_plate(canvas, rng, colour):
    canvas.ellipse(326, 338, 236, 96, fill=(170, 150, 130))
    canvas.ellipse(320, 330, 236, 96, fill=(248, 248, 246))
    canvas.ellipse(320, 330, 190, 72, fill=(236, 236, 232))
    for _ in range(rng.randint(4, 6)):
        cx, cy = rng.uniform(220, 420), rng.uniform(305, 350)
        fill = jitter(rng, colour, 14)
        canvas.oval(cx, cy, rng.uniform(46, 64), rng.uniform(22, 30), rng.uniform(-30, 30), fill=fill)
        canvas.oval(cx, cy - 8, 30, 5, rng.uniform(-20, 20), fill=mix(fill, (255, 240, 230), 0.5))
    canvas.oval(470, 300, 40, 12, -30, fill=(70, 140, 60))


def draw_cluster(canvas, rng, colour):
    stem = (110, 80, 50)
    canvas.line([(320, 120), (320, 200)], fill=stem, width=6)
    for _ in range(12):
        canvas.line([(320, 170), (rng.uniform(210, 430), rng.uniform(210, 360))], fill=stem, width=3)
    for _ in range(55):
        depth = rng.uniform(0, 1)
        cx = 320 + rng.uniform(-1, 1) * (40 + 110 * depth)
        cy = 200 + 170 * depth + rng.uniform(-12, 12)
        fill = jitter(rng, colour, 16)
        canvas.ellipse(cx, cy, 20, 20, fill=fill)
        canvas.ellipse(cx - 6, cy - 7, 5, 5, fill=mix(fill, (255, 255, 255), 0.4))


PRODUCT_SHAPES = {
    "grains": draw_grains,
    "fruit": draw_fruit,
    "leaves": draw_leaves,
    "sticks": draw_sticks,
    "bottle": draw_bottle,
    "jar": draw_jar,
    "parcels": draw_parcels,
    "fish": draw_fish,
    "eggs": draw_eggs,
    "plate": draw_plate,
    "cluster": draw_cluster,
}


# Producers: a simple outdoor (or workshop) scene.

SKY_TOP, SKY_BOTTOM = (120, 176, 228), (214, 232, 244)
HORIZON = 230


def scene_photo(scene: str):
    def render(rng: random.Random) -> bytes:
        if scene == "workshop":
            canvas = Canvas(WIDTH, HEIGHT, (236, 222, 196), (206, 186, 156))
        else:
            canvas = Canvas(WIDTH, HEIGHT, SKY_TOP, SKY_BOTTOM)
            canvas.ellipse(rng.uniform(80, 560), rng.uniform(50, 90), 30, 30, fill=(255, 236, 170))
        SCENES[scene](canvas, rng)
        return canvas.jpeg(quality=JPEG_QUALITY)

    return render


def ground(canvas, colour, top=HORIZON):
    canvas.rect(0, top, WIDTH, HEIGHT, fill=colour)


def tree_line(canvas, rng, y=HORIZON, colour=(60, 110, 60)):
    x = -10
    while x < WIDTH + 20:
        radius = rng.uniform(12, 22)
        canvas.ellipse(x, y - radius * 0.6, radius, radius, fill=jitter(rng, colour, 10))
        x += radius * 1.4


def furrows(canvas, rng, light, dark, count=11):
    """Field rows running towards a vanishing point above the horizon."""
    vanish_x, vanish_y = 320, HORIZON - 60
    t = (HEIGHT - HORIZON) / (HEIGHT - vanish_y)
    ground(canvas, light)
    stripe = 1600 / count
    for i in range(count):
        x0 = -480 + i * stripe
        x1 = x0 + stripe / 2
        top0, top1 = x0 + (vanish_x - x0) * t, x1 + (vanish_x - x1) * t
        canvas.polygon(
            [(top0, HORIZON), (top1, HORIZON), (x1, HEIGHT), (x0, HEIGHT)], fill=jitter(rng, dark, 8)
        )


def house(canvas, x, y, width, height, wall=(236, 220, 190), roof=(170, 70, 50)):
    canvas.rect(x, y - height, x + width, y, fill=wall)
    canvas.polygon(
        [(x - 14, y - height), (x + width / 2, y - height - 48), (x + width + 14, y - height)], fill=roof
    )
    canvas.rect(x + width / 2 - 14, y - 46, x + width / 2 + 14, y, fill=(120, 80, 50))


def scene_field(canvas, rng):
    tree_line(canvas, rng)
    furrows(canvas, rng, (222, 190, 70), (200, 160, 50))


def scene_rows(canvas, rng):
    tree_line(canvas, rng)
    furrows(canvas, rng, (140, 110, 70), (80, 150, 60), count=13)
    house(canvas, 470, HORIZON + 20, 110, 60, wall=(230, 236, 236), roof=(150, 160, 170))


def scene_orchard(canvas, rng):
    ground(canvas, (130, 180, 90))
    tree_line(canvas, rng)
    fruit = rng.choice(((240, 150, 30), (210, 200, 70), (230, 120, 40)))
    for row, (y, radius) in enumerate(((300, 52), (400, 72))):
        for i in range(4 - row):
            x = 90 + i * (460 / (3 - row)) + rng.uniform(-15, 15)
            canvas.rect(x - 9, y - 10, x + 9, y + radius * 0.9, fill=(110, 76, 46))
            canvas.ellipse(x, y - radius * 0.6, radius, radius * 0.9, fill=jitter(rng, (60, 120, 50), 12))
            for _ in range(7):
                canvas.ellipse(
                    x + rng.uniform(-0.7, 0.7) * radius,
                    y - radius * 0.6 + rng.uniform(-0.6, 0.6) * radius,
                    7,
                    7,
                    fill=fruit,
                )


def hill_layer(canvas, rng, base, amplitude, colour):
    phase, wave = rng.uniform(0, 6), rng.uniform(0.008, 0.016)
    points = [(x, base - amplitude * (1 + math.sin(x * wave + phase)) / 2) for x in range(0, WIDTH + 20, 20)]
    canvas.polygon([*points, (WIDTH, HEIGHT), (0, HEIGHT)], fill=colour)


def scene_hills(canvas, rng):
    hill_layer(canvas, rng, 220, 120, (120, 160, 130))
    hill_layer(canvas, rng, 300, 110, (80, 140, 80))
    hill_layer(canvas, rng, 390, 80, (60, 120, 55))
    x, y = rng.uniform(120, 400), 400
    for pole in range(5):
        canvas.rect(x + pole * 40, y - 40, x + pole * 40 + 8, y + 20, fill=(90, 60, 40))
    canvas.rect(x - 10, y - 100, x + 178, y - 40, fill=(170, 130, 90))
    canvas.polygon(
        [(x - 30, y - 100), (x + 20, y - 160), (x + 148, y - 160), (x + 198, y - 100)], fill=(110, 80, 50)
    )


def scene_sea(canvas, rng):
    ground(canvas, (60, 130, 180))
    for _ in range(14):
        y = rng.uniform(HORIZON + 15, 360)
        x = rng.uniform(0, 560)
        canvas.line([(x, y), (x + rng.uniform(40, 90), y)], fill=(150, 200, 230), width=3)
    ground(canvas, (226, 208, 160), top=370)
    for _ in range(2):
        x, y = rng.uniform(80, 460), rng.uniform(270, 330)
        canvas.polygon(
            [(x, y), (x + 150, y), (x + 125, y + 32), (x + 25, y + 32)],
            fill=rng.choice(((40, 70, 140), (170, 50, 40))),
        )
        canvas.rect(x + 55, y - 34, x + 100, y, fill=(236, 230, 214))
        canvas.line([(x + 40, y), (x + 40, y - 80)], fill=(90, 60, 40), width=3)
    for _ in range(3):
        canvas.ellipse(rng.uniform(60, 580), rng.uniform(400, 450), 34, 14, fill=(100, 70, 40))


def scene_pond(canvas, rng):
    ground(canvas, (120, 176, 90))
    tree_line(canvas, rng)
    canvas.ellipse(320, 360, 250, 80, fill=(70, 130, 160))
    for _ in range(6):
        canvas.ellipse(
            rng.uniform(160, 480),
            rng.uniform(330, 390),
            rng.uniform(14, 30),
            5,
            fill=None,
            outline=(150, 200, 220),
            width=2,
        )
    for x in (70, 90, 560, 585):
        canvas.line([(x, 420), (x + rng.uniform(-10, 10), 340)], fill=(70, 110, 40), width=4)
    house(canvas, 470, HORIZON + 40, 90, 50)


def scene_barn(canvas, rng):
    ground(canvas, (130, 182, 92))
    tree_line(canvas, rng)
    house(canvas, 80, HORIZON + 70, 200, 90, wall=(200, 160, 110), roof=(120, 70, 50))
    for y in (HORIZON + 80, HORIZON + 110):
        canvas.line([(300, y), (WIDTH, y)], fill=(150, 110, 70), width=4)
    for _ in range(9):
        x, y = rng.uniform(60, 580), rng.uniform(380, 450)
        body = rng.choice(((250, 248, 240), (170, 100, 50), (60, 50, 40)))
        canvas.ellipse(x, y, 20, 14, fill=body)
        canvas.ellipse(x + 16, y - 14, 8, 8, fill=body)
        canvas.ellipse(x + 17, y - 22, 3, 3, fill=(210, 40, 40))


def scene_beehives(canvas, rng):
    ground(canvas, (120, 176, 86))
    tree_line(canvas, rng)
    for _ in range(60):
        canvas.ellipse(
            rng.uniform(0, WIDTH),
            rng.uniform(HORIZON + 10, HEIGHT),
            3,
            3,
            fill=rng.choice(((250, 220, 60), (250, 250, 250))),
        )
    for row, (y, size) in enumerate(((320, 48), (420, 66))):
        for i in range(5 - row):
            x = 70 + i * (500 / (4 - row)) + rng.uniform(-10, 10)
            canvas.rect(x - size, y - size, x + size, y, fill=jitter(rng, (200, 150, 90), 10), radius=4)
            canvas.rect(x - size - 6, y - size - 10, x + size + 6, y - size + 2, fill=(120, 90, 60), radius=3)
            canvas.rect(x - 14, y - 12, x + 14, y - 6, fill=(60, 40, 30))


def scene_workshop(canvas, rng):
    canvas.rect(380, 50, 580, 190, fill=(180, 214, 236))
    canvas.line([(480, 50), (480, 190)], fill=(150, 110, 70), width=6)
    canvas.rect(0, 300, WIDTH, HEIGHT, fill=(150, 100, 60))
    for i in range(3):
        cx = 130 + i * 190
        canvas.ellipse(cx, 360, 85, 36, fill=(200, 170, 110))
        for j in range(5):
            x = cx - 50 + j * 25
            canvas.rect(
                x - 11,
                345 + (j % 2) * 8,
                x + 11,
                367 + (j % 2) * 8,
                fill=jitter(rng, (90, 150, 70), 14),
                radius=3,
            )


SCENES = {
    "field": scene_field,
    "rows": scene_rows,
    "orchard": scene_orchard,
    "hills": scene_hills,
    "sea": scene_sea,
    "pond": scene_pond,
    "barn": scene_barn,
    "beehives": scene_beehives,
    "workshop": scene_workshop,
}
