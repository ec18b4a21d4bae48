"""`python manage.py deadline --start 2026-04-29T09:00 --working-days 3`

Prints the due instant (ISO 8601, +07:00) on the first line, then why it falls there. `--json`
prints {"due": ..., "skipped": [...], ...}. Bad input exits 2 with a one-line error.
"""

import json
import sys
from argparse import ArgumentParser
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.accounts.models import Agency
from motcua.calendar.engine import CalendarError, TimeUnit
from motcua.calendar.selectors import deadline_compute
from motcua.core.timezone import parse_local, to_local

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Tính hạn xử lý theo thời gian làm việc (ngày nghỉ, ngày lễ, giờ hành chính). "
        "Compute a due instant in working time."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def one_line_error(message: str) -> NoReturn:
            if parser.called_from_command_line:
                sys.stderr.write(f"deadline: {message}\n")
                sys.exit(EXIT_BAD_INPUT)
            raise CommandError(message, returncode=EXIT_BAD_INPUT)

        parser.error = one_line_error  # type: ignore[method-assign]  # one line, exit 2
        return parser

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--start",
            required=True,
            help="Thời điểm tiếp nhận, ISO 8601 (không có múi giờ = giờ Việt Nam), ví dụ 2026-04-29T09:00.",
        )
        amount = parser.add_mutually_exclusive_group(required=True)
        amount.add_argument(
            "--working-days", help="Thời hạn theo ngày làm việc (có thể lẻ, ví dụ 0.5)."
        )
        amount.add_argument("--working-hours", help="Thời hạn theo giờ làm việc.")
        amount.add_argument("--calendar-days", help="Thời hạn theo ngày (kể cả ngày nghỉ).")
        amount.add_argument("--months", help="Thời hạn theo tháng.")
        parser.add_argument(
            "--agency", help="Mã định danh cơ quan (lịch và giờ làm việc của cơ quan)."
        )
        parser.add_argument(
            "--paper",
            action="store_true",
            help="Hồ sơ giấy: nhận sau giờ chốt (MOTCUA_PAPER_CUTOFF) thì tính từ ngày làm việc kế tiếp.",
        )
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON.")
        parser.add_argument(
            "--language", choices=["vi", "en"], default="vi", help="Ngôn ngữ giải thích."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            received = parse_local(options["start"])
        except ValueError:
            self._fail(
                f"không đọc được thời điểm --start «{options['start']}» (ví dụ 2026-04-29T09:00)"
            )
        unit, raw = self._time_limit(options)
        try:
            value = Decimal(raw)
        except InvalidOperation:
            self._fail(f"thời hạn «{raw}» không phải là số")
        if not value.is_finite() or value < 0:
            self._fail(f"thời hạn «{raw}» phải là số không âm")

        agency = None
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                self._fail(f"không có cơ quan mã «{options['agency']}»")

        try:
            answer = deadline_compute(
                received=received, value=value, unit=unit, agency=agency, paper=options["paper"]
            )
        except CalendarError as exc:
            self._fail(str(exc))

        if options["json"]:
            self.stdout.write(json.dumps(answer.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(to_local(answer.due).isoformat())
        for line in answer.explanation.lines(options["language"]):
            self.stdout.write(line)

    def _time_limit(self, options: dict[str, Any]) -> tuple[TimeUnit, str]:
        for option, unit in (
            ("working_days", TimeUnit.WORKING_DAYS),
            ("working_hours", TimeUnit.WORKING_HOURS),
            ("calendar_days", TimeUnit.CALENDAR_DAYS),
            ("months", TimeUnit.MONTHS),
        ):
            if options.get(option) is not None:
                return unit, str(options[option])
        self._fail("cần một trong --working-days, --working-hours, --calendar-days, --months")

    def _fail(self, message: str) -> NoReturn:
        raise CommandError(message, returncode=EXIT_BAD_INPUT)
