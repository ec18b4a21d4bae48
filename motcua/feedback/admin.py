"""Feedback and petitions in the admin: to read only. Every step goes through the services (the
back office's pages `/backoffice/phan-anh/`)."""

from django.contrib import admin

from motcua.core.admin import ReadOnlyAdminMixin, all_fields
from motcua.feedback.models import Feedback, FeedbackEvent, FeedbackReaction


class EventInline(ReadOnlyAdminMixin, admin.TabularInline[FeedbackEvent, Feedback]):
    model = FeedbackEvent
    fields = readonly_fields = (
        "sequence", "occurred_at", "actor_name", "agency", "action", "from_status", "to_status",
        "note", "data",
    )  # fmt: skip
    extra = 0


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Feedback]):
    list_display = ["code", "status", "kind", "subject", "channel", "agency", "received_at"]
    list_filter = ["status", "kind", "subject", "channel"]
    list_select_related = ["agency"]
    search_fields = ["code", "title", "sender_name", "sender_phone"]
    date_hierarchy = "received_at"
    fields = readonly_fields = all_fields(Feedback)
    inlines = [EventInline]


@admin.register(FeedbackReaction)
class FeedbackReactionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[FeedbackReaction]):
    list_display = ["feedback", "value", "account", "created_at"]
    list_filter = ["value"]
    list_select_related = ["feedback", "account"]
    search_fields = ["feedback__code"]
    fields = readonly_fields = all_fields(FeedbackReaction)
