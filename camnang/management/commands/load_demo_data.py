"""Fill the directory with fictional demo shops, producers, products and listings.

Every row gets a fixed slug ending in "-demo" and is looked up by it, so running the
command again updates the same rows instead of adding new ones. All choices come from
one seeded random generator and the photos are drawn with Pillow: no network needed.
"""

import functools
import io
import math
import random
import time
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from camnang import demo_data as data
from camnang.models import Status
from camnang.text import fold
from producers.models import Listing, Platform, Producer, Product
from shops.models import Category, District, Shop

# At least one published producer here sells on voso.vn (the acceptance walk-through uses it).
VOSO_SHOWCASE_DISTRICT = "ha-trung"
# How much bigger than a household each kind of producer is (hectares, herds, boats, hives).
PRODUCER_SCALE = {"household": 1, "coop_group": 2, "small_business": 3, "cooperative": 6}
# Shops of these kinds are named after their commune.
PER_COMMUNE_KINDS = {"vnpost", "viettelpost", "coop_store"}
PLATFORM_URLS = {
    "postmart": ("https://postmart.vn/shop/{slug}", "https://postmart.vn/san-pham/{slug}"),
    "voso": ("https://voso.vn/cua-hang/{slug}", "https://voso.vn/san-pham/{slug}"),
}


class Command(BaseCommand):
    help = "Load fictional demo shops, producers, products and platform listings (idempotent)."

    def handle(self, *args, **options):
        started = time.monotonic()
        if not District.objects.exists():
            call_command("load_districts", stdout=self.stdout)
        with transaction.atomic():
            counts = DemoLoader().run()
        self.stdout.write(
            "Demo data: {shops} shops, {producers} producers, {products} products, {listings} listings "
            "(postmart {postmart}, voso {voso}); {photos} photos drawn in {seconds:.1f} s.".format(
                seconds=time.monotonic() - started, **counts
            )
        )


# --- Planning: plain dicts, fixed by the seed, the district list and today's date --


class Slugs:
    """Readable slugs with a "-demo" suffix, unique within one model."""

    def __init__(self):
        self.used = set()

    def __call__(self, name: str) -> str:
        base = slugify(fold(name))[:90].strip("-")
        slug, n = f"{base}-demo", 2
        while slug in self.used:
            slug, n = f"{base}-{n}-demo", n + 1
        self.used.add(slug)
        return slug


def place_of(commune: str) -> str:
    """'Xã Hà Vinh' -> 'Hà Vinh'."""
    for prefix in ("Thị trấn ", "Phường ", "Xã "):
        if commune.startswith(prefix):
            return commune.removeprefix(prefix)
    return commune


def lower_first(name: str) -> str:
    """'Xã Hà Vinh' -> 'xã Hà Vinh', for use inside a sentence."""
    return name[:1].lower() + name[1:]


