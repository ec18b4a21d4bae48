"""GET /api/v1/calendar/deadline and /days: the same answers as the `deadline` command."""

import io
import json

import pytest
from django.core.management import call_command

from motcua.accounts.models import AgencyLevel
from motcua.accounts.services import agency_create

pytestmark = pytest.mark.django_db


def test_deadline_matches_the_command(client) -> None:
    response = client.get(
        "/api/v1/calendar/deadline", {"start": "2026-04-29T09:00", "working_days": "3"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["due"] == "2026-05-06T09:00:00+07:00"
    assert [d["date"] for d in body["skipped"]] == [
        "2026-04-30",
        "2026-05-01",
        "2026-05-02",
        "2026-05-03",
    ]
    stdout = io.StringIO()
    call_command(
        "deadline", "--start", "2026-04-29T09:00", "--working-days", "3", "--json", stdout=stdout
    )
    assert json.loads(stdout.getvalue()) == body


def test_paper_cutoff(client) -> None:
    params = {"start": "2026-11-25T15:30", "working_hours": "1"}
    assert client.get("/api/v1/calendar/deadline", params).json()["due"] == (
        "2026-11-25T16:30:00+07:00"
    )
    body = client.get("/api/v1/calendar/deadline", {**params, "paper": "true"}).json()
    assert body["clock_start"] == "2026-11-26T07:00:00+07:00"
    assert body["due"] == "2026-11-26T08:00:00+07:00"


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"start": "hôm nay", "working_days": "3"}, 400, "bad_datetime"),
        ({"start": "2026-04-29T09:00"}, 422, "invalid_input"),
        ({"start": "2026-04-29T09:00", "working_days": "1", "months": "1"}, 422, "invalid_input"),
        ({"start": "2026-04-29T09:00", "working_days": "-1"}, 422, "invalid_input"),
        ({"start": "2026-04-29T09:00", "working_days": "x"}, 422, "invalid_input"),
        (
            {"start": "2026-04-29T09:00", "working_days": "1", "agency": "000.00.99.H00"},
            404,
            "agency_not_found",
        ),
    ],
)
def test_bad_input_gets_a_stable_code(client, params, status, code) -> None:
    response = client.get("/api/v1/calendar/deadline", params)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    assert body["message"]


def test_days_lists_each_day_with_its_reason(client) -> None:
    response = client.get("/api/v1/calendar/days", {"start": "2026-08-29", "end": "2026-09-02"})
    assert response.status_code == 200
    assert [(d["date"], d["reason"]) for d in response.json()] == [
        ("2026-08-29", "weekend"),
        ("2026-08-30", "weekend"),
        ("2026-08-31", "holiday"),
        ("2026-09-01", "holiday"),
        ("2026-09-02", "holiday"),
    ]


def test_days_use_the_agency_calendar(client) -> None:
    agency_create(
        code="000.00.00.H99", name="UBND tỉnh", level=AgencyLevel.PROVINCE, parent=None, actor=None
    )
    response = client.get(
        "/api/v1/calendar/days",
        {"start": "2026-08-22", "end": "2026-08-22", "agency": "000.00.00.H99"},
    )
    assert response.json()[0]["reason"] == "make_up_working_day"


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"start": "2026-09-02", "end": "2026-09-01"}, "bad_range"),
        ({"start": "2026-01-01", "end": "2027-12-31"}, "range_too_long"),
    ],
)
def test_days_bad_ranges(client, params, code) -> None:
    response = client.get("/api/v1/calendar/days", params)
    assert response.status_code == 400
    assert response.json()["code"] == code
