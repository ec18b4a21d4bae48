import pytest

from motcua.reports.facts import facts_differing
from motcua.reports.models import DossierFact
from motcua.reports.periods import month
from motcua.reports.scope import ReportScope, report_filter
from motcua.reports.timeliness import timeliness_table
from tests.dossiers.builders import build_world
from tests.reports.histories import day_at, import_lines, in_process, processed


@pytest.fixture
def world(db):
    return build_world()


def test_smoke(world):
    import_lines(
        processed(day_at(2026, 2, 23, 9), day_at(2026, 3, 2, 10)),  # carried over, late
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 10, 10)),  # early
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 12, 8)),  # on time
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 12, 10)),  # late
        in_process(day_at(2026, 3, 30, 9)),  # in time at end
        in_process(day_at(2026, 3, 23, 9)),  # overdue at end
    )
    assert DossierFact.objects.count() == 6
    assert facts_differing() == []
    table = timeliness_table(
        report=report_filter(scope=ReportScope(None)), period=month(2026, 3), group_by="none"
    )
    t = table.total
    assert (t["carried_over"], t["received"], t["resolved"]) == (1, 5, 4)
    assert (t["resolved_early"], t["resolved_on_time"], t["resolved_late"]) == (1, 1, 2)
    assert (t["in_process"], t["in_process_overdue"]) == (2, 1)