class Planner:
    """Decides every demo row as plain data; draws only from its own seeded generator."""

    def __init__(self, rng: random.Random, today):
        self.rng = rng
        self.today = today
        self.phones = set()
        self.shop_slugs, self.producer_slugs, self.product_slugs = Slugs(), Slugs(), Slugs()
        self.shop_names = set()
        self.commune_kinds = set()

    # Small random helpers

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, options):
        return self.rng.choice(options)

    def phone(self) -> str:
        """A fictional number in the unassigned 030 range, e.g. '030 412 5678'."""
        while True:
            number = f"030 {self.rng.randint(100, 999)} {self.rng.randint(0, 9999):04d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def verified_on(self, p: float):
        return self.today - timedelta(days=self.rng.randint(3, 360)) if self.chance(p) else None

    def status(self, p_published: float, force: bool = False) -> str:
        return Status.PUBLISHED if force or self.chance(p_published) else Status.DRAFT

    def person(self, highland: bool = False) -> tuple[str, bool]:
        """A full name and whether it is a woman's."""
        family = self.pick(data.HIGHLAND_FAMILY_NAMES if highland else data.FAMILY_NAMES)
        female = self.chance(0.5)
        if female:
            return f"{family} {self.pick(data.FEMALE_MIDDLE)} {self.pick(data.FEMALE_GIVEN)}", True
        return f"{family} {self.pick(data.MALE_MIDDLE)} {self.pick(data.MALE_GIVEN)}", False

    def brand(self) -> str:
        """A couple's names ('Tuấn Hương'), a woman's ('Thu Hằng') or a trade name."""
        roll = self.rng.random()
        if roll < 0.4:
            return f"{self.pick(data.MALE_GIVEN)} {self.pick(data.FEMALE_GIVEN)}"
        if roll < 0.65:
            middle = self.pick([m for m in data.FEMALE_MIDDLE if m != "Thị"])
            return f"{middle} {self.pick(data.FEMALE_GIVEN)}"
        return self.pick(data.TRADE_NAMES)

    def address(self, district_slug: str, commune: str) -> str:
        number = self.rng.randint(2, 320)
        if commune.startswith("Phường"):
            return f"Số {number} đường {self.pick(data.STREETS)}"
        if commune.startswith("Thị trấn"):
            street = f"Số {number // 3 + 1} đường {self.pick(data.STREETS)}"
            return self.pick((street, f"Tiểu khu {self.rng.randint(1, 9)}"))
        if district_slug in data.HIGHLAND_DISTRICTS:
            return f"Bản {self.pick(data.HIGHLAND_VILLAGES)}"
        return self.pick((f"Thôn {self.rng.randint(1, 12)}", f"Thôn {self.pick(data.VILLAGES)}"))

    # Shops

    def shops(self, districts) -> list[dict]:
        plans = []
        for district in districts:
            if district.slug == data.PROVINCIAL_CITY:
                count = data.SHOPS_IN_PROVINCIAL_CITY
            else:
                count = data.SHOPS_PER_DISTRICT[district.kind] + self.rng.randint(-1, 2)
            weights = data.SHOP_KIND_WEIGHTS[district.kind]
            kinds = list(data.SHOP_KINDS_FIRST)
            kinds += self.rng.choices(list(weights), weights=list(weights.values()), k=count - len(kinds))
            plans += [self.shop(district, kind, force_published=i < 3) for i, kind in enumerate(kinds)]
        return plans

    def shop_name(self, kind: str, commune: str) -> tuple[str, data.ShopTemplate]:
        for _attempt in range(20):
            template = self.pick(data.SHOP_TEMPLATES[kind])
            pattern = template.pattern
            if kind == "vnpost" and commune.startswith("Xã") and self.chance(0.6):
                pattern = data.VILLAGE_POST_OFFICE
            name = pattern.format(
                brand=self.brand(),
                pharmacy=self.pick(data.PHARMACY_NAMES),
                given=self.pick(data.FEMALE_GIVEN + data.MALE_GIVEN[:6]),
                place=place_of(commune),
                commune=lower_first(commune),
            )
            if name not in self.shop_names:
                break
        self.shop_names.add(name)
        return name, template

    def shop_commune(self, district, kind: str) -> str:
        """A commune; post points and co-op stores, named after theirs, get one each where possible."""
        communes = data.DISTRICT_COMMUNES.get(district.slug, data.FALLBACK_COMMUNES)
        if kind in PER_COMMUNE_KINDS:
            free = [c for c in communes if (district.slug, kind, c) not in self.commune_kinds]
            communes = free or communes
        commune = self.pick(communes)
        self.commune_kinds.add((district.slug, kind, commune))
        return commune

    def shop(self, district, kind: str, force_published: bool) -> dict:
        commune = self.shop_commune(district, kind)
        name, template = self.shop_name(kind, commune)
        slug = self.shop_slugs(name)
        extra = list(template.extra_categories)
        self.rng.shuffle(extra)
        categories = (
            list(template.categories) + extra[: self.rng.randint(0, max(0, 3 - len(template.categories)))]
        )
        address = self.address(district.slug, commune)
        if kind == "market":
            address = f"Ki-ốt số {self.rng.randint(1, 60)}, chợ {place_of(commune)}"
        phone = self.phone()
        zalo = phone if self.chance(0.6) else ""
        web_chance = {"supermarket": 0.4, "convenience": 0.3, "pharmacy": 0.25}.get(kind, 0.05)
        website = f"https://{slug.removesuffix('-demo')}.example.com/" if self.chance(web_chance) else ""
        facebook = f"https://facebook.com/{slug}" if self.chance(0.35) else ""
        home_delivery = self.chance(data.HOME_DELIVERY_CHANCE[kind])
        pickup = self.chance(0.4) or not home_delivery
        delivery_area = ""
        if home_delivery:
            delivery_area = self.pick(data.DELIVERY_AREAS).format(
                commune=lower_first(commune), district=lower_first(district.name)
            )
        notes = data.DEMO_NOTE
        if self.chance(0.5):
            notes += " " + self.pick(data.SHOP_NOTE_EXTRAS)
        fields = {
            "name": name,
            "kind": kind,
            "district": district,
            "commune": commune,
            "address": address,
            "phone": phone,
            "zalo": zalo,
            "website": website,
            "facebook": facebook,
            "order_by_phone": self.chance(0.95),
            "order_by_zalo": bool(zalo) and self.chance(0.9),
            "order_by_website": bool(website),
            "order_by_platform": kind in {"vnpost", "viettelpost"} or self.chance(0.1),
            "home_delivery": home_delivery,
            "pickup": pickup,
            "delivery_area": delivery_area,
            "opening_hours": self.pick(data.OPENING_HOURS[kind]),
            "notes": notes,
            "status": self.status(0.95, force_published),
            "verified_on": self.verified_on(0.9),
        }
        return {"slug": slug, "fields": fields, "categories": categories}

    # Producers, products, listings

    def producers(self, districts) -> list[dict]:
        plans = []
        for district in districts:
            themes = data.DISTRICT_THEMES.get(district.slug, data.FALLBACK_THEMES)
            count = data.PRODUCERS_PER_DISTRICT + (district.slug in data.BUSY_FARM_DISTRICTS)
            for i in range(count):
                showcase = i == 0 and district.slug == VOSO_SHOWCASE_DISTRICT
                plans.append(
                    self.producer(district, themes[i % len(themes)], first=i == 0, showcase=showcase)
                )
        return plans

    def producer_name(self, kind: str, theme: data.Theme, place: str, person: str, brand: str) -> str:
        pattern = {
            "cooperative": lambda: self.pick(theme.cooperative),
            "coop_group": lambda: theme.coop_group,
            "household": lambda: theme.household,
            "small_business": lambda: self.pick(theme.business),
        }[kind]()
        return pattern.format(place=place, person=person, brand=brand)

    def producer(self, district, theme_key: str, first: bool, showcase: bool) -> dict:
        theme = data.THEMES[theme_key]
        weights = data.PRODUCER_KIND_WEIGHTS
        kind = self.rng.choices(list(weights), weights=list(weights.values()))[0]
        commune = self.pick(data.DISTRICT_COMMUNES.get(district.slug, data.FALLBACK_COMMUNES))
        place = place_of(commune)
        person, female = self.person(highland=district.slug in data.HIGHLAND_DISTRICTS)
        brand = self.pick(data.TRADE_NAMES)
        name = self.producer_name(kind, theme, place, person, brand)
        slug = self.producer_slugs(name)
        address = self.address(district.slug, commune)
        phone = self.phone()
        fields = {
            "name": name,
            "kind": kind,
            "representative": person,
            "district": district,
            "commune": commune,
            "address": address,
            "phone": phone,
            "zalo": phone if self.chance(0.75) else "",
            "description": self.producer_description(kind, theme, person, female, address, commune, district),
            "photo_alt": theme.photo_alt,
            "status": self.status(0.95, force=first),
            "verified_on": self.verified_on(0.9),
        }
        label = brand if kind == "small_business" else place
        products = self.products(district, theme, kind, label, place, force_first=first)
        return {
            "slug": slug,
            "fields": fields,
            "scene": theme.scene,
            "products": products,
            "listings": self.listings(slug, products, showcase),
        }

    def producer_description(self, kind, theme, person, female, address, commune, district) -> str:
        intro = data.PRODUCER_INTROS[kind].format(
            honorific="bà" if female else "ông",
            person=person,
            address=lower_first(address),
            commune=lower_first(commune),
            district=lower_first(district.name),
            members=self.rng.randint(20, 120),
            households=self.rng.randint(8, 25),
            year=self.rng.randint(2008, 2020),
        )
        scale = PRODUCER_SCALE[kind]
        blurb = self.pick(theme.blurbs).format(
            area=self.rng.randint(1, 4) * scale,
            herd=self.rng.randrange(100, 400, 50) * scale,
            boats=self.rng.randint(1, 3) * scale,
            hives=self.rng.randrange(30, 100, 10) * scale,
        )
        return f"{intro} {blurb} {self.pick(data.PRODUCER_SALES)} {data.DEMO_NOTE}"

    def products(self, district, theme, producer_kind, label, place, force_first) -> list[dict]:
        eligible = [
            key
            for key in theme.products
            if not data.PRODUCTS[key].districts or district.slug in data.PRODUCTS[key].districts
        ]
        # District specialities come first; the rest are shuffled in after them.
        special = [key for key in eligible if data.PRODUCTS[key].districts]
        common = [key for key in eligible if not data.PRODUCTS[key].districts]
        self.rng.shuffle(special)
        self.rng.shuffle(common)
        count = min(len(eligible), self.pick((2, 3, 3, 4)))
        rated_chance = 0.5 if producer_kind in {"cooperative", "small_business"} else 0.25
        return [
            self.product(data.PRODUCTS[key], label, place, rated_chance, force=force_first and i == 0)
            for i, key in enumerate((special + common)[:count])
        ]

    def product(
        self, spec: data.ProductSpec, label: str, place: str, rated_chance: float, force: bool
    ) -> dict:
        name = spec.name.format(place=place, brand=label)
        description = spec.description
        if self.chance(0.5):
            description += " " + self.pick(data.PRODUCT_EXTRAS)
        fields = {
            "name": name,
            "category_slug": spec.category,
            "description": description,
            "photo_alt": spec.alt,
            "ocop_stars": self.ocop(rated_chance),
            "harvest_months": list(spec.months),
            "unit": spec.unit,
            "price": self.price(spec.price) if self.chance(0.85) else None,
            "status": self.status(0.92, force),
            "verified_on": self.verified_on(0.8),
        }
        return {"slug": self.product_slugs(name), "fields": fields, "spec": spec}

    def ocop(self, rated_chance: float) -> int:
        if not self.chance(rated_chance):
            return 0
        roll = self.rng.random()
        return 3 if roll < 0.8 else 4 if roll < 0.95 else 5

    def price(self, bounds: tuple[int, int]) -> int:
        low, high = bounds
        step = 1000 if high <= 100_000 else 5000
        return round(self.rng.randint(low, high) / step) * step

    def listings(self, producer_slug: str, products: list[dict], showcase: bool) -> list[dict]:
        platforms = [slug for slug, p in (("postmart", 0.65), ("voso", 0.5)) if self.chance(p)]
        if not platforms and self.chance(0.5):
            platforms = [self.pick(("postmart", "voso"))]
        if showcase and "voso" not in platforms:
            platforms.append("voso")
        plans = []
        for platform in platforms:
            shop_url, product_url = PLATFORM_URLS[platform]
            active = (showcase and platform == "voso") or self.chance(0.95)
            plans.append({"platform": platform, "url": shop_url.format(slug=producer_slug), "active": active})
            for product in products:
                if self.chance(0.2):
                    url = product_url.format(slug=product["slug"])
                    plans.append(
                        {"platform": platform, "url": url, "active": True, "product": product["slug"]}
                    )
        return plans


