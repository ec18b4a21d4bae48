"""`python manage.py demo_accounts`: the demo accounts to log in with, one per role.

Read from the database, so only accounts that exist (and are active) are listed, and a password
changed since the seed is shown as changed rather than printed wrong.
"""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from motcua.accounts.models import CitizenKind, CitizenProfile, Membership, Role, User
from motcua.demo.people_content import (
    ADMIN_USERNAME,
    CITIZENS,
    DEMO_PASSWORD,
    STAFF,
)
from motcua.demo.province_content import PROVINCE_NAME

HEADERS = ("Tài khoản", "Mật khẩu", "Vai trò", "Cơ quan / bộ phận một cửa", "Dùng thử")
CHANGED_MARK = "(đã đổi)"

TRY_BY_ROLE: dict[str, str] = {
    Role.DESK_OFFICER: "Tiếp nhận hồ sơ tại quầy, in giấy tiếp nhận và hẹn trả kết quả",
    Role.SPECIALIST: "Thẩm định hồ sơ được chuyển đến, yêu cầu bổ sung, trình lãnh đạo",
    Role.LEADER: "Phê duyệt kết quả, duyệt văn bản xin lỗi và gia hạn",
    Role.AGENCY_ADMIN: "Quản lý cán bộ và phân công vai trò trong cơ quan",
    Role.PROVINCE_ADMIN: "Lịch làm việc, ngày nghỉ của tỉnh; danh mục thủ tục",
    Role.INSPECTOR: "Theo dõi hồ sơ quá hạn, báo cáo (chỉ xem)",
}
TRY_ADMIN = "Trang quản trị /admin/: cơ quan, bộ phận một cửa, tài khoản"
TRY_CITIZEN = "Cổng dịch vụ công: nộp hồ sơ trực tuyến, tra cứu tiến độ"

Row = tuple[str, str, str, str, str]


class _PasswordCheck:
    """Whether an account still has the demo password. Demo accounts share one hash, so each
    distinct hash is checked once (checking is slow on purpose)."""

    def __init__(self) -> None:
        self._by_hash: dict[str, bool] = {}

    def shown(self, user: User) -> str:
        if user.password not in self._by_hash:
            self._by_hash[user.password] = user.check_password(DEMO_PASSWORD)
        return DEMO_PASSWORD if self._by_hash[user.password] else CHANGED_MARK


def _active_on(day: dt.date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))


def demo_account_rows(*, today: dt.date) -> list[Row]:
    """The system admin, one staff account per role (first in the roster), one citizen."""
    passwords = _PasswordCheck()
    rows: list[Row] = []
    admin = User.objects.filter(username=ADMIN_USERNAME, is_active=True).first()
    if admin is not None:
        role = "Quản trị hệ thống" if admin.is_superuser else Role.PROVINCE_ADMIN.label
        rows.append(
            (admin.username, passwords.shown(admin), role, f"UBND tỉnh {PROVINCE_NAME}", TRY_ADMIN)
        )

    roster = {row.username: i for i, row in enumerate(STAFF)}
    memberships = sorted(
        Membership.objects.filter(_active_on(today))
        .filter(user__username__in=roster, user__is_active=True)
        .select_related("user", "agency", "desk"),
        key=lambda m: (roster[m.user.username], m.pk),
    )
    first_by_role: dict[str, Membership] = {}
    for membership in memberships:
        first_by_role.setdefault(membership.role, membership)
    for role in Role:
        found = first_by_role.get(role)
        if found is None:
            continue
        place = found.agency.name
        if found.desk is not None and found.desk.name != found.agency.name:
            place = f"{place} — {found.desk.name}"
        rows.append(
            (
                found.user.username,
                passwords.shown(found.user),
                role.label,
                place,
                TRY_BY_ROLE[role],
            )
        )

    citizen_ids = [row.username for row in CITIZENS if row.personal_id_number]
    profiles = {
        p.user.username: p
        for p in CitizenProfile.objects.filter(
            kind=CitizenKind.INDIVIDUAL, user__username__in=citizen_ids, user__is_active=True
        ).select_related("user")
    }
    citizen = next((profiles[u] for u in citizen_ids if u in profiles), None)
    if citizen is not None:
        rows.append(
            (
                citizen.user.username,
                passwords.shown(citizen.user),
                f"Công dân ({citizen.user.full_name})",
                "—",
                TRY_CITIZEN,
            )
        )
    return rows


def format_table(rows: list[Row]) -> str:
    """Columns padded to the widest cell; the last column is left ragged."""
    table = [HEADERS, *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(HEADERS) - 1)]

    def line(cells: tuple[str, ...]) -> str:
        padded = [cell.ljust(width) for cell, width in zip(cells, widths, strict=False)]
        return "  ".join([*padded, cells[-1]]).rstrip()

    rule = "  ".join(["-" * w for w in widths] + ["-" * len(HEADERS[-1])])
    return "\n".join([line(HEADERS), rule, *(line(r) for r in rows)])


class Command(BaseCommand):
    help = "In các tài khoản dùng thử của tỉnh mẫu, mỗi vai trò một tài khoản."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = demo_account_rows(today=timezone.localdate())
        if not rows:
            self.stdout.write("Chưa có tài khoản mẫu. Chạy «python manage.py seed_demo» trước.")
            return
        self.stdout.write(
            f"Tài khoản dùng thử — tỉnh mẫu {PROVINCE_NAME} (chỉ dùng để trình diễn):\n"
        )
        self.stdout.write(format_table(rows))
        self.stdout.write(
            "\nMật khẩu chung của dữ liệu mẫu, đã công bố: không nạp dữ liệu mẫu vào hệ thống "
            "thật. Công dân đăng nhập bằng số định danh cá nhân, tổ chức bằng mã số thuế."
        )
