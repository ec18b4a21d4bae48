"""Feedback and petitions (phản ánh, kiến nghị — PAKN): the register of what people told the
administration about a regulation, about how a dossier was handled, or about an officer's conduct,
and how the responsible agency dealt with it (Decree 20/2008/NĐ-CP; domain §10).

What is stored: the submission (sender, content, links), the agency responsible now, each step's
instant (received, routed to the agency, accepted / refused / forwarded, information asked for and
given, answered, published) and each step's due instant, computed in working time with the
agency's calendar when the step starts (`motcua.feedback.clocks`). The append-only
`FeedbackEvent` log keeps every step with the due it was judged against, so a forward (which
restarts the clocks at the new agency) loses nothing. What is derived on read: the current due,
overdue and due soon (`motcua.feedback.selectors`).
"""

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency, User
from motcua.catalog.models import Procedure
from motcua.core.models import TimeStampedModel
from motcua.dossiers.models import Dossier


class FeedbackKind(models.TextChoices):
    """Decree 20/2008 Art 3: a phản ánh tells of a problem or an unlawful or unreasonable rule; a
    kiến nghị also proposes what to do."""

    FEEDBACK = "feedback", _("Phản ánh")
    PETITION = "petition", _("Kiến nghị")


class FeedbackSubject(models.TextChoices):
    """What the PAKN is about (the register's class, domain §10)."""

    REGULATION = "regulation", _("Quy định hành chính")
    HANDLING = "handling", _("Việc giải quyết hồ sơ, thủ tục hành chính")
    CONDUCT = "conduct", _("Hành vi, thái độ của cán bộ, công chức")


class FeedbackChannel(models.TextChoices):
    PORTAL = "portal", _("Cổng dịch vụ công (trực tuyến)")
    HOTLINE = "hotline", _("Điện thoại đường dây nóng (ghi lại)")
    WRITTEN = "written", _("Văn bản (thư, đơn)")
    EMAIL = "email", _("Thư điện tử")


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", _("Mới tiếp nhận")
    ACCEPTED = "accepted", _("Đang xử lý")
    REFUSED = "refused", _("Không tiếp nhận")
    FORWARDED = "forwarded", _("Được chuyển đến cơ quan có thẩm quyền")
    INFO_REQUESTED = "info_requested", _("Chờ bổ sung thông tin")
    ANSWERED = "answered", _("Đã trả lời")
    PUBLISHED = "published", _("Đã công khai trả lời")


# Waiting for the responsible agency to classify it (accept, refuse or forward).
TO_CLASSIFY = frozenset({FeedbackStatus.RECEIVED, FeedbackStatus.FORWARDED})
# Nothing more will happen (an answer not marked public is final).
CLOSED = frozenset({FeedbackStatus.REFUSED, FeedbackStatus.PUBLISHED})


