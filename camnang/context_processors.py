from django.conf import settings

from camnang.contact import tel_url


def portal(request):
    """Province and contact details every page shows."""
    return {
        "province_name": settings.PROVINCE_NAME,
        "hotline": settings.PORTAL_HOTLINE,
        "hotline_url": tel_url(settings.PORTAL_HOTLINE),
        "hotline_owner": settings.PORTAL_HOTLINE_OWNER,
        "demo_notice": settings.DEMO_NOTICE,
    }
