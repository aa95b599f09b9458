"""Keep the folded search text of shops in step with what it is built from.

save() rebuilds a shop's own fields; these handlers cover the parts that live in
other rows (its categories, its district's name, a category's name).
"""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from shops.models import Category, District, Shop


@receiver(m2m_changed, sender=Shop.categories.through)
def shop_categories_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # categories added to/removed from a Category's shops
        shops = Shop.objects.filter(pk__in=pk_set) if pk_set else Shop.objects.filter(categories=instance)
    else:
        shops = Shop.objects.filter(pk=instance.pk)
    shops.reindex()


@receiver(post_save, sender=District)
def district_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        Shop.objects.in_district(instance).reindex()


@receiver(post_save, sender=Category)
def category_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        instance.shops.all().reindex()
