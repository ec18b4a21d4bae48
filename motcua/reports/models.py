"""The reports' own tables: a per-dossier projection of the figures every report counts
(`DossierFact`), yearly targets entered by the province, and export jobs run in the background.

`DossierFact` is derived data. It is written in the same transaction as every workflow event
(`motcua.workflow.core.record`) and by the historic import, from the same deadline engine the
workspace shows (`motcua.dossiers.deadlines`), and `python manage.py report_facts --rebuild`
recomputes it from the dossiers; tests prove the stored rows equal a fresh computation. The
reports count facts instead of re-deriving thousands of clocks on every page (docs/reports.md).
"""

from django.db import models
from django.db.models import Q

from motcua.accounts.models import Agency, Desk, User
from motcua.catalog.models import Field, OnlineLevel, Procedure, ProcedureVersion
from motcua.dossiers.models import Channel, Dossier, ReturnMethod


class EndKind(models.TextChoices):
    """How a dossier's handling ended (domain §3: result or refusal ready, or stopped)."""

    RESULT = "result", "Có kết quả"
    REFUSAL = "refusal", "Từ chối giải quyết"
    STOPPED = "stopped", "Dừng xử lý, rút hồ sơ"


class Judgement(models.TextChoices):
    """A finished clock against its due (`motcua.dossiers.deadlines.Timeliness`)."""

    EARLY = "early", "Trước hạn"
    ON_TIME = "on_time", "Đúng hạn"
    LATE = "late", "Quá hạn"


