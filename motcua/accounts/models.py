"""Organisations (the agency tree, one-stop desks) and accounts (staff memberships, citizens)."""

import datetime as dt
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models import F, Q

from motcua.accounts.validators import (
    validate_agency_code,
    validate_mobile_phone,
    validate_personal_id,
    validate_phone,
    validate_tax_code,
)
from motcua.core.models import TimeStampedModel


class AgencyLevel(models.TextChoices):
    PROVINCE = "province", "Cấp tỉnh (UBND tỉnh, thành phố)"
    DEPARTMENT = "department", "Sở, ban, ngành cấp tỉnh"
    UNIT = "unit", "Đơn vị trực thuộc (chi cục, trung tâm, phòng)"
    DISTRICT = "district", "Cấp huyện (đến 30/6/2025)"
    COMMUNE = "commune", "Cấp xã (xã, phường, đặc khu)"
    BRANCH = "branch", "Cơ quan ngành dọc"


class Agency(TimeStampedModel):
    """A government agency (cơ quan, đơn vị) in the province's tree.

    Since 1 July 2025 local government has two tiers (province, commune); district agencies stay
    for history with `valid_to` set, and `successors` records where their work went.
    """

    code = models.CharField(
        "mã định danh", max_length=13, unique=True, validators=[validate_agency_code]
    )
    name = models.CharField("tên cơ quan", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=64, blank=True)
    level = models.CharField("cấp", max_length=16, choices=AgencyLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="cơ quan cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    admin_unit_code = models.CharField(
        "mã đơn vị hành chính", max_length=8, blank=True, help_text="Theo QĐ 19/2025/QĐ-TTg."
    )
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    phone = models.CharField("điện thoại", max_length=16, blank=True, validators=[validate_phone])
    email = models.EmailField("email", blank=True)
    valid_from = models.DateField("hiệu lực từ ngày", default=dt.date(2025, 7, 1))
    valid_to = models.DateField("hết hiệu lực từ ngày", null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        verbose_name="cơ quan kế thừa",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
    )

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="agency_valid_range",
                violation_error_message="Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.",
            ),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="agency_not_own_parent"),
            models.CheckConstraint(
                condition=Q(level__in=AgencyLevel.values), name="agency_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def is_active_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


class DeskKind(models.TextChoices):
    SERVICE_CENTRE = "service_centre", "Trung tâm Phục vụ hành chính công tỉnh"
    COMMUNE_CENTRE = "commune_centre", "Trung tâm phục vụ hành chính công cấp xã"
    AGENCY_DESK = "agency_desk", "Bộ phận một cửa của cơ quan"


class Desk(TimeStampedModel):
    """A one-stop desk (Bộ phận một cửa): where dossiers are received and results returned.

    `host` is the agency the desk belongs to; `serves` lists the agencies it receives for.
    """

    code = models.SlugField("mã bộ phận", max_length=32, unique=True)
    name = models.CharField("tên bộ phận một cửa", max_length=255)
    kind = models.CharField("loại", max_length=16, choices=DeskKind.choices)
    host = models.ForeignKey(
        Agency, verbose_name="cơ quan chủ quản", on_delete=models.PROTECT, related_name="desks"
    )
    serves = models.ManyToManyField(
        Agency, verbose_name="tiếp nhận hồ sơ cho", related_name="served_by_desks", blank=True
    )
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    phone = models.CharField("điện thoại", max_length=16, blank=True, validators=[validate_phone])
    valid_from = models.DateField("hoạt động từ ngày", default=dt.date(2025, 7, 1))
    valid_to = models.DateField("ngừng hoạt động từ ngày", null=True, blank=True)

    class Meta:
        verbose_name = "bộ phận một cửa"
        verbose_name_plural = "bộ phận một cửa"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="desk_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class UserKind(models.TextChoices):
    STAFF = "staff", "Cán bộ, công chức"
    CITIZEN = "citizen", "Công dân, tổ chức"


class UserManager(DjangoUserManager["User"]):
    """Superusers (made by `createsuperuser` or tests) are staff accounts unless told otherwise;
    without a kind the row would break the `user_kind_valid` constraint."""

    def create_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> "User":
        extra.setdefault("kind", UserKind.STAFF)
        extra.setdefault("full_name", username)
        return super().create_superuser(username, email, password, **extra)

    async def acreate_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> "User":
        extra.setdefault("kind", UserKind.STAFF)
        extra.setdefault("full_name", username)
        return await super().acreate_superuser(username, email, password, **extra)


class User(AbstractUser):
    """Everyone who logs in. Staff act through memberships; citizens have a CitizenProfile.

    Citizens log in with their personal ID number or tax code as username.
    """

    kind = models.CharField("loại tài khoản", max_length=8, choices=UserKind.choices)
    full_name = models.CharField("họ và tên", max_length=255)
    phone = models.CharField(
        "số điện thoại di động", max_length=16, blank=True, validators=[validate_mobile_phone]
    )
    # Set when the owner proves the contact with a one-time code (or the identity provider
    # asserts it); cleared when the contact changes.
    phone_verified_at = models.DateTimeField("xác thực số điện thoại lúc", null=True, blank=True)
    email_verified_at = models.DateTimeField("xác thực email lúc", null=True, blank=True)
    identity_verified_at = models.DateTimeField(
        "đăng nhập bằng định danh điện tử lúc",
        null=True,
        blank=True,
        help_text="Lần gần nhất tài khoản đăng nhập bằng tài khoản định danh điện tử (VNeID).",
    )

    objects: ClassVar[UserManager] = UserManager()

    REQUIRED_FIELDS: ClassVar[list[str]] = ["email", "full_name"]  # asked by createsuperuser

    class Meta(AbstractUser.Meta):
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=UserKind.values), name="user_kind_valid"),
            models.CheckConstraint(
                condition=Q(phone_verified_at__isnull=True) | ~Q(phone=""),
                name="user_phone_verified_has_phone",
            ),
            models.CheckConstraint(
                condition=Q(email_verified_at__isnull=True) | ~Q(email=""),
                name="user_email_verified_has_email",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def phone_verified(self) -> bool:
        return bool(self.phone) and self.phone_verified_at is not None

    @property
    def email_verified(self) -> bool:
        return bool(self.email) and self.email_verified_at is not None


class Role(models.TextChoices):
    DESK_OFFICER = "desk_officer", "Cán bộ một cửa"
    SPECIALIST = "specialist", "Chuyên viên xử lý"
    LEADER = "leader", "Lãnh đạo"
    AGENCY_ADMIN = "agency_admin", "Quản trị cơ quan"
    PROVINCE_ADMIN = "province_admin", "Quản trị cấp tỉnh"
    INSPECTOR = "inspector", "Thanh tra, kiểm tra"


class Membership(TimeStampedModel):
    """A staff user's role in an agency (user × agency × role), with the desk for desk officers."""

    user = models.ForeignKey(
        User, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField("vai trò", max_length=16, choices=Role.choices)
    desk = models.ForeignKey(
        Desk,
        verbose_name="bộ phận một cửa",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    valid_from = models.DateField("từ ngày", default=dt.date(2025, 7, 1))
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "phân công vai trò"
        verbose_name_plural = "phân công vai trò"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"],
                condition=Q(valid_to__isnull=True),
                name="membership_unique_open",
                violation_error_message="Tài khoản đã có vai trò này tại cơ quan này.",
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
            models.CheckConstraint(
                condition=~Q(role=Role.DESK_OFFICER) | Q(desk__isnull=False),
                name="membership_desk_officer_has_desk",
                violation_error_message="Cán bộ một cửa phải được gắn với một bộ phận một cửa.",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="membership_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.agency.name}"


class CitizenKind(models.TextChoices):
    INDIVIDUAL = "individual", "Cá nhân"
    ORGANISATION = "organisation", "Tổ chức, doanh nghiệp"


class CitizenProfile(TimeStampedModel):
    """Who a citizen account is: an individual (personal ID number) or an organisation (tax code)."""

    user = models.OneToOneField(
        User, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="citizen_profile"
    )
    kind = models.CharField("loại", max_length=16, choices=CitizenKind.choices)
    personal_id_number = models.CharField(
        "số định danh cá nhân",
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_personal_id],
    )
    tax_code = models.CharField(
        "mã số thuế",
        max_length=14,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_tax_code],
    )
    organisation_name = models.CharField("tên tổ chức", max_length=255, blank=True)
    date_of_birth = models.DateField("ngày sinh", null=True, blank=True)
    address = models.CharField("địa chỉ liên hệ", max_length=255, blank=True)

    class Meta:
        verbose_name = "hồ sơ công dân, tổ chức"
        verbose_name_plural = "hồ sơ công dân, tổ chức"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=CitizenKind.INDIVIDUAL, personal_id_number__isnull=False)
                    | Q(kind=CitizenKind.ORGANISATION, tax_code__isnull=False)
                    & ~Q(organisation_name="")
                ),
                name="citizen_identity_present",
                violation_error_message=(
                    "Cá nhân phải có số định danh cá nhân; tổ chức phải có mã số thuế và tên."
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.kind == CitizenKind.ORGANISATION:
            return f"{self.organisation_name} (MST {self.tax_code})"
        return f"{self.user.full_name} ({self.personal_id_number})"


class ApiToken(models.Model):
    """A key another system uses to call the API as `user` (Authorization: Bearer mc_…).

    Only a SHA-256 hash of the key is stored; the key itself is shown once, when it is made. The
    prefix (8 characters, also inside the key) identifies a token in lists and logs.
    """

    user = models.ForeignKey(
        User, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("tên (hệ thống sử dụng)", max_length=100)
    key_prefix = models.CharField("tiền tố khóa", max_length=8, db_index=True)
    key_hash = models.CharField("mã băm SHA-256 của khóa", max_length=64, unique=True)
    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)
    last_used_at = models.DateTimeField("lần dùng gần nhất", null=True, blank=True)
    revoked_at = models.DateTimeField("thời điểm thu hồi", null=True, blank=True)
    expires_at = models.DateTimeField("hết hạn lúc", null=True, blank=True)

    class Meta:
        verbose_name = "khóa API"
        verbose_name_plural = "khóa API"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} (mc_{self.key_prefix}_…)"

    def is_usable_at(self, instant: dt.datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or instant < self.expires_at)


