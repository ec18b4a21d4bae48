"""Load the demo province "Sơn Hà" (H99) through the accounts services.

Agencies (with the former districts' successors), the one-stop desks, the staff accounts with
their memberships, and a few citizens. Idempotent: whatever exists (matched by agency code, desk
code, username, open membership, personal ID number or tax code) is left alone, so a second run
creates nothing and a partly loaded database is completed.

The content is plain data in `province_content.py` and `people_content.py`.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q

from motcua.accounts.models import (
    Agency,
    AgencyLevel,
    CitizenKind,
    CitizenProfile,
    Desk,
    DeskKind,
    Membership,
    Role,
    User,
)
from motcua.accounts.services import (
    agency_create,
    agency_retire,
    citizen_register,
    desk_create,
    membership_grant,
    staff_user_create,
)
from motcua.core.audit import audit_record
from motcua.demo.people_content import (
    ADMIN_FULL_NAME,
    ADMIN_USERNAME,
    CITIZENS,
    DEMO_PASSWORD,
    STAFF,
    STAFF_EMAIL_DOMAIN,
    StaffRow,
)
from motcua.demo.province_content import (
    COMMUNES,
    LAND_REGISTRATION_BRANCH,
    POLICE,
    PROVINCE,
    PROVINCE_NAME,
    SERVICE_CENTRE_AGENCY,
    SERVICE_CENTRE_DESK,
    AgencyRow,
    agency_rows,
    commune_code,
    commune_desk_code,
)

DEMO_REASON = "dữ liệu mẫu"

# The system administrator: superuser for the admin site, and province admin of the demo province.
ADMIN = StaffRow(
    ADMIN_USERNAME,
    ADMIN_FULL_NAME,
    "",
    Role.PROVINCE_ADMIN,
    PROVINCE,
    title="Quản trị hệ thống (tài khoản mẫu)",
)

# Agency levels the provincial service centre receives for.
CENTRE_SERVES_LEVELS = frozenset(
    {AgencyLevel.PROVINCE, AgencyLevel.DEPARTMENT, AgencyLevel.UNIT, AgencyLevel.BRANCH}
)
# The first communes' centres also receive for the vertical branches present on site, as real
# commune centres do for land registration and the police.
COMMUNES_WITH_BRANCH_COUNTERS = 3
BRANCH_COUNTER_AGENCIES = (LAND_REGISTRATION_BRANCH, POLICE)


class Writer(Protocol):
    """Where progress lines go: a management command's stdout, a StringIO."""

    def write(self, msg: str, /) -> object: ...


@dataclass(frozen=True)
class DeskRow:
    code: str
    name: str
    kind: DeskKind
    host: str  # agency code
    serves: tuple[str, ...]  # agency codes
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class DemoSummary:
    """What one run created (zero everywhere on a second run) and the objects later steps need."""

    province: Agency
    admin: User
    agencies_created: int
    desks_created: int
    accounts_created: int
    memberships_created: int

    @property
    def created_anything(self) -> bool:
        return any(
            (
                self.agencies_created,
                self.desks_created,
                self.accounts_created,
                self.memberships_created,
            )
        )


def desk_rows() -> tuple[DeskRow, ...]:
    """The provincial service centre's desk, then one commune centre per commune."""
    agencies = agency_rows()
    centre_agency = next(row for row in agencies if row.code == SERVICE_CENTRE_AGENCY)
    centre = DeskRow(
        code=SERVICE_CENTRE_DESK,
        name=centre_agency.name,
        kind=DeskKind.SERVICE_CENTRE,
        host=SERVICE_CENTRE_AGENCY,
        serves=tuple(row.code for row in agencies if row.level in CENTRE_SERVES_LEVELS),
        address=centre_agency.address,
        phone=centre_agency.phone,
    )
    communes = tuple(
        DeskRow(
            code=commune_desk_code(n),
            name=f"Trung tâm phục vụ hành chính công {kind} {name}",
            kind=DeskKind.COMMUNE_CENTRE,
            host=commune_code(n),
            serves=(commune_code(n),)
            + (BRANCH_COUNTER_AGENCIES if n <= COMMUNES_WITH_BRANCH_COUNTERS else ()),
            address=f"Trụ sở UBND {kind} {name}, tỉnh {PROVINCE_NAME}",
            phone=f"0239386{n:04d}",
        )
        for n, (name, kind, _unit_code, _district) in enumerate(COMMUNES, start=1)
    )
    return (centre, *communes)


