"""Targets (chỉ tiêu): who may set them, value checks, the audit, and actuals of the year to date.

Year to date on 31/3/2026 = the first quarter. The commune's dossiers (a dossier received Monday
09:00 is due Thursday 09:00):

t1 online, digitised, early (Tue 10/3), returned electronically (an e-result);
t2 at the counter, late (Thu 12/3 10:00);
t3 at the counter, a 50,000 đ fee paid online (Mon 16/3 10:00–11:00), early (Tue 17/3);
t4 the same, paid at the counter;
t5 online, received Mon 23/3, still at appraisal on 1/4: overdue.

received 5, of which online 2 (t1, t5): 2/5 = 40.00%;
to process 5, late 2 (t2 resolved late, t5 overdue): on time 100 − 2/5 = 60.00%;
digitised 1 (t1): 1/5 = 20.00%; with fees 2 (t3, t4), paid online 1: 50.00%;
resolved 4 (t1–t4), with an e-result 1 (t1): 25.00%.
"""

import datetime as dt
from decimal import Decimal

import pytest

from motcua.accounts.models import Role
from motcua.accounts.services import membership_grant, staff_user_create
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.core.models import AuditEvent
from motcua.reports.models import Target, TargetKind
from motcua.reports.periods import quarter
from motcua.reports.scope import ReportScope, report_filter, report_scope
from motcua.reports.targets import (
    target_delete,
    target_facts,
    target_set,
    targets_with_actuals,
    year_to_date,
)
from tests.dossiers.builders import build_world
from tests.reports.histories import (
    MINUTES_30,
    day_at,
    ev,
    import_lines,
    in_process,
    line,
    processed,
)
from tests.reports.unit_histories import received_days

END_OF_MARCH = dt.date(2026, 3, 31)
DIGITISED = [
    {"code": "to-khai", "originals": 1, "digitised": True},
    {"code": "giay-chung-sinh", "originals": 1},
]


def paid(received: dt.datetime, *, online: bool) -> dict[str, object]:
    pay = {"amount": 50000, "online": online}
    events = [
        ev("forward", received + MINUTES_30, to_step="tham-dinh"),
        ev("request_payment", received + 2 * MINUTES_30, data={"amount": 50000}),
        ev("confirm_payment", received + 4 * MINUTES_30, data=pay),
        ev("forward", received + 4 * MINUTES_30, to_step="phe-duyet"),
        ev("approve", received + dt.timedelta(days=1, hours=1), to_step="tra-ket-qua"),
    ]
    return line(received, status="result_ready", events=events)


@pytest.fixture
def world(db):
    world = build_world()
    mon = day_at(2026, 3, 9, 9)
    import_lines(
        processed(mon, day_at(2026, 3, 10, 10), returned=day_at(2026, 3, 10, 11),
                  method="electronic", channel="online", components=DIGITISED),
        processed(mon, day_at(2026, 3, 12, 10)),
        paid(day_at(2026, 3, 16, 9), online=True),
        paid(day_at(2026, 3, 16, 9), online=False),
        in_process(day_at(2026, 3, 23, 9), channel="online"),
    )  # fmt: skip
    return world


def staff(username, agency, role):
    user = staff_user_create(username=username, full_name=username, email=f"{username}@example.com",
                             phone="", password="x-secret-123", actor=None)  # fmt: skip
    membership_grant(user=user, agency=agency, role=role, actor=None)
    return user


@pytest.fixture
def admin(world):
    province = world.commune.parent
    assert province is not None
    return staff("quantri.tinh", province, Role.PROVINCE_ADMIN)


def test_year_to_date():
    assert year_to_date(2026, today=END_OF_MARCH) == quarter(2026, 1)
    last_year = year_to_date(2025, today=END_OF_MARCH)
    assert last_year is not None
    assert last_year.token == "2025"
    assert year_to_date(2027, today=END_OF_MARCH) is None


def test_actuals_against_targets(world, admin):
    commune = world.commune
    for kind, value in [
        (TargetKind.ONLINE_SHARE, 30), (TargetKind.ON_TIME_RATE, 95),
        (TargetKind.DIGITISED_SHARE, 20), (TargetKind.ONLINE_PAYMENT_SHARE, 80),
        (TargetKind.E_RESULT_SHARE, 25),
    ]:  # fmt: skip
        target_set(agency=commune, year=2026, kind=kind, value=value, actor=admin)
    target_set(agency=commune.parent, year=2026, kind=TargetKind.ONLINE_SHARE, value=50,
               basis="Kế hoạch 12/KH-UBND", actor=admin)  # fmt: skip
    rows = targets_with_actuals(
        report=report_filter(scope=ReportScope(None)), year=2026, today=END_OF_MARCH
    )
    assert [(r.target.agency.code, r.target.kind, r.numerator, r.denominator, r.actual, r.met)
            for r in rows] == [
        # The province (its whole tree: only the commune has dossiers): 40% < 50%.
        ("000.00.00.H99", "online_share", 2, 5, Decimal("40.00"), False),
        ("000.01.31.H99", "online_share", 2, 5, Decimal("40.00"), True),
        ("000.01.31.H99", "on_time_rate", 3, 5, Decimal("60.00"), False),
        ("000.01.31.H99", "digitised_share", 1, 5, Decimal("20.00"), True),  # met at equality
        ("000.01.31.H99", "online_payment_share", 1, 2, Decimal("50.00"), False),
        ("000.01.31.H99", "e_result_share", 1, 4, Decimal("25.00"), True),
    ]  # fmt: skip
    # A commune leader sees the commune's targets only.
    leader = report_filter(scope=report_scope(actor=world.leader, on=END_OF_MARCH))
    assert {r.target.agency.code for r in targets_with_actuals(
        report=leader, year=2026, today=END_OF_MARCH)} == {"000.01.31.H99"}  # fmt: skip


