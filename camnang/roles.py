"""The staff roles, as groups of permissions.

`manage.py setup_roles` creates or updates the groups from this file (run by
`make setup`, safe to re-run). Roles defined by app label pick up the models an
app adds later: re-run the command after migrating, e.g. when the campaigns app
gains models, and provincial editors get their permissions.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

ADMINISTRATORS = "Quản trị viên"
PROVINCIAL_EDITORS = "Biên tập viên cấp tỉnh"
DISTRICT_EDITORS = "Biên tập viên cấp huyện"
POSTAL_STAFF = "Nhân viên bưu chính"

COMMUNE_EDITORS = "Biên tập viên cấp xã"

DIRECTORY_WORK = ("view", "add", "change", "delete")
# Citizens' reports of wrong information: seen and closed, never added or deleted by staff;
# each user sees the reports on the records they may see (camnang.models.ErrorReport).
ERROR_REPORTS = ("camnang", "errorreport", ("view", "change"))
# A unit's own work for the communication plan (weekly radio items, trainings, articles),
# and its rows of the plan dashboard (campaigns.models.ActivityRecordQuerySet scopes both).
PLAN_WORK = (
    ("campaigns", "activity", ("view",)),
    ("campaigns", "organisation", ("view",)),
    ("campaigns", "activityrecord", ("view", "add", "change")),
    ("campaigns", "activityphoto", ("view", "add", "change", "delete")),
)
# The directory's records, worked on in full; today's communes are seen to choose one for a
# record; citizens' reports on the records are seen and closed.
DIRECTORY = (
    ("shops", "shop", DIRECTORY_WORK),
    ("producers", "producer", DIRECTORY_WORK),
    ("producers", "product", DIRECTORY_WORK),
    ("producers", "productprice", DIRECTORY_WORK),
    ("producers", "listing", DIRECTORY_WORK),
    ("shops", "commune", ("view",)),
    ERROR_REPORTS,
)
# The directory of a local area.
LOCAL_DIRECTORY = (
    *DIRECTORY,
    # Local staff propose the households of their area and follow them onto the platforms.
    ("producers", "onboarding", ("view", "add", "change")),
    ("producers", "onboardingstep", ("view",)),
    *PLAN_WORK,
)


@dataclass(frozen=True)
class Role:
    name: str
    description: str
    everything: bool = False
    # Every permission of these apps, whatever models they have when the command runs.
    apps: tuple[str, ...] = ()
    # (app_label, model, actions) for the rest.
    models: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    extra: tuple[str, ...] = field(default=())

    def permissions(self):
        if self.everything:
            return Permission.objects.all()
        query = Q(content_type__app_label__in=self.apps)
        for app_label, model, actions in self.models:
            query |= Q(
                content_type__app_label=app_label,
                content_type__model=model,
                codename__in=[f"{action}_{model}" for action in actions],
            )
        for perm in self.extra:
            app_label, codename = perm.split(".")
            query |= Q(content_type__app_label=app_label, codename=codename)
        return Permission.objects.filter(query)


ROLES = (
    Role(ADMINISTRATORS, _("Toàn quyền, kể cả tài khoản và phân quyền."), everything=True),
    Role(
        PROVINCIAL_EDITORS,
        _(
            "Toàn bộ danh bạ (cửa hàng, cơ sở sản xuất, sản phẩm, sàn, địa bàn) "
            "và các chiến dịch truyền thông."
        ),
        apps=("shops", "producers", "campaigns"),
        models=(ERROR_REPORTS,),
    ),
    Role(
        DISTRICT_EDITORS,
        _(
            "Cửa hàng, cơ sở sản xuất, sản phẩm và gian hàng của các khu vực huyện cũ được phân công "
            "(và các xã, phường hiện nay trong đó)."
        ),
        models=LOCAL_DIRECTORY,
        extra=("shops.all_shop_kinds",),
    ),
    Role(
        COMMUNE_EDITORS,
        _("Cửa hàng, cơ sở sản xuất, sản phẩm và gian hàng của các xã, phường (từ 1/7/2025) được phân công."),
        models=LOCAL_DIRECTORY,
        extra=("shops.all_shop_kinds",),
    ),
    Role(
        POSTAL_STAFF,
        _(
            "Điểm bán hàng thiết yếu của doanh nghiệp mình; cơ sở sản xuất, sản phẩm, gian hàng trên sàn "
            "và việc đưa hộ lên sàn, cả tỉnh."
        ),
        models=(
            # The directory, its shops limited to the sale points of the staff member's own
            # company (shops.models.PostalStaffMember, set on the user's page).
            *DIRECTORY,
            ("producers", "platform", ("view",)),
            # The postal companies contact, train and open the shops of the households.
            ("producers", "onboarding", ("view", "change")),
            ("producers", "onboardingstep", ("view",)),
            # Their company's trainings and other work for the plan.
            *PLAN_WORK,
        ),
        extra=("shops.all_districts",),
    ),
)


def setup_roles() -> list[tuple[str, int]]:
    """Create the groups and set exactly their permissions; returns (group, permission count)."""
    done = []
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role.name)
        permissions = list(role.permissions())
        group.permissions.set(permissions)
        done.append((role.name, len(permissions)))
    return done
