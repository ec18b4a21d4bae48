"""The outbox: one row per message to send, and a log of every delivery attempt.

A row is written in the same transaction as the event that causes it (dossier received, …), with
a unique idempotency `key`, so the same event never sends twice. Sending happens after commit
(`send_notification_task`) and is retried by `manage.py send_notifications`.
"""

from django.db import models
from django.db.models import Q

from motcua.accounts.models import User


class NotificationChannel(models.TextChoices):
    EMAIL = "email", "Thư điện tử"
    SMS = "sms", "Tin nhắn SMS"


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", "Chờ gửi"
    SENDING = "sending", "Đang gửi"
    SENT = "sent", "Đã gửi"
    FAILED = "failed", "Gửi lỗi"
    SKIPPED = "skipped", "Không gửi"


class NotificationTemplate(models.TextChoices):
    """Message templates: `notifications/<value>.{subject,body,sms}.txt`."""

    DOSSIER_RECEIVED = "dossier_received", "Tiếp nhận hồ sơ"
    DOSSIER_SUPPLEMENT_REQUESTED = (
        "dossier_supplement_requested",
        "Yêu cầu bổ sung, hoàn thiện hồ sơ",
    )
    DOSSIER_RESULT_READY = "dossier_result_ready", "Đã có kết quả giải quyết"
    DOSSIER_APOLOGY = "dossier_apology", "Xin lỗi và hẹn lại ngày trả kết quả"
    DOSSIER_RETURNED = "dossier_returned", "Đã trả kết quả"
    OTP_CODE = "otp_code", "Mã xác thực (OTP)"
    DEADLINE_ALERT = "deadline_alert", "Cảnh báo hồ sơ sắp đến hạn, quá hạn (cán bộ)"
    FEEDBACK_RECEIVED = "feedback_received", "Tiếp nhận phản ánh, kiến nghị"
    FEEDBACK_INFO_REQUESTED = (
        "feedback_info_requested",
        "Đề nghị bổ sung thông tin phản ánh, kiến nghị",
    )
    FEEDBACK_ANSWERED = "feedback_answered", "Trả lời phản ánh, kiến nghị"


class SkipReason(models.TextChoices):
    NO_RECIPIENT = "no_recipient", "Không có địa chỉ nhận"
    LANDLINE = "landline", "Số máy bàn, không nhận được tin nhắn"
    INVALID_RECIPIENT = "invalid_recipient", "Địa chỉ nhận không hợp lệ"


class DeliveryOutcome(models.TextChoices):
    SENT = "sent", "Đã gửi"
    FAILED = "failed", "Lỗi"
    INTERRUPTED = "interrupted", "Không rõ kết quả (tiến trình gửi bị gián đoạn)"


class Notification(models.Model):
    """One message to one recipient on one channel, rendered when it was queued."""

    channel = models.CharField("kênh", max_length=8, choices=NotificationChannel.choices)
    recipient = models.CharField(
        "người nhận",
        max_length=254,
        blank=True,
        help_text="Địa chỉ thư điện tử, hoặc số di động dạng 0912345678.",
    )
    template = models.CharField("mẫu", max_length=64, choices=NotificationTemplate.choices)
    subject = models.CharField("tiêu đề", max_length=255, blank=True)
    body = models.TextField("nội dung")
    object_type = models.CharField("loại đối tượng", max_length=64, blank=True)
    object_id = models.CharField("mã đối tượng", max_length=64, blank=True)
    key = models.CharField(
        "khóa chống gửi trùng",
        max_length=200,
        unique=True,
        help_text="Ví dụ dossier:123:received:sms: cùng một sự kiện không bao giờ gửi hai lần.",
    )
    status = models.CharField(
        "trạng thái",
        max_length=8,
        choices=NotificationStatus.choices,
        default=NotificationStatus.QUEUED,
    )
    skip_reason = models.CharField(
        "lý do không gửi", max_length=32, choices=SkipReason.choices, blank=True
    )
    attempts = models.PositiveSmallIntegerField("số lần gửi", default=0)
    next_attempt_at = models.DateTimeField(
        "gửi (lại) lúc",
        null=True,
        blank=True,
        help_text="Chờ gửi hoặc đang gửi: thời điểm lệnh send_notifications tiếp quản nếu "
        "chưa có kết quả. Gửi lỗi: thời điểm thử lại; trống là đã ngừng thử.",
    )
    last_error = models.TextField("lỗi gần nhất", blank=True)
    provider_message_id = models.CharField("mã tin của nhà cung cấp", max_length=128, blank=True)
    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)
    sent_at = models.DateTimeField("thời điểm gửi", null=True, blank=True)
    created_by = models.ForeignKey(
        User,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The worker's query: due rows by status, oldest due first.
            models.Index(fields=["status", "next_attempt_at"], name="notification_due"),
            models.Index(
                fields=["object_type", "object_id", "created_at"], name="notification_object"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=NotificationChannel.values),
                name="notification_channel_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=NotificationStatus.values),
                name="notification_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(template__in=NotificationTemplate.values),
                name="notification_template_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=NotificationStatus.SKIPPED, skip_reason__in=SkipReason.values)
                | (~Q(status=NotificationStatus.SKIPPED) & Q(skip_reason="")),
                name="notification_skip_reason",
                violation_error_message="Chỉ thông báo không gửi mới có lý do không gửi.",
            ),
            models.CheckConstraint(
                condition=~Q(status=NotificationStatus.SENT) | Q(sent_at__isnull=False),
                name="notification_sent_at",
                violation_error_message="Thông báo đã gửi phải có thời điểm gửi.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.get_template_display()} → {self.recipient}"

    @property
    def gave_up(self) -> bool:
        """Failed and no further attempt is planned."""
        return self.status == NotificationStatus.FAILED and self.next_attempt_at is None


class DeliveryAttempt(models.Model):
    """One try at handing a notification to its backend (SMTP server, SMS gateway, …)."""

    notification = models.ForeignKey(
        Notification,
        verbose_name="thông báo",
        on_delete=models.CASCADE,
        related_name="delivery_attempts",
    )
    number = models.PositiveSmallIntegerField("lần thứ")
    at = models.DateTimeField("thời điểm")
    outcome = models.CharField("kết quả", max_length=16, choices=DeliveryOutcome.choices)
    detail = models.TextField("chi tiết", blank=True)
    provider_message_id = models.CharField("mã tin của nhà cung cấp", max_length=128, blank=True)

    class Meta:
        verbose_name = "lần gửi"
        verbose_name_plural = "lần gửi"
        ordering = ["notification", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "number"], name="delivery_attempt_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=DeliveryOutcome.values),
                name="delivery_attempt_outcome_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.get_outcome_display()}"
