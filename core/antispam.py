"""Holding off spam on the public forms without third-party scripts: a field people do
not see (and robots fill in), and a limit on how many submissions one network address
may send in a window, counted in the cache under a keyed hash (no address is stored).
"""

import hashlib
import secrets

from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from core.login import client_ip

# The honeypot's name reads as a real field to a robot filling in every input.
HONEYPOT_NAME = "website"


class HoneypotFormMixin(forms.Form):
    """Adds a field hidden from people (CSS class and aria-hidden in the template); a
    submission that fills it in is refused with a plain error."""

    website = forms.CharField(
        required=False,
        label=_("Để trống ô này"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data.get(HONEYPOT_NAME):
            raise forms.ValidationError(_("Không gửi được. Xin tải lại trang và thử lại."))
        return ""


def _address_key(scope: str, request) -> str:
    secret = cache.get_or_set("antispam:secret", lambda: secrets.token_bytes(32), None)
    address = client_ip(request) or "unknown"
    digest = hashlib.blake2b(f"{scope}|{address}".encode(), key=secret, digest_size=16).hexdigest()
    return f"antispam:{scope}:{digest}"


def over_limit(request, scope: str, *, limit: int) -> bool:
    """True when this address has already sent `limit` submissions of `scope` within the
    window (the window starts at its first submission). Does not count this one."""
    return (cache.get(_address_key(scope, request)) or 0) >= limit


def record_submission(request, scope: str, *, seconds: int) -> None:
    """Count one accepted submission of `scope` from this address."""
    key = _address_key(scope, request)
    if cache.add(key, 1, seconds):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, seconds)
