"""Queue again the catalog import jobs whose worker died while running them."""

from typing import Any

from django.core.management.base import BaseCommand

from motcua.catalog.importing import STALLED_AFTER, catalog_import_requeue_stalled


class Command(BaseCommand):
    help = "Đưa lại vào hàng đợi các lần nhập Excel bị dừng giữa chừng (tiến trình nền ngừng)."

    def handle(self, *args: Any, **options: Any) -> None:
        ids = catalog_import_requeue_stalled()
        minutes = int(STALLED_AFTER.total_seconds() // 60)
        if ids:
            listed = ", ".join(f"#{pk}" for pk in ids)
            self.stdout.write(f"Đã đưa lại vào hàng đợi {len(ids)} lần nhập: {listed}.")
        else:
            self.stdout.write(f"Không có lần nhập nào đang xử lý quá {minutes} phút.")
