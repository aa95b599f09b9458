import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "camnang.settings")
django_application = get_wsgi_application()

# Pages anonymous visitors have already been served come from the cache, before Django;
# visits sent by partner sites are counted outside it, for cached and rendered pages alike.
from campaigns.referrals import ReferralCounter  # noqa: E402
from core.cache import PublicPageCache  # noqa: E402

application = ReferralCounter(PublicPageCache(django_application))
