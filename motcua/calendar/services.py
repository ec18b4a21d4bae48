"""Writes to the editable calendar. Province admins change their province's; superusers all.

Every change is audited. Because due instants are derived on read, a day off added here moves
every running deadline at once (applicants are told the new appointment; no apology is owed).
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from motcua.accounts.models import Agency, AgencyLevel, User
from motcua.calendar.engine import CalendarError, format_blocks, parse_blocks, parse_weekdays
from motcua.calendar.models import CalendarOverride, OfficeHours, OverrideKind, OverrideScope
from motcua.calendar.policies import can_edit_calendar
from motcua.calendar.selectors import calendar_for_agency
from motcua.core.audit import audit_record
from motcua.core.errors import PermissionDenied, ValidationFailed

MAX_OVERRIDE_DAYS = 31


def _require_calendar_admin(actor: User, *, scope: OverrideScope, agency: Agency | None) -> None:
    if not can_edit_calendar(actor, scope=scope, agency=agency, on=timezone.localdate()):
        raise PermissionDenied(
            "Chỉ quản trị cấp tỉnh mới được sửa lịch làm việc của tỉnh và các cơ quan trong tỉnh; "
            "ngày nghỉ toàn quốc do quản trị hệ thống khai báo.",
            code="calendar_forbidden",
        )


def calendar_override_validate(
    *,
    start_date: dt.date,
    end_date: dt.date,
    kind: OverrideKind,
    scope: OverrideScope,
    agency: Agency | None,
    name: str,
) -> None:
    """Check an override without saving it (forms call this to show errors on the right field)."""
    if end_date < start_date:
        raise ValidationFailed(
            "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.",
            code="calendar_override_range",
            field="end_date",
        )
    if (end_date - start_date).days + 1 > MAX_OVERRIDE_DAYS:
        raise ValidationFailed(
            f"Một lần chỉ được khai báo tối đa {MAX_OVERRIDE_DAYS} ngày.",
            code="calendar_override_too_long",
            field="end_date",
        )
    if not name.strip():
        raise ValidationFailed(
            "Vui lòng nhập tên ngày nghỉ hoặc ngày làm bù.", code="required", field="name"
        )
    if scope == OverrideScope.NATIONAL and agency is not None:
        raise ValidationFailed(
            "Phạm vi toàn quốc không gắn với cơ quan nào.",
            code="calendar_scope_agency",
            field="agency",
        )
    if scope != OverrideScope.NATIONAL and agency is None:
        raise ValidationFailed(
            "Vui lòng chọn tỉnh hoặc cơ quan áp dụng.", code="calendar_scope_agency", field="agency"
        )
    if (
        scope == OverrideScope.PROVINCE
        and agency is not None
        and agency.level != AgencyLevel.PROVINCE
    ):
        raise ValidationFailed(
            "Phạm vi toàn tỉnh phải chọn cơ quan cấp tỉnh (UBND tỉnh).",
            code="calendar_scope_province",
            field="agency",
        )
    overlapping = CalendarOverride.objects.filter(
        scope=scope,
        agency=agency,
        revoked_at__isnull=True,
        start_date__lte=end_date,
        end_date__gte=start_date,
    ).first()
    if overlapping is not None:
        raise ValidationFailed(
            f"Trùng với khai báo đã có: {overlapping}. Hãy hủy khai báo đó trước.",
            code="calendar_override_overlap",
            field="start_date",
        )
    days = calendar_for_agency(agency).days_between(start_date, end_date)
    if kind == OverrideKind.WORKING_DAY:
        already = [d for d in days if d.working]
        if already:
            raise ValidationFailed(
                f"Ngày {already[0].date:%d/%m/%Y} đã là ngày làm việc; ngày làm bù phải là ngày "
                "nghỉ (thứ Bảy, Chủ nhật hoặc ngày nghỉ).",
                code="calendar_already_working",
                field="start_date",
            )
    elif all(not d.working for d in days):
        raise ValidationFailed(
            "Các ngày đã chọn đều đã là ngày nghỉ.", code="calendar_already_off", field="start_date"
        )


@transaction.atomic
def calendar_override_create(
    *,
    start_date: dt.date,
    end_date: dt.date,
    kind: OverrideKind,
    scope: OverrideScope,
    agency: Agency | None,
    name: str,
    legal_reference: str,
    actor: User,
) -> CalendarOverride:
    """Add an extra day off or a make-up working day (e.g. a worked Saturday) over a date range."""
    calendar_override_validate(
        start_date=start_date, end_date=end_date, kind=kind, scope=scope, agency=agency, name=name
    )
    _require_calendar_admin(actor, scope=scope, agency=agency)
    override = CalendarOverride.objects.create(
        start_date=start_date,
        end_date=end_date,
        kind=kind,
        scope=scope,
        agency=agency,
        name=name.strip(),
        legal_reference=legal_reference.strip(),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="calendar.override_created",
        obj=override,
        data={
            "start_date": start_date.isoformat(),
            "end_date": end_date.isoformat(),
            "kind": kind,
            "scope": scope,
            "agency": agency.code if agency else None,
            "retroactive": start_date < timezone.localdate(),
        },
    )
    return override


@transaction.atomic
def calendar_override_revoke(
    *, override: CalendarOverride, reason: str, actor: User
) -> CalendarOverride:
    """Withdraw a mistaken override. The row stays (with who, when and why) for the record."""
    override = CalendarOverride.objects.select_for_update().get(pk=override.pk)
    _require_calendar_admin(actor, scope=OverrideScope(override.scope), agency=override.agency)
    if override.revoked_at is not None:
        raise ValidationFailed("Khai báo này đã bị hủy trước đó.", code="calendar_override_revoked")
    if not reason.strip():
        raise ValidationFailed("Vui lòng nêu lý do hủy.", code="required", field="reason")
    override.revoked_at = timezone.now()
    override.revoked_by = actor
    override.revoke_reason = reason.strip()
    override.save(update_fields=["revoked_at", "revoked_by", "revoke_reason", "updated_at"])
    audit_record(actor=actor, action="calendar.override_revoked", obj=override, reason=reason)
    return override


@transaction.atomic
def office_hours_set(
    *,
    agency: Agency,
    valid_from: dt.date,
    blocks: str,
    weekdays: str = "01234",
    actor: User,
) -> OfficeHours:
    """Set an agency's office hours from a date (they apply to the agencies under it too)."""
    _require_calendar_admin(actor, scope=OverrideScope.AGENCY, agency=agency)
    try:
        parsed = parse_blocks(blocks)
        parse_weekdays(weekdays)
    except CalendarError as exc:
        raise ValidationFailed(str(exc), code="office_hours_invalid", field="blocks") from exc
    if OfficeHours.objects.filter(Q(agency=agency) & Q(valid_from=valid_from)).exists():
        raise ValidationFailed(
            f"Cơ quan đã có giờ làm việc áp dụng từ ngày {valid_from:%d/%m/%Y}.",
            code="office_hours_exists",
            field="valid_from",
        )
    row = OfficeHours.objects.create(
        agency=agency,
        valid_from=valid_from,
        blocks=format_blocks(parsed),
        weekdays="".join(sorted(set(weekdays))),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="calendar.office_hours_set",
        obj=row,
        data={
            "agency": agency.code,
            "valid_from": valid_from.isoformat(),
            "blocks": row.blocks,
            "retroactive": valid_from < timezone.localdate(),
        },
    )
    return row
