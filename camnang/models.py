"""Abstract building blocks shared by the directory apps."""

from collections.abc import Iterable

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from camnang.contact import tel_url, validate_phone, zalo_url
from camnang.text import fold, fold_terms


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã công bố")
    HIDDEN = "hidden", _("Tạm ẩn")


def unique_slug(model: type[models.Model], text: str, *, instance_pk=None, max_length=120) -> str:
    """A slug for `text` not yet used by another row of `model` (one query)."""
    base = slugify(fold(text))[: max_length - 6].strip("-") or "muc"
    taken = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=instance_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


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
        """Recompute `search_text` for these rows; returns how many changed."""
        changed = []
        for obj in self.for_reindex().iterator(chunk_size=500):
            old = obj.search_text
            obj.refresh_search_text()
            if obj.search_text != old:
                changed.append(obj)
        self.model._default_manager.bulk_update(changed, ["search_text"], batch_size=500)
        return len(changed)


class PublishableQuerySet(SearchableQuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class Searchable(models.Model):
    """A row whose folded `search_text` is rebuilt from `search_parts()` on save.

    The column is derived data: every query folds the same way (camnang.text.fold),
    which keeps search accent-insensitive and identical on SQLite and PostgreSQL.
    Parts that live in other tables (categories, products) are refreshed by the
    owning app's signal handlers, since save() cannot see them change.
    """

    search_text = models.TextField(_("chuỗi tìm kiếm"), blank=True, default="", editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def search_parts(self) -> Iterable[str]:
        return [str(self)]

    def refresh_search_text(self) -> None:
        self.search_text = fold(" ".join(str(part) for part in self.search_parts() if part))


class DirectoryEntry(Searchable, TimeStampedModel):
    """A named, publishable, verifiable record of the public directory."""

    name = models.CharField(_("tên"), max_length=200)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Để trống để tạo tự động từ tên."),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    verified_on = models.DateField(
        _("xác minh ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày cán bộ gần nhất kiểm tra thông tin còn đúng."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name, instance_pk=self.pk)
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class Contactable(models.Model):
    """A phone number to call and, optionally, a Zalo number to message."""

    phone = models.CharField(_("điện thoại"), max_length=30, validators=[validate_phone])
    zalo = models.CharField(
        _("số Zalo"),
        max_length=30,
        blank=True,
        validators=[validate_phone],
        help_text=_("Số điện thoại đăng ký Zalo, nếu nhận đặt hàng qua Zalo."),
    )

    class Meta:
        abstract = True

    @property
    def tel_url(self) -> str:
        return tel_url(self.phone)

    @property
    def zalo_url(self) -> str:
        return zalo_url(self.zalo)


def photo_upload_to(instance, filename: str) -> str:
    return f"{instance._meta.model_name}s/{filename}"


class Photographed(models.Model):
    """A photo with its stored dimensions (pages set width and height) and alt text."""

    photo = models.ImageField(
        _("ảnh"),
        upload_to=photo_upload_to,
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_alt = models.CharField(
        _("mô tả ảnh"),
        max_length=200,
        blank=True,
        help_text=_("Mô tả ngắn nội dung ảnh cho người dùng trình đọc màn hình."),
    )

    class Meta:
        abstract = True
