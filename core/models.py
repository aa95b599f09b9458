"""Abstract building blocks shared by the directory apps."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import images
from core.contact import (
    Phone,
    PhoneAs,
    display_phone,
    parse_phone,
    phone_digits,
    split_phones,
    tel_url,
    zalo_url,
)
from core.fields import PhoneField, PhoneListField, PhotoField
from core.text import fold, fold_terms, padded


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


def with_derived(save_kwargs: dict, *names: str) -> dict:
    """save() arguments that also write the columns `names`, derived from others just before
    (search text, rendered HTML, thumbnails), when the save is limited to some columns."""
    update_fields = save_kwargs.get("update_fields")
    if update_fields is None:
        return save_kwargs
    return {**save_kwargs, "update_fields": {*update_fields, *names}}


class DemoMarked(models.Model):
    """A row that may have been written by the demo loaders (the `demo` app).

    The flag lives in the data, not in the settings: wherever a demo row is shown (a page,
    a print, a feed, an open-data file, a staff dashboard), the portal can say so, even on
    a server that runs with DEBUG off. Staff cannot set or clear it.
    """

    is_demo = models.BooleanField(
        _("dữ liệu minh họa"),
        default=False,
        editable=False,
        help_text=_("Bản ghi do lệnh nạp dữ liệu minh họa tạo ra, không phải thông tin thật."),
    )

    class Meta:
        abstract = True


class FieldHistory(HistoricalRecords):
    """Field-level history (who changed which field, from what, to what, and when).

    Columns that are derived or bookkeeping (search text, timestamps, photo sizes
    and thumbnails, click counters) are left out: a change to them is not a
    change anyone made.
    """

    UNTRACKED = (
        "search_text",
        "created_at",
        "updated_at",
        "photo_width",
        "photo_height",
        "photo_thumbnail",
        "photo_thumbnail_width",
        "photo_thumbnail_height",
        "clicks",
        "is_demo",
    )

    def __init__(self, **kwargs):
        super().__init__(excluded_fields=list(self.UNTRACKED), **kwargs)

    def finalize(self, sender, **kwargs):
        # One list for every model: keep only the names this model has. (Called for
        # every model Django prepares; only our own model matters.)
        if sender is self.cls:
            names = {field.name for field in sender._meta.local_fields + sender._meta.local_many_to_many}
            self.excluded_fields = [name for name in self.excluded_fields if name in names]
        super().finalize(sender, **kwargs)


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã công bố")
    HIDDEN = "hidden", _("Tạm ẩn")


def slug_base(text: str, max_length: int = 120) -> str:
    return slugify(fold(text))[: max_length - 6].strip("-") or "muc"


def unique_slug_from(text: str, taken, max_length: int = 120) -> str:
    """A slug for `text` that is not in `taken` (a set of slugs already used)."""
    base = slug_base(text, max_length)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def unique_slug(model: type[models.Model], text: str, *, instance_pk=None, max_length=120) -> str:
    """A slug for `text` not yet used by another row of `model` (one query)."""
    base = slug_base(text, max_length)
    taken = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=instance_pk)
        .values_list("slug", flat=True)
    )
    return unique_slug_from(text, taken, max_length)


class SearchableQuerySet(models.QuerySet):
    """Folded-text search shared by every searchable model."""

    def search(self, query: str):
        terms = fold_terms(query)
        if not terms:
            return self.none()
        qs = self
        for term in terms:
            qs = qs.filter(search_text__contains=term)
        return qs

    def for_reindex(self):
        """The queryset with whatever `search_parts()` reads already joined."""
        return self

    def reindex(self) -> int:
        """Recompute the search columns of these rows; returns how many changed."""
        changed = []
        for obj in self.for_reindex().iterator(chunk_size=500):
            old = (obj.search_text, obj.search_name)
            obj.refresh_search_text()
            if (obj.search_text, obj.search_name) != old:
                changed.append(obj)
        self.model._default_manager.bulk_update(changed, ["search_text", "search_name"], batch_size=500)
        return len(changed)


class SearchDependents:
    """Whose search text quotes another row, as the app owning the quoting rows registers it.

    A district's name is in its shops' and producers' search text, a category's in its
    shops' and products', a producer's in its products'. When such a row changes,
    `refresh(obj)` rebuilds the rows that quote it; core.services.refresh_search calls it
    explicitly after every write that may rename something (no signal does it unseen).
    """

    def __init__(self):
        self._rules: dict = {}

    def register(self, model, dependents) -> None:
        """`dependents(obj)` gives the rows (a searchable QuerySet) whose text quotes `obj`."""
        self._rules.setdefault(model, []).append(dependents)

    def refresh(self, obj) -> int:
        return sum(dependents(obj).reindex() for dependents in self._rules.get(type(obj), ()))


search_dependents = SearchDependents()


class ActiveQuerySet(models.QuerySet):
    """Rows staff show or hide with their `is_active` box."""

    def public(self):
        return self.filter(is_active=True)


class PublishedQuerySet(models.QuerySet):
    def published(self):
        """Rows whose own status is published; what citizens see is each model's public()."""
        return self.filter(status=Status.PUBLISHED)

    def public(self):
        """What citizens may see."""
        return self.published()


