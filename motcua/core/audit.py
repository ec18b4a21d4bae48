"""The one way services record what they did."""

from typing import TYPE_CHECKING

from django.db import models

from motcua.core.models import AuditEvent

if TYPE_CHECKING:
    from motcua.accounts.models import User


def audit_record(
    *,
    actor: "User | None",
    action: str,
    obj: models.Model,
    reason: str = "",
    data: dict[str, object] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        reason=reason,
        data=data or {},
    )