class DossierFact(models.Model):
    """What the reports count about one dossier; refreshed at each event (see the module doc)."""

    dossier = models.OneToOneField(
        Dossier, primary_key=True, on_delete=models.CASCADE, related_name="fact"
    )

    # Dimensions (copied from the dossier and its pinned version).
    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan giải quyết", on_delete=models.PROTECT, related_name="+"
    )
    receiving_agency = models.ForeignKey(
        Agency, verbose_name="cơ quan tiếp nhận", on_delete=models.PROTECT, related_name="+"
    )
    desk = models.ForeignKey(
        Desk, verbose_name="bộ phận tiếp nhận", on_delete=models.PROTECT, related_name="+"
    )
    procedure = models.ForeignKey(
        Procedure, verbose_name="thủ tục", on_delete=models.PROTECT, related_name="+"
    )
    version = models.ForeignKey(
        ProcedureVersion, verbose_name="phiên bản", on_delete=models.PROTECT, related_name="+"
    )
    field = models.ForeignKey(
        Field, verbose_name="lĩnh vực", on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField("kênh nộp", max_length=8, choices=Channel.choices)
    online_level = models.CharField(
        "mức độ trực tuyến của thủ tục", max_length=8, choices=OnlineLevel.choices
    )
    four_at_desk = models.BooleanField("thủ tục 4 tại chỗ", default=False)
    inter_agency = models.BooleanField("có bước liên thông", default=False)

    # Reception.
    submitted_at = models.DateTimeField("thời điểm nộp", null=True, blank=True)
    received_at = models.DateTimeField("thời điểm tiếp nhận", null=True, blank=True)
    refused_intake_at = models.DateTimeField("thời điểm từ chối tiếp nhận", null=True, blank=True)

    # The legal clock (domain §3): due as derived at the last refresh, original (never the
    # apology's date); while paused, as if the pause ended at the refresh.
    limit_hours = models.DecimalField(
        "thời hạn (giờ làm việc)", max_digits=9, decimal_places=2, default=0
    )
    due_at = models.DateTimeField("hạn giải quyết", null=True, blank=True)
    soon_at = models.DateTimeField("bắt đầu sắp đến hạn", null=True, blank=True)
    due_766_at = models.DateTimeField(
        "hạn theo QĐ 766 (trừ thời gian chờ bổ sung)", null=True, blank=True
    )
    paused_since = models.DateTimeField(
        "tạm dừng tính thời hạn từ",
        null=True,
        blank=True,
        help_text="Hồ sơ đang chờ bổ sung hoặc thực hiện nghĩa vụ tài chính: không tính quá hạn.",
    )

    # End.
    finished_at = models.DateTimeField("thời điểm kết thúc giải quyết", null=True, blank=True)
    end_kind = models.CharField("kết thúc", max_length=8, choices=EndKind.choices, blank=True)
    timeliness = models.CharField(
        "đánh giá thời hạn", max_length=8, choices=Judgement.choices, blank=True
    )
    timeliness_766 = models.CharField(
        "đánh giá theo QĐ 766", max_length=8, choices=Judgement.choices, blank=True
    )
    elapsed_hours = models.DecimalField(
        "thời gian giải quyết (giờ làm việc, trừ chờ bổ sung)",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
    )
    returned_at = models.DateTimeField("thời điểm trả kết quả", null=True, blank=True)
    return_method = models.CharField(
        "hình thức trả", max_length=12, choices=ReturnMethod.choices, blank=True
    )
    settled_at = models.DateTimeField(
        "thời điểm ra khỏi sổ theo dõi",
        null=True,
        blank=True,
        help_text="Trả kết quả, hoặc dừng xử lý; trống khi còn xử lý hoặc chưa trả kết quả.",
    )

    # Supplements, apologies, contacts.
    supplement_count = models.PositiveSmallIntegerField("số lần yêu cầu bổ sung", default=0)
    first_supplement_at = models.DateTimeField(
        "thời điểm yêu cầu bổ sung đầu tiên", null=True, blank=True
    )
    apology_at = models.DateTimeField("thời điểm duyệt văn bản xin lỗi", null=True, blank=True)
    apology_late = models.BooleanField("xin lỗi muộn", default=False)
    lacks_apology = models.BooleanField("quá hạn không có văn bản xin lỗi kịp thời", default=False)
    agencies_late = models.PositiveSmallIntegerField(
        "số cơ quan vượt thời gian được giao", default=0
    )
    agencies_all_early = models.BooleanField("mọi cơ quan đều trước hạn", default=False)

    # Digital service (Decision 766 groups 3–4).
    e_result = models.BooleanField("có kết quả điện tử", default=False)
    digitised = models.BooleanField("có thành phần được số hóa", default=False)
    reused = models.BooleanField("có thành phần tái sử dụng", default=False)
    from_store = models.BooleanField("có thành phần lấy từ kho dữ liệu", default=False)
    vneid = models.BooleanField("tài khoản xác thực VNeID", default=False)
    has_fees = models.BooleanField("có phí, lệ phí", default=False)
    paid_online = models.BooleanField("thanh toán trực tuyến", default=False)

    refreshed_at = models.DateTimeField("thời điểm cập nhật")

    class Meta:
        verbose_name = "số liệu hồ sơ"
        verbose_name_plural = "số liệu hồ sơ"
        indexes = [
            models.Index(fields=["received_at"], name="fact_received"),
            models.Index(fields=["agency", "received_at"], name="fact_agency_received"),
            # Carried over and in process at a past instant: settled after it, received before.
            models.Index(fields=["settled_at", "received_at"], name="fact_settled"),
            models.Index(
                fields=["received_at"],
                name="fact_unsettled",
                condition=Q(settled_at__isnull=True, received_at__isnull=False),
            ),
            models.Index(fields=["finished_at"], name="fact_finished"),
            models.Index(fields=["returned_at"], name="fact_returned"),
            models.Index(
                fields=["refused_intake_at"],
                name="fact_refused_intake",
                condition=Q(refused_intake_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Số liệu hồ sơ {self.dossier_id}"


class TargetKind(models.TextChoices):
    """What a yearly target (chỉ tiêu) measures, each against an actual from the data."""

    ONLINE_SHARE = "online_share", "Tỷ lệ hồ sơ trực tuyến (%)"
    ON_TIME_RATE = "on_time_rate", "Tỷ lệ hồ sơ giải quyết đúng hạn (%)"
    DIGITISED_SHARE = "digitised_share", "Tỷ lệ hồ sơ được số hóa (%)"
    ONLINE_PAYMENT_SHARE = "online_payment_share", "Tỷ lệ hồ sơ thanh toán trực tuyến (%)"
    E_RESULT_SHARE = "e_result_share", "Tỷ lệ hồ sơ có kết quả điện tử (%)"


class Target(models.Model):
    """A yearly target for an agency, entered by a province administrator."""

    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="targets"
    )
    year = models.PositiveSmallIntegerField("năm")
    kind = models.CharField("chỉ tiêu", max_length=24, choices=TargetKind.choices)
    value = models.DecimalField("giá trị (%)", max_digits=5, decimal_places=2)
    basis = models.CharField("căn cứ giao chỉ tiêu", max_length=255, blank=True)
    entered_by = models.ForeignKey(
        User, verbose_name="người nhập", null=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField("thời điểm nhập", auto_now=True)

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["year", "agency__code", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "kind"], name="target_unique"),
            models.CheckConstraint(
                condition=Q(value__gte=0, value__lte=100), name="target_value_percent"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=TargetKind.values), name="target_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.value}%"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang tạo"
    DONE = "done", "Đã xong"
    FAILED = "failed", "Lỗi"


class ReportExport(models.Model):
    """A report file made in the background (`db_worker`), kept for download."""

    report = models.CharField("báo cáo", max_length=32)
    file_format = models.CharField("định dạng", max_length=8)
    params = models.JSONField("tham số", default=dict)
    status = models.CharField(
        "trạng thái", max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    file = models.FileField("tệp", upload_to="reports/%Y/%m/", blank=True)
    file_name = models.CharField("tên tệp", max_length=255, blank=True)
    error = models.TextField("lỗi", blank=True)
    requested_by = models.ForeignKey(
        User, verbose_name="người yêu cầu", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField("thời điểm yêu cầu", auto_now_add=True)
    finished_at = models.DateTimeField("thời điểm xong", null=True, blank=True)

    class Meta:
        verbose_name = "tệp báo cáo"
        verbose_name_plural = "tệp báo cáo"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ExportStatus.values), name="report_export_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="report_export_progress_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} ({self.file_format}) #{self.pk}"


class CalendarMark(models.Model):
    """When the facts last caught up with the working calendars (one row): a day off or office
    hours changed after it make `refresh_report_facts` recompute the dues that moved."""

    synced_at = models.DateTimeField("thời điểm đồng bộ với lịch làm việc")

    class Meta:
        verbose_name = "mốc đồng bộ lịch làm việc"
        verbose_name_plural = "mốc đồng bộ lịch làm việc"

    def __str__(self) -> str:
        return f"{self.synced_at:%Y-%m-%d %H:%M}"