class PublishableQuerySet(PublishedQuerySet, SearchableQuerySet):
    """Published rows of a searchable model."""


class Searchable(models.Model):
    """A row whose folded `search_text` is rebuilt from `search_parts()` on save.

    The column is derived data: every query folds the same way (core.text.fold),
    which keeps search accent-insensitive and identical on SQLite and PostgreSQL.
    Parts that live in other rows (categories, products, the district's name) are
    refreshed by core.services.refresh_search, which writes call once those rows are
    saved, since save() cannot see them change.
    """

    # Both columns are folded and padded with a space at each end (core.text.padded), so
    # that search matches whole words: " nha thuoc duc thinh ".
    search_text = models.TextField(_("chuỗi tìm kiếm"), blank=True, default="", editable=False)
    search_name = models.CharField(_("tên để tìm"), max_length=255, blank=True, default="", editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_search_text()
        super().save(*args, **with_derived(kwargs, "search_text", "search_name"))

    def search_parts(self) -> Iterable[str]:
        """What the row is found by, its name first (ranked above the rest)."""
        return [str(self)]

    def refresh_search_text(self, **related) -> None:
        """`related`: what a model's search_parts() may take instead of reading it back."""
        parts = [str(part) for part in self.search_parts(**related) if part]
        self.search_text = padded(" ".join(parts))
        self.search_name = padded(parts[0])[:255] if parts else ""


class Named:
    """A row shown (in the admin, in choices, in messages) by its name, or by the field
    that `title_field` names."""

    title_field = "name"

    def __str__(self) -> str:
        return getattr(self, self.title_field)


class WithPage:
    """A row with a page of its own: the URL named `url_name`, with the row's slug."""

    url_name = ""

    def get_absolute_url(self) -> str:
        return reverse(self.url_name, kwargs={"slug": self.slug})


class Ordered(models.Model):
    """A row that staff put in order by hand: lists show lower positions first."""

    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        abstract = True


class Publishable(Named, WithPage, models.Model):
    """A row with a publication status and a page at a unique slug, made from its title
    (`title_field`) when left empty: a directory entry, a handbook chapter, a news post."""

    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), getattr(self, self.title_field), instance_pk=self.pk)
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class DirectoryEntry(Publishable, DemoMarked, Searchable, TimeStampedModel):
    """A named, publishable, verifiable record of the public directory."""

    name = models.CharField(_("tên"), max_length=200)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Để trống để tạo tự động từ tên."),
    )
    verified_on = models.DateField(
        _("xác minh lần cuối"),
        null=True,
        blank=True,
        help_text=_("Ngày cán bộ gần nhất kiểm tra thông tin còn đúng."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name", "pk"]


class Contactable(models.Model):
    """A main phone number to call, other numbers, and optionally a Zalo number to message.

    Numbers are stored in one form (E.164, see core.contact) whichever way they were
    typed; pages show them grouped for reading and dial them with tel: links. Several
    numbers written in the phone field ("0912 345 678 / 0237 3852 000") become the main
    number and other numbers, on every way a record is saved: forms and imports (through
    full_clean) and save().
    """

    phone = PhoneField(
        _("điện thoại"),
        help_text=_(
            "Số chính để gọi, ví dụ 0912 345 678 hoặc 0237 3852 000. "
            "Ghi nhiều số cách nhau bằng dấu /: số đầu là số chính, các số sau vào “Số khác”."
        ),
    )
    zalo = PhoneField(
        _("số Zalo"),
        blank=True,
        help_text=_("Số điện thoại đăng ký Zalo, nếu nhận đặt hàng qua Zalo."),
    )
    extra_phones = PhoneListField(
        _("số khác"),
        help_text=_("Các số điện thoại khác, cách nhau bằng dấu phẩy hoặc dấu /."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.normalise_phones(strict=False)
        if "phone" in (kwargs.get("update_fields") or ()):
            kwargs = with_derived(kwargs, "extra_phones")
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        exclude = set(exclude or ())
        errors = self.normalise_phones(exclude=exclude, strict=True)
        try:
            super().clean_fields(exclude=exclude | set(errors))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def phone_words(self) -> list[str]:
        """Every number as digits ("0912345678"), for search: a number typed in any spelling
        is read to the same digits (core.contact.phones_in)."""
        numbers = [self.phone, *(self.extra_phones or []), self.zalo]
        return list(dict.fromkeys(digits for digits in map(phone_digits, numbers) if digits))

    def normalise_phones(self, *, exclude=(), strict: bool = True) -> dict[str, list]:
        """Store every number in its one form, and move numbers after the first from the
        phone field to the other numbers. Returns the errors by field; `strict=False`
        leaves a value that does not read as it is (save() must not lose what was typed)."""
        errors: dict[str, list] = {}

        def read(name, parse):
            try:
                return parse(getattr(self, name))
            except ValidationError as error:
                errors[name] = error.error_list
                return None

        numbers = read("phone", split_phones) if "phone" not in exclude else None
        if "zalo" not in exclude and self.zalo:
            zalo = read("zalo", parse_phone)
            if zalo is not None:
                self.zalo = zalo
        current = self.extra_phones
        if isinstance(current, str):
            current = read("extra_phones", split_phones) if "extra_phones" not in exclude else None
        if numbers and (len(numbers) == 1 or current is not None):  # never drop a number
            self.phone = numbers[0]
            if current is not None:
                extras = []
                for number in [*numbers[1:], *current]:
                    if number != self.phone and number not in extras:
                        extras.append(number)
                self.extra_phones = extras
        elif current is not None:
            self.extra_phones = current
        return errors if strict else {}

    # The main number and the Zalo number as pages show them and link to them.
    phone_display = PhoneAs("phone", display_phone)
    zalo_display = PhoneAs("zalo", display_phone)
    tel_url = PhoneAs("phone", tel_url)
    zalo_url = PhoneAs("zalo", zalo_url)

    @property
    def other_phones(self) -> list[Phone]:
        """The other numbers, each with its grouped form and its tel: link."""
        return [Phone(number) for number in self.extra_phones or []]


def photo_upload_to(instance, filename: str) -> str:
    return f"{instance._meta.model_name}s/{filename}"


def _exact_name(instance, filename: str) -> str:
    return filename


class Photographed(models.Model):
    """A photo with its stored dimensions (pages set width and height) and alt text.

    An uploaded photo is checked and re-encoded by core.images before it is
    stored (EXIF and GPS dropped), and a thumbnail is kept beside it for cards.
    """

    photo = PhotoField(
        _("ảnh"),
        upload_to=photo_upload_to,
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
        help_text=_("Ảnh JPEG, PNG hoặc WebP, tối đa 8 MB và 40 triệu điểm ảnh."),
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_alt = models.CharField(
        _("mô tả ảnh"),
        max_length=200,
        blank=True,
        help_text=_("Mô tả ngắn nội dung ảnh cho người dùng trình đọc màn hình."),
    )
    photo_thumbnail = models.ImageField(
        _("ảnh thu nhỏ"),
        upload_to=_exact_name,
        blank=True,
        editable=False,
        width_field="photo_thumbnail_width",
        height_field="photo_thumbnail_height",
    )
    photo_thumbnail_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_thumbnail_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "photo" in update_fields:
            self.prepare_photo()
            kwargs = with_derived(kwargs, *PHOTO_DERIVED_FIELDS)
        super().save(*args, **kwargs)

    def prepare_photo(self) -> None:
        """Re-encode a newly uploaded photo and keep its thumbnail in step with it."""
        self._meta.get_field("photo").reencode_pending(self)
        photo = self.photo
        if not photo:
            self.photo_thumbnail = None
            self.photo_thumbnail_width = self.photo_thumbnail_height = None
            return
        expected = images.thumbnail_name(photo.name)
        if self.photo_thumbnail.name == expected:
            return
        storage = self.photo_thumbnail.storage
        if storage.exists(expected):  # left by an earlier photo of the same name
            storage.delete(expected)
        with photo.open("rb") as source:
            thumbnail = images.make_thumbnail(source)
        self.photo_thumbnail.save(expected, thumbnail, save=False)

    @property
    def thumbnail(self):
        """The image a card shows (the thumbnail, else the photo), with its size."""
        if self.photo_thumbnail:
            return Thumbnail(
                self.photo_thumbnail.url, self.photo_thumbnail_width, self.photo_thumbnail_height
            )
        if self.photo:
            return Thumbnail(self.photo.url, self.photo_width, self.photo_height)
        return None


PHOTO_DERIVED_FIELDS = (
    "photo_width",
    "photo_height",
    "photo_thumbnail",
    "photo_thumbnail_width",
    "photo_thumbnail_height",
)


@dataclass(frozen=True)
class Thumbnail:
    url: str
    width: int | None
    height: int | None


# Concrete models of the kernel, defined beside the code that uses them.
from core.jobs import Job, SavedMapping  # noqa: E402, F401
