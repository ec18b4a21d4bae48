"""`python manage.py run_schedule [--once]`

The periodic jobs, run beside `db_worker` by `make worker` (and `make run`): each job is a
management command run every so many seconds (MOTCUA_SCHEDULE). All of them are safe to run
concurrently and repeatedly, so two schedulers, a cron entry or a missed tick do no harm. A job
that fails is logged and retried at its next tick; the loop goes on.
"""

import logging
import time
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Chạy các tác vụ định kỳ (quét hạn xử lý, gửi lại thông báo…). Run periodic jobs."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--once", action="store_true", help="Chạy mỗi tác vụ một lần rồi dừng.")

    def handle(self, *args: Any, once: bool, **options: Any) -> None:
        schedule: dict[str, int] = dict(settings.MOTCUA_SCHEDULE)
        next_run = dict.fromkeys(schedule, 0.0)
        while True:
            now = time.monotonic()
            for command, every in schedule.items():
                if now < next_run[command]:
                    continue
                next_run[command] = now + every
                try:
                    call_command(command, stdout=self.stdout, stderr=self.stderr)
                except Exception:
                    logger.exception("Scheduled job %s failed", command)
            if once:
                return
            close_old_connections()  # a long-lived loop: drop connections the server closed
            time.sleep(max(1.0, min(next_run.values()) - time.monotonic()))
