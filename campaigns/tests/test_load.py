"""The reference-data command."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from campaigns import services
from campaigns.models import (
    Activity,
    Banner,
    Campaign,
    HandbookChapter,
    Organisation,
    PartnerSite,
)

pytestmark = pytest.mark.django_db


def load(name="load_campaigns"):
    out = io.StringIO()
    call_command(name, stdout=out)
    return out.getvalue()


def test_reference_data(districts):
    load()
    assert set(Campaign.objects.values_list("name", flat=True)) == {
        "Cẩm nang mua bán hàng online – an toàn phòng chống dịch",
        "Nâng tầm giá trị nông sản tỉnh Thanh Hóa qua nền tảng thương mại số",
    }
    assert HandbookChapter.objects.published().count() == 8
    assert set(HandbookChapter.objects.values_list("audience", flat=True)) == {1, 2, 3}
    assert Organisation.objects.filter(kind="district").count() == 27
    assert Organisation.objects.get(slug="ubnd-ha-trung").name == "UBND huyện Hà Trung"
    assert set(Organisation.objects.filter(submits_reports=True).values_list("slug", flat=True)) == {
        "buu-dien-tinh",
        "viettel-post",
    }
    partners = PartnerSite.objects.all()
    # The 2021 units, the three that took over from some of them in 2025, the 27 district
    # committees and the 166 commune and ward committees of today.
    assert partners.count() == 9 + 3 + 27 + 166
    for name in (
        "Sở Công Thương",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Đài Phát thanh và Truyền hình tỉnh",
        "Bưu điện tỉnh Thanh Hóa",
        "Chi nhánh Bưu chính Viettel Thanh Hóa",
        "UBND thành phố Thanh Hóa",
    ):
        assert partners.filter(name=name).exists(), name
    assert PartnerSite.objects.get(referral_tag="so-tttt").website_host == "stttt.thanhhoa.gov.vn"
    targets = {
        a.slug: (a.channel, a.target_count, a.target_period, a.lead_organisations.count())
        for a in Activity.objects.all()
    }
    # Leads as the plan names them, and the units that took over from them (for the
    # district committees: today's 166 communes' and wards' committees).
    assert targets == {
        "chuyen-muc-cong-thong-tin": ("portal", 1, "month", 3),
        "bao-chi-truyen-hinh": ("press", 1, "month", 2 + 1),
        "truyen-thanh-co-so": ("radio", 1, "week", 28 + 1 + 166),
        # The plan sets no number for these: no target until staff set one.
        "hoi-nghi-tap-huan": ("training", None, "quarter", 3 + 1),
        "to-roi-pano-bang-dien-tu": ("print", None, "quarter", 32 + 2 + 166),
        "mang-xa-hoi-livestream": ("social", None, "month", 2),
    }
    banner = Banner.objects.get()
    assert services.banner_files_current(banner)
    assert default_storage.exists(services.banner_zip_name(banner.slug))


def test_loading_twice_changes_nothing_and_keeps_staff_edits(districts):
    load()
    chapter = HandbookChapter.objects.get(slug="mua-hang-online-an-toan")
    chapter.title = "Tiêu đề do cán bộ sửa"
    chapter.save()
    partner = PartnerSite.objects.get(referral_tag="so-cong-thuong")
    partner.website = "https://sct.example.gov.vn/"
    partner.save()
    counts = [
        m.objects.count() for m in (Campaign, HandbookChapter, Organisation, PartnerSite, Activity, Banner)
    ]
    version = Banner.objects.get().files_version
    out = load()
    assert "0 campaigns, 0 chapters, 0 organisations, 0 partner sites, 0 activities, 0 banners" in out
    assert [
        m.objects.count() for m in (Campaign, HandbookChapter, Organisation, PartnerSite, Activity, Banner)
    ] == counts
    assert HandbookChapter.objects.get(slug="mua-hang-online-an-toan").title == "Tiêu đề do cán bộ sửa"
    assert PartnerSite.objects.get(referral_tag="so-cong-thuong").website == "https://sct.example.gov.vn/"
    assert Banner.objects.get().files_version == version  # files were current: not redrawn


def test_missing_banner_files_are_rebuilt(districts):
    load()
    banner = Banner.objects.get()
    default_storage.delete(services.banner_zip_name(banner.slug))
    load()
    assert default_storage.exists(services.banner_zip_name(banner.slug))


def test_the_first_banner_is_a_picture_with_the_words_written_by_the_portal(districts):
    load()
    banner = Banner.objects.get()
    assert banner.add_words
    assert banner.master.name == "banners/masters/cam-nang-mua-ban-online-hinh.png"
    assert services.banner_words(banner).name == "Cẩm nang mua bán hàng online"


def test_the_first_drawing_without_words_is_replaced_once(districts):
    from django.core.files.base import ContentFile

    from campaigns.tests.factories import png_file

    load()
    banner = Banner.objects.get()
    # As the first version stored it: a drawing under the banner's slug, sizes scaled from it.
    old = default_storage.save("banners/masters/cam-nang-mua-ban-online.png", ContentFile(png_file().read()))
    Banner.objects.filter(pk=banner.pk).update(master=old, add_words=False)
    load()
    banner.refresh_from_db()
    assert banner.add_words and banner.master.name.startswith("banners/masters/cam-nang-mua-ban-online-hinh")
    assert services.banner_files_current(banner)
    # Staff who then choose no words keep their choice.
    Banner.objects.filter(pk=banner.pk).update(add_words=False)
    load()
    banner.refresh_from_db()
    assert not banner.add_words


def test_committee_short_names_keep_the_kind_of_unit(districts):
    call_command("load_campaigns", stdout=io.StringIO())
    short = dict(Organisation.objects.filter(kind="district").values_list("slug", "short_name"))
    # "UBND Thanh Hóa" alone would read as the province's committee.
    assert short["ubnd-thanh-hoa"] == "UBND TP Thanh Hóa"
    assert short["ubnd-bim-son"] == "UBND TX Bỉm Sơn"
    assert short["ubnd-ha-trung"] == "UBND huyện Hà Trung"
    assert "UBND Thanh Hóa" not in short.values()


def test_campaigns_state_only_what_their_documents_say(districts):
    call_command("load_campaigns", stdout=io.StringIO())
    handbook = Campaign.objects.get(slug="cam-nang-mua-ban-hang-online")
    # The letter is dated only "tháng 9 năm 2021" and gives no slogan.
    assert handbook.start_date is None and handbook.message == ""
    assert "tháng 9/2021" in handbook.source
    plan = Campaign.objects.get(slug="nang-tam-gia-tri-nong-san")
    assert plan.message == "Nâng tầm giá trị nông sản tỉnh Thanh Hóa qua nền tảng thương mại số"
    assert "241/KH-UBND" in plan.source
    assert all(activity.source for activity in Activity.objects.all())