# --- Writing ---------------------------------------------------------------------


class DemoLoader:
    """Writes the planned rows, looking each one up by its slug."""

    def __init__(self):
        self.photos = 0

    def run(self) -> dict:
        districts = list(District.objects.order_by("code"))
        categories = {c.slug: c for c in Category.objects.all()}
        platforms = {p.slug: p for p in Platform.objects.filter(slug__in=PLATFORM_URLS)}
        if set(platforms) != set(PLATFORM_URLS):
            raise CommandError("Platforms postmart and voso are missing: run `manage.py migrate` first.")
        planner = Planner(random.Random(data.SEED), timezone.localdate())
        shop_plans = planner.shops(districts)
        producer_plans = planner.producers(districts)

        for plan in shop_plans:
            shop = self.save(Shop, plan["slug"], plan["fields"])
            shop.categories.set([categories[slug] for slug in plan["categories"] if slug in categories])

        listing_counts = dict.fromkeys(PLATFORM_URLS, 0)
        product_count = 0
        for plan in producer_plans:
            producer = self.save(Producer, plan["slug"], plan["fields"], photo=scene_photo(plan["scene"]))
            products = {}
            for item in plan["products"]:
                fields = dict(item["fields"])
                fields["category"] = categories.get(fields.pop("category_slug"))
                fields["producer"] = producer
                products[item["slug"]] = self.save(
                    Product, item["slug"], fields, photo=product_photo(item["spec"])
                )
            product_count += len(products)
            for listing in plan["listings"]:
                Listing.objects.update_or_create(
                    platform=platforms[listing["platform"]],
                    url=listing["url"],
                    defaults={
                        "producer": producer,
                        "product": products.get(listing.get("product")),
                        "is_active": listing["active"],
                    },
                )
                listing_counts[listing["platform"]] += 1

        return {
            "shops": len(shop_plans),
            "producers": len(producer_plans),
            "products": product_count,
            "listings": sum(listing_counts.values()),
            **listing_counts,
            "photos": self.photos,
        }

    def save(self, model, slug: str, fields: dict, photo=None):
        """Create or update the row with this slug; draw its photo only when it has none."""
        obj = model.objects.filter(slug=slug).first() or model(slug=slug)
        for name, value in fields.items():
            setattr(obj, name, value)
        if photo is not None and not (obj.photo and obj.photo.storage.exists(obj.photo.name)):
            obj.photo.save(f"{slug}.jpg", ContentFile(photo(random.Random(f"photo:{slug}"))), save=False)
            self.photos += 1
        obj.save()
        return obj


