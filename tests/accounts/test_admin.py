"""The configuration admin: pages render for superusers, saves meet the same rules as the
services, and the audit log can be read but never written."""

import datetime as dt

import pytest
from django.contrib.admin.sites import site
from django.test import Client, RequestFactory
from django.urls import reverse

from motcua.accounts.models import Agency, AgencyLevel, Membership, Role, User, UserKind
from motcua.accounts.services import agency_create
from motcua.core.models import AuditEvent
from tests.accounts.factories import (
    AgencyFactory,
    CitizenFactory,
    DeskFactory,
    MembershipFactory,
    OrganisationCitizenFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def root() -> User:
    return User.objects.create_superuser(username="root", password="x")


@pytest.fixture
def superuser(root: User) -> Client:
    client = Client()
    client.force_login(root)
    return client


def test_create_superuser_defaults_to_a_staff_account(root: User) -> None:
    # Without a kind the row broke the user_kind_valid constraint: no admin could be created.
    assert root.kind == UserKind.STAFF
    assert root.full_name == "root"
    assert root.is_superuser


@pytest.mark.parametrize(
    "url",
    [
        "admin:accounts_agency_changelist",
        "admin:accounts_agency_add",
        "admin:accounts_desk_changelist",
        "admin:accounts_desk_add",
        "admin:accounts_membership_changelist",
        "admin:accounts_membership_add",
        "admin:accounts_user_changelist",
        "admin:accounts_user_add",
        "admin:core_auditevent_changelist",
    ],
)
def test_pages_render(superuser: Client, url: str) -> None:
    MembershipFactory(role=Role.DESK_OFFICER)
    CitizenFactory()
    agency_create(
        code="000.00.01.H97", name="Thử", level=AgencyLevel.PROVINCE, parent=None, actor=None
    )
    assert superuser.get(reverse(url)).status_code == 200


def test_agency_list_search_and_filter(superuser: Client) -> None:
    province = AgencyFactory(name="Ủy ban nhân dân tỉnh Sông Lam")
    commune = AgencyFactory(level=AgencyLevel.COMMUNE, parent=province, name="UBND xã Nam Đàn")
    url = reverse("admin:accounts_agency_changelist")
    by_code = superuser.get(url, {"q": commune.code}).context["cl"]
    assert list(by_code.queryset) == [commune]
    by_name = superuser.get(url, {"q": "Sông Lam"}).context["cl"]
    assert list(by_name.queryset) == [province]
    by_level = superuser.get(url, {"level__exact": "commune"}).context["cl"]
    assert list(by_level.queryset) == [commune]
    row = superuser.get(url, {"q": province.code}).context["cl"].result_list[0]
    assert row.children_total == 1


def test_agency_change_page_offers_successors(superuser: Client) -> None:
    district = AgencyFactory(level=AgencyLevel.DISTRICT)
    page = superuser.get(reverse("admin:accounts_agency_change", args=[district.pk]))
    assert page.status_code == 200
    successors = page.context["adminform"].form.fields["successors"]
    assert district not in successors.queryset  # an agency cannot succeed itself
    assert 'class="selectfilter"' in page.content.decode()  # filter_horizontal


def _agency_post(**changes: object) -> dict[str, object]:
    return {
        "code": "000.00.15.H97",
        "name": "Sở Tư pháp",
        "short_name": "",
        "level": "department",
        "parent": "",
        "admin_unit_code": "",
        "address": "",
        "phone": "",
        "email": "",
        "valid_from": "2025-07-01",
        "valid_to": "",
        "successors": [],
    } | changes


def test_agency_add_checks_the_tree_rules(superuser: Client) -> None:
    url = reverse("admin:accounts_agency_add")
    response = superuser.post(url, _agency_post(parent=""))
    assert response.status_code == 200  # redisplayed with the error
    assert "không thể trực thuộc" in str(response.context["adminform"].form.errors["parent"])
    assert not Agency.objects.exists()

    province = AgencyFactory()
    response = superuser.post(url, _agency_post(parent=province.pk, phone="024 3825 1234"))
    assert response.status_code == 302
    created = Agency.objects.get(code="000.00.15.H97")
    assert created.parent == province


def test_agency_add_runs_model_validation(superuser: Client) -> None:
    province = AgencyFactory()
    response = superuser.post(
        reverse("admin:accounts_agency_add"),
        _agency_post(parent=province.pk, code="H97.00.15.000", valid_to="2025-07-01"),
    )
    errors = response.context["adminform"].form.errors
    assert "QCVN 102:2016" in str(errors["code"])
    assert "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực." in str(errors["__all__"])
    assert Agency.objects.count() == 1


def test_agency_cannot_move_under_its_own_descendant(superuser: Client) -> None:
    department = AgencyFactory(level=AgencyLevel.DEPARTMENT)
    unit = AgencyFactory(level=AgencyLevel.UNIT, parent=department)
    sub_unit = AgencyFactory(level=AgencyLevel.UNIT, parent=unit)
    response = superuser.post(
        reverse("admin:accounts_agency_change", args=[unit.pk]),
        _agency_post(code=unit.code, name=unit.name, level="unit", parent=sub_unit.pk),
    )
    assert "trực thuộc nó" in str(response.context["adminform"].form.errors["parent"])
    unit.refresh_from_db()
    assert unit.parent == department


def _membership_post(**changes: object) -> dict[str, object]:
    return {"role": "specialist", "desk": "", "valid_from": "2025-07-01", "valid_to": ""} | changes


def test_membership_add_checks_the_role_rules(superuser: Client) -> None:
    user, citizen = StaffUserFactory(), CitizenFactory()
    province = AgencyFactory()
    department = AgencyFactory(level=AgencyLevel.DEPARTMENT, parent=province)
    desk = DeskFactory(host=province)  # serves the province only
    url = reverse("admin:accounts_membership_add")

    def errors(**changes: object) -> dict[str, list[str]]:
        response = superuser.post(url, _membership_post(**changes))
        assert response.status_code == 200
        return dict(response.context["adminform"].form.errors)

    no_desk = errors(user=user.pk, agency=province.pk, role="desk_officer")
    assert "phải được gắn với một bộ phận một cửa" in str(no_desk["desk"])
    wrong_desk = errors(user=user.pk, agency=department.pk, role="desk_officer", desk=desk.pk)
    assert "không tiếp nhận hồ sơ" in str(wrong_desk["desk"])
    not_staff = errors(user=citizen.pk, agency=province.pk)
    assert "Chỉ tài khoản cán bộ" in str(not_staff["__all__"])
    assert not Membership.objects.exists()

    ok = superuser.post(
        url, _membership_post(user=user.pk, agency=province.pk, role="desk_officer", desk=desk.pk)
    )
    assert ok.status_code == 302
    assert Membership.objects.get().desk == desk
    again = errors(user=user.pk, agency=province.pk, role="desk_officer", desk=desk.pk)
    assert "đã có vai trò này" in str(again["role"])


def test_membership_change_keeps_its_own_row_out_of_the_duplicate_check(superuser: Client) -> None:
    membership = MembershipFactory(role=Role.LEADER)
    response = superuser.post(
        reverse("admin:accounts_membership_change", args=[membership.pk]),
        _membership_post(
            user=membership.user.pk,
            agency=membership.agency.pk,
            role="leader",
            valid_to="2026-01-01",
        ),
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.valid_to == dt.date(2026, 1, 1)


def test_user_add_makes_a_staff_account(superuser: Client) -> None:
    response = superuser.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "nguyenvana",
            "kind": "staff",
            "full_name": "Nguyễn Văn A",
            "email": "a@example.com",
            "phone": "0912 345 678",
            "usable_password": "false",
            "password1": "",
            "password2": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(username="nguyenvana")
    assert (user.kind, user.full_name) == (UserKind.STAFF, "Nguyễn Văn A")
    assert not user.has_usable_password()


def test_user_add_refuses_a_landline(superuser: Client) -> None:
    response = superuser.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "nguyenvanb",
            "kind": "staff",
            "full_name": "Nguyễn Văn B",
            "phone": "024 3825 1234",
            "usable_password": "false",
        },
    )
    assert "là số máy bàn" in str(response.context["adminform"].form.errors["phone"])
    assert not User.objects.filter(username="nguyenvanb").exists()