class _DemoPasswordHash:
    """One hash of DEMO_PASSWORD shared by every account this run creates: hashing is slow on
    purpose (about 0.3 s with the production hasher), and 30 hashes would make the seed slow."""

    def __init__(self) -> None:
        self._hash: str | None = None

    def value(self) -> str:
        if self._hash is None:
            self._hash = make_password(DEMO_PASSWORD)
        return self._hash

    def apply(self, user: User) -> None:
        # The services take a raw password and hash it; they get None (unusable password) and
        # the shared hash is stored here instead.
        user.password = self.value()
        user.save(update_fields=["password"])


@transaction.atomic
def demo_province_load(*, stdout: Writer | None = None) -> DemoSummary:
    """Create what is missing of the demo province; return what was created."""
    password = _DemoPasswordHash()
    admin, admin_created = _admin_ensure(password=password)
    agencies, agencies_created = _agencies_ensure(actor=admin)
    desks, desks_created = _desks_ensure(agencies=agencies, actor=admin)
    staff_created, memberships_created = _staff_ensure(
        agencies=agencies, desks=desks, password=password, actor=admin
    )
    citizens_created = _citizens_ensure(password=password, actor=admin)
    if stdout is not None:
        stdout.write(f"Cơ quan, đơn vị: {agencies_created} mới / {len(agencies)}\n")
        stdout.write(f"Bộ phận một cửa: {desks_created} mới / {len(desks)}\n")
        stdout.write(
            f"Tài khoản cán bộ: {staff_created + admin_created} mới / {len(STAFF) + 1}, "
            f"phân công vai trò: {memberships_created} mới\n"
        )
        stdout.write(f"Tài khoản công dân, tổ chức: {citizens_created} mới / {len(CITIZENS)}\n")
    return DemoSummary(
        province=agencies[PROVINCE],
        admin=admin,
        agencies_created=agencies_created,
        desks_created=desks_created,
        accounts_created=admin_created + staff_created + citizens_created,
        memberships_created=memberships_created,
    )


def _admin_ensure(*, password: _DemoPasswordHash) -> tuple[User, int]:
    """The superuser every other demo object is created by (its membership comes with the staff,
    once the province exists)."""
    existing = User.objects.filter(username=ADMIN.username).first()
    if existing is not None:
        return existing, 0
    admin = _staff_user_ensure(row=ADMIN, password=password, actor=None)
    # No service grants superuser rights (the admin site does, audited by Django's log); the
    # demo does it once here and records it.
    admin.is_staff = True
    admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])
    audit_record(actor=None, action="user.superuser_granted", obj=admin, reason=DEMO_REASON)
    return admin, 1


def _agencies_ensure(*, actor: User) -> tuple[dict[str, Agency], int]:
    rows = agency_rows()
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[row.code for row in rows])}
    created = 0
    for row in rows:  # parents come before children
        if row.code in agencies:
            continue
        agencies[row.code] = agency_create(
            code=row.code,
            name=row.name,
            level=AgencyLevel(row.level),
            parent=agencies[row.parent] if row.parent is not None else None,
            actor=actor,
            short_name=row.short_name,
            admin_unit_code=row.admin_unit_code,
            address=row.address,
            phone=row.phone,
            email=row.email,
            valid_from=row.valid_from,
        )
        created += 1
    for row in rows:
        if row.valid_to is not None:
            agencies[row.code] = _retire_ensure(
                row=row, valid_to=row.valid_to, agencies=agencies, actor=actor
            )
    return agencies, created


