"""Rebuild the catalog's full-text index (SQLite; PostgreSQL indexes by itself)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.search import search_index_rebuild
from motcua.core.text import search_text


class Command(BaseCommand):
    help = "Tính lại tên không dấu và chỉ mục tìm kiếm của mọi phiên bản thủ tục."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            versions = list(ProcedureVersion.objects.only("pk", "name", "search_name"))
            for version in versions:
                version.search_name = search_text(version.name)
            ProcedureVersion.objects.bulk_update(versions, ["search_name"], batch_size=500)
            indexed = search_index_rebuild()
        self.stdout.write(
            f"Đã cập nhật {len(versions)} phiên bản thủ tục"
            + (f", lập chỉ mục {indexed} phiên bản." if indexed else ".")
        )
