"""The fictional demo directory: shops, producers, products and platform listings.

Every row gets a fixed slug ending in "-demo" and is looked up by it, so loading again
updates the same rows instead of adding new ones. All choices come from one seeded
random generator (the Planner) and the photos are drawn with Pillow (demo.photos): no
network needed.
"""

import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.text import slugify

from core.models import Status
from core.text import fold
from demo import tables as data
from demo.photos import product_photo, scene_photo
from producers.models import Listing, Onboarding, Platform, Producer, Product, ProductPrice
from producers.services import move_onboarding
from shops.models import Category, Commune, District, Shop

# Every choice comes from this seed: the same rows each time.
SEED = 2021
# Ends each shop's notes and each producer's description.
DEMO_NOTE = "Dữ liệu minh họa, không phải cơ sở thật."
# At least one published producer here sells on voso.vn (the acceptance walk-through uses it).
VOSO_SHOWCASE_DISTRICT = "ha-trung"
# How much bigger than a household each kind of producer is (hectares, herds, boats, hives).
PRODUCER_SCALE = {"household": 1, "coop_group": 2, "small_business": 3, "cooperative": 6}
# Shops of these kinds are named after their commune.
PER_COMMUNE_KINDS = {"vnpost", "viettelpost", "coop_store"}
# Demo listings are on these platforms. They lead to the platform's own home page (the
# row's slug rides in the fragment, which keeps each address unique and never reaches
# the platform): no made-up shop or product address on a real site.
DEMO_PLATFORMS = ("postmart", "voso")


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
    """'Xã Hà Long' -> 'Hà Long'."""
    for prefix in ("Thị trấn ", "Phường ", "Xã ", "Đặc khu "):
        if commune.startswith(prefix):
            return commune.removeprefix(prefix)
    return commune


def lower_first(name: str) -> str:
    """'Xã Hà Vinh' -> 'xã Hà Vinh', for use inside a sentence."""
    return name[:1].lower() + name[1:]


class Planner:
    """Decides every demo row as plain data; draws only from its own seeded generator."""

    def __init__(self, rng: random.Random, today, communes: dict[str, tuple[str, ...]]):
        self.rng = rng
        self.today = today
        # Today's communes and wards of each former district (by its slug), by name.
        self.communes = communes
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
        """A fictional number, typed as people type them, e.g. '095 412 5678'.

        095 was S-Fone's mobile code, out of use since that network closed in 2012: the
        numbers read as valid Vietnamese mobile numbers, and libphonenumber's carrier data
        knows no network for them (demo/tests check it). 030, used before, is now listed
        as MobiFone's.
        """
        while True:
            number = f"095 {self.rng.randint(100, 999)} {self.rng.randint(0, 9999):04d}"
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
        communes = self.communes[district.slug]
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
        notes = DEMO_NOTE
        if self.chance(0.5):
            notes += " " + self.pick(data.SHOP_NOTE_EXTRAS)
        fields = {
            "name": name,
            "kind": kind,
            "district": district,
            "commune_name": commune,
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
        commune = self.pick(self.communes[district.slug])
        person, female = self.person(highland=district.slug in data.HIGHLAND_DISTRICTS)
        # Named after an invented trade name, never after the real commune it sits in, so no
        # demo producer or product reads as a real one of that place.
        brand = self.pick(data.TRADE_NAMES)
        name = self.producer_name(kind, theme, brand, person, brand)
        slug = self.producer_slugs(name)
        address = self.address(district.slug, commune)
        phone = self.phone()
        fields = {
            "name": name,
            "kind": kind,
            "representative": person,
            "district": district,
            "commune_name": commune,
            "address": address,
            "phone": phone,
            "zalo": phone if self.chance(0.75) else "",
            "description": self.producer_description(kind, theme, person, female, address, commune, district),
            "photo_alt": theme.photo_alt,
            "status": self.status(0.95, force=first),
            "verified_on": self.verified_on(0.9),
        }
        products = self.products(district, theme, kind, brand, force_first=first)
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
        return f"{intro} {blurb} {self.pick(data.PRODUCER_SALES)} {DEMO_NOTE}"

    def products(self, district, theme, producer_kind, brand, force_first) -> list[dict]:
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
            self.product(data.PRODUCTS[key], brand, rated_chance, force=force_first and i == 0)
            for i, key in enumerate((special + common)[:count])
        ]

    def product(self, spec: data.ProductSpec, brand: str, rated_chance: float, force: bool) -> dict:
        name = spec.name.format(place=brand, brand=brand)
        description = spec.description
        if self.chance(0.5):
            description += " " + self.pick(data.PRODUCT_EXTRAS)
        fields = {
            "name": name,
            "category_slug": spec.category,
            "description": description,
            "photo_alt": spec.alt,
            # OCOP ratings are awarded to real products: a demo product holds none. The
            # generator still makes the draws that once chose a rating, so that every later
            # choice (and the search benchmark's expected rows) stays as it was.
            "ocop_stars": self.no_rating(rated_chance),
            "harvest_months": list(spec.months),
            "unit": spec.unit,
            "price": self.price(spec.price) if self.chance(0.85) else None,
            "status": self.status(0.92, force),
            "verified_on": self.verified_on(0.8),
        }
        return {"slug": self.product_slugs(name), "fields": fields, "spec": spec}

    def no_rating(self, rated_chance: float) -> int:
        if self.chance(rated_chance):
            self.rng.random()
        return 0

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
            active = (showcase and platform == "voso") or self.chance(0.95)
            plans.append({"platform": platform, "anchor": producer_slug, "active": active})
            for product in products:
                if self.chance(0.2):
                    plans.append(
                        {
                            "platform": platform,
                            "anchor": product["slug"],
                            "active": True,
                            "product": product["slug"],
                        }
                    )
        return plans


