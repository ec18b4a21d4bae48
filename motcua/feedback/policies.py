"""Who may see a PAKN and take which step on it. The steps are data (`RULES`): from which statuses,
by which roles at the responsible agency, or by the sender.

- Staff see the PAKN of their agencies (the one responsible now, and those that held it before a
  forward); province administrators and inspectors see every PAKN of their province; superusers
  all. Anything else is "not found" (never say which).
- Any active member of the responsible agency (desk officer, specialist, leader, agency admin)
  classifies (accept, refuse, forward), asks the sender for more information, records what the
  sender added, and marks a repeat; answering and publishing take a specialist or a leader.
- The sender's own account adds the information asked for.
"""

import datetime as dt
import enum
import hmac
import re
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Membership, Role, User, UserKind
from motcua.accounts.selectors import agency_province, agency_subtree_ids, membership_list_active
from motcua.core.errors import NotFound
from motcua.core.timezone import local_today
from motcua.feedback.models import (
    TO_CLASSIFY,
    Feedback,
    FeedbackEvent,
    FeedbackStatus,
)

STAFF_ROLES = frozenset({Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER, Role.AGENCY_ADMIN})
ANSWER_ROLES = frozenset({Role.SPECIALIST, Role.LEADER})
_PROVINCE_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.INSPECTOR})
_NOT_DIGIT = re.compile(r"\D+")
_LAST4 = re.compile(r"^\d{4}$")


class FeedbackAction(enum.StrEnum):
    ACCEPT = "accept"
    REFUSE = "refuse"
    FORWARD = "forward"
    REQUEST_INFO = "request_info"
    PROVIDE_INFO = "provide_info"
    ANSWER = "answer"
    PUBLISH = "publish"
    MARK_REPEAT = "mark_repeat"


@dataclass(frozen=True)
class Rule:
    action: FeedbackAction
    label: str | Promise
    event: str  # the FeedbackEvent action
    from_statuses: frozenset[FeedbackStatus]
    to_status: FeedbackStatus | None  # None: the status does not change
    roles: frozenset[Role]
    sender: bool = False  # the sender's own account may take it too


_ANY = frozenset(FeedbackStatus)

RULES: dict[FeedbackAction, Rule] = {
    rule.action: rule
    for rule in (
        Rule(FeedbackAction.ACCEPT, _("Tiếp nhận xử lý"), "feedback.accepted",
             TO_CLASSIFY, FeedbackStatus.ACCEPTED, STAFF_ROLES),
        Rule(FeedbackAction.REFUSE, _("Không tiếp nhận"), "feedback.refused",
             TO_CLASSIFY, FeedbackStatus.REFUSED, STAFF_ROLES),
        Rule(FeedbackAction.FORWARD, _("Chuyển cơ quan có thẩm quyền"), "feedback.forwarded",
             TO_CLASSIFY, FeedbackStatus.FORWARDED, STAFF_ROLES),
        Rule(FeedbackAction.REQUEST_INFO, _("Yêu cầu bổ sung thông tin"),
             "feedback.info_requested", frozenset({FeedbackStatus.ACCEPTED}),
             FeedbackStatus.INFO_REQUESTED, STAFF_ROLES),
        Rule(FeedbackAction.PROVIDE_INFO, _("Ghi nhận thông tin bổ sung"),
             "feedback.info_provided", frozenset({FeedbackStatus.INFO_REQUESTED}),
             FeedbackStatus.ACCEPTED, STAFF_ROLES, sender=True),
        Rule(FeedbackAction.ANSWER, _("Trả lời"), "feedback.answered",
             frozenset({FeedbackStatus.ACCEPTED}), FeedbackStatus.ANSWERED, ANSWER_ROLES),
        Rule(FeedbackAction.PUBLISH, _("Công khai câu trả lời"), "feedback.published",
             frozenset({FeedbackStatus.ANSWERED}), FeedbackStatus.PUBLISHED, ANSWER_ROLES),
        Rule(FeedbackAction.MARK_REPEAT, _("Đánh dấu gửi lại, trùng nội dung"),
             "feedback.marked_repeat", _ANY, None, STAFF_ROLES),
    )
}  # fmt: skip


