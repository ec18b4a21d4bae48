"""`python manage.py process_deadlines [--batch-size 200] [--max-batches 50] [--at ISO]`

Finds dossiers that became due soon or overdue (overall or at their step), notifies the handler,
the leaders and the desk once per threshold, and opens apology drafts. Safe to run repeatedly and
concurrently; `make worker` runs it every few minutes.
"""

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.workflow.sweep import deadlines_process

_SCOPES = {"dossier": "toàn hồ sơ"}


class Command(BaseCommand):
    help = (
        "Quét hồ sơ sắp đến hạn, quá hạn: gửi cảnh báo (mỗi ngưỡng một lần), mở dự thảo xin lỗi. "
        "Sweep due-soon and overdue dossiers."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--batch-size", type=int, default=None, help="Số hồ sơ mỗi lô.")
        parser.add_argument(
            "--max-batches", type=int, default=50, help="Số lô tối đa mỗi lần chạy."
        )
        parser.add_argument(
            "--at",
            default=None,
            help="Thời điểm coi là hiện tại (ISO 8601 có múi giờ), để kiểm tra lại; mặc định: bây giờ.",
        )

    def handle(self, *args: Any, batch_size: int | None, max_batches: int, at: str | None,
               **options: Any) -> None:  # fmt: skip
        if (batch_size is not None and batch_size < 1) or max_batches < 1:
            raise CommandError("--batch-size và --max-batches phải là số nguyên dương.")
        instant = None
        if at is not None:
            try:
                instant = dt.datetime.fromisoformat(at)
            except ValueError as exc:
                raise CommandError(f"--at không đúng dạng ISO 8601: {at}") from exc
            if instant.tzinfo is None:
                raise CommandError("--at phải có múi giờ, ví dụ 2026-03-09T15:00+07:00.")
        report = deadlines_process(at=instant, batch_size=batch_size, max_batches=max_batches)
        for alert in report.alerts:
            scope = _SCOPES.get(alert.scope, "bước đang xử lý")
            label = "quá hạn" if alert.kind == "overdue" else "sắp đến hạn"
            self.stdout.write(
                f"{alert.dossier_code}: {label} ({scope}) → {alert.recipients} người nhận"
            )
        for code in report.apologies_opened:
            self.stdout.write(f"{code}: đã mở dự thảo xin lỗi, hẹn lại cho người xử lý")
        self.stdout.write(
            f"Đã xem {report.examined} hồ sơ trong {report.batches} lô: "
            f"{len(report.alerts)} cảnh báo mới, {len(report.apologies_opened)} dự thảo xin lỗi."
        )
