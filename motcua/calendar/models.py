"""Editable calendar data: extra days off, make-up working days and office hours.

The `holidays` package (country VN) is the base; these tables override it. Rows are never deleted:
a mistaken override is revoked (with who, when and why), so every past deadline can be explained.
"""

from django.db import models
from django.db.models import F, Q

from motcua.accounts.models import Agency, User
from motcua.core.models import TimeStampedModel


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", "Ngày nghỉ"
    WORKING_DAY = "working_day", "Ngày làm việc (làm bù)"


class OverrideScope(models.TextChoices):
    NATIONAL = "national", "Toàn quốc"
    PROVINCE = "province", "Toàn tỉnh"
    AGENCY = "agency", "Một cơ quan (và đơn vị trực thuộc)"


class CalendarOverride(TimeStampedModel):
    """An extra day off or a make-up working day over an inclusive date range."""

    start_date = models.DateField("từ ngày")
    end_date = models.DateField("đến ngày (bao gồm)")
    kind = models.CharField("loại", max_length=16, choices=OverrideKind.choices)
    scope = models.CharField("phạm vi", max_length=16, choices=OverrideScope.choices)
    agency = models.ForeignKey(
        Agency,
        verbose_name="tỉnh hoặc cơ quan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calendar_overrides",
    )
    name = models.CharField("tên ngày", max_length=255)
    legal_reference = models.CharField("căn cứ pháp lý", max_length=255, blank=True)
    created_by = models.ForeignKey(
        User, verbose_name="người tạo", null=True, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField("thời điểm hủy", null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        verbose_name="người hủy",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoke_reason = models.TextField("lý do hủy", blank=True)

    class Meta:
        verbose_name = "ngày nghỉ, ngày làm bù"
        verbose_name_plural = "ngày nghỉ, ngày làm bù"
        ordering = ["start_date"]
        indexes = [models.Index(fields=["scope", "agency", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="calendar_override_range",
                violation_error_message="Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.",
            ),
            models.CheckConstraint(
                condition=Q(scope=OverrideScope.NATIONAL, agency__isnull=True)
                | (~Q(scope=OverrideScope.NATIONAL) & Q(agency__isnull=False)),
                name="calendar_override_scope_agency",
                violation_error_message="Phạm vi toàn quốc không gắn cơ quan; phạm vi tỉnh hoặc "
                "cơ quan phải chọn cơ quan.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=OverrideKind.values), name="calendar_override_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        span = (
            f"{self.start_date:%d/%m/%Y}"
            if self.start_date == self.end_date
            else f"{self.start_date:%d/%m/%Y}–{self.end_date:%d/%m/%Y}"
        )
        return f"{span}: {self.name} ({self.get_kind_display()})"


class OfficeHours(TimeStampedModel):
    """Office hours of an agency (and what is under it) from a date; none = the settings default."""

    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="office_hours"
    )
    valid_from = models.DateField("áp dụng từ ngày")
    blocks = models.CharField(
        "giờ làm việc",
        max_length=64,
        help_text="Các khoảng giờ trong ngày, ví dụ 07:00-11:30,13:30-17:00.",
    )
    weekdays = models.CharField(
        "ngày làm việc trong tuần",
        max_length=7,
        default="01234",
        help_text="Thứ trong tuần làm việc: 0 = thứ Hai … 6 = Chủ nhật.",
    )
    created_by = models.ForeignKey(
        User, verbose_name="người tạo", null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "giờ làm việc"
        verbose_name_plural = "giờ làm việc"
        ordering = ["agency", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "valid_from"], name="office_hours_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency.name} từ {self.valid_from:%d/%m/%Y}: {self.blocks}"
