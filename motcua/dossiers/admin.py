"""Dossiers in the admin: to read only. Every change goes through the workflow services."""

from django.contrib import admin

from motcua.core.admin import ReadOnlyAdminMixin, all_fields
from motcua.dossiers.models import (
    Apology,
    CounterGuidance,
    Dossier,
    DossierComponent,
    DossierEvent,
    DossierPause,
    StepVisit,
)


class ComponentInline(ReadOnlyAdminMixin, admin.TabularInline[DossierComponent, Dossier]):
    model = DossierComponent
    fields = readonly_fields = all_fields(DossierComponent)
    extra = 0


class VisitInline(ReadOnlyAdminMixin, admin.TabularInline[StepVisit, Dossier]):
    model = StepVisit
    fields = readonly_fields = all_fields(StepVisit)
    extra = 0


class PauseInline(ReadOnlyAdminMixin, admin.TabularInline[DossierPause, Dossier]):
    model = DossierPause
    fields = readonly_fields = all_fields(DossierPause)
    extra = 0


class EventInline(ReadOnlyAdminMixin, admin.TabularInline[DossierEvent, Dossier]):
    model = DossierEvent
    fields = readonly_fields = (
        "sequence", "occurred_at", "actor_name", "agency", "action", "from_status", "to_status",
        "from_step", "to_step", "step_budget_hours", "step_used_hours", "note", "data",
    )  # fmt: skip
    extra = 0


class ApologyInline(ReadOnlyAdminMixin, admin.TabularInline[Apology, Dossier]):
    model = Apology
    fields = readonly_fields = all_fields(Apology)
    extra = 0


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Dossier]):
    list_display = [
        "code",
        "reference",
        "status",
        "channel",
        "agency",
        "applicant_name",
        "received_at",
    ]
    list_filter = ["status", "channel", "rule_set"]
    list_select_related = ["agency"]
    search_fields = ["code", "reference", "applicant_name", "applicant_id_number"]
    date_hierarchy = "received_at"
    fields = readonly_fields = all_fields(Dossier)
    inlines = [ComponentInline, VisitInline, PauseInline, EventInline, ApologyInline]


@admin.register(CounterGuidance)
class CounterGuidanceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[CounterGuidance]):
    """Counter guidance slips (Mẫu 02 at a visit): how many visits needed guidance, and why."""

    list_display = ["form_number", "issued_at", "desk", "applicant_name", "channel", "issued_by"]
    list_filter = ["channel", "desk"]
    list_select_related = ["desk", "issued_by"]
    search_fields = ["form_number", "applicant_name", "applicant_id_number"]
    date_hierarchy = "issued_at"
    fields = readonly_fields = all_fields(CounterGuidance)
