"""Readers' likes and dislikes of published answers."""

from django.db import IntegrityError, transaction
from django.db.models import Q

from motcua.accounts.models import User
from motcua.core.errors import NotFound, ValidationFailed
from motcua.feedback.models import (
    Feedback,
    FeedbackReaction,
    FeedbackStatus,
    ReactionValue,
)


def feedback_react(
    *,
    feedback: Feedback,
    value: ReactionValue,
    actor: User | None,
    session_key: str = "",
) -> FeedbackReaction:
    """A reader's like or dislike of a published answer: one per account (or, not logged in, per
    browser session). Reacting again changes the reader's one reaction; it never adds another."""
    if feedback.status != FeedbackStatus.PUBLISHED:
        raise NotFound("Không tìm thấy câu trả lời.", code="feedback_not_found")
    account = actor if actor is not None and actor.is_authenticated else None
    if account is None and not session_key:
        raise ValidationFailed(
            "Trình duyệt cần cho phép cookie để ghi nhận đánh giá.", code="session_required"
        )
    reader = Q(account=account) if account is not None else Q(session_key=session_key)
    for _attempt in range(2):
        with transaction.atomic():
            existing = (
                FeedbackReaction.objects.select_for_update().filter(reader, feedback=feedback)
            ).first()
            if existing is not None:
                if existing.value != value:
                    existing.value = value
                    existing.save(update_fields=["value", "updated_at"])
                return existing
            try:
                with transaction.atomic():
                    return FeedbackReaction.objects.create(
                        feedback=feedback,
                        value=value,
                        account=account,
                        session_key="" if account is not None else session_key,
                    )
            except IntegrityError:
                continue  # the same reader's other request won the race: update theirs
    raise RuntimeError("Could not record the reaction")  # pragma: no cover
