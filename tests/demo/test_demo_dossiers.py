"""The demo dossiers: `seed_demo` makes them through the workflow services, as of the seed day.

The seed (the whole demo catalog, then about 150 dossiers) takes a while, so one test runs it once
and checks everything about the result; the helpers below are fast and need no database.
"""

import datetime as dt
import io
import itertools
import random
import re
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from pypdf import PdfReader

from motcua.accounts.validators import (
    parse_personal_id,
    parse_phone,
    validate_personal_id,
    validate_tax_code,
)
from motcua.calendar.engine import WorkingCalendar
from motcua.calendar.selectors import calendar_for_agency
from motcua.catalog.models import StepKind
from motcua.core.timezone import VN_TZ, local_datetime, to_local
from motcua.demo import dossier_content as content
from motcua.demo.catalog_content import DEMO_TODAY
from motcua.demo.dossiers import STORIES, demo_desk_codes
from motcua.dossiers.deadlines import Standing, Timeliness, dossier_deadline
from motcua.dossiers.models import (
    OPEN_STATUSES,
    Apology,
    ApologyStatus,
    Channel,
    Dossier,
    DossierEvent,
    DossierStatus,
    FileKind,
    ResultKind,
)

SEED_AT = dt.datetime.combine(DEMO_TODAY, dt.time(8, 0), tzinfo=VN_TZ)
FIRST_ACTIONS = {"receive", "submit", "refuse_intake"}


def _stories(*prefixes: str) -> int:
    return sum(count for kind, count in STORIES if kind.startswith(prefixes))


@pytest.mark.django_db
def test_seed_demo_makes_dossiers_through_the_workflow_once() -> None:
    with time_machine.travel(SEED_AT, tick=False):
        out = StringIO()
        call_command("seed_demo", stdout=out)
        made = re.search(r"(\d+) hồ sơ mẫu", out.getvalue())
        assert made is not None, out.getvalue()
        dossiers = list(
            Dossier.objects.select_related("desk", "receiving_agency", "agency", "current_step")
            .prefetch_related("events", "visits", "files", "components__component", "pauses")
            .order_by("pk")
        )
        assert int(made.group(1)) == len(dossiers)
        assert abs(len(dossiers) - sum(count for _, count in STORIES)) <= 5
        assert all(d.desk.code in demo_desk_codes() for d in dossiers)

        _check_buckets(dossiers)
        _check_event_chains(dossiers)
        _check_deadlines(dossiers)
        _check_files_and_components(dossiers)

        events = DossierEvent.objects.count()
        again = StringIO()
        call_command("seed_demo", stdout=again)
        assert again.getvalue().strip() == "Tỉnh mẫu Sơn Hà: đã có sẵn, không tạo thêm."
        assert Dossier.objects.count() == len(dossiers)
        assert DossierEvent.objects.count() == events


def _check_buckets(dossiers: list[Dossier]) -> None:
    statuses = Counter(DossierStatus(d.status) for d in dossiers)
    open_count = sum(statuses[s] for s in OPEN_STATUSES)
    assert 25 <= open_count <= 40, statuses
    assert statuses[DossierStatus.SUBMITTED] == _stories("submitted")
    assert statuses[DossierStatus.REFUSED_INTAKE] == _stories("refused_counter", "refused_online")
    assert statuses[DossierStatus.STOPPED] == _stories("withdrawn")
    assert statuses[DossierStatus.RETURNED] >= 90, statuses
    assert statuses[DossierStatus.RESULT_READY] >= _stories("result_waiting")
    assert statuses[DossierStatus.SUPPLEMENT_REQUESTED] >= 1
    assert statuses[DossierStatus.AWAITING_PAYMENT] >= 1
    assert {Channel(d.channel) for d in dossiers} == {
        Channel.COUNTER,
        Channel.ONLINE,
        Channel.POSTAL,
    }
    # Commune-level and department-level procedures, at the commune desk and the service centre.
    assert {d.agency.level for d in dossiers} >= {"commune", "department", "unit"}
    assert sum(d.supplement_count >= 1 for d in dossiers) >= 4
    assert sum(d.result_kind == ResultKind.REFUSED for d in dossiers) >= 1
    approved = Apology.objects.filter(status=ApologyStatus.APPROVED)
    assert approved.count() == _stories("apology", "open_apology")
    assert not any(apology.late for apology in approved)
    # Online dossiers belong to the demo citizens' accounts; the others to invented people.
    assert all(d.applicant_account_id is not None for d in dossiers if d.channel == Channel.ONLINE)
    assert all(d.applicant_account_id is None for d in dossiers if d.channel != Channel.ONLINE)


def _check_event_chains(dossiers: list[Dossier]) -> None:
    """Every dossier's history reads as one story: numbered events in time order, each starting
    from the status the previous one left, in office hours of working days, before the seed day;
    step visits one after another, the last open exactly while the dossier is at a step."""
    calendars: dict[int, WorkingCalendar] = {}
    for d in dossiers:
        calendar = calendars.setdefault(
            d.receiving_agency_id, calendar_for_agency(d.receiving_agency)
        )
        events = sorted(d.events.all(), key=lambda e: e.sequence)
        assert [e.sequence for e in events] == list(range(1, len(events) + 1)), d.pk
        assert events[0].action in FIRST_ACTIONS
        assert events[0].from_status == ""
        for before, after in itertools.pairwise(events):
            assert before.occurred_at <= after.occurred_at, (d.pk, after.action)
            assert after.from_status == before.to_status, (d.pk, after.action)
        assert events[-1].to_status == d.status
        for event in events:
            assert event.occurred_at < local_datetime(DEMO_TODAY, dt.time(0)), (d.pk, event)
            assert calendar.is_office_hours(event.occurred_at), (d.pk, to_local(event.occurred_at))
        visits = sorted(d.visits.all(), key=lambda v: (v.started_at, v.pk))
        open_visits = [v for v in visits if v.ended_at is None]
        for visit, following in itertools.pairwise(visits):
            assert visit.ended_at is not None
            assert visit.ended_at <= following.started_at
        if d.status in OPEN_STATUSES or d.status == DossierStatus.RESULT_READY:
            assert len(open_visits) == 1
            assert open_visits[0].step_id == d.current_step_id
        else:
            assert open_visits == []
        if d.code is None:
            assert d.status in (DossierStatus.SUBMITTED, DossierStatus.REFUSED_INTAKE)