# --- Writing ---------------------------------------------------------------------


def listing_url(platform: Platform, anchor: str) -> str:
    return f"{platform.home_url.rstrip('/')}/#{anchor}"


class DemoLoader:
    """Writes the planned rows, looking each one up by its slug."""

    def __init__(self):
        self.photos = 0

    def run(self) -> dict:
        districts = list(District.objects.order_by("code"))
        categories = {c.slug: c for c in Category.objects.all()}
        platforms = {p.slug: p for p in Platform.objects.filter(slug__in=DEMO_PLATFORMS)}
        if set(platforms) != set(DEMO_PLATFORMS):
            raise CommandError("Platforms postmart and voso are missing: run `manage.py migrate` first.")
        # Demo rows sit in real units of today, named as they are named now.
        units = {commune.name: commune for commune in Commune.objects.public().order_by("code")}
        communes = {
            district.slug: tuple(
                c.name for c in Commune.objects.public().in_district(district).order_by("code")
            )
            or (district.name,)
            for district in districts
        }
        planner = Planner(random.Random(SEED), timezone.localdate(), communes)
        shop_plans = planner.shops(districts)
        producer_plans = planner.producers(districts)
        price_plans = plan_prices(planner, producer_plans)
        onboarding_plans = plan_onboarding(planner, producer_plans)

        for plan in [*shop_plans, *producer_plans]:
            plan["fields"]["commune"] = units.get(plan["fields"]["commune_name"])
        for plan in shop_plans:
            shop = self.save(Shop, plan["slug"], plan["fields"])
            shop.categories.set([categories[slug] for slug in plan["categories"] if slug in categories])

        listing_counts = dict.fromkeys(DEMO_PLATFORMS, 0)
        listing_urls = []
        product_count = 0
        producers = {}
        for plan in producer_plans:
            producer = self.save(Producer, plan["slug"], plan["fields"], photo=scene_photo(plan["scene"]))
            producers[plan["slug"]] = producer
            products = {}
            for item in plan["products"]:
                fields = dict(item["fields"])
                fields["category"] = categories.get(fields.pop("category_slug"))
                fields["producer"] = producer
                products[item["slug"]] = self.save(
                    Product, item["slug"], fields, photo=product_photo(item["spec"])
                )
            product_count += len(products)
            save_prices(products, price_plans)
            for listing in plan["listings"]:
                platform = platforms[listing["platform"]]
                Listing.objects.update_or_create(
                    platform=platform,
                    url=listing_url(platform, listing["anchor"]),
                    defaults={
                        "is_demo": True,
                        "producer": producer,
                        "product": products.get(listing.get("product")),
                        "is_active": listing["active"],
                    },
                )
                listing_counts[listing["platform"]] += 1
                listing_urls.append(listing_url(platform, listing["anchor"]))
        listing_urls += save_onboarding(producers, onboarding_plans, platforms)
        # Demo listings an earlier version of the loader wrote (and no longer plans) go.
        Listing.objects.filter(is_demo=True).exclude(url__in=listing_urls).delete()

        # Search text quotes categories (saved after each shop) and products (after each
        # producer): rebuilt once for all the rows written here.
        Shop.objects.filter(slug__in=[plan["slug"] for plan in shop_plans]).reindex()
        Producer.objects.filter(slug__in=[plan["slug"] for plan in producer_plans]).reindex()

        return {
            "shops": len(shop_plans),
            "producers": len(producer_plans),
            "products": product_count,
            "listings": sum(listing_counts.values()),
            **listing_counts,
            "onboarding": len(onboarding_plans),
            "photos": self.photos,
        }

    def save(self, model, slug: str, fields: dict, photo=None):
        """Create or update the row with this slug; draw its photo only when it has none."""
        obj = model.objects.filter(slug=slug).first() or model(slug=slug)
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.is_demo = True
        if photo is not None and not (obj.photo and obj.photo.storage.exists(obj.photo.name)):
            obj.photo.save(f"{slug}.jpg", ContentFile(photo(random.Random(f"photo:{slug}"))), save=False)
            self.photos += 1
        obj.save()
        return obj


