"""The `deadline` command, as people and scripts call it."""

import io
import json

import pytest
from django.core.management import call_command

from motcua.accounts.models import AgencyLevel
from motcua.accounts.services import agency_create
from motcua.calendar.management.commands.deadline import Command

pytestmark = pytest.mark.django_db


def run_cli(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run as from the command line (manage.py deadline …): exit code, stdout, stderr."""
    code = 0
    try:
        Command().run_from_argv(["manage.py", "deadline", *argv])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_due_instant_then_explanation(capsys) -> None:
    code, out, _ = run_cli("--start", "2026-04-29T09:00", "--working-days", "3", capsys=capsys)
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "2026-05-06T09:00:00+07:00"
    assert any("30/04/2026" in line and "Ngày Chiến thắng" in line for line in lines[1:])
    assert any("01/05/2026" in line for line in lines[1:])


def test_json(capsys) -> None:
    code, out, _ = run_cli(
        "--start", "2026-04-29T09:00", "--working-days", "3", "--json", capsys=capsys
    )
    payload = json.loads(out)
    assert code == 0
    assert payload["due"] == "2026-05-06T09:00:00+07:00"
    assert [d["date"] for d in payload["skipped"]] == [
        "2026-04-30",
        "2026-05-01",
        "2026-05-02",
        "2026-05-03",
    ]
    assert payload["skipped"][0]["reason"] == "holiday"


def test_working_hours_and_agency(capsys) -> None:
    agency_create(
        code="000.00.15.H99", name="Sở Tư pháp", level=AgencyLevel.PROVINCE, parent=None, actor=None
    )
    code, out, _ = run_cli(
        "--start",
        "2026-11-23T16:00",
        "--working-hours",
        "2",
        "--agency",
        "000.00.15.H99",
        capsys=capsys,
    )
    assert code == 0
    assert out.splitlines()[0] == "2026-11-25T08:00:00+07:00"  # 24/11/2026 is a day off


def test_start_with_offset_is_respected(capsys) -> None:
    _, out, _ = run_cli(
        "--start", "2026-11-25T02:00:00+00:00", "--working-hours", "1", capsys=capsys
    )
    assert out.splitlines()[0] == "2026-11-25T10:00:00+07:00"


def test_english_explanation(capsys) -> None:
    _, out, _ = run_cli(
        "--start", "2026-04-29T09:00", "--working-days", "3", "--language", "en", capsys=capsys
    )
    assert "International Labor Day" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["--start", "2026-04-29T09:00", "--working-days", "-1"],
        ["--start", "2026-04-29T09:00", "--working-days", "ba"],
        ["--start", "2026-04-29T09:00", "--working-hours", "nan"],
        ["--start", "29/04/2026", "--working-days", "3"],
        ["--start", "2026-04-29T09:00", "--working-days", "3", "--agency", "000.00.99.H00"],
        ["--start", "2026-04-29T09:00"],
        ["--working-days", "3"],
        ["--start", "2026-04-29T09:00", "--working-days", "3", "--working-hours", "2"],
        ["--start", "2026-04-29T09:00", "--calendar-days", "1.5"],
    ],
)
def test_bad_input_exits_2_with_one_line(argv, capsys) -> None:
    code, out, err = run_cli(*argv, capsys=capsys)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1


def test_call_command_for_scripts() -> None:
    stdout = io.StringIO()
    call_command("deadline", "--start", "2025-04-28T09:00", "--working-days", "5", stdout=stdout)
    assert stdout.getvalue().splitlines()[0] == "2025-05-08T09:00:00+07:00"