def _check_deadlines(dossiers: list[Dossier]) -> None:
    """Most finish early or on time, about 8% late; open ones stand in time, due soon or overdue
    on the seed day, and a few wait at a partner agency."""
    timeliness: Counter[Timeliness] = Counter()
    standing: Counter[Standing] = Counter()
    for d in dossiers:
        if d.clock_started_at is None:
            continue
        clock = dossier_deadline(d, at=SEED_AT).legal
        if clock.timeliness is not None:
            timeliness[clock.timeliness] += 1
        if clock.standing is not None and d.status in OPEN_STATUSES:
            standing[clock.standing] += 1
    finished = sum(timeliness.values())
    late = timeliness[Timeliness.LATE]
    assert late >= 1
    assert 0.05 <= late / finished <= 0.12, timeliness
    assert timeliness[Timeliness.EARLY] > timeliness[Timeliness.ON_TIME] > 0
    assert standing[Standing.OVERDUE] >= 1, standing
    assert standing[Standing.DUE_SOON] >= 1, standing
    assert standing[Standing.IN_TIME] > standing[Standing.OVERDUE]
    at_partner = [
        d
        for d in dossiers
        if d.status in OPEN_STATUSES
        and d.current_step is not None
        and d.current_step.kind == StepKind.INTER_AGENCY
    ]
    assert at_partner
    assert all(d.current_agency_id != d.agency_id for d in at_partner)


def _check_files_and_components(dossiers: list[Dossier]) -> None:
    for d in dossiers:
        files = list(d.files.all())
        if d.result_kind == ResultKind.APPROVED:
            results = [f for f in files if f.kind == FileKind.RESULT]
            assert len(results) == 1
            assert results[0].content_type == "application/pdf"
            assert results[0].pages == 1
        if d.code is None or not Channel(d.channel).is_paper:
            continue
        for row in d.components.all():
            handed = row.originals or row.copies
            if handed:  # every paper handed in is scanned, or the reason it is not is written
                assert row.digitised or row.scan_exemption, (d.pk, row.component.code)


# --- Helpers, without the database ----------------------------------------------------------------


def test_invented_identifiers_pass_the_validators() -> None:
    rng = random.Random(7)
    for _ in range(200):
        person = content.person_make(rng, commune_unit="99001", on=DEMO_TODAY)
        parsed = parse_personal_id(person.personal_id, birth_date=person.birth_date)
        assert (parsed.sex.value == "male") == person.male
        assert parse_phone(person.phone).is_landline is False
        org = content.organisation_make(rng, commune_unit="99001", on=DEMO_TODAY)
        validate_tax_code(org.tax_code)
        validate_personal_id(org.representative.personal_id)


def test_tiny_pdf_is_a_one_page_pdf_with_the_text_folded_to_ascii() -> None:
    data = content.tiny_pdf("Kết quả giải quyết", "Hồ sơ 000.01.31.H99-261102-0001 (mẫu)")

    assert data.startswith(b"%PDF-1.4")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Ket qua giai quyet" in text
    assert "Ho so 000.01.31.H99-261102-0001 [mau]" in text


def test_answers_fill_the_applicant_and_the_chosen_delivery() -> None:
    schema = {
        "version": 1,
        "fields": [
            {"name": "applicant_name", "type": "text", "label": "Họ tên", "required": True},
            {"name": "applicant_id", "type": "personal_id", "label": "Số định danh"},
            {"name": "applicant_birth_date", "type": "date", "label": "Ngày sinh", "max": "today"},
            {"name": "mother_name", "type": "text", "label": "Họ tên mẹ"},
            {"name": "event_on", "type": "date", "label": "Ngày tổ chức", "min": "today"},
            {"name": "parcel_sheet", "type": "text", "label": "Tờ bản đồ", "pattern": r"\d{1,4}"},
            {"name": "area", "type": "number", "label": "Diện tích", "min": 0.1, "max": 500},
            {
                "name": "result_delivery",
                "type": "select",
                "label": "Nhận kết quả",
                "options": [
                    {"value": "tai_noi_nop", "label": "Tại nơi nộp"},
                    {"value": "dien_tu", "label": "Điện tử"},
                ],
            },
        ],
    }
    rng = random.Random(3)
    for _ in range(30):
        person = content.person_make(rng, commune_unit="99001", on=DEMO_TODAY)
        ctx = content.AnswerContext(person, None, "99", DEMO_TODAY, "dien_tu")

        answers = content.eform_answers(schema, ctx, rng)

        assert answers["applicant_name"] == person.full_name
        assert answers["applicant_id"] == person.personal_id
        assert answers["applicant_birth_date"] == person.birth_date.isoformat()
        assert str(answers["mother_name"]).split()[1] in content.MIDDLE_FEMALE
        assert dt.date.fromisoformat(str(answers["event_on"])) > DEMO_TODAY
        assert re.fullmatch(r"\d{1,4}", str(answers["parcel_sheet"]))
        assert Decimal("0.1") <= Decimal(str(answers["area"])) <= 500
        assert answers["result_delivery"] == "dien_tu"
