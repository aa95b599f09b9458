"""Writes shared by the directory apps: each records who made it in the rows' history."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.models import Status, search_dependents


def update_with_history(objects, *, user, reason: str, **values) -> int:
    """Set `values` on each object that differs and save it, one by one.

    Saving each row (rather than queryset.update()) is what records who made the
    change, and which fields it touched, in the row's history. Returns the number
    of rows changed.
    """
    changed = 0
    with transaction.atomic():
        for obj in objects:
            if all(getattr(obj, field) == value for field, value in values.items()):
                continue
            for field, value in values.items():
                setattr(obj, field, value)
            obj._history_user = user
            obj._change_reason = reason
            update_fields = [*values]
            if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
                update_fields.append("updated_at")  # auto_now fields are set by save()
            obj.save(update_fields=update_fields)
            changed += 1
    return changed


def save_with_history(model, *, new=(), changed=(), fields=(), user, reason: str) -> None:
    """INSERT the `new` rows of `model` and UPDATE the `fields` of the `changed` ones, in bulk,
    each with its history row naming `user` and `reason`. A changed row's `updated_at` is set
    to now (bulk updates do not run auto_now). Used by imports, which write thousands of rows
    at once: a row's save() would cost several queries where a batch costs one."""
    if new:
        bulk_create_with_history(
            list(new), model, batch_size=500, default_user=user, default_change_reason=reason
        )
    changed = list(changed)
    if changed:
        now = timezone.now()
        for obj in changed:
            obj.updated_at = now
        bulk_update_with_history(
            changed,
            model,
            sorted({*fields, "updated_at"}),
            batch_size=500,
            default_user=user,
            default_change_reason=reason,
        )


def publish(records, *, user) -> int:
    """Publish the records (shown to citizens wherever their model's public() allows)."""
    return update_with_history(records, user=user, reason=gettext("Công bố"), status=Status.PUBLISHED)


def hide(records, *, user) -> int:
    return update_with_history(records, user=user, reason=gettext("Ngừng hiển thị"), status=Status.HIDDEN)


def mark_verified(records, *, user) -> int:
    """Record that staff checked the records' details today."""
    return update_with_history(
        records, user=user, reason=gettext("Xác minh"), verified_on=timezone.localdate()
    )


def refresh_search(obj) -> None:
    """Rebuild the search text of `obj` (with its many-to-many rows, saved by now) and of
    every row that quotes it (core.models.search_dependents). Called by the admin after
    a record and its related rows are saved or deleted, by imports and by commands."""
    model = type(obj)
    if hasattr(model._default_manager.all(), "reindex") and obj.pk is not None:
        model._default_manager.filter(pk=obj.pk).reindex()
    search_dependents.refresh(obj)
