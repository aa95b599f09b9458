"""Writes of the onboarding records: the one place their stages move and personal data goes.

The moves an onboarding record may make (Onboarding.Stage):

    (new) ─► proposed ─► contacted ─► trained ─► shop_open ─► first_order
                 │            │           │
                 └────────────┴───────────┴─► declined ─► proposed (proposed again)

One stage at a time, never back, never into the future and never before the current
stage's day. Declining needs a reason; opening a shop needs the record's platform and the
shop's address on it (kept as a Listing, domain-checked as every listing is). A
household that declined starts again from "proposed"; nothing moves once a household
has withdrawn its consent.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import services
from core.models import Status, unique_slug
from producers.models import Listing, Onboarding, OnboardingStep, Producer, Product, ProductPrice

Stage = Onboarding.Stage

NEXT_STAGES: dict[str | None, frozenset[str]] = {
    None: frozenset({Stage.PROPOSED}),
    Stage.PROPOSED: frozenset({Stage.CONTACTED, Stage.DECLINED}),
    Stage.CONTACTED: frozenset({Stage.TRAINED, Stage.DECLINED}),
    Stage.TRAINED: frozenset({Stage.SHOP_OPEN, Stage.DECLINED}),
    Stage.SHOP_OPEN: frozenset({Stage.FIRST_ORDER}),
    Stage.FIRST_ORDER: frozenset(),
    Stage.DECLINED: frozenset({Stage.PROPOSED}),
}

# What a household that withdrew its consent is called from then on.
WITHDRAWN_NAME = "Hộ đã rút đồng ý"


def allowed_stages(onboarding: Onboarding) -> list[str]:
    """The stages `onboarding` may move to next, in the order of Onboarding.Stage."""
    if onboarding.withdrawn_on:
        return []
    current = None if onboarding._state.adding else onboarding.stage
    return [stage for stage in Stage.values if stage in NEXT_STAGES[current]]


def move_onboarding(
    onboarding: Onboarding,
    stage: str,
    *,
    user,
    day: date | None = None,
    note: str = "",
    reason: str = "",
    shop_url: str = "",
) -> OnboardingStep:
    """Move `onboarding` (saved, or new and being proposed) to `stage` on `day` (today if
    None), and write the step. Raises ValidationError, in Vietnamese, for a move the rules
    above refuse; nothing is written then."""
    day = day or timezone.localdate()
    reason = reason.strip()
    check_move(onboarding, stage, day=day, reason=reason, shop_url=shop_url)
    with transaction.atomic():
        if stage == Stage.SHOP_OPEN:
            onboarding.listing = _shop_listing(onboarding, shop_url)
        onboarding.stage = stage
        onboarding.stage_on = day
        onboarding.decline_reason = reason if stage == Stage.DECLINED else ""
        onboarding.save()
        return OnboardingStep.objects.create(
            onboarding=onboarding, stage=stage, day=day, by=user, note=note.strip(), reason=reason
        )


def check_move(
    onboarding: Onboarding, stage: str, *, day: date, reason: str = "", shop_url: str = ""
) -> None:
    """Raise ValidationError, in Vietnamese, when the rules above refuse this move."""
    if stage not in allowed_stages(onboarding):
        raise ValidationError(
            _("Không chuyển được từ “%(current)s” sang “%(stage)s”.")
            % {
                "current": _("chưa có") if onboarding._state.adding else onboarding.get_stage_display(),
                "stage": dict(Stage.choices).get(stage, stage),
            },
            code="stage",
        )
    if day > timezone.localdate():
        raise ValidationError(_("Ngày của bước không được sau hôm nay."), code="day")
    if not onboarding._state.adding and day < onboarding.stage_on:
        raise ValidationError(
            _("Ngày của bước không được trước ngày của bước hiện tại (%(day)s).")
            % {"day": onboarding.stage_on.strftime("%d/%m/%Y")},
            code="day",
        )
    if stage == Stage.DECLINED and not reason:
        raise ValidationError(_("Ghi lý do hộ từ chối."), code="reason")
    if stage == Stage.SHOP_OPEN:
        _check_shop(onboarding, shop_url.strip())


def _check_shop(onboarding: Onboarding, shop_url: str) -> None:
    platform = onboarding.platform
    if platform is None:
        raise ValidationError(_("Chọn sàn phụ trách trước khi ghi gian hàng đã mở."), code="platform")
    if not shop_url:
        raise ValidationError(_("Ghi địa chỉ gian hàng của hộ trên sàn."), code="shop_url")
    try:  # the domain rule of every listing
        Listing(platform=platform, producer_id=onboarding.producer_id, url=shop_url).clean()
    except ValidationError as error:
        raise ValidationError(error.messages, code="shop_url") from None
    taken = Listing.objects.filter(platform=platform, url=shop_url).exclude(producer=onboarding.producer_id)
    if taken.exists():
        raise ValidationError(_("Địa chỉ gian hàng này đã được ghi cho một cơ sở khác."), code="shop_url")


def _shop_listing(onboarding: Onboarding, shop_url: str) -> Listing:
    """The producer's listing at `shop_url` (checked by check_move), made if new."""
    listing, _created = Listing.objects.get_or_create(
        platform=onboarding.platform, url=shop_url.strip(), defaults={"producer": onboarding.producer}
    )
    return listing


