"""The projection's maintenance commands: `report_facts --check/--rebuild` and the scheduled
`refresh_report_facts` that follows calendar changes (domain §3: dues are derived on read)."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.calendar.models import OverrideKind, OverrideScope
from motcua.calendar.services import calendar_override_create
from motcua.reports.facts import facts_differing
from motcua.reports.models import DossierFact
from tests.dossiers.builders import at, build_world
from tests.reports.histories import day_at, import_lines, in_process, processed


@pytest.fixture
def world(db):
    return build_world()


def test_check_finds_a_tampered_fact_and_rebuild_mends_it(world):
    dossiers = import_lines(
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 10, 10)),
        in_process(day_at(2026, 3, 9, 9)),
    )
    call_command("report_facts", "--check", stdout=StringIO())  # consistent after the import
    DossierFact.objects.filter(dossier=dossiers[0]).update(timeliness="late")
    DossierFact.objects.filter(dossier=dossiers[1]).delete()
    with pytest.raises(CommandError) as caught:
        call_command("report_facts", "--check", stdout=StringIO())
    assert "2 hồ sơ" in str(caught.value)

    out = StringIO()
    call_command("report_facts", "--rebuild", stdout=out)
    assert "Đã tính lại số liệu của 2 hồ sơ." in out.getvalue()
    assert facts_differing() == []
    assert DossierFact.objects.get(dossier=dossiers[0]).timeliness == "early"


@time_machine.travel(dt.datetime(2026, 3, 10, 3, 0, tzinfo=dt.UTC), tick=False)
def test_a_day_off_added_later_moves_the_stored_dues_it_affects(world, django_user_model):
    # Received Mon 9/3 09:00, 3 working days: due Thu 12/3 09:00. Declaring Wed 11/3 a day off
    # moves it to Fri 13/3 09:00; a dossier finished on Tue 10/3 keeps its judgement (early)
    # but its due moves too.
    open_one, finished = import_lines(
        in_process(day_at(2026, 3, 9, 9)),
        processed(day_at(2026, 3, 9, 9, 1), day_at(2026, 3, 10, 9)),
    )
    assert DossierFact.objects.get(dossier=open_one).due_at == at(dt.date(2026, 3, 12), 9)
    call_command("refresh_report_facts", stdout=StringIO())  # the first run sets the mark
    admin = django_user_model.objects.create_superuser("admin", "a@example.com", "x-secret-123")
    with time_machine.travel(dt.datetime(2026, 3, 10, 4, 0, tzinfo=dt.UTC), tick=False):
        calendar_override_create(
            start_date=dt.date(2026, 3, 11), end_date=dt.date(2026, 3, 11),
            kind=OverrideKind.DAY_OFF, scope=OverrideScope.PROVINCE, agency=world.commune.parent,
            name="Nghỉ đột xuất", legal_reference="QĐ 1/QĐ-UBND", actor=admin,
        )  # fmt: skip
    with time_machine.travel(dt.datetime(2026, 3, 10, 5, 0, tzinfo=dt.UTC), tick=False):
        assert facts_differing() == [open_one.pk, finished.pk]  # stale until refreshed
        out = StringIO()
        call_command("refresh_report_facts", stdout=out)
        assert "Đã tính lại 2 hồ sơ" in out.getvalue()
        assert facts_differing() == []
        assert DossierFact.objects.get(dossier=open_one).due_at == at(dt.date(2026, 3, 13), 9)
        # The finished one (Tue 10/3 09:00) stays early: its due moved from Thu to Fri.
        after = DossierFact.objects.get(dossier=finished)
        assert (after.timeliness, after.due_at) == ("early", at(dt.date(2026, 3, 13), 9, 1))
        out = StringIO()
        call_command("refresh_report_facts", stdout=out)  # nothing stale any more
        assert out.getvalue() == ""


@time_machine.travel(dt.datetime(2026, 3, 20, 3, 0, tzinfo=dt.UTC), tick=False)
def test_a_day_off_after_a_dossier_finished_and_its_due_leaves_its_fact_alone(
    world, django_user_model
):
    (finished,) = import_lines(processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 10, 9)))
    call_command("refresh_report_facts", stdout=StringIO())
    admin = django_user_model.objects.create_superuser("admin", "a@example.com", "x-secret-123")
    calendar_override_create(
        start_date=dt.date(2026, 3, 16), end_date=dt.date(2026, 3, 16),
        kind=OverrideKind.DAY_OFF, scope=OverrideScope.PROVINCE, agency=world.commune.parent,
        name="Nghỉ đột xuất", legal_reference="QĐ 1/QĐ-UBND", actor=admin,
    )  # fmt: skip
    before = DossierFact.objects.get(dossier=finished).refreshed_at
    with time_machine.travel(dt.datetime(2026, 3, 20, 4, 0, tzinfo=dt.UTC), tick=False):
        call_command("refresh_report_facts", stdout=StringIO())
    # Finished on 10/3, due 12/3 09:00; the day off is 16/3, after both: nothing to recompute.
    assert DossierFact.objects.get(dossier=finished).refreshed_at == before
