"""The audit log in the admin: to read, never to write (rows come only from services)."""

from django.contrib import admin
from django.http import HttpRequest

from motcua.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ["occurred_at", "action", "object_type", "object_id", "actor", "reason"]
    list_filter = ["action", "object_type"]
    list_select_related = ["actor"]
    search_fields = ["action", "object_id", "reason", "actor__username"]
    date_hierarchy = "occurred_at"
    ordering = ["-occurred_at", "-pk"]
    fields = readonly_fields = (
        "occurred_at",
        "actor",
        "action",
        "object_type",
        "object_id",
        "reason",
        "data",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
