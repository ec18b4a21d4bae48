"""Dossiers (hồ sơ): what was received, from whom, under which procedure version, and everything
that happened to them since.

What is stored: the reception facts, the applicant snapshot, the components handed in, files, the
append-only event log, step visits (who held the dossier at which step, with the step's budget),
pause intervals, the apology. What is derived on read (`motcua.dossiers.deadlines`): due instants,
time used, early / on time / late, in time / due soon / overdue. Only `motcua.workflow` services
write `Dossier.status`.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency, CitizenKind, Desk, Role, User
from motcua.calendar.engine import TimeUnit
from motcua.catalog.models import CaseVariant, Component, ProcedureVersion, ProcessStep
from motcua.core.models import TimeStampedModel


class RuleSet(models.TextChoices):
    """The regulations a dossier is handled under, chosen by its local reception date (domain §1)."""

    R2018 = "r2018", _("NĐ 61/2018, TT 01/2018/TT-VPCP")
    R2025 = "r2025", _("NĐ 118/2025, TT 03/2025/TT-VPCP")


class Channel(models.TextChoices):
    COUNTER = "counter", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POSTAL = "postal", _("Bưu chính công ích")
    KIOSK = "kiosk", _("Ki-ốt tự phục vụ")

    @property
    def national_code(self) -> int:
        """`KenhThucHien` on the national portal: 1 in person, 2 online, 3 postal (domain §2)."""
        return {"counter": 1, "kiosk": 1, "online": 2, "postal": 3}[self.value]

    @property
    def is_paper(self) -> bool:
        """Paper dossiers are handed over at the next opening when received after the cut-off."""
        return self in (Channel.COUNTER, Channel.POSTAL, Channel.KIOSK)


class DossierStatus(models.TextChoices):
    """Internal statuses, each mapped to exactly one public status code of the national portal."""

    SUBMITTED = "submitted", _("Mới đăng ký")
    RECEIVED = "received", _("Được tiếp nhận")
    REFUSED_INTAKE = "refused_intake", _("Không được tiếp nhận")
    PROCESSING = "processing", _("Đang xử lý")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung giấy tờ")
    AWAITING_PAYMENT = "awaiting_payment", _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWAL_REQUESTED = "withdrawal_requested", _("Công dân yêu cầu rút hồ sơ")
    STOPPED = "stopped", _("Dừng xử lý")
    RESULT_READY = "result_ready", _("Đã xử lý xong")
    RETURNED = "returned", _("Đã trả kết quả")

    @property
    def public_code(self) -> int:
        return PUBLIC_CODES[self]


PUBLIC_CODES: dict[DossierStatus, int] = {
    DossierStatus.SUBMITTED: 1,
    DossierStatus.RECEIVED: 2,
    DossierStatus.REFUSED_INTAKE: 3,
    DossierStatus.PROCESSING: 4,
    DossierStatus.SUPPLEMENT_REQUESTED: 5,
    DossierStatus.AWAITING_PAYMENT: 6,
    DossierStatus.WITHDRAWAL_REQUESTED: 7,
    DossierStatus.STOPPED: 8,
    DossierStatus.RESULT_READY: 9,
    DossierStatus.RETURNED: 10,
}

# Statuses whose clock still runs (or stands paused): the sweep and the queues look at these.
OPEN_STATUSES = frozenset(
    {
        DossierStatus.RECEIVED,
        DossierStatus.PROCESSING,
        DossierStatus.SUPPLEMENT_REQUESTED,
        DossierStatus.AWAITING_PAYMENT,
        DossierStatus.WITHDRAWAL_REQUESTED,
    }
)
# Statuses in which the dossier's handling has ended (judged early / on time / late).
FINISHED_STATUSES = frozenset(
    {DossierStatus.RESULT_READY, DossierStatus.RETURNED, DossierStatus.STOPPED}
)


class ResultKind(models.TextChoices):
    APPROVED = "approved", _("Chấp thuận (cấp kết quả)")
    REFUSED = "refused", _("Từ chối giải quyết (có lý do)")


class ReturnMethod(models.TextChoices):
    COUNTER = "counter", _("Trả trực tiếp tại Bộ phận một cửa")
    POST = "post", _("Trả qua dịch vụ bưu chính")
    ELECTRONIC = "electronic", _("Trả kết quả điện tử")


class Dossier(models.Model):
    """One dossier, pinned to the procedure version and case variant it was received under."""

    code = models.CharField(
        "mã hồ sơ",
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text="Cấp khi tiếp nhận (TT 01/2018/TT-VPCP Điều 19); trống khi chưa được tiếp nhận.",
    )
    reference = models.CharField(
        "mã tham chiếu",
        max_length=40,
        unique=True,
        help_text="Mã của lần nộp (có ngay khi nộp trực tuyến, trước khi có mã hồ sơ).",
    )
    source_system = models.CharField(
        "hệ thống nguồn",
        max_length=64,
        blank=True,
        help_text="Trống với hồ sơ tạo trong motcua; tên hệ thống cũ với hồ sơ chuyển đổi.",
    )
    rule_set = models.CharField("quy định áp dụng", max_length=8, choices=RuleSet.choices)
    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name="phiên bản thủ tục",
        on_delete=models.PROTECT,
        related_name="+",
    )
    variant = models.ForeignKey(
        CaseVariant, verbose_name="trường hợp", on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField("kênh nộp", max_length=8, choices=Channel.choices)
    desk = models.ForeignKey(
        Desk, verbose_name="bộ phận tiếp nhận", on_delete=models.PROTECT, related_name="dossiers"
    )
    receiving_agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan tiếp nhận",
        on_delete=models.PROTECT,
        related_name="received_dossiers",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan giải quyết",
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    status = models.CharField(
        "trạng thái", max_length=24, choices=DossierStatus.choices, db_index=True
    )
    status_before_withdrawal = models.CharField(
        "trạng thái trước khi xin rút", max_length=24, choices=DossierStatus.choices, blank=True
    )
    current_step = models.ForeignKey(
        ProcessStep,
        verbose_name="bước hiện tại",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    current_agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan đang xử lý",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers_at",
    )
    handler = models.ForeignKey(
        User,
        verbose_name="người đang xử lý",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers_handled",
    )

    # Applicant (a snapshot: what the papers said at reception) and who submitted for them.
    applicant_kind = models.CharField(
        "loại người nộp", max_length=16, choices=CitizenKind.choices, default=CitizenKind.INDIVIDUAL
    )
    applicant_name = models.CharField("tên tổ chức, cá nhân", max_length=255)
    applicant_id_number = models.CharField(
        "số định danh / mã số thuế", max_length=16, blank=True, db_index=True
    )
    applicant_address = models.CharField("địa chỉ", max_length=500, blank=True)
    applicant_account = models.ForeignKey(
        User,
        verbose_name="tài khoản người nộp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
    )
    submitter_name = models.CharField("người nộp thay", max_length=255, blank=True)
    submitter_id_number = models.CharField("số định danh người nộp thay", max_length=16, blank=True)
    phone = models.CharField("số điện thoại liên hệ", max_length=16, blank=True)
    phone_is_landline = models.BooleanField(
        "là số máy bàn",
        default=False,
        help_text="Được lưu nhưng không nhận được tin nhắn: cần một số di động để thông báo.",
    )
    email = models.EmailField("thư điện tử", blank=True)

    answers = models.JSONField("nội dung tờ khai điện tử", default=dict, blank=True)
    sets = models.PositiveSmallIntegerField("số bộ hồ sơ", default=1)
    fees_due = models.DecimalField(
        "phí, lệ phí phải nộp", max_digits=14, decimal_places=0, default=0
    )
    fees_paid = models.DecimalField(
        "phí, lệ phí đã nộp", max_digits=14, decimal_places=0, default=0
    )
    paid_online = models.BooleanField("thanh toán trực tuyến", default=False)

    # Time: the facts the deadline engine derives everything from.
    submitted_at = models.DateTimeField("thời điểm nộp", null=True, blank=True)
    received_at = models.DateTimeField("thời điểm tiếp nhận", null=True, blank=True, db_index=True)
    received_by = models.ForeignKey(
        User,
        verbose_name="người tiếp nhận",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    clock_started_at = models.DateTimeField(
        "thời điểm bắt đầu tính thời hạn",
        null=True,
        blank=True,
        help_text="Tính lại từ đầu khi nhận đủ hồ sơ bổ sung (NĐ 61/2018 Điều 19.4).",
    )
    first_clock_started_at = models.DateTimeField(
        "thời điểm bắt đầu tính thời hạn lần đầu", null=True, blank=True
    )
    handover_at = models.DateTimeField(
        "hạn chuyển hồ sơ giấy cho cơ quan giải quyết",
        null=True,
        blank=True,
        help_text="Hồ sơ giấy nhận sau giờ chốt được chuyển vào đầu ngày làm việc tiếp theo.",
    )
    limit_value = models.DecimalField("thời hạn áp dụng", max_digits=7, decimal_places=2, default=0)
    limit_unit = models.CharField(
        "đơn vị thời hạn",
        max_length=16,
        choices=[(u.value, u.value) for u in TimeUnit],
        default=TimeUnit.WORKING_DAYS.value,
    )
    legal_limit_value = models.DecimalField(
        "thời hạn luật định", max_digits=7, decimal_places=2, default=0
    )
    rescheduled_due_at = models.DateTimeField(
        "ngày hẹn trả mới (sau khi xin lỗi)", null=True, blank=True
    )
    supplement_count = models.PositiveSmallIntegerField("số lần yêu cầu bổ sung", default=0)
    finished_at = models.DateTimeField(
        "thời điểm kết thúc giải quyết", null=True, blank=True, db_index=True
    )
    sweep_at = models.DateTimeField(
        "lần kiểm tra hạn tiếp theo",
        null=True,
        blank=True,
        help_text="Chỉ là chỉ mục cho lệnh process_deadlines; hạn xử lý luôn được tính lại khi đọc.",
    )

    # Result and return.
    result_kind = models.CharField(
        "kết quả giải quyết", max_length=8, choices=ResultKind.choices, blank=True
    )
    result_number = models.CharField("số, ký hiệu văn bản kết quả", max_length=64, blank=True)
    result_summary = models.TextField("trích yếu kết quả / lý do từ chối", blank=True)
    returned_at = models.DateTimeField("thời điểm trả kết quả", null=True, blank=True)
    return_method = models.CharField(
        "hình thức trả kết quả", max_length=12, choices=ReturnMethod.choices, blank=True
    )
    return_tracking_number = models.CharField("số vận đơn bưu chính", max_length=64, blank=True)
    returned_to_name = models.CharField("người nhận kết quả", max_length=255, blank=True)
    returned_to_id_number = models.CharField(
        "số giấy tờ của người nhận kết quả", max_length=16, blank=True
    )

    # Logbook (sổ theo dõi hồ sơ) of the receiving desk: a yearly series from 1.
    logbook_year = models.PositiveSmallIntegerField("năm sổ theo dõi", null=True, blank=True)
    logbook_serial = models.PositiveIntegerField("số thứ tự trong sổ", null=True, blank=True)

    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)
    updated_at = models.DateTimeField("thời điểm cập nhật", auto_now=True)

    class Meta:
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DossierStatus.values), name="dossier_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="dossier_channel_valid"
            ),
            models.CheckConstraint(
                condition=Q(code__isnull=True)
                | Q(received_at__isnull=False, clock_started_at__isnull=False),
                name="dossier_code_only_when_received",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[DossierStatus.RESULT_READY, DossierStatus.RETURNED])
                | ~Q(result_kind=""),
                name="dossier_result_has_kind",
                violation_error_message="Hồ sơ đã xử lý xong phải có kết quả giải quyết.",
            ),
            models.CheckConstraint(
                condition=~Q(status=DossierStatus.RETURNED) | Q(returned_at__isnull=False),
                name="dossier_returned_has_instant",
            ),
            models.CheckConstraint(
                condition=Q(fees_due__gte=0) & Q(fees_paid__gte=0), name="dossier_fees_not_negative"
            ),
            models.CheckConstraint(condition=Q(sets__gte=1), name="dossier_sets_positive"),
            models.UniqueConstraint(
                fields=["desk", "logbook_year", "logbook_serial"],
                name="dossier_logbook_serial_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "received_at"], name="dossier_agency_status"),
            models.Index(fields=["current_agency", "status", "current_step"], name="dossier_queue"),
            models.Index(fields=["handler", "status"], name="dossier_handler_status"),
            models.Index(fields=["desk", "status"], name="dossier_desk_status"),
            models.Index(fields=["sweep_at"], name="dossier_sweep"),
            # The list of every visible dossier, newest arrival first, and its period filter
            # (`motcua.dossiers.queues.ARRIVAL`: received, else submitted, else created).
            models.Index(
                models.Func(
                    F("received_at"),
                    F("submitted_at"),
                    F("created_at"),
                    function="COALESCE",
                    output_field=models.DateTimeField(),
                ),
                F("id"),
                name="dossier_arrival",
            ),
        ]

    def __str__(self) -> str:
        return self.code or self.reference

    @property
    def display_code(self) -> str:
        return self.code or self.reference

    @property
    def public_status(self) -> int:
        return DossierStatus(self.status).public_code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def time_unit(self) -> TimeUnit:
        return TimeUnit(self.limit_unit)


class DossierComponent(models.Model):
    """A component (thành phần hồ sơ) of the pinned case variant and what was handed in for it."""

    dossier = models.ForeignKey(
        Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="components"
    )
    component = models.ForeignKey(
        Component, verbose_name="thành phần", on_delete=models.PROTECT, related_name="+"
    )
    originals = models.PositiveSmallIntegerField("số bản chính", default=0)
    copies = models.PositiveSmallIntegerField("số bản sao", default=0)
    electronic = models.BooleanField("bản điện tử", default=False)
    digitised = models.BooleanField("đã số hóa", default=False)
    reused = models.BooleanField("tái sử dụng dữ liệu đã số hóa", default=False)
    from_store = models.BooleanField("lấy từ kho dữ liệu của công dân", default=False)
    scan_exemption = models.CharField("lý do không số hóa", max_length=255, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        verbose_name = "thành phần hồ sơ đã nộp"
        verbose_name_plural = "thành phần hồ sơ đã nộp"
        ordering = ["dossier", "component__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "component"], name="dossier_component_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.component}"

    @property
    def handed_in(self) -> bool:
        return self.originals > 0 or self.copies > 0 or self.electronic or self.reused


class FileKind(models.TextChoices):
    COMPONENT = "component", _("Thành phần hồ sơ")
    SUPPLEMENT = "supplement", _("Hồ sơ bổ sung")
    RESULT = "result", _("Kết quả giải quyết")
    ATTACHMENT = "attachment", _("Tài liệu kèm theo xử lý")


class DossierFile(models.Model):
    """A file of a dossier: a scanned or uploaded component, a result, a working paper.

    The bytes live in the configured storage; the database keeps the metadata and a checksum.
    """

    dossier = models.ForeignKey(
        Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="files"
    )
    kind = models.CharField("loại tệp", max_length=12, choices=FileKind.choices)
    component = models.ForeignKey(
        DossierComponent,
        verbose_name="thành phần",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="files",
    )
    event = models.ForeignKey(
        "DossierEvent",
        verbose_name="sự kiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="files",
    )
    file = models.FileField("tệp", upload_to="dossiers/%Y/%m/")
    name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField("kiểu nội dung", max_length=100)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    sha256 = models.CharField("mã băm SHA-256", max_length=64)
    pages = models.PositiveIntegerField("số trang", null=True, blank=True)
    uploaded_at = models.DateTimeField("thời điểm tải lên", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        User, verbose_name="người tải lên", null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "tệp hồ sơ"
        verbose_name_plural = "tệp hồ sơ"
        ordering = ["dossier", "uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=FileKind.COMPONENT) | Q(component__isnull=False),
                name="dossier_file_component_set",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StepVisit(models.Model):
    """A stay of the dossier at a process step: who held it, where, from when to when, under what
    budget. Time used is stored when the visit ends; while open it is derived."""

    dossier = models.ForeignKey(
        Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="visits"
    )
    step = models.ForeignKey(
        ProcessStep, verbose_name="bước", on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan thực hiện", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField("vai trò", max_length=16, choices=Role.choices)
    handler = models.ForeignKey(
        User,
        verbose_name="người xử lý",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    budget_hours = models.DecimalField("thời gian được giao (giờ)", max_digits=7, decimal_places=2)
    started_at = models.DateTimeField("bắt đầu")
    ended_at = models.DateTimeField("kết thúc", null=True, blank=True)
    used_hours = models.DecimalField(
        "thời gian đã dùng (giờ làm việc)", max_digits=9, decimal_places=2, null=True, blank=True
    )
    ended_by_action = models.CharField("kết thúc bởi", max_length=32, blank=True)

    class Meta:
        verbose_name = "lượt xử lý tại bước"
        verbose_name_plural = "lượt xử lý tại bước"
        ordering = ["dossier", "started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"],
                condition=Q(ended_at__isnull=True),
                name="step_visit_one_open",
                violation_error_message="Hồ sơ chỉ ở một bước tại một thời điểm.",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="step_visit_range",
            ),
        ]
        indexes = [models.Index(fields=["agency", "ended_at"], name="step_visit_agency")]

    def __str__(self) -> str:
        return f"{self.dossier} @ {self.step.code}"


class PauseKind(models.TextChoices):
    SUPPLEMENT = "supplement", _("Chờ bổ sung, hoàn thiện hồ sơ")
    FINANCIAL = "financial", _("Chờ thực hiện nghĩa vụ tài chính")


class DossierPause(models.Model):
    """An interval during which the dossier's clocks stand still."""

    dossier = models.ForeignKey(
        Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="pauses"
    )
    kind = models.CharField("loại", max_length=12, choices=PauseKind.choices)
    reason = models.TextField("lý do")
    started_at = models.DateTimeField("bắt đầu")
    ended_at = models.DateTimeField("kết thúc", null=True, blank=True)
    started_by = models.ForeignKey(
        User, verbose_name="người bắt đầu", null=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_by = models.ForeignKey(
        User,
        verbose_name="người kết thúc",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "tạm dừng tính thời hạn"
        verbose_name_plural = "tạm dừng tính thời hạn"
        ordering = ["dossier", "started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"],
                condition=Q(ended_at__isnull=True),
                name="dossier_pause_one_open",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="dossier_pause_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.get_kind_display()}"


class DossierEvent(models.Model):
    """One entry of the dossier's append-only log. The events alone reproduce the timeline."""

    dossier = models.ForeignKey(
        Dossier, verbose_name="hồ sơ", on_delete=models.PROTECT, related_name="events"
    )
    sequence = models.PositiveIntegerField("thứ tự")
    occurred_at = models.DateTimeField("thời điểm")
    actor = models.ForeignKey(
        User,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField("tên người thực hiện", max_length=255, blank=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField("hành động", max_length=48, db_index=True)
    from_status = models.CharField("từ trạng thái", max_length=24, blank=True)
    to_status = models.CharField("sang trạng thái", max_length=24, blank=True)
    from_step = models.ForeignKey(
        ProcessStep, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_step = models.ForeignKey(
        ProcessStep, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    step_budget_hours = models.DecimalField(
        "thời gian được giao của bước (giờ)", max_digits=7, decimal_places=2, null=True, blank=True
    )
    step_used_hours = models.DecimalField(
        "thời gian đã dùng tại bước (giờ)", max_digits=9, decimal_places=2, null=True, blank=True
    )
    note = models.TextField("ghi chú", blank=True)
    data: "models.JSONField[dict[str, Any]]" = models.JSONField("dữ liệu", default=dict, blank=True)

    class Meta:
        verbose_name = "sự kiện hồ sơ"
        verbose_name_plural = "sự kiện hồ sơ"
        ordering = ["dossier", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "sequence"], name="dossier_event_sequence"),
        ]
        indexes = [models.Index(fields=["action", "occurred_at"], name="dossier_event_action")]

    def __str__(self) -> str:
        return f"{self.dossier} #{self.sequence} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("Dossier events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("Dossier events are append-only.")


class ApologyStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Chờ lãnh đạo duyệt")
    APPROVED = "approved", _("Đã duyệt, đã gửi")
    REJECTED = "rejected", _("Lãnh đạo không duyệt")


class Apology(models.Model):
    """The apology and new appointment (Mẫu 04): drafted by the handler, approved by a leader,
    once per dossier. `late` when approved less than one working day before the due instant."""

    dossier = models.ForeignKey(
        Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="apologies"
    )
    status = models.CharField("trạng thái", max_length=12, choices=ApologyStatus.choices)
    reason = models.TextField("lý do chậm", blank=True)
    new_due_at = models.DateTimeField("ngày hẹn trả mới", null=True, blank=True)
    original_due_at = models.DateTimeField("ngày hẹn trả ban đầu", null=True, blank=True)
    opened_by_sweep = models.BooleanField("tạo tự động khi hồ sơ sắp đến hạn", default=False)
    drafted_by = models.ForeignKey(
        User,
        verbose_name="người soạn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField("thời điểm trình", null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name="lãnh đạo duyệt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("thời điểm duyệt", null=True, blank=True)
    decision_note = models.TextField("ý kiến lãnh đạo", blank=True)
    late = models.BooleanField("xin lỗi muộn (dưới 1 ngày làm việc trước hạn)", default=False)
    number = models.CharField("số văn bản", max_length=32, blank=True)
    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)

    class Meta:
        verbose_name = "văn bản xin lỗi, hẹn lại"
        verbose_name_plural = "văn bản xin lỗi, hẹn lại"
        ordering = ["dossier", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"],
                condition=~Q(status=ApologyStatus.REJECTED),
                name="apology_one_per_dossier",
                violation_error_message="Mỗi hồ sơ chỉ được xin lỗi và hẹn lại một lần.",
            ),
            models.CheckConstraint(
                condition=~Q(status=ApologyStatus.APPROVED)
                | Q(new_due_at__isnull=False, decided_at__isnull=False),
                name="apology_approved_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.get_status_display()}"


class AlertKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")


class DeadlineAlert(models.Model):
    """The sweep's ledger: one row per dossier × clock × threshold, so each is notified once.

    `scope` is "dossier" for the overall clock or "visit:<id>" for a step visit."""

    dossier = models.ForeignKey(
        Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="alerts"
    )
    scope = models.CharField("đồng hồ", max_length=32)
    kind = models.CharField("ngưỡng", max_length=12, choices=AlertKind.choices)
    due_at = models.DateTimeField("hạn tại thời điểm cảnh báo")
    created_at = models.DateTimeField("thời điểm cảnh báo", auto_now_add=True)

    class Meta:
        verbose_name = "cảnh báo hạn xử lý"
        verbose_name_plural = "cảnh báo hạn xử lý"
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "scope", "kind"], name="deadline_alert_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier} {self.scope} {self.kind}"


class DossierDraft(TimeStampedModel):
    """A dossier being put together before it is received or submitted: the counter wizard's
    answers step by step, or a citizen's online submission saved as they go.

    Not a dossier yet (no status, no code, no clock): `data` holds what the steps collected (see
    `motcua.dossiers.drafts`), files wait in `DraftFile`. Receiving or submitting turns it into a
    dossier through the workflow services and deletes it; `purge_drafts` removes abandoned ones.
    """

    owner = models.ForeignKey(
        User, verbose_name="người lập", on_delete=models.CASCADE, related_name="dossier_drafts"
    )
    channel = models.CharField("kênh", max_length=10, choices=Channel.choices)
    desk = models.ForeignKey(
        Desk,
        verbose_name="bộ phận một cửa",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    variant = models.ForeignKey(
        CaseVariant,
        verbose_name="trường hợp",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    step = models.CharField("bước đang làm", max_length=30, blank=True)
    data = models.JSONField("dữ liệu đã nhập", default=dict, blank=True)

    class Meta:
        verbose_name = "hồ sơ đang lập"
        verbose_name_plural = "hồ sơ đang lập"
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-updated_at"], name="dossier_draft_owner")]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.get_channel_display()})"


class DraftFile(models.Model):
    """A file attached to a draft for one component (by the component's code in the variant)."""

    draft = models.ForeignKey(
        DossierDraft, verbose_name="hồ sơ đang lập", on_delete=models.CASCADE,
        related_name="files",
    )  # fmt: skip
    component_code = models.CharField("mã thành phần", max_length=64)
    file = models.FileField("tệp", upload_to="drafts/%Y/%m/")
    name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField("kiểu nội dung", max_length=100)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    sha256 = models.CharField("mã băm SHA-256", max_length=64)
    uploaded_at = models.DateTimeField("thời điểm tải lên", auto_now_add=True)

    class Meta:
        verbose_name = "tệp của hồ sơ đang lập"
        verbose_name_plural = "tệp của hồ sơ đang lập"
        ordering = ["draft", "component_code", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class SequenceCounter(models.Model):
    """Gap-tolerant counters for numbers that must never repeat: dossier codes per agency per
    day, logbook serials per desk per year, form numbers per agency, form and year."""

    name = models.CharField("tên dãy số", max_length=96, unique=True)
    value = models.PositiveBigIntegerField("số cuối cùng đã cấp", default=0)

    class Meta:
        verbose_name = "dãy số"
        verbose_name_plural = "dãy số"

    def __str__(self) -> str:
        return f"{self.name} = {self.value}"


def hours(amount: dt.timedelta) -> Decimal:
    """Working time as hours with two decimals (how events and visits store it)."""
    return (Decimal(amount.total_seconds()) / 3600).quantize(Decimal("0.01"))


class CounterGuidance(models.Model):
    """A counter guidance slip (phiếu hướng dẫn bổ sung, hoàn thiện hồ sơ, Mẫu 02): a visit at the
    desk (or a parcel by post) whose papers were incomplete. The dossier is neither received nor
    refused — no dossier exists, so the statistics of dossiers are untouched — and the applicant
    takes away the list of what is missing and what is required of each, once and completely
    (Decree 61/2018 Art 15, 17.1; domain §2). Counting these rows gives the visits that needed
    guidance.

    The case variant (and through it the procedure version) is pinned; the applicant is a snapshot;
    `items` are components of that variant only: `[{"code", "name", "requirement"}]`. The number
    comes from the receiving agency's supplement-request series (`form_number_allocate`, form
    "supplement_request"), shared with the requests after appraisal. The draft the visit was
    recorded in is kept for the applicant's return (`draft`, cleared when the draft goes)."""

    desk = models.ForeignKey(
        Desk,
        verbose_name="bộ phận một cửa",
        on_delete=models.PROTECT,
        related_name="counter_guidance",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan tiếp nhận",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Cơ quan chủ quản của bộ phận một cửa khi lập phiếu (đầu phiếu, dãy số phiếu).",
    )
    variant = models.ForeignKey(
        CaseVariant, verbose_name="trường hợp", on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField("kênh nộp", max_length=8, choices=Channel.choices)
    form_number = models.CharField("số phiếu", max_length=32)
    issued_at = models.DateTimeField("thời điểm lập phiếu", db_index=True)
    issued_by = models.ForeignKey(
        User, verbose_name="người hướng dẫn", on_delete=models.PROTECT, related_name="+"
    )
    applicant_kind = models.CharField(
        "loại người nộp", max_length=16, choices=CitizenKind.choices, default=CitizenKind.INDIVIDUAL
    )
    applicant_name = models.CharField("tên tổ chức, cá nhân", max_length=255)
    applicant_id_number = models.CharField("số định danh / mã số thuế", max_length=16, blank=True)
    applicant_phone = models.CharField("số điện thoại liên hệ", max_length=16, blank=True)
    applicant_address = models.CharField("địa chỉ", max_length=500, blank=True)
    items: "models.JSONField[list[dict[str, str]]]" = models.JSONField(
        "giấy tờ cần bổ sung, hoàn thiện", default=list
    )
    reason = models.TextField("lý do")
    draft = models.ForeignKey(
        DossierDraft,
        verbose_name="hồ sơ đang lập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guidance",
    )

    class Meta:
        verbose_name = "phiếu hướng dẫn bổ sung tại quầy"
        verbose_name_plural = "phiếu hướng dẫn bổ sung tại quầy"
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=[Channel.COUNTER, Channel.POSTAL, Channel.KIOSK]),
                name="counter_guidance_channel_paper",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="counter_guidance_reason_stated"),
            models.UniqueConstraint(
                fields=["agency", "form_number"], name="counter_guidance_number_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["desk", "issued_at"], name="counter_guidance_desk"),
        ]

    def __str__(self) -> str:
        return f"{self.form_number} — {self.applicant_name}"


class RatingChannel(models.TextChoices):
    """How a satisfaction rating reached the system (Decree 61/2018 Art 29: slips, counter
    devices, online)."""

    ONLINE = "online", _("Trực tuyến trên Cổng dịch vụ công")
    DEVICE = "device", _("Thiết bị đánh giá tại Bộ phận một cửa")
    SLIP = "slip", _("Phiếu đánh giá (cán bộ nhập lại)")


class RatingLevel(models.TextChoices):
    """The answer to one criterion. The official scale is UNCONFIRMED (domain §10): three levels
    until it is settled."""

    VERY_SATISFIED = "very_satisfied", _("Rất hài lòng")
    SATISFIED = "satisfied", _("Hài lòng")
    DISSATISFIED = "dissatisfied", _("Không hài lòng")


RATING_COMMENT_MAX = 2000


class DossierRating(models.Model):
    """The applicant's satisfaction rating (đánh giá mức độ hài lòng) of a returned dossier, once
    per dossier (Decree 61/2018 Art 27–32; Decision 766 items 5.3–5.4).

    `satisfied` is the national portal's like / dislike; `answers` maps the code of each criterion
    answered (setting `MOTCUA_RATING_CRITERIA`, Art 31) to a `RatingLevel`. Who rated is not
    stored here: reports read these rows without any person (the evaluator's identity stays
    confidential, Art 28); the one-to-one link to the dossier is the "once" rule."""

    dossier = models.OneToOneField(
        Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="rating"
    )
    satisfied = models.BooleanField("hài lòng")
    answers: "models.JSONField[dict[str, str]]" = models.JSONField(
        "đánh giá theo tiêu chí", default=dict, blank=True
    )
    comment = models.TextField("ý kiến khác", max_length=RATING_COMMENT_MAX, blank=True)
    channel = models.CharField("kênh đánh giá", max_length=8, choices=RatingChannel.choices)
    rated_at = models.DateTimeField("thời điểm đánh giá", db_index=True)

    class Meta:
        verbose_name = "đánh giá mức độ hài lòng"
        verbose_name_plural = "đánh giá mức độ hài lòng"
        ordering = ["-rated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=RatingChannel.values), name="dossier_rating_channel_valid"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("comment"), RATING_COMMENT_MAX),
                name="dossier_rating_comment_length",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier}: {'hài lòng' if self.satisfied else 'không hài lòng'}"
