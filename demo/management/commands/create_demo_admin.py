from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from camnang import roles
from camnang.roles import setup_roles
from shops.models import District, PostalStaffMember

USERNAME = "admin"
PASSWORD = "camnang-demo"
# The postal staff account works for Vietnam Post: it keeps the Bưu điện sale points.
POSTAL_ACCOUNT_COMPANY = {"buudien": PostalStaffMember.Company.VNPOST}
# One account per role: (username, group, districts by slug). Same password as admin.
ROLE_ACCOUNTS = [
    ("quantri", roles.ADMINISTRATORS, []),
    ("bientap-tinh", roles.PROVINCIAL_EDITORS, []),
    ("bientap-hatrung", roles.DISTRICT_EDITORS, ["ha-trung"]),
    ("buudien", roles.POSTAL_STAFF, []),
]


class Command(BaseCommand):
    help = "Create the local demo administrator and one account per role (development only, idempotent)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create demonstration accounts with DEBUG off.")
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(f"Administrator '{USERNAME}' already exists.")
        else:
            User.objects.create_superuser(USERNAME, "admin@camnang.invalid", PASSWORD)
            self.stdout.write(f"Created administrator '{USERNAME}' with password '{PASSWORD}'.")

        setup_roles()
        for username, group_name, district_slugs in ROLE_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"is_staff": True, "email": f"{username}@camnang.invalid"}
            )
            if created:
                user.set_password(PASSWORD)
                user.save()
            user.groups.set([Group.objects.get(name=group_name)])
            user.districts.set(District.objects.filter(slug__in=district_slugs))
            if username in POSTAL_ACCOUNT_COMPANY:
                PostalStaffMember.objects.update_or_create(
                    user=user, defaults={"company": POSTAL_ACCOUNT_COMPANY[username]}
                )
            if created:
                self.stdout.write(f"Created '{username}' ({group_name}) with password '{PASSWORD}'.")
