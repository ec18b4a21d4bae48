"""`python manage.py seed_demo`: load the demo province "Sơn Hà" (H99). Idempotent.

Steps, each in its own transaction: the agencies, desks and accounts; the calendar (office hours,
announced days); the demo procedure catalog when its module exists; about 150 dossiers over the
last three months, made through the workflow services (`motcua.demo.dossiers`). Prints one line
saying what was created. DEMO ONLY: every account shares a published password (`demo_accounts`
prints it).
"""

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from motcua.accounts.models import Agency
from motcua.core.timezone import local_today
from motcua.demo.calendar_content import demo_calendar_load
from motcua.demo.dossiers import seed_dossiers
from motcua.demo.province import demo_province_load
from motcua.demo.province_content import COMMUNES, PROVINCE_NAME, commune_code

CATALOG_MODULE = "motcua.demo.catalog"

# The commune whose office keeps summer hours (a mountain commune), to show per-agency calendars.
SUMMER_HOURS_COMMUNE = "Mường Lát"


def summer_hours_agency_code() -> str:
    n = next(i for i, c in enumerate(COMMUNES, start=1) if c[0] == SUMMER_HOURS_COMMUNE)
    return commune_code(n)


def catalog_loader() -> Callable[..., object] | None:
    """`demo_catalog_load(*, actor)` from motcua.demo.catalog, or None while that module is absent.

    The demo catalog content is written in parallel by another contributor: until the module
    lands this step is skipped silently. Only the module itself being missing is skipped; an
    import error inside it (a broken dependency) is raised as usual.
    """
    try:
        module: ModuleType = importlib.import_module(CATALOG_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name == CATALOG_MODULE:
            return None
        raise
    loader: object = getattr(module, "demo_catalog_load", None)
    return loader if callable(loader) else None


class Command(BaseCommand):
    help = (
        f"Nạp dữ liệu tỉnh mẫu {PROVINCE_NAME}: cơ quan, bộ phận một cửa, tài khoản mẫu, lịch "
        "làm việc, danh mục thủ tục mẫu và hồ sơ mẫu. Chạy lại nhiều lần không tạo trùng."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        verbose = options["verbosity"] > 1
        with transaction.atomic():
            summary = demo_province_load(stdout=self.stdout if verbose else None)
        created: list[str] = []
        if summary.agencies_created:
            created.append(f"{summary.agencies_created} cơ quan")
        if summary.desks_created:
            created.append(f"{summary.desks_created} bộ phận một cửa")
        if summary.accounts_created:
            created.append(f"{summary.accounts_created} tài khoản")
        if summary.memberships_created:
            created.append(f"{summary.memberships_created} phân công vai trò")

        with transaction.atomic():
            calendar_rows = demo_calendar_load(
                province=summary.province,
                summer_agency=Agency.objects.filter(code=summer_hours_agency_code()).first(),
                actor=summary.admin,
            )
        if calendar_rows:
            created.append(f"{calendar_rows} mục lịch làm việc")

        loader = catalog_loader()
        if loader is not None:
            with transaction.atomic():
                result = loader(actor=summary.admin)
            # The loader's contract is only `(*, actor)`; an int result is read as "created".
            if isinstance(result, int) and not isinstance(result, bool) and result:
                created.append(f"{result} thủ tục mẫu")
            if verbose:
                self.stdout.write("Danh mục thủ tục mẫu: đã nạp")

        # Dossiers need the people and the catalog; each story is its own savepoint inside.
        dossiers = seed_dossiers(today=local_today(), stdout=self.stdout if verbose else None)
        if dossiers:
            created.append(f"{dossiers} hồ sơ mẫu")

        if created:
            self.stdout.write(f"Tỉnh mẫu {PROVINCE_NAME}: tạo mới {', '.join(created)}.")
        else:
            self.stdout.write(f"Tỉnh mẫu {PROVINCE_NAME}: đã có sẵn, không tạo thêm.")
