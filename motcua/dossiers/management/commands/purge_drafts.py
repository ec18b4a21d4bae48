"""`python manage.py purge_drafts [--days N]`

Deletes dossier drafts (hồ sơ đang lập) nobody touched for N days, with their files: counter
wizards left unfinished and online forms never submitted. N defaults to `MOTCUA_DRAFT_KEEP_DAYS`
(30). Run once a day (`run_schedule` does, MOTCUA_SCHEDULE); safe to run repeatedly.
"""

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.dossiers.drafts import drafts_purge


class Command(BaseCommand):
    help = (
        "Xoá các hồ sơ đang lập không được cập nhật trong N ngày (mặc định MOTCUA_DRAFT_KEEP_DAYS). "
        "Delete dossier drafts untouched for N days."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Số ngày không cập nhật (mặc định MOTCUA_DRAFT_KEEP_DAYS).",
        )

    def handle(self, *args: Any, days: int | None, **options: Any) -> None:
        keep = int(settings.MOTCUA_DRAFT_KEEP_DAYS) if days is None else days
        if keep < 1:
            raise CommandError("--days phải là số nguyên dương.")
        count = drafts_purge(older_than=dt.timedelta(days=keep))
        self.stdout.write(f"Đã xoá {count} hồ sơ đang lập không được cập nhật trong {keep} ngày.")