def withdraw_consent(onboarding: Onboarding, *, user, day: date | None = None) -> None:
    """Erase the household's personal data (Decree 13/2023/NĐ-CP), keep the record's stages
    and dates for the counts, and note the day of the withdrawal.

    The producer keeps its place and kind and is renamed WITHDRAWN_NAME; its phone
    numbers, address, representative, description, photo and old versions' copies of them
    go, and so do the notes of its steps. A published producer is hidden.
    """
    producer = onboarding.producer
    erased = {
        "name": WITHDRAWN_NAME,
        "slug": unique_slug(Producer, WITHDRAWN_NAME, instance_pk=producer.pk),
        "representative": "",
        "address": "",
        "description": "",
        "phone": "",
        "zalo": "",
        "extra_phones": [],
        "photo_alt": "",
    }
    with transaction.atomic():
        for name, value in erased.items():
            setattr(producer, name, value)
        if producer.photo:
            producer.photo.delete(save=False)
        if producer.status == Status.PUBLISHED:
            producer.status = Status.HIDDEN
        producer._history_user = user
        producer._change_reason = _("Rút đồng ý: xóa thông tin cá nhân")
        producer.save()
        Producer.history.filter(id=producer.pk).update(**erased, photo="")
        onboarding.steps.update(note="")
        onboarding.withdrawn_on = day or timezone.localdate()
        onboarding.save(update_fields=["withdrawn_on", "updated_at"])
    services.refresh_search(producer)


def register_help_request(*, name: str, phone: str, commune, produce: str, platform=None) -> Onboarding:
    """A household that asked for help on the portal: a draft producer (never public) in
    `commune`, and its onboarding record proposed for `platform`'s company (None: either),
    with the time it consented. Returns the record."""
    district = commune.districts.order_by("position", "code").first()
    if district is None:
        raise ValidationError(_("Chưa xác định được địa bàn của xã, phường này."), code="commune")
    with transaction.atomic():
        producer = Producer(
            name=name,
            kind=Producer.Kind.HOUSEHOLD,
            representative=name,
            phone=phone,
            district=district,
            commune=commune,
            commune_name=commune.name,
            description=produce,
            status=Status.DRAFT,
        )
        producer._change_reason = _("Hộ tự đăng ký hỗ trợ bán hàng trên cổng")
        producer.save()
        onboarding = Onboarding(
            producer=producer, platform=platform, self_registered=True, consent_at=timezone.now()
        )
        move_onboarding(onboarding, Stage.PROPOSED, user=None, note=_("Hộ tự đăng ký trên cổng."))
    return onboarding


def save_products(*, new, changed, fields, prices, user, reason: str) -> None:
    """Write an import's products and their dated prices, in bulk with their history rows:
    the `new` products, the `fields` of the `changed` ones, then the prices (new ones
    added, stored ones corrected), once every product has its pk."""
    services.save_with_history(Product, new=new, changed=changed, fields=fields, user=user, reason=reason)
    services.save_with_history(
        ProductPrice,
        new=[price for price in prices if price.pk is None],
        changed=[price for price in prices if price.pk is not None],
        fields=["price", "source_note"],
        user=user,
        reason=reason,
    )