def status_allows(rule: Rule, feedback: Feedback) -> bool:
    """Whether the step exists from where the PAKN stands (no database)."""
    if FeedbackStatus(feedback.status) not in rule.from_statuses:
        return False
    if rule.action is FeedbackAction.PUBLISH:
        return feedback.answer_public
    if rule.action is FeedbackAction.MARK_REPEAT:
        return feedback.repeat_of_id is None
    return True


def last4_matches(phone: str, last4: str) -> bool:
    """Whether `last4` are the last four digits of `phone` (compared in constant time)."""
    digits = _NOT_DIGIT.sub("", phone)
    last4 = last4.strip()
    return (
        bool(_LAST4.match(last4)) and len(digits) >= 4 and hmac.compare_digest(digits[-4:], last4)
    )


def _memberships(actor: User, on: dt.date) -> list[Membership]:
    if not actor.is_authenticated or not actor.is_active or actor.kind != UserKind.STAFF:
        return []
    return list(membership_list_active(user=actor, on=on))


def is_sender(actor: User, feedback: Feedback) -> bool:
    return (
        actor.is_authenticated
        and feedback.sender_account_id is not None
        and feedback.sender_account_id == actor.pk
    )


def actor_may(rule: Rule, actor: User, feedback: Feedback, *, on: dt.date) -> bool:
    """Whether `actor` holds what the step needs at the PAKN's responsible agency."""
    if rule.sender and is_sender(actor, feedback):
        return True
    return any(
        m.role in rule.roles and m.agency_id == feedback.agency_id for m in _memberships(actor, on)
    )


def actions_for(actor: User, feedback: Feedback, *, on: dt.date | None = None) -> list[Rule]:
    """The steps `actor` may take on `feedback` now, in the table's order."""
    on = on or local_today()
    memberships = _memberships(actor, on)
    roles_here = {m.role for m in memberships if m.agency_id == feedback.agency_id}
    return [
        rule
        for rule in RULES.values()
        if status_allows(rule, feedback)
        and (roles_here & rule.roles or (rule.sender and is_sender(actor, feedback)))
    ]


# --- Who sees what -----------------------------------------------------------------------------


def staff_agency_ids(actor: User, *, on: dt.date | None = None) -> set[int]:
    """The agencies where `actor` handles PAKN (an active staff membership)."""
    return {m.agency_id for m in _memberships(actor, on or local_today()) if m.role in STAFF_ROLES}


def visible_feedback_q(actor: User) -> Q:
    """A filter for the PAKN `actor` may see in the back office (none for citizens)."""
    if not actor.is_authenticated or not actor.is_active:
        return Q(pk__in=[])
    if actor.is_superuser:
        return Q()
    condition = Q(pk__in=[])
    agency_ids: set[int] = set()
    for membership in _memberships(actor, local_today()):
        if membership.role in _PROVINCE_ROLES:
            province = agency_province(agency=membership.agency) or membership.agency
            condition |= Q(agency_id__in=agency_subtree_ids(agency=province))
        elif membership.role in STAFF_ROLES:
            agency_ids.add(membership.agency_id)
    if agency_ids:
        condition |= Q(agency_id__in=agency_ids) | Q(
            Exists(FeedbackEvent.objects.filter(feedback=OuterRef("pk"), agency_id__in=agency_ids))
        )
    return condition


def feedback_queryset_for(actor: User) -> QuerySet[Feedback]:
    return Feedback.objects.filter(visible_feedback_q(actor))


def access_feedback(actor: User, *, code: str) -> Feedback:
    """The PAKN with this code if `actor` may see it in the back office."""
    found = (
        feedback_queryset_for(actor)
        .filter(code=code.strip().upper())
        .select_related(
            "agency",
            "forwarded_from",
            "procedure",
            "dossier",
            "dossier__version",
            "repeat_of",
            "sender_account",
            "answered_by",
            "recorded_by",
        )
        .first()
    )
    if found is None:
        raise NotFound("Không tìm thấy phản ánh, kiến nghị.", code="feedback_not_found")
    return found
