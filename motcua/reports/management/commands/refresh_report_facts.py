"""Scheduled (run_schedule): after a calendar change, refresh the stored dues of open dossiers."""

from typing import Any

from django.core.management.base import BaseCommand

from motcua.reports.facts import facts_refresh_after_calendar_change


class Command(BaseCommand):
    help = "Tính lại hạn của hồ sơ đang xử lý sau khi lịch làm việc thay đổi."

    def handle(self, *args: Any, **options: Any) -> None:
        refreshed = facts_refresh_after_calendar_change()
        if refreshed:
            self.stdout.write(f"Đã tính lại {refreshed} hồ sơ đang xử lý theo lịch mới.")
