"""`python manage.py import_dossiers FILE.jsonl [--source NAME] [--dry-run]`

Imports dossiers with their whole history from a previous system (one JSON object per line; the
format: docs/dossier-import.md). Every line is checked first; each problem is printed as
"dòng N: field: message" and, with any problem, nothing is written and the command exits 1.
A line whose code was already imported from the same source is skipped ("đã có"), so a file can
be imported again after a fix. `--dry-run` only checks and says what it would import.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import ValidationFailed
from motcua.workflow.importing import DossierImportInvalid, ImportReport, dossier_import

EXIT_REFUSED = 1


class Command(BaseCommand):
    help = (
        "Nhập hồ sơ cùng toàn bộ lịch sử xử lý từ hệ thống cũ (tệp JSON Lines, xem "
        "docs/dossier-import.md). Import dossiers with their history from a previous system."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp JSON Lines: mỗi dòng một hồ sơ.")
        parser.add_argument(
            "--source",
            default="legacy",
            help="Tên hệ thống nguồn, ghi vào từng hồ sơ (mặc định: legacy).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ kiểm tra và báo lỗi, không ghi gì vào cơ sở dữ liệu.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            self._fail(f"không đọc được tệp «{path}».")
        try:
            report = dossier_import(
                lines=self._lines(path),
                source_system=options["source"],
                actor=None,
                dry_run=options["dry_run"],
            )
        except DossierImportInvalid as exc:
            self._refuse(exc.report)
        except ValidationFailed as exc:
            self._fail(exc.message)
        if report.problems:
            self._refuse(report)
        self._summary(report)

    def _lines(self, path: Path) -> Iterator[str]:
        try:
            with path.open(encoding="utf-8-sig") as handle:
                yield from handle
        except UnicodeDecodeError:
            self._fail(f"tệp «{path}» không phải văn bản UTF-8.")
        except OSError as exc:
            self._fail(f"không đọc được tệp «{path}» ({exc.strerror or exc}).")

    def _refuse(self, report: ImportReport) -> NoReturn:
        for problem in report.problems:
            self.stdout.write(problem.describe())
        raise CommandError(
            f"Tệp có {len(report.problems)} lỗi ở {report.bad_lines} dòng "
            f"(trong {report.lines} dòng); chưa ghi gì vào cơ sở dữ liệu.",
            returncode=EXIT_REFUSED,
        )

    def _summary(self, report: ImportReport) -> None:
        created, skipped = len(report.created), len(report.skipped)
        if report.dry_run:
            self.stdout.write(
                f"Chạy thử: tệp hợp lệ ({report.lines} dòng). Sẽ nhập {created} hồ sơ từ hệ "
                f"thống «{report.source_system}»; {skipped} hồ sơ đã có. "
                "Chưa ghi gì vào cơ sở dữ liệu."
            )
        else:
            self.stdout.write(
                f"Đã nhập {created} hồ sơ từ hệ thống «{report.source_system}»; "
                f"{skipped} hồ sơ đã có (bỏ qua)."
            )

    def _fail(self, message: str) -> NoReturn:
        raise CommandError(message, returncode=EXIT_REFUSED)
