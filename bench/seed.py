"""Fill the benchmark database at scale: 10,000 shops, 3,000 producers, 10,000 products.

Rows are written with bulk_create (their folded search text computed here, as save()
would) so seeding takes seconds. Deterministic: the same seed gives the same rows.

    DATABASE_URL=postgres://… python bench/seed.py [--shops N] [--producers N] [--products N]
"""

import argparse
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "camnang.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from core.models import Status  # noqa: E402
from producers.models import Listing, Platform, Producer, Product, ProductPrice  # noqa: E402
from shops.models import Category, District, Shop  # noqa: E402

GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hằng", "Hoa", "Hùng", "Lan", "Minh", "Nga", "Phúc", "Thảo"]
SHOP_WORDS = {
    Shop.Kind.SUPERMARKET: "Siêu thị mini",
    Shop.Kind.CONVENIENCE: "Cửa hàng tiện lợi",
    Shop.Kind.MARKET: "Sạp chợ",
    Shop.Kind.PHARMACY: "Nhà thuốc",
    Shop.Kind.VNPOST: "Điểm bán hàng Bưu điện",
    Shop.Kind.VIETTELPOST: "Điểm bán hàng Viettel Post",
    Shop.Kind.HOUSEHOLD: "Tạp hóa",
    Shop.Kind.COOP_STORE: "Cửa hàng HTX",
}
PRODUCTS = [
    "Gạo nếp",
    "Nem chua",
    "Bưởi",
    "Cam",
    "Mật ong",
    "Nước mắm",
    "Chè lam",
    "Rau an toàn",
    "Lạc",
    "Vịt",
]


def seed(*, shops: int, producers: int, products: int, rng: random.Random) -> None:
    call_command("load_places", stdout=open(os.devnull, "w"))  # noqa: SIM115
    districts = list(District.objects.all())
    # One busy district (the provincial city), the rest spread evenly.
    weights = [8 if d.slug == "thanh-hoa" else 1 for d in districts]
    categories = list(Category.objects.all())
    platforms = list(Platform.objects.all())

    with transaction.atomic():
        shop_rows, shop_categories = [], []
        for i in range(shops):
            district = rng.choices(districts, weights)[0]
            kind = rng.choice(list(SHOP_WORDS))
            name = f"{SHOP_WORDS[kind]} {rng.choice(GIVEN)} {i}"
            cats = rng.sample(categories, rng.randint(1, 3))
            shop = Shop(
                name=name,
                slug=f"bench-shop-{i}",
                kind=kind,
                district=district,
                commune_name=f"Xã Thử {i % 40}",
                address=f"Thôn {i % 12 + 1}",
                phone=f"030{i:07d}",
                zalo=f"030{i:07d}" if i % 3 else "",
                home_delivery=bool(i % 2),
                pickup=bool(i % 3 == 0),
                opening_hours="6:30 – 21:00",
                status=Status.PUBLISHED,
            )
            # As save() would, plus the categories it only sees once the shop exists.
            shop.refresh_search_text(categories=cats)
            shop_rows.append(shop)
            shop_categories.append(cats)
        Shop.objects.bulk_create(shop_rows, batch_size=1000)
        through = Shop.categories.through
        through.objects.bulk_create(
            [
                through(shop_id=shop.pk, category_id=cat.pk)
                for shop, cats in zip(shop_rows, shop_categories, strict=True)
                for cat in cats
            ],
            batch_size=2000,
        )

        producer_rows = []
        for i in range(producers):
            district = rng.choices(districts, weights)[0]
            producer = Producer(
                name=f"HTX {rng.choice(PRODUCTS)} {rng.choice(GIVEN)} {i}",
                slug=f"bench-producer-{i}",
                kind=rng.choice(list(Producer.Kind)),
                district=district,
                commune_name=f"Xã Thử {i % 40}",
                phone=f"031{i:07d}",
                status=Status.PUBLISHED,
            )
            producer_rows.append(producer)
        Producer.objects.bulk_create(producer_rows, batch_size=1000)

        product_rows, prices = [], []
        for i in range(products):
            producer = producer_rows[i % producers]
            name = f"{rng.choice(PRODUCTS)} loại {i}"
            category = rng.choice(categories)
            ocop_stars = rng.choice([0, 0, 0, 3, 3, 4, 5])
            prices.append(rng.randrange(10_000, 300_000, 1000))
            product = Product(
                name=name,
                slug=f"bench-product-{i}",
                producer=producer,
                category=category,
                ocop_stars=ocop_stars,
                unit="kg",
                status=Status.PUBLISHED,
            )
            product.refresh_search_text()
            product_rows.append(product)
        Product.objects.bulk_create(product_rows, batch_size=1000)
        today = timezone.localdate()
        ProductPrice.objects.bulk_create(
            [
                ProductPrice(
                    product=product, price=price, observed_on=today, source=ProductPrice.Source.PRODUCER
                )
                for product, price in zip(product_rows, prices, strict=True)
            ],
            batch_size=1000,
        )

        Producer.objects.filter(slug__startswith="bench-producer-").reindex()  # now with product names

        Listing.objects.bulk_create(
            [
                Listing(
                    platform=platform,
                    producer=producer,
                    url=f"https://{platform.domain}/shop/bench-{producer.pk}",
                )
                for producer in producer_rows[: producers // 2]
                for platform in platforms
            ],
            batch_size=1000,
        )
    print(
        f"Seeded {Shop.objects.count()} shops, {Producer.objects.count()} producers, "
        f"{Product.objects.count()} products over {len(districts)} districts."
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shops", type=int, default=10_000)
    parser.add_argument("--producers", type=int, default=3_000)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=241)
    args = parser.parse_args()
    seed(shops=args.shops, producers=args.producers, products=args.products, rng=random.Random(args.seed))


if __name__ == "__main__":
    main()
