"""`python manage.py import_catalog catalog.xlsx [--dry-run] [--valid-from 2026-01-01]`

Checks the whole workbook first and prints every problem as «Sheet «…», dòng N, cột «…»: …»;
with problems it writes nothing and exits 2. Otherwise it publishes a new version of each new or
changed procedure from `--valid-from` (default today) and prints what it did; `--dry-run` only
says what it would do. Progress goes to stderr. The format: docs/catalog-workbook.md.
"""

import datetime as dt
import sys
from argparse import ArgumentParser
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.catalog.importing import ImportReport, WorkbookInvalid, catalog_import
from motcua.catalog.workbook import WorkbookProblem
from motcua.core.errors import ValidationFailed
from motcua.core.timezone import VN_TZ

EXIT_PROBLEMS = 2


class Command(BaseCommand):
    help = (
        "Nhập danh mục thủ tục hành chính từ tệp Excel (.xlsx) theo mẫu (docs/catalog-workbook.md). "
        "Import the procedure catalog from an Excel workbook."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def one_line_error(message: str) -> NoReturn:
            if parser.called_from_command_line:
                sys.stderr.write(f"import_catalog: {message}\n")
                sys.exit(EXIT_PROBLEMS)
            raise CommandError(message, returncode=EXIT_PROBLEMS)

        parser.error = one_line_error  # type: ignore[method-assign]  # one line, exit 2
        return parser

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="Tệp Excel (.xlsx) theo mẫu nhập danh mục.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ kiểm tra và báo lỗi, không ghi gì vào cơ sở dữ liệu.",
        )
        parser.add_argument(
            "--valid-from",
            help="Ngày hiệu lực của các phiên bản mới, YYYY-MM-DD (mặc định: hôm nay).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._fail(f"không đọc được tệp «{path}» ({exc.strerror or exc}).")
        valid_from = self._valid_from(options["valid_from"])
        try:
            report = catalog_import(
                data=data,
                dry_run=options["dry_run"],
                actor=None,
                valid_from=valid_from,
                progress=self._progress,
            )
        except WorkbookInvalid as exc:
            self._problems(exc.problems)
        except ValidationFailed as exc:  # not a workbook at all
            self._fail(exc.message)
        if report.problems:
            self._problems(report.problems)
        self._summary(report)

    def _valid_from(self, raw: str | None) -> dt.date:
        if raw is None:
            return dt.datetime.now(tz=VN_TZ).date()
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            self._fail(f"ngày hiệu lực «{raw}» không đúng dạng YYYY-MM-DD.")

    def _progress(self, done: int, total: int) -> None:
        step = max(1, total // 20)  # about every 5%
        if done and (done == total or done % step == 0):
            self.stderr.write(f"Đã xử lý {done}/{total} thủ tục.", style_func=lambda text: text)

    def _problems(self, problems: Sequence[WorkbookProblem]) -> NoReturn:
        for problem in problems:
            self.stdout.write(problem.describe())
        raise CommandError(
            f"Tệp có {len(problems)} lỗi; chưa ghi gì vào cơ sở dữ liệu.",
            returncode=EXIT_PROBLEMS,
        )

    def _summary(self, report: ImportReport) -> None:
        for label, codes in (
            ("thêm mới", report.created),
            ("sửa đổi", report.amended),
            ("không thay đổi", report.unchanged),
        ):
            for code in codes:
                self.stdout.write(f"  {code}: {label}")
        counts = (
            f"thêm mới {len(report.created)}, sửa đổi {len(report.amended)}, "
            f"không thay đổi {len(report.unchanged)}"
        )
        if report.dry_run:
            self.stdout.write(
                f"Chạy thử: tệp hợp lệ, {report.total} thủ tục ({counts}). "
                "Chưa ghi gì vào cơ sở dữ liệu."
            )
        else:
            self.stdout.write(
                f"Đã nhập {report.total} thủ tục ({counts}); phiên bản mới có hiệu lực từ "
                f"ngày {report.valid_from:%d/%m/%Y}."
            )

    def _fail(self, message: str) -> NoReturn:
        raise CommandError(message, returncode=EXIT_PROBLEMS)
