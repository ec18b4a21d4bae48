"""The demo province's calendar: its office hours and a few announced days, through the services."""

import datetime as dt

from motcua.accounts.models import Agency, User
from motcua.calendar.models import CalendarOverride, OfficeHours, OverrideKind, OverrideScope
from motcua.calendar.services import calendar_override_create, office_hours_set

DEMO_NOTE = "dữ liệu mẫu"


def demo_calendar_load(*, province: Agency, summer_agency: Agency | None, actor: User) -> int:
    """Office hours for the province and one agency with summer hours, a province-wide extra day
    off paired with a make-up Saturday. Idempotent: what exists is left alone. Returns how many
    rows were created."""
    created = 0
    if not OfficeHours.objects.filter(agency=province).exists():
        office_hours_set(
            agency=province,
            valid_from=dt.date(2025, 7, 1),
            blocks="07:00-11:30,13:30-17:00",
            actor=actor,
        )
        created += 1
    if summer_agency is not None and not OfficeHours.objects.filter(agency=summer_agency).exists():
        office_hours_set(
            agency=summer_agency,
            valid_from=dt.date(2026, 5, 1),
            blocks="07:00-11:00,13:30-17:30",
            actor=actor,
        )
        created += 1
    days = [
        (
            dt.date(2027, 2, 12),
            OverrideKind.DAY_OFF,
            f"Nghỉ hoán đổi dịp Tết Đinh Mùi ({DEMO_NOTE})",
        ),
        (
            dt.date(2027, 2, 20),
            OverrideKind.WORKING_DAY,
            f"Làm bù cho ngày 12/02/2027 ({DEMO_NOTE})",
        ),
    ]
    for day, kind, name in days:
        if CalendarOverride.objects.filter(
            scope=OverrideScope.PROVINCE, agency=province, start_date=day, revoked_at__isnull=True
        ).exists():
            continue
        calendar_override_create(
            start_date=day,
            end_date=day,
            kind=kind,
            scope=OverrideScope.PROVINCE,
            agency=province,
            name=name,
            legal_reference=f"Thông báo số 01/TB-UBND ({DEMO_NOTE})",
            actor=actor,
        )
        created += 1
    return created
