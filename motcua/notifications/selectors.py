"""Reads for notifications."""

from django.db import models
from django.db.models import QuerySet

from motcua.notifications.models import Notification


def notification_list_for_object(*, obj: models.Model) -> QuerySet[Notification]:
    """The notifications about one object (a dossier, …), oldest first, with their attempts."""
    return (
        Notification.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("created_at", "pk")
        .prefetch_related("delivery_attempts")
    )
