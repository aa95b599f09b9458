import factory
from django.utils import timezone

from core import services
from core.models import Status
from producers.models import Listing, Platform, Producer, Product, ProductPrice
from shops.tests.factories import DistrictFactory


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Producer

    name = factory.Sequence(lambda n: f"HTX Nông nghiệp Thành Công {n}")
    kind = Producer.Kind.COOPERATIVE
    district = factory.SubFactory(DistrictFactory)
    commune_name = "Xã Hà Lĩnh"
    phone = "0307654321"
    zalo = "0307654321"
    status = Status.PUBLISHED


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Gạo nếp cái hoa vàng {n}")
    producer = factory.SubFactory(ProducerFactory)
    status = Status.PUBLISHED

    @factory.post_generation
    def searchable(self, create, extracted, **kwargs):
        """As every write path does: the producer's search text lists its products."""
        if create:
            services.refresh_search(self)

    @factory.post_generation
    def price(self, create, extracted, **kwargs):
        """`ProductFactory(price=45000)`: the product has that price, quoted by its producer today."""
        if create and extracted is not None:
            ProductPriceFactory(product=self, price=extracted, **kwargs)


class ProductPriceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductPrice

    product = factory.SubFactory(ProductFactory)
    price = 35000
    observed_on = factory.LazyFunction(timezone.localdate)
    source = ProductPrice.Source.PRODUCER


def platform(slug: str) -> Platform:
    """The platforms are reference data loaded by a migration."""
    return Platform.objects.get(slug=slug)


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing

    platform = factory.LazyFunction(lambda: platform("voso"))
    producer = factory.SubFactory(ProducerFactory)
    url = factory.Sequence(lambda n: f"https://voso.vn/cua-hang/htx-thanh-cong-{n}")
