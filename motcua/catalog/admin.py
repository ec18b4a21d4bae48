"""The catalog in the admin. Fields (lĩnh vực) are configuration and edited here; procedures and
their versions are read-only, for superusers to inspect: every write of a version goes through
the catalog services (the back office's catalog pages), which validate, check rights and audit.
"""

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from motcua.catalog.models import (
    CaseVariant,
    CatalogImport,
    Component,
    FeeItem,
    Field,
    Procedure,
    ProcedureVersion,
    ProcessStep,
)
from motcua.core.admin import ReadOnlyAdminMixin, all_fields


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin[Field]):
    list_display = ["code", "name", "name_en", "valid_from", "valid_to"]
    list_filter = [("valid_to", admin.EmptyFieldListFilter)]
    search_fields = ["code", "name", "name_en"]
    ordering = ["name"]


# --- Procedures ---------------------------------------------------------------------------------


class VersionInline(ReadOnlyAdminMixin, admin.TabularInline[ProcedureVersion, Procedure]):
    model = ProcedureVersion
    fk_name = "procedure"
    fields = readonly_fields = (
        "number",
        "name",
        "status",
        "valid_from",
        "valid_to",
        "end_reason",
        "proposed_at",
    )
    extra = 0
    show_change_link = True
    ordering = ["-number"]


@admin.register(Procedure)
class ProcedureAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Procedure]):
    list_display = ["code", "namespace", "versions_count", "created_at"]
    list_filter = ["namespace"]
    search_fields = ["code", "versions__name"]
    fields = readonly_fields = ("namespace", "code", "created_at", "updated_at", "back_office")
    inlines = [VersionInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Procedure]:
        return super().get_queryset(request).annotate(versions_total=Count("versions"))

    @admin.display(description="số phiên bản", ordering="versions_total")
    def versions_count(self, obj: Procedure) -> int:
        total: int = getattr(obj, "versions_total", 0)
        return total

    @admin.display(description="quản lý")
    def back_office(self, obj: Procedure) -> str:
        url = reverse("backoffice:catalog-detail", args=[obj.namespace, obj.code])
        return format_html('<a href="{}">Mở trang thủ tục trong nghiệp vụ cán bộ</a>', url)


# --- Versions and their case variants -----------------------------------------------------------


class VariantInline(ReadOnlyAdminMixin, admin.StackedInline[CaseVariant, ProcedureVersion]):
    model = CaseVariant
    fields = readonly_fields = (
        "code",
        "position",
        "name",
        "time_limit_value",
        "time_limit_unit",
        "committed_value",
        "time_limit_note",
    )
    extra = 0
    show_change_link = True


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[ProcedureVersion]):
    list_display = ["procedure", "number", "name", "status", "valid_from", "valid_to", "field"]
    list_filter = ["status", "end_reason", "online_level", "field"]
    list_select_related = ["procedure", "field"]
    search_fields = ["procedure__code", "name"]
    ordering = ["procedure__code", "number"]
    fields = readonly_fields = all_fields(ProcedureVersion)
    inlines = [VariantInline]


class ComponentInline(ReadOnlyAdminMixin, admin.TabularInline[Component, CaseVariant]):
    model = Component
    fields = readonly_fields = (
        "position",
        "code",
        "name",
        "originals",
        "copies",
        "requirement",
        "condition",
        "template_name",
        "template_file",
    )
    extra = 0


class FeeInline(ReadOnlyAdminMixin, admin.TabularInline[FeeItem, CaseVariant]):
    model = FeeItem
    fields = readonly_fields = ("position", "kind", "name", "amount", "unit", "exemption")
    extra = 0


class StepInline(ReadOnlyAdminMixin, admin.TabularInline[ProcessStep, CaseVariant]):
    model = ProcessStep
    fields = readonly_fields = (
        "position",
        "code",
        "name",
        "kind",
        "role",
        "agency",
        "budget_hours",
        "targets",
    )
    extra = 0

    @admin.display(description="chuyển tiếp / trả lại")
    def targets(self, obj: ProcessStep) -> str:
        forward = ", ".join(s.code for s in obj.forward_to.all()) or "—"
        back = ", ".join(s.code for s in obj.send_back_to.all()) or "—"
        return f"→ {forward} / ← {back}"

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProcessStep]:
        return (
            super()
            .get_queryset(request)
            .select_related("agency")
            .prefetch_related("forward_to", "send_back_to")
        )


@admin.register(CaseVariant)
class CaseVariantAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[CaseVariant]):
    list_display = ["name", "code", "version", "time_limit_value", "time_limit_unit"]
    list_select_related = ["version__procedure"]
    search_fields = ["name", "code", "version__procedure__code"]
    fields = readonly_fields = (
        "version",
        "code",
        "position",
        "name",
        "time_limit_value",
        "time_limit_unit",
        "committed_value",
        "time_limit_note",
        "eform_schema",
    )
    inlines = [ComponentInline, FeeInline, StepInline]


# --- Excel import jobs --------------------------------------------------------------------------


@admin.register(CatalogImport)
class CatalogImportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[CatalogImport]):
    """Read-only: imports are started from the back office (Thủ tục hành chính → Nhập từ Excel)."""

    list_display = [
        "pk",
        "filename",
        "dry_run",
        "status",
        "done",
        "total",
        "requested_by",
        "created_at",
    ]
    list_filter = ["status", "dry_run"]
    search_fields = ["filename"]
    exclude = ["data"]  # the uploaded bytes: not for display
    ordering = ["-created_at"]
