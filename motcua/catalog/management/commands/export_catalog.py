"""`python manage.py export_catalog catalog.xlsx [--on 2026-01-01]`

Writes the procedures in force on a day (default today) to a catalog workbook in the format
`import_catalog` reads (docs/catalog-workbook.md): exporting then importing changes nothing.
"""

import datetime as dt
from argparse import ArgumentParser
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError

from motcua.catalog.importing import catalog_export
from motcua.catalog.selectors import version_list_public
from motcua.core.timezone import VN_TZ

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Xuất danh mục thủ tục đang có hiệu lực ra tệp Excel (.xlsx) theo mẫu nhập danh mục. "
        "Export the procedure catalog to an Excel workbook."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("out", help="Tệp Excel sẽ ghi (.xlsx).")
        parser.add_argument(
            "--on",
            help="Xuất các thủ tục có hiệu lực vào ngày này, YYYY-MM-DD (mặc định: hôm nay).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on = dt.datetime.now(tz=VN_TZ).date()
        if options["on"]:
            try:
                on = dt.date.fromisoformat(options["on"])
            except ValueError:
                self._fail(f"ngày «{options['on']}» không đúng dạng YYYY-MM-DD.")
        out = Path(options["out"])
        if out.suffix.lower() != ".xlsx":
            self._fail(f"tệp «{out}» phải có đuôi .xlsx.")
        data = catalog_export(on=on)
        try:
            out.write_bytes(data)
        except OSError as exc:
            self._fail(f"không ghi được tệp «{out}» ({exc.strerror or exc}).")
        count = version_list_public(on=on).count()
        self.stdout.write(f"Đã xuất {count} thủ tục có hiệu lực ngày {on:%d/%m/%Y} vào «{out}».")

    def _fail(self, message: str) -> NoReturn:
        raise CommandError(message, returncode=EXIT_BAD_INPUT)