def test_no_actual_before_the_year_or_without_dossiers(world, admin):
    target_set(agency=world.commune, year=2027, kind="online_share", value=50, actor=admin)
    target_set(agency=world.justice, year=2026, kind="online_share", value=50, actor=admin)
    report = report_filter(scope=ReportScope(None))
    (future,) = targets_with_actuals(report=report, year=2027, today=END_OF_MARCH)
    assert (future.period, future.actual, future.met) == (None, None, None)
    (justice,) = targets_with_actuals(report=report, year=2026, today=END_OF_MARCH)
    assert (justice.denominator, justice.actual, justice.met) == (0, None, None)


def test_drill_down_of_an_actual(world, admin):
    target = target_set(agency=world.commune, year=2026, kind="on_time_rate", value=95, actor=admin)
    period = quarter(2026, 1)
    on_time = target_facts(target=target, period=period, part="numerator")
    # t1, t3, t4: neither finished late nor overdue on 1/4 (t2, t5 are).
    assert sorted(received_days(on_time)) == [9, 16, 16]
    assert target_facts(target=target, period=period, part="denominator").count() == 5


def test_set_changes_the_target_and_audits_each_write(world, admin):
    first = target_set(agency=world.commune, year=2026, kind="online_share", value="30,5",
                       basis="NQ 01", actor=admin)  # fmt: skip
    again = target_set(agency=world.commune, year=2026, kind="online_share", value=Decimal(35),
                       basis="NQ 02", actor=admin)  # fmt: skip
    assert again.pk == first.pk
    assert (again.value, again.basis, again.entered_by) == (Decimal("35.00"), "NQ 02", admin)
    assert Target.objects.count() == 1
    events = list(AuditEvent.objects.filter(action="report_target.set").order_by("pk"))
    assert [(e.actor, e.data["value"], e.data["previous"]) for e in events] == [
        (admin, "30.50", None),
        (admin, "35.00", "30.50"),
    ]
    target_delete(target=again, actor=admin)
    assert not Target.objects.exists()
    deleted = AuditEvent.objects.get(action="report_target.deleted")
    assert (deleted.object_id, deleted.data["value"]) == (str(first.pk), "35.00")


@pytest.mark.parametrize("value", [-1, "100.01", 101, "abc", "NaN", ""])
def test_value_must_be_a_percentage(world, admin, value):
    with pytest.raises(ValidationFailed) as caught:
        target_set(agency=world.commune, year=2026, kind="online_share", value=value, actor=admin)
    assert (caught.value.code, caught.value.field) == ("target_value_invalid", "value")
    assert not Target.objects.exists()


def test_bounds_are_allowed(world, admin):
    for value in (0, 100):
        target_set(agency=world.commune, year=2026, kind="online_share", value=value, actor=admin)
    assert Target.objects.get().value == Decimal(100)


def test_kind_and_year_are_checked(world, admin):
    with pytest.raises(ValidationFailed) as caught:
        target_set(agency=world.commune, year=2026, kind="speed", value=5, actor=admin)
    assert caught.value.code == "target_kind_invalid"
    with pytest.raises(ValidationFailed) as caught:
        target_set(agency=world.commune, year=1999, kind="online_share", value=5, actor=admin)
    assert caught.value.code == "target_year_invalid"


def test_only_province_administrators_and_superusers(world, admin):
    with pytest.raises(PermissionDenied):
        target_set(
            agency=world.commune, year=2026, kind="online_share", value=5, actor=world.leader
        )
    target = target_set(agency=world.commune, year=2026, kind="online_share", value=5, actor=admin)
    with pytest.raises(PermissionDenied):
        target_delete(target=target, actor=world.leader)
    root = staff("sieuquantri", world.commune, Role.SPECIALIST)
    root.is_superuser = True
    root.save()
    target_set(agency=world.police, year=2026, kind="online_share", value=5, actor=root)
    assert Target.objects.count() == 2
    assert not AuditEvent.objects.filter(actor=world.leader).exists()