# --- Dated prices ----------------------------------------------------------------------
# Apart from the rest of the demo: planned after every other choice, so they take the
# seeded generator's draws last and change none of the others.

PRICE_SOURCE_WEIGHTS = {
    ProductPrice.Source.PRODUCER: 5,
    ProductPrice.Source.COMMUNE_FRAME: 3,
    ProductPrice.Source.MARKET_BULLETIN: 2,
}


def plan_prices(planner: Planner, producer_plans: list[dict]) -> dict[str, list[dict]]:
    """2 to 4 dated prices of each product planned with a price (its latest), by product slug.

    Each product's plan loses its single price. About one product in five was last
    priced more than 90 days ago, so pages show old prices too; the earlier prices go
    back a few weeks to a few months each. Notes say the documents are illustrations.
    """
    rng = planner.rng
    plans = {}
    for producer in producer_plans:
        for item in producer["products"]:
            latest = item["fields"].pop("price")
            if latest is None:
                continue
            days_ago = rng.randint(95, 200) if planner.chance(0.2) else rng.randint(2, 60)
            prices = []
            for i in range(rng.randint(2, 4)):
                source = rng.choices(list(PRICE_SOURCE_WEIGHTS), weights=list(PRICE_SOURCE_WEIGHTS.values()))[
                    0
                ]
                note = {
                    ProductPrice.Source.COMMUNE_FRAME: "Thông báo minh họa",
                    ProductPrice.Source.MARKET_BULLETIN: f"Bản tin minh họa số {rng.randint(1, 52)}",
                }.get(source, "")
                prices.append(
                    {
                        "price": latest if i == 0 else planner.price(item["spec"].price),
                        "observed_on": planner.today - timedelta(days=days_ago),
                        "source": source,
                        "source_note": note,
                    }
                )
                days_ago += rng.randint(20, 75)
            plans[item["slug"]] = prices
    return plans


def save_prices(products: dict[str, Product], plans: dict[str, list[dict]]) -> None:
    """Give these demo products exactly their planned prices (loading again replaces them)."""
    ProductPrice.objects.filter(product__in=products.values()).delete()
    ProductPrice.objects.bulk_create(
        ProductPrice(product=product, **price)
        for slug, product in products.items()
        for price in plans.get(slug, ())
    )


