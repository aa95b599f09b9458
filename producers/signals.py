"""Keep the folded search text of producers and products in step.

A producer's search text lists its products' names; a product's lists its
producer, district and category. These handlers refresh the other side when one
of them changes.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from producers.models import Producer, Product
from shops.models import Category, District


@receiver(post_save, sender=Product)
@receiver(post_delete, sender=Product)
def product_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        Producer.objects.filter(pk=instance.producer_id).reindex()


@receiver(post_save, sender=Producer)
def producer_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        instance.products.all().reindex()


@receiver(post_save, sender=District)
def district_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        Producer.objects.in_district(instance).reindex()
        Product.objects.filter(producer__district=instance).reindex()


@receiver(post_save, sender=Category)
def category_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        instance.products.all().reindex()