class Feedback(TimeStampedModel):
    """One PAKN of the register. `agency` is the agency responsible now (after forwards, the last
    one); `routed_at` is when it reached that agency, the start of its classify, forward and
    information-request clocks."""

    code = models.CharField(
        "mã phản ánh, kiến nghị",
        max_length=32,
        unique=True,
        help_text="PAKN-<YYMMDD>-<số thứ tự trong ngày>, theo ngày tiếp nhận (giờ Việt Nam).",
    )
    kind = models.CharField("loại", max_length=12, choices=FeedbackKind.choices)
    subject = models.CharField(
        "nội dung liên quan đến", max_length=12, choices=FeedbackSubject.choices
    )
    channel = models.CharField("hình thức tiếp nhận", max_length=8, choices=FeedbackChannel.choices)
    status = models.CharField(
        "trạng thái", max_length=16, choices=FeedbackStatus.choices, db_index=True
    )

    # The sender (Decree 20/2008 Art 7: name, address and phone required).
    sender_name = models.CharField("họ và tên người gửi (tên tổ chức)", max_length=255)
    sender_address = models.CharField("địa chỉ người gửi", max_length=500)
    sender_phone = models.CharField("số điện thoại người gửi", max_length=16)
    sender_email = models.EmailField("thư điện tử người gửi", blank=True)
    sender_account = models.ForeignKey(
        User,
        verbose_name="tài khoản người gửi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_sent",
    )

    title = models.CharField("tiêu đề", max_length=255)
    content = models.TextField("nội dung")
    procedure = models.ForeignKey(
        Procedure,
        verbose_name="thủ tục hành chính liên quan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    dossier = models.ForeignKey(
        Dossier,
        verbose_name="hồ sơ liên quan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    repeat_of = models.ForeignKey(
        "self",
        verbose_name="gửi lại, trùng nội dung với",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repeats",
        help_text="Phản ánh, kiến nghị trước đó về cùng nội dung (gửi lại, lặp lại).",
    )

    agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan xử lý",
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    forwarded_from = models.ForeignKey(
        Agency,
        verbose_name="cơ quan chuyển đến",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    forward_count = models.PositiveSmallIntegerField("số lần chuyển cơ quan", default=0)
    recorded_by = models.ForeignKey(
        User,
        verbose_name="cán bộ ghi nhận",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Cán bộ ghi lại phản ánh nhận qua điện thoại, văn bản hoặc thư điện tử.",
    )

    # Steps: when each happened, and the due it had when it started.
    received_at = models.DateTimeField("thời điểm tiếp nhận", db_index=True)
    routed_at = models.DateTimeField(
        "thời điểm cơ quan xử lý nhận được",
        help_text="Bằng thời điểm tiếp nhận, hoặc thời điểm được chuyển đến cơ quan hiện tại.",
    )
    classify_due_at = models.DateTimeField("hạn phân loại, tiếp nhận hoặc từ chối")
    forward_due_at = models.DateTimeField("hạn chuyển cơ quan có thẩm quyền")
    info_request_due_at = models.DateTimeField("hạn yêu cầu bổ sung thông tin")
    accepted_at = models.DateTimeField("thời điểm tiếp nhận xử lý", null=True, blank=True)
    refused_at = models.DateTimeField("thời điểm từ chối", null=True, blank=True)
    refusal_reason = models.TextField("lý do không tiếp nhận", blank=True)
    forwarded_at = models.DateTimeField("thời điểm chuyển gần nhất", null=True, blank=True)
    info_requested_at = models.DateTimeField(
        "thời điểm yêu cầu bổ sung gần nhất", null=True, blank=True
    )
    info_request = models.TextField("thông tin cần bổ sung", blank=True)
    info_request_count = models.PositiveSmallIntegerField("số lần yêu cầu bổ sung", default=0)
    info_provided_at = models.DateTimeField("thời điểm bổ sung gần nhất", null=True, blank=True)
    info_provided = models.TextField("thông tin người gửi bổ sung", blank=True)
    answer_due_at = models.DateTimeField(
        "hạn trả lời",
        null=True,
        blank=True,
        help_text="Từ khi tiếp nhận xử lý; lùi thêm thời gian chờ người gửi bổ sung thông tin.",
    )
    answered_at = models.DateTimeField("thời điểm trả lời", null=True, blank=True)
    answered_by = models.ForeignKey(
        User,
        verbose_name="người trả lời",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answer = models.TextField("nội dung trả lời", blank=True)
    answer_public = models.BooleanField("công khai câu trả lời", default=False)
    publish_due_at = models.DateTimeField("hạn công khai", null=True, blank=True)
    published_at = models.DateTimeField("thời điểm công khai", null=True, blank=True)
    public_content = models.TextField(
        "nội dung phản ánh được công khai",
        blank=True,
        help_text="Nội dung đã lược bỏ thông tin cá nhân, đăng cùng câu trả lời.",
    )

    class Meta:
        verbose_name = "phản ánh, kiến nghị"
        verbose_name_plural = "phản ánh, kiến nghị"
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=FeedbackStatus.values), name="feedback_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=FeedbackKind.values), name="feedback_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(subject__in=FeedbackSubject.values), name="feedback_subject_valid"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=FeedbackChannel.values), name="feedback_channel_valid"
            ),
            models.CheckConstraint(
                condition=~Q(sender_name="") & ~Q(sender_address="") & ~Q(sender_phone=""),
                name="feedback_sender_identified",
                violation_error_message="Người gửi phải có họ tên, địa chỉ và số điện thoại.",
            ),
            models.CheckConstraint(
                condition=~Q(status=FeedbackStatus.REFUSED)
                | (Q(refused_at__isnull=False) & ~Q(refusal_reason="")),
                name="feedback_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[FeedbackStatus.ANSWERED, FeedbackStatus.PUBLISHED])
                | (Q(answered_at__isnull=False) & ~Q(answer="")),
                name="feedback_answered_has_answer",
            ),
            models.CheckConstraint(
                condition=~Q(status=FeedbackStatus.PUBLISHED)
                | Q(answer_public=True, published_at__isnull=False),
                name="feedback_published_is_public",
            ),
            models.CheckConstraint(
                condition=~Q(repeat_of=models.F("pk")), name="feedback_not_own_repeat"
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status"], name="feedback_agency_status"),
            models.Index(fields=["status", "-published_at"], name="feedback_published"),
            models.Index(fields=["sender_account", "-received_at"], name="feedback_sender"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED or (
            self.status == FeedbackStatus.ANSWERED and not self.answer_public
        )


class FeedbackEvent(models.Model):
    """One entry of a PAKN's append-only log: who did what, where, when; `data` keeps the due the
    step was judged against (`due_at`) and what the step said (reason, target agency, …)."""

    feedback = models.ForeignKey(
        Feedback,
        verbose_name="phản ánh, kiến nghị",
        on_delete=models.PROTECT,
        related_name="events",
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
    from_status = models.CharField("từ trạng thái", max_length=16, blank=True)
    to_status = models.CharField("sang trạng thái", max_length=16, blank=True)
    note = models.TextField("ghi chú", blank=True)
    data: "models.JSONField[dict[str, Any]]" = models.JSONField("dữ liệu", default=dict, blank=True)

    class Meta:
        verbose_name = "sự kiện phản ánh, kiến nghị"
        verbose_name_plural = "sự kiện phản ánh, kiến nghị"
        ordering = ["feedback", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["feedback", "sequence"], name="feedback_event_sequence"
            ),
        ]
        indexes = [models.Index(fields=["action", "occurred_at"], name="feedback_event_action")]

    def __str__(self) -> str:
        return f"{self.feedback_id} #{self.sequence} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("Feedback events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("Feedback events are append-only.")


class ReactionValue(models.TextChoices):
    LIKE = "like", _("Hài lòng")
    DISLIKE = "dislike", _("Không hài lòng")


class FeedbackReaction(models.Model):
    """A reader's like or dislike of a published answer: one per account, or per browser session
    for readers who are not logged in (Decision 766 items 5.3–5.4 count the dislikes)."""

    feedback = models.ForeignKey(
        Feedback,
        verbose_name="phản ánh, kiến nghị",
        on_delete=models.CASCADE,
        related_name="reactions",
    )
    account = models.ForeignKey(
        User,
        verbose_name="tài khoản",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    session_key = models.CharField("phiên làm việc", max_length=64, blank=True)
    value = models.CharField("đánh giá", max_length=8, choices=ReactionValue.choices)
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    updated_at = models.DateTimeField("thời điểm đổi ý", auto_now=True)

    class Meta:
        verbose_name = "đánh giá câu trả lời"
        verbose_name_plural = "đánh giá câu trả lời"
        ordering = ["feedback", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__in=ReactionValue.values), name="feedback_reaction_value_valid"
            ),
            models.CheckConstraint(
                condition=(Q(account__isnull=False) & Q(session_key=""))
                | (Q(account__isnull=True) & ~Q(session_key="")),
                name="feedback_reaction_one_reader",
            ),
            models.UniqueConstraint(
                fields=["feedback", "account"],
                condition=Q(account__isnull=False),
                name="feedback_reaction_once_per_account",
            ),
            models.UniqueConstraint(
                fields=["feedback", "session_key"],
                condition=~Q(session_key=""),
                name="feedback_reaction_once_per_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.feedback_id}: {self.value}"
