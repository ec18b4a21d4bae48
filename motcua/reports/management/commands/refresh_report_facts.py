"""Scheduled (run_schedule): after a calendar change, refresh the stored dues it moved (dossiers
open, or finished or due on or after the first changed date)."""

from typing import Any

from django.core.management.base import BaseCommand

from motcua.reports.facts import facts_refresh_after_calendar_change


class Command(BaseCommand):
    help = "Tính lại hạn giải quyết của hồ sơ sau khi lịch làm việc thay đổi."

    def handle(self, *args: Any, **options: Any) -> None:
        refreshed = facts_refresh_after_calendar_change()
        if refreshed:
            self.stdout.write(f"Đã tính lại {refreshed} hồ sơ theo lịch làm việc mới.")
