"""`python manage.py generate_dossiers --count N --seed S [--years Y] [--end YYYY-MM-DD]`: a
synthetic history of N dossiers on the agencies, procedures and staff in the database (the demo
province of `seed_demo` is the usual base), for benchmarks (`motcua.reports.synthetic`).

Never on a production database: the dossiers look real.
"""

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.core.timezone import local_today
from motcua.reports.synthetic import (
    DEFAULT_BATCH,
    SyntheticWorldMissing,
    bulk_allowed,
    dossiers_generate,
)


class Command(BaseCommand):
    help = (
        "Tạo lịch sử hồ sơ giả lập (nhiều năm) để đo hiệu năng. "
        "Generate a synthetic multi-year dossier history for benchmarks."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--count", type=int, required=True, help="Số hồ sơ cần tạo.")
        parser.add_argument("--seed", type=int, required=True, help="Hạt giống ngẫu nhiên.")
        parser.add_argument("--years", type=int, default=3, help="Số năm của lịch sử (mặc định 3).")
        parser.add_argument(
            "--end",
            type=dt.date.fromisoformat,
            default=None,
            help="Ngày cuối của lịch sử, YYYY-MM-DD (mặc định: hôm qua).",
        )
        parser.add_argument(
            "--batch",
            type=int,
            default=DEFAULT_BATCH,
            help="Số hồ sơ mỗi lần ghi (mặc định 10000).",
        )
        parser.add_argument(
            "--bulk",
            action="store_true",
            help="PostgreSQL, tài khoản superuser, không ai khác ghi: tạm bỏ các chỉ mục phụ và "
            "kiểm tra khóa ngoại khi nạp, dựng lại chỉ mục ở cuối (nhanh hơn nhiều với hàng triệu "
            "hồ sơ).",
        )

    def handle(
        self, *args: Any, count: int, seed: int, years: int, end: dt.date | None, batch: int,
        bulk: bool, **options: Any,
    ) -> None:  # fmt: skip
        if count < 1:
            raise CommandError("Số hồ sơ (--count) phải từ 1.")
        if years < 1:
            raise CommandError("Số năm (--years) phải từ 1.")
        if batch < 1:
            raise CommandError("Số hồ sơ mỗi lần ghi (--batch) phải từ 1.")
        if end is not None and end >= local_today():
            raise CommandError("Ngày cuối (--end) phải trước hôm nay: lịch sử không có tương lai.")
        if bulk and not bulk_allowed():
            raise CommandError(
                "--bulk chỉ dùng với PostgreSQL và tài khoản superuser (để tạm bỏ kiểm tra khóa "
                "ngoại khi nạp)."
            )
        try:
            report = dossiers_generate(
                count=count,
                seed=seed,
                years=years,
                end=end,
                batch_size=batch,
                bulk=bulk,
                progress=lambda line: self.stdout.write(f"  {line}"),
            )
        except SyntheticWorldMissing as exc:
            raise CommandError(exc.message) from exc
        statuses = ", ".join(f"{name}: {n}" for name, n in sorted(report.by_status.items()))
        self.stdout.write(
            f"Đã tạo {report.count} hồ sơ giả lập từ {report.first_day:%d/%m/%Y} đến "
            f"{report.last_day:%d/%m/%Y} trong {report.seconds:.1f} s "
            f"({report.rate:.0f} hồ sơ/s, {report.batches} lần ghi). Trạng thái: {statuses}."
        )