# --- Onboarding records ------------------------------------------------------------------
# Apart from the rest of the demo, like the prices: planned after every other choice
# (prices included), so they take the seeded generator's draws last and change none of
# the others. Some household producers get a record at each stage, with its history.

ONBOARDING_PATH = [
    Onboarding.Stage.PROPOSED,
    Onboarding.Stage.CONTACTED,
    Onboarding.Stage.TRAINED,
    Onboarding.Stage.SHOP_OPEN,
    Onboarding.Stage.FIRST_ORDER,
]
# How many households end at each stage (declined included).
ONBOARDING_PER_STAGE = 2
ONBOARDING_NOTES = {
    Onboarding.Stage.PROPOSED: "Có trong danh sách xã gửi doanh nghiệp bưu chính (minh họa).",
    Onboarding.Stage.CONTACTED: "Đã gọi điện hẹn lịch hướng dẫn (minh họa).",
    Onboarding.Stage.TRAINED: "Dự buổi tập huấn bán hàng trên sàn tại bưu cục (minh họa).",
    Onboarding.Stage.SHOP_OPEN: "Đã mở gian hàng, đăng sản phẩm đầu tiên (minh họa).",
    Onboarding.Stage.FIRST_ORDER: "Gian hàng nhận đơn hàng đầu tiên (minh họa).",
}
DECLINE_REASONS = (
    "Chưa có sản lượng ổn định để bán (minh họa).",
    "Hộ chưa có điện thoại thông minh (minh họa).",
)


def plan_onboarding(planner: Planner, producer_plans: list[dict]) -> list[dict]:
    """Onboarding records of some household producers: ONBOARDING_PER_STAGE at each stage,
    each with the steps that led there, a few days to weeks apart, ending recently."""
    rng = planner.rng
    households = [plan["slug"] for plan in producer_plans if plan["fields"]["kind"] == "household"]
    finals = [*ONBOARDING_PATH, Onboarding.Stage.DECLINED] * ONBOARDING_PER_STAGE
    plans = []
    for slug, final in zip(rng.sample(households, min(len(households), len(finals))), finals, strict=False):
        if final == Onboarding.Stage.DECLINED:
            path = [*ONBOARDING_PATH[: rng.randint(1, 3)], final]
        else:
            path = ONBOARDING_PATH[: ONBOARDING_PATH.index(final) + 1]
        day = planner.today - timedelta(days=rng.randint(1, 20))
        steps = []
        for stage in reversed(path):
            steps.insert(0, {"stage": stage, "day": day})
            day -= timedelta(days=rng.randint(4, 30))
        plans.append({"producer": slug, "platform": rng.choice(DEMO_PLATFORMS), "steps": steps})
    return plans


def save_onboarding(producers: dict[str, Producer], plans: list[dict], platforms: dict) -> list[str]:
    """Give these demo producers exactly their planned records (loading again replaces
    them), through the one service that moves records; returns the shop addresses used."""
    Onboarding.objects.filter(is_demo=True).delete()
    urls = []
    for plan in plans:
        platform = platforms[plan["platform"]]
        onboarding = Onboarding(producer=producers[plan["producer"]], platform=platform, is_demo=True)
        for step in plan["steps"]:
            stage = step["stage"]
            shop_url = ""
            if stage == Onboarding.Stage.SHOP_OPEN:
                shop_url = listing_url(platform, f"{plan['producer']}-gian-hang")
                Listing.objects.update_or_create(
                    platform=platform,
                    url=shop_url,
                    defaults={"is_demo": True, "producer": onboarding.producer, "product": None},
                )
                urls.append(shop_url)
            reason = DECLINE_REASONS[len(plan["steps"]) % 2] if stage == Onboarding.Stage.DECLINED else ""
            move_onboarding(
                onboarding,
                stage,
                user=None,
                day=step["day"],
                note=ONBOARDING_NOTES.get(stage, ""),
                reason=reason,
                shop_url=shop_url,
            )
    return urls
