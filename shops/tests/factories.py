import factory

from core import services
from core.models import Status
from shops.models import Category, District, Shop


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: 900 + n)
    name = factory.Sequence(lambda n: f"Huyện Thử Nghiệm {n}")
    short_name = factory.LazyAttribute(lambda o: o.name.removeprefix("Huyện "))
    slug = factory.Sequence(lambda n: f"thu-nghiem-{n}")
    province_code = 38


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Nhóm hàng {n}")
    slug = factory.Sequence(lambda n: f"nhom-hang-{n}")


class ShopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shop
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Tạp hóa Bình An {n}")
    kind = Shop.Kind.HOUSEHOLD
    district = factory.SubFactory(DistrictFactory)
    commune_name = "Xã Hà Lĩnh"
    address = "Thôn 3"
    phone = "0301234567"
    zalo = "0301234567"
    status = Status.PUBLISHED

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)
            services.refresh_search(self)
