"""`seed_demo` and `demo_accounts`, run as `make run` runs them."""

import importlib
import sys
import types
from io import StringIO

import pytest
from django.core.management import call_command

from motcua.accounts.models import Agency, Role, User
from motcua.calendar.models import CalendarOverride, OfficeHours
from motcua.demo.management.commands.seed_demo import CATALOG_MODULE, summer_hours_agency_code
from motcua.demo.people_content import ADMIN_USERNAME, CITIZENS, DEMO_PASSWORD
from motcua.demo.province_content import PROVINCE

pytestmark = pytest.mark.django_db


def _run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def no_catalog(monkeypatch):
    """As if motcua.demo.catalog did not exist (None in sys.modules makes the import fail)."""
    monkeypatch.setitem(sys.modules, CATALOG_MODULE, None)


@pytest.mark.usefixtures("no_catalog")
def test_seed_demo_says_what_it_created_then_that_nothing_was_needed():
    first = _run("seed_demo")

    assert first.strip().splitlines() == [
        "Tỉnh mẫu Sơn Hà: tạo mới 57 cơ quan, 31 bộ phận một cửa, 35 tài khoản, "
        "27 phân công vai trò, 4 mục lịch làm việc."
    ]
    second = _run("seed_demo")
    assert second.strip() == "Tỉnh mẫu Sơn Hà: đã có sẵn, không tạo thêm."


@pytest.mark.usefixtures("no_catalog")
def test_seed_demo_loads_the_calendar():
    _run("seed_demo")

    province = Agency.objects.get(code=PROVINCE)
    summer = Agency.objects.get(code=summer_hours_agency_code())
    assert summer.name == "UBND xã Mường Lát"
    assert OfficeHours.objects.filter(agency=province).count() == 1
    assert OfficeHours.objects.get(agency=summer).blocks != (
        OfficeHours.objects.get(agency=province).blocks
    )
    assert CalendarOverride.objects.filter(agency=province).count() == 2


@pytest.mark.usefixtures("no_catalog")
def test_seed_demo_verbose_reports_each_part():
    out = _run("seed_demo", "--verbosity", "2")

    assert "Cơ quan, đơn vị: 57 mới / 57" in out
    assert "Bộ phận một cửa: 31 mới / 31" in out


def test_seed_demo_calls_the_catalog_loader_when_it_exists(monkeypatch):
    calls = []

    def demo_catalog_load(*, actor):
        calls.append(actor)
        return 3

    fake = types.ModuleType(CATALOG_MODULE)
    fake.demo_catalog_load = demo_catalog_load  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, CATALOG_MODULE, fake)

    out = _run("seed_demo")

    assert [user.username for user in calls] == [ADMIN_USERNAME]
    assert "4 mục lịch làm việc, 3 thủ tục mẫu." in out


def test_seed_demo_raises_a_broken_catalog_module(monkeypatch):
    """Only a missing catalog module is skipped; a missing dependency inside it is an error."""

    real_import = importlib.import_module

    def broken_import(name, *args, **kwargs):
        if name == CATALOG_MODULE:
            raise ModuleNotFoundError("No module named 'motcua.missing'", name="motcua.missing")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(importlib, "import_module", broken_import)

    with pytest.raises(ModuleNotFoundError, match=r"motcua\.missing"):
        _run("seed_demo")


def test_demo_accounts_before_the_seed_says_so():
    out = _run("demo_accounts")

    assert "Chưa có tài khoản mẫu" in out
    assert DEMO_PASSWORD not in out


@pytest.mark.usefixtures("no_catalog")
def test_demo_accounts_lists_one_account_per_role_the_admin_and_a_citizen():
    _run("seed_demo")

    out = _run("demo_accounts")

    for header in ("Tài khoản", "Mật khẩu", "Vai trò", "Cơ quan / bộ phận một cửa", "Dùng thử"):
        assert header in out
    lines = out.splitlines()
    for role in Role:
        assert sum(f"  {role.label}  " in line for line in lines) == 1, role
    for username in (
        ADMIN_USERNAME,
        "tiepnhan.ttpvhcc1",
        "chuyenvien.stp1",
        "lanhdao.stp1",
        "quantri.stp",
        "quantri.tinh1",
        "thanhtra1",
        CITIZENS[0].username,
    ):
        [line] = [line for line in lines if line.startswith(f"{username} ")]
        assert f"  {DEMO_PASSWORD}  " in line


@pytest.mark.usefixtures("no_catalog")
def test_demo_accounts_lists_only_what_exists_and_flags_changed_passwords():
    _run("seed_demo")
    User.objects.filter(username="chuyenvien.stp1").delete()
    leader = User.objects.get(username="lanhdao.stp1")
    leader.set_password("mat-khau-moi-2026")
    leader.save()

    lines = _run("demo_accounts").splitlines()

    assert not any(line.startswith("chuyenvien.stp1 ") for line in lines)
    # The next specialist in the roster stands in.
    assert any(line.startswith("chuyenvien.stp2 ") for line in lines)
    [leader_line] = [line for line in lines if line.startswith("lanhdao.stp1 ")]
    assert DEMO_PASSWORD not in leader_line
    assert "(đã đổi)" in leader_line
