"""Reads of feedback and petitions (PAKN) shared by the interfaces.

- The staff queue: the PAKN an officer may see (`motcua.feedback.policies`), open ones first,
  soonest current due first. The current due comes from the status (classify while received or
  forwarded, answer while accepted, publish while a public answer waits); overdue and due soon
  are derived when read, with the agency's calendar, never stored.
- The public list: published answers only, as `PublicAnswer` rows that carry no personal data of
  the sender (no name, address, phone or e-mail), searchable by text, filterable by agency and
  class.
- The sender's own list, and the sender's view of one PAKN (by account, or by the last four
  digits of the phone given when sending).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency, User
from motcua.catalog.models import CodeNamespace, Procedure
from motcua.catalog.selectors import version_current
from motcua.dossiers.deadlines import Calendars, Standing, due_soon_threshold
from motcua.feedback.clocks import Step, step_budget
from motcua.feedback.models import (
    TO_CLASSIFY,
    Feedback,
    FeedbackEvent,
    FeedbackKind,
    FeedbackReaction,
    FeedbackStatus,
    FeedbackSubject,
    ReactionValue,
)
from motcua.feedback.policies import RULES, feedback_queryset_for, last4_matches

# The due of the step the PAKN waits for now (None: nothing is due, or the sender holds it).
CURRENT_DUE = Case(
    When(status__in=list(TO_CLASSIFY), then=F("classify_due_at")),
    When(status=FeedbackStatus.ACCEPTED, then=F("answer_due_at")),
    When(status=FeedbackStatus.ANSWERED, answer_public=True, then=F("publish_due_at")),
    default=Value(None),
    output_field=DateTimeField(),
)
_OPEN = Q(status__in=[*TO_CLASSIFY, FeedbackStatus.ACCEPTED, FeedbackStatus.INFO_REQUESTED]) | Q(
    status=FeedbackStatus.ANSWERED, answer_public=True
)


def current_step(feedback: Feedback) -> Step | None:
    """The step whose clock runs now (None when closed or waiting for the sender)."""
    status = FeedbackStatus(feedback.status)
    if status in TO_CLASSIFY:
        return Step.CLASSIFY
    if status is FeedbackStatus.ACCEPTED:
        return Step.ANSWER
    if status is FeedbackStatus.ANSWERED and feedback.answer_public:
        return Step.PUBLISH
    return None


def current_due(feedback: Feedback) -> dt.datetime | None:
    step = current_step(feedback)
    if step is Step.CLASSIFY:
        return feedback.classify_due_at
    if step is Step.ANSWER:
        return feedback.answer_due_at
    if step is Step.PUBLISH:
        return feedback.publish_due_at
    return None


@dataclass(frozen=True)
class FeedbackClock:
    """Where a PAKN stands against the due of its current step, at `at`."""

    step: Step | None
    due_at: dt.datetime | None
    standing: Standing | None  # None: nothing due (closed, or waiting for the sender)
    waiting_for_sender: bool

    @property
    def badge(self) -> str:
        if self.waiting_for_sender:
            return "paused"
        return self.standing.value if self.standing is not None else ""


def feedback_clock(
    feedback: Feedback, *, at: dt.datetime | None = None, calendars: Calendars | None = None
) -> FeedbackClock:
    """Overdue after the due instant; due soon when the working time left is at most the
    threshold (`MOTCUA_DUE_SOON_HOURS`, at most a quarter of the step's limit); else in time."""
    at = at or timezone.now()
    step, due = current_step(feedback), current_due(feedback)
    waiting = feedback.status == FeedbackStatus.INFO_REQUESTED
    if step is None or due is None:
        return FeedbackClock(step, None, None, waiting)
    if at > due:
        return FeedbackClock(step, due, Standing.OVERDUE, waiting)
    calendar = (calendars or Calendars()).for_agency(feedback.agency)
    budget = step_budget(calendar, step=step, subject=feedback.subject, on=due)
    left = calendar.working_time_between(at, due)
    standing = Standing.DUE_SOON if left <= due_soon_threshold(budget) else Standing.IN_TIME
    return FeedbackClock(step, due, standing, waiting)


# --- The staff queue -------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackFilters:
    text: str = ""
    status: FeedbackStatus | None = None
    subject: FeedbackSubject | None = None
    kind: FeedbackKind | None = None
    agency: str = ""  # agency code
    open_only: bool = False
    overdue_only: bool = False

    def __bool__(self) -> bool:
        return any(
            (self.text, self.status, self.subject, self.kind, self.agency, self.open_only,
             self.overdue_only)
        )  # fmt: skip


QUEUE_RELATED = ("agency", "agency__parent", "procedure", "dossier")


def feedback_queue(
    *, actor: User, filters: FeedbackFilters = FeedbackFilters(), at: dt.datetime | None = None
) -> QuerySet[Feedback]:
    """The PAKN `actor` may see: open ones first by their current due (soonest first), then the
    rest newest first. Each row carries `current_due` (annotated)."""
    at = at or timezone.now()
    queryset = feedback_queryset_for(actor).annotate(current_due=CURRENT_DUE)
    text = filters.text.strip()
    if text:
        queryset = queryset.filter(
            Q(code__iexact=text)
            | Q(title__icontains=text)
            | Q(sender_name__icontains=text)
            | Q(sender_phone=text)
            | Q(dossier__code=text)
        )
    if filters.status is not None:
        queryset = queryset.filter(status=filters.status)
    if filters.subject is not None:
        queryset = queryset.filter(subject=filters.subject)
    if filters.kind is not None:
        queryset = queryset.filter(kind=filters.kind)
    if filters.agency:
        queryset = queryset.filter(agency__code=filters.agency)
    if filters.open_only:
        queryset = queryset.filter(_OPEN)
    if filters.overdue_only:
        queryset = queryset.filter(current_due__lt=at)
    return queryset.select_related(*QUEUE_RELATED).order_by(
        F("current_due").asc(nulls_last=True), F("received_at").desc(), F("pk").desc()
    )


@dataclass(frozen=True)
class FeedbackRow:
    feedback: Feedback
    clock: FeedbackClock


def feedback_rows(
    feedbacks: Iterable[Feedback], *, at: dt.datetime | None = None
) -> list[FeedbackRow]:
    """Queue rows with their clocks (one calendar per agency, built once)."""
    at = at or timezone.now()
    calendars = Calendars()
    return [FeedbackRow(f, feedback_clock(f, at=at, calendars=calendars)) for f in feedbacks]


def feedback_counts(*, actor: User, at: dt.datetime | None = None) -> dict[str, int]:
    """How many open PAKN the officer sees, and how many of them are overdue."""
    at = at or timezone.now()
    queryset = feedback_queryset_for(actor).filter(_OPEN).annotate(current_due=CURRENT_DUE)
    return queryset.aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(current_due__lt=at)))