def test_user_change_inlines_follow_the_kind(superuser: Client) -> None:
    def inline_models(user: User) -> list[type]:
        page = superuser.get(reverse("admin:accounts_user_change", args=[user.pk]))
        assert page.status_code == 200
        return [formset.opts.model for formset in page.context["inline_admin_formsets"]]

    staff = MembershipFactory().user
    assert [m.__name__ for m in inline_models(staff)] == ["Membership"]
    assert [m.__name__ for m in inline_models(CitizenFactory())] == ["CitizenProfile"]
    assert [m.__name__ for m in inline_models(OrganisationCitizenFactory())] == ["CitizenProfile"]


def test_audit_log_is_read_only(superuser: Client, root: User) -> None:
    agency = agency_create(
        code="000.00.01.H97", name="Thử", level=AgencyLevel.PROVINCE, parent=None, actor=root
    )
    event = AuditEvent.objects.get(action="agency.created")
    listing = superuser.get(reverse("admin:core_auditevent_changelist"), {"q": str(agency.pk)})
    assert list(listing.context["cl"].queryset) == [event]
    detail = superuser.get(reverse("admin:core_auditevent_change", args=[event.pk]))
    assert detail.status_code == 200
    assert not detail.context["has_change_permission"]
    assert 'name="_save"' not in detail.content.decode()
    assert superuser.get(reverse("admin:core_auditevent_add")).status_code == 403
    assert (
        superuser.get(reverse("admin:core_auditevent_delete", args=[event.pk])).status_code == 403
    )
    assert (
        superuser.post(
            reverse("admin:core_auditevent_delete", args=[event.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert AuditEvent.objects.filter(pk=event.pk).exists()

    request = RequestFactory().get("/")
    request.user = root
    model_admin = site.get_model_admin(AuditEvent)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)
    assert model_admin.has_view_permission(request, event)