# --- Placeholder photos ------------------------------------------------------------

WIDTH, HEIGHT, SUPERSAMPLE = 640, 480, 2
Colour = tuple[int, int, int]


def mix(a: Colour, b: Colour, t: float) -> Colour:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def shade(colour: Colour, factor: float) -> Colour:
    return tuple(max(0, min(255, round(c * factor))) for c in colour)


def jitter(rng: random.Random, colour: Colour, amount: int = 14) -> Colour:
    """The colour made a little lighter or darker, with a faint change of tint."""
    shift = rng.randint(-amount, amount)
    tint = amount // 4
    return tuple(max(0, min(255, c + shift + rng.randint(-tint, tint))) for c in colour)


@functools.cache
def gradient_mask() -> Image.Image:
    """Black at the top to white at the bottom, at drawing size."""
    return Image.linear_gradient("L").resize((WIDTH * SUPERSAMPLE, HEIGHT * SUPERSAMPLE))


class Canvas:
    """A 640 x 480 drawing surface, drawn at twice the size and scaled down to smooth edges."""

    def __init__(self, top: Colour, bottom: Colour):
        mask = gradient_mask()
        self.image = Image.composite(
            Image.new("RGB", mask.size, bottom), Image.new("RGB", mask.size, top), mask
        )
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def _scale(values):
        return [v * SUPERSAMPLE for v in values]

    def ellipse(self, cx, cy, rx, ry, fill, outline=None, width=1):
        box = self._scale((cx - rx, cy - ry, cx + rx, cy + ry))
        self.draw.ellipse(box, fill=fill, outline=outline, width=width * SUPERSAMPLE)

    def rect(self, x0, y0, x1, y1, fill, radius=0):
        self.draw.rounded_rectangle(self._scale((x0, y0, x1, y1)), radius=radius * SUPERSAMPLE, fill=fill)

    def chord(self, cx, cy, rx, ry, start, end, fill):
        self.draw.chord(self._scale((cx - rx, cy - ry, cx + rx, cy + ry)), start, end, fill=fill)

    def polygon(self, points, fill):
        self.draw.polygon([(x * SUPERSAMPLE, y * SUPERSAMPLE) for x, y in points], fill=fill)

    def line(self, points, fill, width):
        self.draw.line(
            [(x * SUPERSAMPLE, y * SUPERSAMPLE) for x, y in points], fill=fill, width=width * SUPERSAMPLE
        )

    def oval(self, cx, cy, rx, ry, angle, fill):
        """An ellipse turned by `angle` degrees."""
        a = math.radians(angle)
        points = []
        for i in range(20):
            t = 2 * math.pi * i / 20
            x, y = rx * math.cos(t), ry * math.sin(t)
            points.append((cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)))
        self.polygon(points, fill)

    def jpeg(self) -> bytes:
        image = self.image.reduce(SUPERSAMPLE)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=80, optimize=True, progressive=True)
        return buffer.getvalue()


# Products: a tinted background, a table top and the product in the middle.


def product_photo(spec: data.ProductSpec):
    def render(rng: random.Random) -> bytes:
        background = data.CATEGORY_COLOURS.get(spec.category, data.DEFAULT_COLOUR)
        canvas = Canvas(mix(background, (255, 255, 255), 0.5), background)
        table = jitter(rng, (196, 160, 120), 10)
        canvas.rect(0, 350, WIDTH, HEIGHT, fill=table)
        canvas.rect(0, 350, WIDTH, 356, fill=shade(table, 0.85))
        PRODUCT_SHAPES[spec.shape](canvas, rng, spec.colour)
        return canvas.jpeg()

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
            canvas = Canvas((236, 222, 196), (206, 186, 156))
        else:
            canvas = Canvas(SKY_TOP, SKY_BOTTOM)
            canvas.ellipse(rng.uniform(80, 560), rng.uniform(50, 90), 30, 30, fill=(255, 236, 170))
        SCENES[scene](canvas, rng)
        return canvas.jpeg()

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
