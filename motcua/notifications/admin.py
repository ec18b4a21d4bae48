"""Read-only admin for the outbox: superusers look at what was sent, when and why not.

Nothing is added, changed or deleted here; sending and retrying belong to the services and the
`send_notifications` command.
"""

from django.contrib import admin
from django.http import HttpRequest

from motcua.notifications.models import DeliveryAttempt, Notification


class _SuperuserReadOnly:
    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class DeliveryAttemptInline(_SuperuserReadOnly, admin.TabularInline[DeliveryAttempt, Notification]):
    model = DeliveryAttempt
    fields = readonly_fields = ("number", "at", "outcome", "provider_message_id", "detail")
    extra = 0
    can_delete = False


@admin.register(Notification)
class NotificationAdmin(_SuperuserReadOnly, admin.ModelAdmin[Notification]):
    list_display = [
        "created_at",
        "channel",
        "template",
        "recipient",
        "status",
        "skip_reason",
        "attempts",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["status", "channel", "template", "skip_reason", "created_at"]
    search_fields = ["recipient", "key", "object_id", "provider_message_id"]
    date_hierarchy = "created_at"
    readonly_fields = (
        "channel",
        "recipient",
        "template",
        "subject",
        "body",
        "object_type",
        "object_id",
        "key",
        "status",
        "skip_reason",
        "attempts",
        "next_attempt_at",
        "last_error",
        "provider_message_id",
        "created_at",
        "sent_at",
        "created_by",
    )
    fields = readonly_fields
    inlines = [DeliveryAttemptInline]
