"""Registering a PAKN: the sender's details, the links (dossier, procedure, an earlier PAKN),
the route to the responsible agency, the code and the intake clocks, the acknowledgement."""

import datetime as dt

from django.db import transaction
from django.db.models import Q

from motcua.accounts.models import User, UserKind
from motcua.catalog.models import Procedure
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed
from motcua.core.timezone import to_local
from motcua.dossiers.codes import next_value, sequence_width
from motcua.dossiers.models import Dossier
from motcua.dossiers.policies import access_dossier
from motcua.dossiers.selectors import dossier_public_lookup
from motcua.feedback.clocks import Step, working_days
from motcua.feedback.models import (
    Feedback,
    FeedbackChannel,
    FeedbackKind,
    FeedbackStatus,
    FeedbackSubject,
)
from motcua.feedback.routing import feedback_route
from motcua.feedback.services._common import (
    CONTENT_MAX,
    TITLE_MAX,
    SenderInput,
    _email,
    _notify_sender,
    _now,
    _phone,
    _record,
    _required,
    _set_intake_clocks,
)
from motcua.notifications.models import NotificationTemplate


def feedback_code_allocate(*, day: dt.date) -> str:
    """A new PAKN code for the local `day`: PAKN-<YYMMDD>-<sequence of the day>."""
    sequence = next_value(f"feedback:{day:%Y%m%d}")
    return f"PAKN-{day:%y%m%d}-{sequence:0{sequence_width()}d}"


# --- Submission -------------------------------------------------------------------------------


def _linked_dossier(*, actor: User | None, code: str, last4: str) -> Dossier | None:
    """The dossier the sender links: a citizen's own (by code), one a staff member may see, or
    any whose code and the last four digits of its applicant's ID number or phone match. A wrong
    pair says nothing about whether the code exists."""
    code = code.strip()
    if not code:
        return None
    if actor is not None and actor.is_authenticated:
        if actor.kind == UserKind.CITIZEN:
            own = (
                Dossier.objects.filter(Q(code=code) | Q(reference=code), applicant_account=actor)
                .select_related("agency", "version")
                .first()
            )
            if own is not None:
                return own
        elif actor.kind == UserKind.STAFF:
            try:
                return access_dossier(actor, code=code)
            except NotFound:
                pass
    found = dossier_public_lookup(code=code, last4=last4) if last4.strip() else None
    if found is None:
        raise ValidationFailed(
            "Không tìm thấy hồ sơ có mã và 4 số cuối đã nhập. Vui lòng kiểm tra lại, hoặc để "
            "trống nếu không muốn gắn phản ánh với một hồ sơ.",
            code="feedback_dossier_not_found",
            field="dossier_code",
        )
    return (
        Dossier.objects.filter(Q(code=found.code) | Q(reference=found.code))
        .select_related("agency", "version")
        .get()
    )


def _previous(*, code: str, phone: str, actor: User | None) -> Feedback | None:
    """An earlier PAKN of the same sender (same phone or account) this one repeats."""
    code = code.strip().upper()
    if not code:
        return None
    same_sender = Q(sender_phone=phone)
    if actor is not None and actor.is_authenticated:
        same_sender |= Q(sender_account=actor)
    found = Feedback.objects.filter(same_sender, code=code).first()
    if found is None:
        raise ValidationFailed(
            "Không tìm thấy phản ánh, kiến nghị trước đó của Ông/Bà với mã này (mã được gửi "
            "cùng số điện thoại đã ghi).",
            code="feedback_previous_not_found",
            field="repeat_of_code",
        )
    return found


def feedback_submit(
    *,
    kind: FeedbackKind,
    subject: FeedbackSubject,
    title: str,
    content: str,
    sender: SenderInput,
    actor: User | None,
    channel: FeedbackChannel = FeedbackChannel.PORTAL,
    procedure: Procedure | None = None,
    dossier_code: str = "",
    dossier_last4: str = "",
    repeat_of_code: str = "",
    received_at: dt.datetime | None = None,
    at: dt.datetime | None = None,
) -> Feedback:
    """Register a PAKN and route it to the responsible agency (`motcua.feedback.routing`).

    From the portal anyone may send one (`actor` the account, if logged in). A PAKN received by
    telephone, in writing or by e-mail is recorded by a staff member (`actor`), with the instant
    it arrived (`received_at`, not in the future). The sender gets an acknowledgement.
    """
    now = _now(at)
    if channel != FeedbackChannel.PORTAL and (
        actor is None or not actor.is_authenticated or actor.kind != UserKind.STAFF
    ):
        raise PermissionDenied(
            "Chỉ cán bộ mới ghi nhận phản ánh, kiến nghị nhận qua điện thoại, văn bản, thư "
            "điện tử.",
            code="feedback_record_not_permitted",
        )
    arrived = received_at if received_at is not None and channel != FeedbackChannel.PORTAL else now
    if arrived > now:
        raise ValidationFailed(
            "Thời điểm tiếp nhận không được ở tương lai.", code="future", field="received_at"
        )
    title = _required(title, field="title", message="Vui lòng nhập tiêu đề.", limit=TITLE_MAX)
    content = _required(
        content, field="content", message="Vui lòng nhập nội dung.", limit=CONTENT_MAX
    )
    name = _required(
        sender.name, field="sender_name", message="Vui lòng nhập họ và tên.", limit=255
    )
    address = _required(
        sender.address, field="sender_address", message="Vui lòng nhập địa chỉ.", limit=500
    )
    _required(sender.phone, field="sender_phone", message="Vui lòng nhập số điện thoại.")
    phone = _phone(sender.phone)
    email = _email(sender.email)
    dossier = _linked_dossier(actor=actor, code=dossier_code, last4=dossier_last4)
    if dossier is not None and procedure is None:
        procedure = dossier.version.procedure
    previous = _previous(code=repeat_of_code, phone=phone, actor=actor)
    route = feedback_route(dossier=dossier, procedure=procedure, on=to_local(arrived).date())
    account = actor if actor is not None and actor.is_authenticated else None

    with transaction.atomic():
        feedback = Feedback(
            code=feedback_code_allocate(day=to_local(arrived).date()),
            kind=kind,
            subject=subject,
            channel=channel,
            status=FeedbackStatus.RECEIVED,
            sender_name=name,
            sender_address=address,
            sender_phone=phone,
            sender_email=email,
            sender_account=account if channel == FeedbackChannel.PORTAL else None,
            recorded_by=account if channel != FeedbackChannel.PORTAL else None,
            title=title,
            content=content,
            procedure=procedure,
            dossier=dossier,
            repeat_of=previous,
            agency=route.agency,
            received_at=arrived,
        )
        _set_intake_clocks(feedback, start=arrived)
        feedback.save()
        _record(
            feedback,
            action="feedback.received",
            actor=account,
            at=now,
            from_status="",
            data={
                "channel": channel.value,
                "received_at": arrived,
                "routed_by": route.reason.value,
                "classify_due_at": feedback.classify_due_at,
                "forward_due_at": feedback.forward_due_at,
                "info_request_due_at": feedback.info_request_due_at,
                "repeat_of": previous.code if previous is not None else "",
            },
        )
        _notify_sender(
            feedback,
            template=NotificationTemplate.FEEDBACK_RECEIVED,
            event="received",
            actor=account,
            context={
                "received_at": arrived,
                "answer_days": working_days(Step.ANSWER, subject=subject),
            },
        )
    return feedback
