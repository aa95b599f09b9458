import io
from datetime import date

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from campaigns.models import (
    Activity,
    ActivityRecord,
    Banner,
    Campaign,
    HandbookChapter,
    NewsPost,
    Organisation,
    PartnerSite,
)
from core.models import Status


def png_file(width=1200, height=630, colour=(11, 93, 59), name="master.png", fmt="PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Chiến dịch {n}")
    slug = factory.Sequence(lambda n: f"chien-dich-{n}")
    start_date = date(2021, 9, 1)


class ChapterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HandbookChapter

    campaign = factory.SubFactory(CampaignFactory)
    audience = HandbookChapter.Audience.BUYERS
    title = factory.Sequence(lambda n: f"Chương {n}")
    body = "## Mục một\n\nNội dung.\n\n### Mục con\n\nThêm.\n\n## Mục hai\n\nHết."
    status = Status.PUBLISHED


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    slug = factory.Sequence(lambda n: f"don-vi-{n}")
    kind = Organisation.Kind.DEPARTMENT


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerSite

    name = factory.Sequence(lambda n: f"Đối tác {n}")
    referral_tag = factory.Sequence(lambda n: f"doi-tac-{n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    campaign = factory.SubFactory(CampaignFactory)
    channel = Activity.Channel.RADIO
    title = factory.Sequence(lambda n: f"Hoạt động {n}")
    slug = factory.Sequence(lambda n: f"hoat-dong-{n}")
    start_date = date(2021, 11, 1)
    target_count = 1
    target_period = "week"

    @factory.post_generation
    def leads(self, create, extracted, **kwargs):
        if create and extracted:
            self.lead_organisations.set(extracted)


class RecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityRecord

    activity = factory.SubFactory(ActivityFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Bản tin {n}")


class NewsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsPost

    title = factory.Sequence(lambda n: f"Tin số {n}")
    summary = "Tóm tắt tin."
    body = "## Nội dung\n\nChi tiết."
    status = Status.PUBLISHED


class BannerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Banner

    campaign = factory.SubFactory(CampaignFactory)
    title = "Banner cẩm nang"
    slug = factory.Sequence(lambda n: f"banner-{n}")
    alt_text = "Cẩm nang mua bán hàng online"
    master = factory.LazyFunction(png_file)
