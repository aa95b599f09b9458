"""Login protection helpers."""

from axes.apps import AppConfig as AxesConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


def client_ip_from(meta) -> str | None:
    """The client's address, as seen by the outermost of TRUSTED_PROXY_COUNT proxies.

    `meta` is a WSGI environ or request.META. Only the entries our own proxies appended
    to X-Forwarded-For are trusted; anything further left was sent by the client and
    could be forged (to dodge the lockout, or to count a visit twice).
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return meta.get("REMOTE_ADDR")


def client_ip(request) -> str | None:
    return client_ip_from(request.META)


class LoginLockoutConfig(AxesConfig):
    """django-axes, under a Vietnamese name in the admin."""

    verbose_name = _("Khóa đăng nhập")