def _retire_ensure(
    *, row: AgencyRow, valid_to: dt.date, agencies: dict[str, Agency], actor: User
) -> Agency:
    """A former district: ended on 1 July 2025, its work gone to the communes (its successors)."""
    agency = agencies[row.code]
    present = set(agency.successors.values_list("code", flat=True))
    missing = [agencies[code] for code in row.successors if code not in present]
    if agency.valid_to is not None and not missing:
        return agency
    return agency_retire(
        agency=agency,
        valid_to=agency.valid_to or valid_to,
        successors=missing,
        reason=(
            "Sắp xếp đơn vị hành chính, tổ chức chính quyền địa phương hai cấp "
            f"từ {valid_to:%d/%m/%Y} ({DEMO_REASON})"
        ),
        actor=actor,
    )


def _desks_ensure(*, agencies: dict[str, Agency], actor: User) -> tuple[dict[str, Desk], int]:
    rows = desk_rows()
    desks = {d.code: d for d in Desk.objects.filter(code__in=[row.code for row in rows])}
    created = 0
    for row in rows:
        if row.code in desks:
            continue
        desks[row.code] = desk_create(
            code=row.code,
            name=row.name,
            kind=row.kind,
            host=agencies[row.host],
            serves=[agencies[code] for code in row.serves],
            actor=actor,
            address=row.address,
            phone=row.phone,
        )
        created += 1
    return desks, created


def _staff_user_ensure(*, row: StaffRow, password: _DemoPasswordHash, actor: User | None) -> User:
    user = staff_user_create(
        username=row.username,
        full_name=row.full_name,
        email=f"{row.username}@{STAFF_EMAIL_DOMAIN}",
        phone=row.phone,
        password=None,
        actor=actor,
    )
    password.apply(user)
    return user


def _staff_ensure(
    *,
    agencies: dict[str, Agency],
    desks: dict[str, Desk],
    password: _DemoPasswordHash,
    actor: User,
) -> tuple[int, int]:
    """Staff accounts (the admin's exists already) and their open memberships."""
    rows = (ADMIN, *STAFF)
    usernames = [row.username for row in rows]
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    granted = set(
        Membership.objects.filter(user__username__in=usernames, valid_to__isnull=True).values_list(
            "user__username", "agency__code", "role"
        )
    )
    users_created = memberships_created = 0
    for row in rows:
        user = users.get(row.username)
        if user is None:
            user = _staff_user_ensure(row=row, password=password, actor=actor)
            users_created += 1
        if (row.username, row.agency, row.role) in granted:
            continue
        membership_grant(
            user=user,
            agency=agencies[row.agency],
            role=Role(row.role),
            desk=desks[row.desk] if row.desk is not None else None,
            actor=actor,
        )
        memberships_created += 1
    return users_created, memberships_created


def _citizens_ensure(*, password: _DemoPasswordHash, actor: User) -> int:
    usernames = [row.username for row in CITIZENS]
    taken = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    for personal_id, tax_code in CitizenProfile.objects.filter(
        Q(personal_id_number__in=usernames) | Q(tax_code__in=usernames)
    ).values_list("personal_id_number", "tax_code"):
        taken.add(personal_id or tax_code or "")
    created = 0
    for row in CITIZENS:
        if row.username in taken:
            continue
        user = citizen_register(
            kind=CitizenKind.INDIVIDUAL if row.personal_id_number else CitizenKind.ORGANISATION,
            full_name=row.full_name,
            phone=row.phone,
            password=None,
            email=row.email,
            personal_id_number=row.personal_id_number,
            tax_code=row.tax_code,
            organisation_name=row.organisation_name,
            date_of_birth=row.date_of_birth,
            address=row.address,
            actor=actor,
        )
        password.apply(user)
        created += 1
    return created
