"""Admin for organisations and accounts: configuration by superusers.

Model forms run `full_clean`, so saves here meet the same field validators and constraints as the
services; the tree and role rules the services add are checked by the same functions
(`agency_parent_validate`, `membership_validate`) in the forms' `clean`.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from motcua.accounts.models import (
    Agency,
    AgencyLevel,
    ApiToken,
    CitizenProfile,
    Desk,
    Membership,
    Role,
    User,
    UserKind,
)
from motcua.accounts.services import (
    agency_parent_validate,
    api_token_revoke,
    membership_validate,
)
from motcua.core.errors import DomainError


def _add_domain_error(form: forms.BaseForm, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


# --- Agencies -----------------------------------------------------------------------------------


class AgencyAdminForm(forms.ModelForm[Agency]):
    class Meta:
        model = Agency
        fields = [
            "code",
            "name",
            "short_name",
            "level",
            "parent",
            "admin_unit_code",
            "address",
            "phone",
            "email",
            "valid_from",
            "valid_to",
            "successors",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and "successors" in self.fields:
            successors = self.fields["successors"]
            assert isinstance(successors, forms.ModelMultipleChoiceField)
            successors.queryset = Agency.objects.exclude(pk=self.instance.pk)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        level = data.get("level")
        if level:
            try:
                agency_parent_validate(
                    level=AgencyLevel(level), parent=data.get("parent"), agency=self.instance
                )
            except DomainError as exc:
                _add_domain_error(self, exc)
        return data


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin[Agency]):
    form = AgencyAdminForm
    list_display = ["code", "name", "level", "parent", "children_count", "valid_from", "valid_to"]
    list_filter = ["level", ("valid_to", admin.EmptyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["code", "name", "short_name"]
    ordering = ["code"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["successors"]
    fieldsets = [
        (None, {"fields": ["code", "name", "short_name", "level", "parent"]}),
        ("Liên hệ", {"fields": ["admin_unit_code", "address", "phone", "email"]}),
        ("Hiệu lực", {"fields": ["valid_from", "valid_to", "successors"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agency]:
        return super().get_queryset(request).annotate(children_total=Count("children"))

    @admin.display(description="đơn vị trực thuộc", ordering="children_total")
    def children_count(self, obj: Agency) -> int:
        total: int = getattr(obj, "children_total", 0)
        return total


# --- Desks --------------------------------------------------------------------------------------


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin[Desk]):
    list_display = ["code", "name", "kind", "host", "valid_from", "valid_to"]
    list_filter = ["kind", ("valid_to", admin.EmptyFieldListFilter)]
    list_select_related = ["host"]
    search_fields = ["code", "name", "host__code", "host__name"]
    ordering = ["code"]
    autocomplete_fields = ["host"]
    filter_horizontal = ["serves"]


# --- Memberships --------------------------------------------------------------------------------


class MembershipAdminForm(forms.ModelForm[Membership]):
    class Meta:
        model = Membership
        fields = ["user", "agency", "role", "desk", "valid_from", "valid_to"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # In the user's inline the user is not a form field: it is already on the instance.
        user = data.get("user") or (self.instance.user if self.instance.user_id else None)
        agency, role = data.get("agency"), data.get("role")
        if user is None or agency is None or not role:
            return data  # the field errors already say what is missing
        try:
            membership_validate(
                user=user,
                agency=agency,
                role=Role(role),
                desk=data.get("desk"),
                membership=self.instance,
            )
        except DomainError as exc:
            _add_domain_error(self, exc)
        return data


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    form = MembershipAdminForm
    list_display = ["user", "agency", "role", "desk", "valid_from", "valid_to"]
    list_filter = ["role", ("valid_to", admin.EmptyFieldListFilter)]
    list_select_related = ["user", "agency", "desk"]
    search_fields = ["user__username", "user__full_name", "agency__code", "agency__name"]
    autocomplete_fields = ["user", "agency", "desk"]


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    form = MembershipAdminForm
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["agency", "desk"]
    fields = ["agency", "role", "desk", "valid_from", "valid_to"]


class CitizenProfileInline(admin.StackedInline[CitizenProfile, User]):
    model = CitizenProfile
    can_delete = False
    max_num = 1
    fields = [
        "kind",
        "personal_id_number",
        "tax_code",
        "organisation_name",
        "date_of_birth",
        "address",
    ]


# --- Users --------------------------------------------------------------------------------------


class UserCreationForm(AdminUserCreationForm[User]):
    class Meta:
        model = User
        fields = ["username", "kind", "full_name", "email", "phone"]


class UserEditForm(UserChangeForm[User]):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ["username", "full_name", "kind", "email", "phone", "is_active", "is_staff"]
    list_filter = ["kind", "is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "full_name", "email", "phone"]
    ordering = ["username"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Thông tin tài khoản", {"fields": ["kind", "full_name", "email", "phone"]}),
        (
            "Quyền",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Thời điểm", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "kind",
                    "full_name",
                    "email",
                    "phone",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]

    def get_inlines(
        self, request: HttpRequest, obj: User | None
    ) -> list[type[admin.options.InlineModelAdmin[Any, User]]]:
        if obj is None:
            return []
        if obj.kind == UserKind.CITIZEN:
            return [CitizenProfileInline]
        return [MembershipInline]


# --- API tokens ---------------------------------------------------------------------------------


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    """Read-only: keys are made with `manage.py create_api_token` (the key is shown once there)."""

    list_display = ["name", "user", "key_prefix", "created_at", "last_used_at", "expires_at",
                    "revoked_at"]  # fmt: skip
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "key_prefix", "user__username", "user__full_name"]
    list_select_related = ["user"]
    actions = ["revoke_selected"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    @admin.action(description="Thu hồi các khóa API đã chọn", permissions=["view"])
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        assert isinstance(request.user, User)
        revoked = 0
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                api_token_revoke(token=token, actor=request.user)
            except DomainError as exc:
                self.message_user(request, f"{token}: {exc.message}", messages.ERROR)
            else:
                revoked += 1
        self.message_user(request, f"Đã thu hồi {revoked} khóa API.", messages.SUCCESS)
