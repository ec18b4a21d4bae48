"""The apology and new appointment (Mẫu 04; "apology and extension request" under R2025).

Drafted by the handler (or opened by the overdue sweep for them), submitted, and approved or
rejected by a leader; once approved it is sent on every channel and sets the new appointment.
Once per dossier. It should be approved at least one working day (`MOTCUA_APOLOGY_LEAD_HOURS`)
before the due instant; a later one is accepted but flagged `late`. The dossier is still judged
against its original due; a late dossier without a timely approved apology is a finding.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.core.errors import ValidationFailed
from motcua.core.timezone import to_local
from motcua.dossiers.codes import form_number_allocate
from motcua.dossiers.deadlines import dossier_deadline
from motcua.dossiers.models import Apology, ApologyStatus, Dossier
from motcua.notifications.models import NotificationTemplate
from motcua.workflow import core
from motcua.workflow.transitions import Action


def _live(dossier: Dossier) -> Apology | None:
    return (
        Apology.objects.select_for_update()
        .filter(dossier=dossier)
        .exclude(status=ApologyStatus.REJECTED)
        .first()
    )


def _refuse_if_approved(apology: Apology | None) -> None:
    if apology is not None and apology.status == ApologyStatus.APPROVED:
        raise ValidationFailed(
            "Hồ sơ đã có văn bản xin lỗi và hẹn lại: chỉ được hẹn lại một lần.",
            code="apology_once",
        )


@transaction.atomic
def apology_draft(
    *,
    dossier: Dossier,
    actor: User,
    reason: str,
    new_due_at: dt.datetime,
    at: dt.datetime | None = None,
) -> Apology:
    """Write (or rewrite) the draft: the reason and the new appointment."""
    at = at or timezone.now()
    dossier = core.lock(dossier)
    core.check(dossier, Action.DRAFT_APOLOGY, actor, at=at)
    apology = _live(dossier)
    _refuse_if_approved(apology)
    if apology is not None and apology.status == ApologyStatus.SUBMITTED:
        raise ValidationFailed("Văn bản xin lỗi đang chờ lãnh đạo duyệt.", code="apology_submitted")
    deadline = dossier_deadline(dossier, at=at)
    reason = core.require_text(reason, field="reason", message="Phải nêu lý do chậm trả kết quả.")
    if new_due_at <= deadline.legal.due_at:
        raise ValidationFailed(
            "Ngày hẹn mới phải sau ngày hẹn trả ban đầu.",
            code="apology_new_due",
            field="new_due_at",
        )
    if apology is None:
        apology = Apology(dossier=dossier, status=ApologyStatus.DRAFT)
    apology.reason = reason
    apology.new_due_at = new_due_at
    apology.original_due_at = deadline.legal.due_at
    apology.drafted_by = actor
    apology.save()
    core.record(dossier, action=Action.DRAFT_APOLOGY, actor=actor, at=at,
                from_status=dossier.status, from_step=dossier.current_step, note=reason,
                data={"new_due_at": new_due_at})  # fmt: skip
    return apology


@transaction.atomic
def apology_submit(*, dossier: Dossier, actor: User, at: dt.datetime | None = None) -> Apology:
    at = at or timezone.now()
    dossier = core.lock(dossier)
    core.check(dossier, Action.SUBMIT_APOLOGY, actor, at=at)
    apology = _live(dossier)
    _refuse_if_approved(apology)
    if (
        apology is None
        or apology.status != ApologyStatus.DRAFT
        or not apology.reason.strip()
        or (apology.new_due_at is None)
    ):
        raise ValidationFailed(
            "Chưa có dự thảo văn bản xin lỗi đủ lý do và ngày hẹn mới.", code="apology_incomplete"
        )
    apology.status = ApologyStatus.SUBMITTED
    apology.submitted_at = at
    apology.save(update_fields=["status", "submitted_at"])
    core.record(dossier, action=Action.SUBMIT_APOLOGY, actor=actor, at=at,
                from_status=dossier.status, from_step=dossier.current_step)  # fmt: skip
    return apology


def _submitted(dossier: Dossier) -> Apology:
    apology = _live(dossier)
    _refuse_if_approved(apology)
    if apology is None or apology.status != ApologyStatus.SUBMITTED:
        raise ValidationFailed("Không có văn bản xin lỗi chờ duyệt.", code="apology_not_submitted")
    return apology


@transaction.atomic
def apology_approve(
    *, dossier: Dossier, actor: User, note: str = "", at: dt.datetime | None = None
) -> Apology:
    """Approve and send: the new appointment is set, the applicant and the desk are told."""
    at = at or timezone.now()
    dossier = core.lock(dossier)
    core.check(dossier, Action.APPROVE_APOLOGY, actor, at=at)
    apology = _submitted(dossier)
    deadline = dossier_deadline(dossier, at=at)
    assert apology.new_due_at is not None
    if apology.new_due_at <= max(at, deadline.legal.due_at):
        raise ValidationFailed(
            "Ngày hẹn mới đã qua hoặc không sau ngày hẹn ban đầu: trả lại để soạn lại ngày hẹn.",
            code="apology_new_due",
            field="new_due_at",
        )
    apology.status = ApologyStatus.APPROVED
    apology.decided_by = actor
    apology.decided_at = at
    apology.decision_note = note.strip()
    apology.original_due_at = deadline.legal.due_at
    apology.late = at > deadline.apology_due_by
    apology.number = form_number_allocate(
        agency_code=dossier.agency.code, form="apology", year=to_local(at).year
    )
    apology.save()
    dossier.rescheduled_due_at = apology.new_due_at
    dossier.save(update_fields=["rescheduled_due_at", "updated_at"])
    core.record(dossier, action=Action.APPROVE_APOLOGY, actor=actor, at=at,
                from_status=dossier.status, from_step=dossier.current_step, note=note,
                data={"new_due_at": apology.new_due_at, "original_due_at": apology.original_due_at,
                      "late": apology.late, "form": "apology",
                      "form_number": apology.number})  # fmt: skip
    core.notify_applicant(
        dossier, template=NotificationTemplate.DOSSIER_APOLOGY, event="apology", actor=actor,
        context={"reason": apology.reason, "new_appointment_at": apology.new_due_at,
                 "original_appointment_at": apology.original_due_at},
    )  # fmt: skip
    return apology


@transaction.atomic
def apology_reject(
    *, dossier: Dossier, actor: User, note: str, at: dt.datetime | None = None
) -> Apology:
    """Send the draft back; the handler may write a new one."""
    at = at or timezone.now()
    dossier = core.lock(dossier)
    core.check(dossier, Action.REJECT_APOLOGY, actor, at=at)
    note = core.require_text(note, field="note", message="Phải nêu ý kiến khi không duyệt.")
    apology = _submitted(dossier)
    apology.status = ApologyStatus.REJECTED
    apology.decided_by = actor
    apology.decided_at = at
    apology.decision_note = note
    apology.save()
    core.record(dossier, action=Action.REJECT_APOLOGY, actor=actor, at=at,
                from_status=dossier.status, from_step=dossier.current_step, note=note)  # fmt: skip
    return apology


def apology_open_for_sweep(*, dossier: Dossier, at: dt.datetime) -> Apology | None:
    """An empty draft for the handler when a dossier becomes due soon (called by the sweep inside
    its transaction, the dossier locked). None when one exists or was approved already."""
    if Apology.objects.filter(dossier=dossier).exclude(status=ApologyStatus.REJECTED).exists():
        return None
    apology = Apology.objects.create(
        dossier=dossier, status=ApologyStatus.DRAFT, opened_by_sweep=True
    )
    core.record(dossier, action="apology_opened", actor=None, at=at, from_status=dossier.status,
                from_step=dossier.current_step,
                note="Hồ sơ sắp đến hạn: đã mở dự thảo văn bản xin lỗi cho người xử lý.")  # fmt: skip
    return apology
