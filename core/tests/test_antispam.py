"""The honeypot and the per-address limit the public forms share."""

from django import forms
from django.test import RequestFactory

from core import antispam


class Form(antispam.HoneypotFormMixin, forms.Form):
    name = forms.CharField()


def request(address="203.0.113.5"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_a_filled_honeypot_is_refused_and_an_empty_one_passes():
    assert Form({"name": "Lan", "website": ""}).is_valid()
    robot = Form({"name": "Lan", "website": "http://spam.example"})
    assert not robot.is_valid() and "website" in robot.errors


def test_the_limit_counts_per_address_and_scope():
    first, other = request(), request("198.51.100.7")
    for _ in range(3):
        assert not antispam.over_limit(first, "reports", limit=3)
        antispam.record_submission(first, "reports", seconds=3600)
    assert antispam.over_limit(first, "reports", limit=3)
    assert not antispam.over_limit(other, "reports", limit=3)
    assert not antispam.over_limit(first, "help", limit=3)


def test_no_address_is_kept_in_the_cache_keys():
    from django.core.cache import cache

    antispam.record_submission(request("203.0.113.99"), "reports", seconds=60)
    keys = [key for key in getattr(cache, "_cache", {}) if "antispam:reports" in key]
    assert keys and not any("203.0.113.99" in key for key in keys)