class OtpPurpose(models.TextChoices):
    VERIFY_PHONE = "verify_phone", "Xác thực số điện thoại"
    VERIFY_EMAIL = "verify_email", "Xác thực email"
    RESET_PASSWORD = "reset_password", "Đặt lại mật khẩu"


class OtpChannel(models.TextChoices):
    """How a code travels; the values are those of the notifications' channels."""

    SMS = "sms", "Tin nhắn SMS"
    EMAIL = "email", "Thư điện tử"


class OneTimeCode(models.Model):
    """A six-digit code sent to a user's phone or e-mail (motcua/accounts/otp.py).

    Only an HMAC of the code is stored. A code is open until it is used or voided (a newer code
    of the same purpose voids it); at most one is open per user and purpose.
    """

    user = models.ForeignKey(
        User, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="one_time_codes"
    )
    purpose = models.CharField("mục đích", max_length=16, choices=OtpPurpose.choices)
    channel = models.CharField("kênh gửi", max_length=8, choices=OtpChannel.choices)
    recipient = models.CharField("gửi đến", max_length=254)
    code_hash = models.CharField("mã băm HMAC-SHA256 của mã", max_length=64)
    created_at = models.DateTimeField("thời điểm tạo")
    expires_at = models.DateTimeField("hết hạn lúc")
    attempts = models.PositiveSmallIntegerField("số lần nhập sai", default=0)
    used_at = models.DateTimeField("đã dùng lúc", null=True, blank=True)
    voided_at = models.DateTimeField("hủy lúc", null=True, blank=True)

    class Meta:
        verbose_name = "mã xác thực (OTP)"
        verbose_name_plural = "mã xác thực (OTP)"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "purpose", "created_at"], name="otp_user_purpose"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(purpose__in=OtpPurpose.values), name="otp_purpose_valid"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=OtpChannel.values), name="otp_channel_valid"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="otp_expires_after_created"
            ),
            models.UniqueConstraint(
                fields=["user", "purpose"],
                condition=Q(used_at__isnull=True, voided_at__isnull=True),
                name="otp_one_open_per_purpose",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} — {self.user} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_open(self) -> bool:
        return self.used_at is None and self.voided_at is None
