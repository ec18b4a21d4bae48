"""The audit log in the admin: to read, never to write (rows come only from services)."""

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from motcua.core.models import AuditEvent


class ReadOnlyAdminMixin:
    """View only: no add, change or delete, for anyone (superusers included)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def all_fields(model: type[Model]) -> tuple[str, ...]:
    """The model's own concrete and many-to-many fields, for a read-only form."""
    return tuple(
        f.name
        for f in model._meta.get_fields()
        if (f.concrete or f.many_to_many) and not f.auto_created and f.name != "id"
    )


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[AuditEvent]):
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
