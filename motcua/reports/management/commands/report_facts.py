"""`python manage.py report_facts --check | --rebuild`: the reports' per-dossier
projection (`DossierFact`) against the dossiers it is derived from."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.reports.facts import facts_differing, facts_rebuild


class Command(BaseCommand):
    help = (
        "Kiểm tra, tính lại số liệu báo cáo của từng hồ sơ. "
        "Check or rebuild the reports' per-dossier figures."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument(
            "--check", action="store_true", help="So sánh với số liệu tính lại, không ghi."
        )
        action.add_argument("--rebuild", action="store_true", help="Tính lại toàn bộ.")

    def handle(self, *args: Any, check: bool, **options: Any) -> None:
        if check:
            differing = facts_differing()
            if differing:
                shown = ", ".join(str(pk) for pk in differing[:20])
                raise CommandError(
                    f"{len(differing)} hồ sơ có số liệu báo cáo khác với số liệu tính lại "
                    f"(mã nội bộ: {shown}). Chạy report_facts --rebuild."
                )
            self.stdout.write("Số liệu báo cáo khớp với số liệu tính lại từ hồ sơ.")
        else:

            def progress(done: int, total: int) -> None:
                self.stdout.write(f"  {done}/{total}")

            stored = facts_rebuild(progress=progress)
            self.stdout.write(f"Đã tính lại số liệu của {stored} hồ sơ.")
