"""`python manage.py send_notifications [--batch-size 50] [--max-batches 20]`

Sends what is due: failed notifications whose retry time has come, queued ones whose task never
ran, and ones stuck "sending" past their lease. Run it every minute (cron, systemd timer); several
copies may run at once. Prints a summary; `-v 2` also prints one line per notification.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.notifications.services import notification_send_due

_OUTCOME_LABELS = {"sent": "đã gửi", "failed": "lỗi, sẽ gửi lại", "gave_up": "ngừng gửi"}


class Command(BaseCommand):
    help = (
        "Gửi các thông báo đến hạn (gửi lại thông báo lỗi, gửi thông báo còn chờ). "
        "Send due notifications and retry failed ones, in bounded batches."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--batch-size", type=int, default=50, help="Số thông báo mỗi lô (mặc định 50)."
        )
        parser.add_argument(
            "--max-batches",
            type=int,
            default=20,
            help="Số lô tối đa trong một lần chạy (mặc định 20).",
        )

    def handle(self, *args: Any, batch_size: int, max_batches: int, **options: Any) -> None:
        if batch_size < 1 or max_batches < 1:
            raise CommandError("--batch-size và --max-batches phải là số nguyên dương.")
        report = notification_send_due(batch_size=batch_size, max_batches=max_batches)
        if not report.results:
            self.stdout.write("Không có thông báo nào đến hạn gửi.")
            return
        if options["verbosity"] >= 2:
            for result in report.results:
                label = _OUTCOME_LABELS[result.outcome]
                self.stdout.write(f"#{result.notification_id} {result.key}: {label}")
        self.stdout.write(
            f"Đã xử lý {len(report.results)} thông báo trong {report.batches} lô: "
            f"{report.count('sent')} đã gửi, {report.count('failed')} lỗi (sẽ gửi lại), "
            f"{report.count('gave_up')} ngừng gửi."
        )
