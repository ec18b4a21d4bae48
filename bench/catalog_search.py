"""Benchmark of the catalog search selector on 5,000 generated procedures, SQLite and PostgreSQL.

Run with `make bench` (or `.venv/bin/python bench/catalog_search.py`). For each database it
creates a throw-away database, migrates it, generates the procedures, then times what a search
page does (count the matches, fetch the first page of 20) for accented and unaccented queries and
prints p50/p95. Target: p95 < 20 ms on PostgreSQL on a 2-core machine.

PostgreSQL is `MOTCUA_BENCH_PG_URL` (default postgres://postgres@127.0.0.1:5432/motcua_bench; the
test database `test_motcua_bench` is created and dropped); skipped when the server is not there.
"""

import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._runner import main  # noqa: E402 — after the path is set

N_PROCEDURES = 5_000
REPEAT = 5
ON = dt.date(2026, 11, 24)

ACTIONS = [
    "Đăng ký",
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Điều chỉnh",
    "Gia hạn",
    "Thu hồi",
    "Xác nhận",
    "Chứng thực",
    "Thẩm định",
    "Phê duyệt",
    "Công nhận",
    "Hỗ trợ",
    "Giải quyết",
    "Thông báo",
]
OBJECTS = [
    "khai sinh",
    "kết hôn",
    "khai tử",
    "hộ kinh doanh",
    "giấy phép xây dựng",
    "giấy chứng nhận quyền sử dụng đất",
    "giấy phép lái xe",
    "trợ cấp xã hội hằng tháng",
    "chế độ người có công",
    "bản sao từ bản chính",
    "giấy phép kinh doanh vận tải",
    "chứng chỉ hành nghề",
    "giấy phép môi trường",
    "thường trú",
    "tạm trú",
    "giấy phép lao động",
    "học bổng chính sách",
    "giấy chứng nhận đủ điều kiện an toàn thực phẩm",
    "giấy phép hoạt động khám bệnh, chữa bệnh",
    "lễ hội truyền thống",
]
QUALIFIERS = [
    "",
    "có yếu tố nước ngoài",
    "cho tổ chức",
    "cho cá nhân",
    "do bị mất, hư hỏng",
    "lần đầu",
    "trong trường hợp thay đổi nội dung",
    "tại cấp xã",
    "tại cấp tỉnh",
    "đối với nhà ở riêng lẻ",
]
FIELDS = [
    ("HT", "Hộ tịch"),
    ("CT", "Chứng thực"),
    ("DD", "Đất đai"),
    ("XD", "Xây dựng"),
    ("HKD", "Thành lập và hoạt động của hộ kinh doanh"),
    ("BTXH", "Bảo trợ xã hội"),
    ("NCC", "Người có công"),
    ("DB", "Đường bộ"),
    ("GD", "Giáo dục và đào tạo"),
    ("YT", "Khám bệnh, chữa bệnh"),
    ("MT", "Môi trường"),
    ("CUTRU", "Cư trú"),
]
QUERIES = [
    "dang ky ho kinh doanh",
    "Đăng ký hộ kinh doanh",
    "cap giay phep xay dung",
    "Cấp giấy phép xây dựng",
    "khai sinh",
    "khai sinh co yeu to nuoc ngoai",
    "giấy chứng nhận quyền sử dụng đất",
    "giay chung nhan quyen su dung dat",
    "chung thuc ban sao",
    "trợ cấp xã hội",
    "nguoi co cong",
    "dang k",
    "giay",
    "Đổi giấy phép lái xe",
    "xac nhan tam tru",
    "thu hoi giay phep moi truong to chuc",
]


def generate() -> int:
    from motcua.catalog.models import (
        Field,
        OnlineLevel,
        Procedure,
        ProcedureVersion,
        VersionLevel,
        VersionStatus,
    )
    from motcua.catalog.search import search_index_rebuild
    from motcua.core.text import search_text

    rng = random.Random(20261124)
    fields = Field.objects.bulk_create(Field(code=c, name=n) for c, n in FIELDS)
    procedures = Procedure.objects.bulk_create(
        Procedure(code=f"{rng.choice('12')}.{n:06d}") for n in range(N_PROCEDURES)
    )
    versions = []
    for procedure in procedures:
        name = " ".join(
            part
            for part in (rng.choice(ACTIONS), rng.choice(OBJECTS), rng.choice(QUALIFIERS))
            if part
        )
        field = rng.choice(fields)
        ended = rng.random() < 0.05
        versions.append(
            ProcedureVersion(
                procedure=procedure,
                number=1,
                status=VersionStatus.PUBLISHED,
                name=name[:1].upper() + name[1:],
                search_name=search_text(name),
                field=field,
                online_level=rng.choice(OnlineLevel.values),
                postal_intake=rng.random() < 0.5,
                valid_from=dt.date(2025, 7, 1),
                valid_to=dt.date(2026, 1, 1) if ended else None,
                search_keywords=f"{procedure.code} {field.code} {field.name}",
            )
        )
    versions = ProcedureVersion.objects.bulk_create(versions, batch_size=1000)
    VersionLevel.objects.bulk_create(
        (
            VersionLevel(version=v, level=rng.choice(["province", "commune", "branch"]))
            for v in versions
        ),
        batch_size=1000,
    )
    search_index_rebuild()
    return len(versions)


def measure(label: str) -> None:
    from django.db import connection

    from motcua.catalog.selectors import CatalogQuery, procedure_search

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    samples: list[float] = []
    matches: dict[str, int] = {}
    for _ in range(REPEAT):
        for text in QUERIES:
            start = time.perf_counter()
            found = procedure_search(query=CatalogQuery(text=text), on=ON)
            total = found.count()
            page = list(found[:20])
            samples.append((time.perf_counter() - start) * 1000)
            matches[text] = total
            assert total == 0 or page
    samples.sort()
    p50 = statistics.median(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(
        f"{label:<11} {N_PROCEDURES} procedures, {len(samples)} searches "
        f"(count + first page of 20): p50 {p50:6.2f} ms  p95 {p95:6.2f} ms"
    )
    print("            matches: " + ", ".join(f"«{q}» {matches[q]}" for q in QUERIES[:4]) + ", …")


def run_one(label: str) -> None:
    """In a child process on a throw-away database: fill, then measure."""
    generate()
    measure(label)


if __name__ == "__main__":
    main(__file__, run_one)