@dataclass(frozen=True)
class TimelineEntry:
    event: FeedbackEvent
    label: str
    status_label: str  # "" when the status did not change


_EVENT_LABELS: dict[str, Any] = {
    "feedback.received": _("Tiếp nhận phản ánh, kiến nghị"),
    **{rule.event: rule.label for rule in RULES.values()},
}


def _entry(event: FeedbackEvent) -> TimelineEntry:
    changed = event.to_status and event.to_status != event.from_status
    return TimelineEntry(
        event=event,
        label=str(_EVENT_LABELS.get(event.action, event.action)),
        status_label=str(FeedbackStatus(event.to_status).label) if changed else "",
    )


def feedback_timeline(feedback: Feedback) -> list[TimelineEntry]:
    """The PAKN's log, oldest first, with a label for each step (for staff: who, where)."""
    events = (
        FeedbackEvent.objects.filter(feedback=feedback)
        .select_related("agency")
        .order_by("sequence")
    )
    return [_entry(event) for event in events]


def feedback_forward_targets(feedback: Feedback, *, on: dt.date) -> QuerySet[Agency]:
    """Agencies a PAKN can be forwarded to: every other agency in force, by name."""
    return (
        Agency.objects.filter(valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        .exclude(pk=feedback.agency_id)
        .order_by("name", "code")
    )


# --- Published answers (public) --------------------------------------------------------------


@dataclass(frozen=True)
class PublicAnswer:
    """A published answer as the public sees it: nothing about the sender."""

    code: str
    kind: FeedbackKind
    subject: FeedbackSubject
    title: str
    content: str  # as the agency published it, personal data left out
    agency_name: str
    agency_code: str
    procedure_code: str
    received_at: dt.datetime
    answer: str
    answered_at: dt.datetime
    published_at: dt.datetime
    likes: int
    dislikes: int

    @property
    def kind_label(self) -> str:
        return str(self.kind.label)

    @property
    def subject_label(self) -> str:
        return str(self.subject.label)


_PUBLIC_FIELDS = (
    "code",
    "kind",
    "subject",
    "title",
    "public_content",
    "received_at",
    "answer",
    "answered_at",
    "published_at",
    "agency__name",
    "agency__code",
    "procedure__code",
)


def feedback_published_list(
    *, text: str = "", agency: str = "", subject: FeedbackSubject | None = None
) -> QuerySet[Feedback]:
    """Published answers, newest first, with their like and dislike counts; turn the rows of a
    page into `PublicAnswer` with `public_answers` (the template never gets the model)."""
    queryset = Feedback.objects.filter(status=FeedbackStatus.PUBLISHED)
    text = text.strip()
    if text:
        queryset = queryset.filter(
            Q(code__iexact=text)
            | Q(title__icontains=text)
            | Q(public_content__icontains=text)
            | Q(answer__icontains=text)
        )
    if agency:
        queryset = queryset.filter(agency__code=agency)
    if subject is not None:
        queryset = queryset.filter(subject=subject)
    return (
        queryset.select_related("agency", "procedure")
        .only(*_PUBLIC_FIELDS)
        .annotate(
            like_count=Count("reactions", filter=Q(reactions__value=ReactionValue.LIKE)),
            dislike_count=Count("reactions", filter=Q(reactions__value=ReactionValue.DISLIKE)),
        )
        .order_by("-published_at", "-pk")
    )


def public_answers(rows: Iterable[Feedback]) -> list[PublicAnswer]:
    return [public_answer(row) for row in rows]


def public_answer(row: Feedback) -> PublicAnswer:
    assert row.answered_at is not None
    assert row.published_at is not None
    return PublicAnswer(
        code=row.code,
        kind=FeedbackKind(row.kind),
        subject=FeedbackSubject(row.subject),
        title=row.title,
        content=row.public_content,
        agency_name=row.agency.name,
        agency_code=row.agency.code,
        procedure_code=row.procedure.code if row.procedure is not None else "",
        received_at=row.received_at,
        answer=row.answer,
        answered_at=row.answered_at,
        published_at=row.published_at,
        likes=int(getattr(row, "like_count", 0)),
        dislikes=int(getattr(row, "dislike_count", 0)),
    )


def feedback_published_get(*, code: str) -> PublicAnswer | None:
    row = feedback_published_list().filter(code=code.strip().upper()).first()
    return public_answer(row) if row is not None else None


def feedback_get_published(*, code: str) -> Feedback | None:
    """The published PAKN with this code (to react to it), else None."""
    return Feedback.objects.filter(
        code=code.strip().upper(), status=FeedbackStatus.PUBLISHED
    ).first()


def feedback_published_agencies() -> list[tuple[str, str]]:
    """(code, name) of the agencies with at least one published answer."""
    published = Feedback.objects.filter(status=FeedbackStatus.PUBLISHED).values("agency")
    return list(
        Agency.objects.filter(pk__in=published).order_by("name", "code").values_list("code", "name")
    )


def feedback_reaction_of(
    feedback_code: str, *, account: User | None, session_key: str
) -> ReactionValue | None:
    """The reader's own reaction to a published answer, if any."""
    reactions = FeedbackReaction.objects.filter(feedback__code=feedback_code)
    if account is not None and account.is_authenticated:
        reactions = reactions.filter(account=account)
    elif session_key:
        reactions = reactions.filter(session_key=session_key)
    else:
        return None
    value = reactions.values_list("value", flat=True).first()
    return ReactionValue(value) if value else None


# --- The sender's own ----------------------------------------------------------------------


def feedback_list_for_sender(*, account: User) -> QuerySet[Feedback]:
    """What this account sent, newest first."""
    return (
        Feedback.objects.filter(sender_account=account)
        .select_related("agency")
        .order_by("-received_at", "-pk")
    )


def feedback_for_sender(
    *, code: str, account: User | None = None, last4: str = ""
) -> Feedback | None:
    """The PAKN with this code when `account` sent it, or `last4` are the last four digits of
    the phone given when sending it; None otherwise (which one failed is not told)."""
    found = (
        Feedback.objects.filter(code=code.strip().upper())
        .select_related("agency", "procedure", "dossier")
        .first()
    )
    if found is None:
        return None
    if account is not None and account.is_authenticated and found.sender_account_id == account.pk:
        return found
    if last4 and last4_matches(found.sender_phone, last4):
        return found
    return None


def sender_timeline(feedback: Feedback) -> list[TimelineEntry]:
    """The steps the sender sees: what happened and where, not who (the agency acted)."""
    return [
        replace(entry, event=_without_actor(entry.event)) for entry in feedback_timeline(feedback)
    ]


def _without_actor(event: FeedbackEvent) -> FeedbackEvent:
    event.actor_name = ""
    event.actor_id = None
    return event


# --- Links offered on the form ---------------------------------------------------------------


@dataclass(frozen=True)
class ProcedureChoice:
    procedure: Procedure
    name: str  # of the version in force


LOCAL_PREFIX = "noi-bo/"


def feedback_procedure(*, code: str, on: dt.date) -> ProcedureChoice | None:
    """The procedure public on `on` with this code (a local one written `noi-bo/<code>`, as in
    the catalog's addresses)."""
    code = code.strip()
    namespace = CodeNamespace.NATIONAL
    if code.startswith(LOCAL_PREFIX):
        namespace, code = CodeNamespace.LOCAL, code.removeprefix(LOCAL_PREFIX)
    procedure = Procedure.objects.filter(namespace=namespace, code=code).first() if code else None
    version = version_current(procedure=procedure, on=on) if procedure is not None else None
    if procedure is None or version is None:
        return None
    return ProcedureChoice(procedure, version.name)
