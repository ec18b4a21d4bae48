"""Satisfaction ratings (đánh giá mức độ hài lòng, Decree 61/2018 Art 27–32; Decision 766 items
5.3–5.4): once a dossier is returned, its applicant rates the service once — online from their
account, or on a slip or a counter device whose answers a desk officer of the dossier's desk
enters.

A rating is the national portal's like / dislike (`satisfied`, required) plus, optionally, a level
for each criterion of `MOTCUA_RATING_CRITERIA` (Art 31) and a comment. It is not a status change,
so it is not a workflow action: the dossier row is locked only to keep "once" exact. The rating
row holds no person (the evaluator's identity stays confidential in reports, Art 28); the audit
trail records who entered it, on the dossier, without the answers.
"""

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Value
from django.db.models.fields.json import KeyTextTransform
from django.db.models.lookups import Exact
from django.utils import timezone

from motcua.accounts.models import Role, User, UserKind
from motcua.accounts.selectors import membership_list_active
from motcua.core.audit import audit_record
from motcua.core.errors import DomainError, PermissionDenied, ValidationFailed
from motcua.core.timezone import to_local
from motcua.dossiers.models import (
    RATING_COMMENT_MAX,
    Dossier,
    DossierRating,
    DossierStatus,
    RatingChannel,
    RatingLevel,
)

# A criterion code: lowercase ASCII words joined by single underscores (stored in the answers and
# used as a JSON key in the summary's query).
_CODE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
# The path of the rating page under MOTCUA_PUBLIC_URL (portal:rate; a test keeps them equal).
RATING_PATH = "/ho-so-cua-toi/{code}/danh-gia/"


class RatingExists(DomainError):
    """The dossier has been rated already (once per dossier)."""

    code = "rating_exists"


class RatingNotOpen(DomainError):
    """The dossier's result has not been returned yet: nothing to rate."""

    code = "rating_not_open"


@dataclass(frozen=True)
class Criterion:
    code: str
    question: str  # Vietnamese, marked for translation in the setting (translate when shown)


def rating_criteria() -> tuple[Criterion, ...]:
    """The criteria asked, from `MOTCUA_RATING_CRITERIA`; a malformed setting is refused."""
    criteria: list[Criterion] = []
    for entry in settings.MOTCUA_RATING_CRITERIA:
        try:
            code, question = entry
        except (TypeError, ValueError) as exc:
            raise ImproperlyConfigured(
                f"MOTCUA_RATING_CRITERIA: {entry!r} is not a pair (code, question)."
            ) from exc
        if not isinstance(code, str) or not _CODE.match(code) or not str(question).strip():
            raise ImproperlyConfigured(
                f"MOTCUA_RATING_CRITERIA: code {code!r} must be lowercase ASCII words joined by "
                "single underscores, with a question."
            )
        if any(c.code == code for c in criteria):
            raise ImproperlyConfigured(f"MOTCUA_RATING_CRITERIA: code {code!r} appears twice.")
        criteria.append(Criterion(code, str(question)))
    return tuple(criteria)


def rating_url(dossier: Dossier) -> str:
    """The rating page of this dossier, absolute (for the "returned" messages)."""
    path = RATING_PATH.format(code=dossier.display_code)
    return f"{settings.MOTCUA_PUBLIC_URL.rstrip('/')}{path}"


def rating_of(*, dossier: Dossier) -> DossierRating | None:
    """The dossier's rating, if it has one (read through `select_related("rating")` when loaded)."""
    try:
        return dossier.rating
    except DossierRating.DoesNotExist:
        return None


def _is_desk_officer(actor: User, dossier: Dossier, *, on: dt.date) -> bool:
    if not actor.is_authenticated or not actor.is_active or actor.kind != UserKind.STAFF:
        return False
    return (
        membership_list_active(user=actor, on=on)
        .filter(role=Role.DESK_OFFICER, desk_id=dossier.desk_id)
        .exists()
    )


def can_rate(actor: User, dossier: Dossier, *, channel: RatingChannel, on: dt.date) -> bool:
    """Online: the dossier's applicant account. Slip or counter device: a desk officer of the
    dossier's desk, who enters what the applicant gave."""
    if channel == RatingChannel.ONLINE:
        return (
            actor.is_authenticated
            and actor.is_active
            and dossier.applicant_account_id is not None
            and dossier.applicant_account_id == actor.pk
        )
    return _is_desk_officer(actor, dossier, on=on)


def can_record_rating(actor: User, dossier: Dossier, *, on: dt.date) -> bool:
    """Whether `actor` may enter a paper slip's rating for this dossier now (returned, unrated)."""
    return (
        dossier.status == DossierStatus.RETURNED
        and rating_of(dossier=dossier) is None
        and can_rate(actor, dossier, channel=RatingChannel.SLIP, on=on)
    )


def _clean_answers(answers: Mapping[str, str]) -> dict[str, str]:
    known = {c.code for c in rating_criteria()}
    clean: dict[str, str] = {}
    for code, level in answers.items():
        if code not in known:
            raise ValidationFailed(
                f"Không có tiêu chí đánh giá “{code}”.", code="criterion_unknown", field="answers"
            )
        if level not in RatingLevel.values:
            raise ValidationFailed(
                "Vui lòng chọn một mức đánh giá trong danh sách.",
                code="level_invalid",
                field=f"answers.{code}",
            )
        clean[code] = level
    return clean


@transaction.atomic
def dossier_rate(
    *,
    dossier: Dossier,
    satisfied: bool,
    answers: Mapping[str, str],
    comment: str = "",
    channel: RatingChannel,
    actor: User,
    at: dt.datetime | None = None,
) -> DossierRating:
    """Record the rating of a returned dossier, once. `answers` maps criterion codes to levels
    (criteria left out were not answered)."""
    at = at or timezone.now()
    dossier = Dossier.objects.select_for_update(of=("self",)).get(pk=dossier.pk)
    if not can_rate(actor, dossier, channel=channel, on=to_local(at).date()):
        raise PermissionDenied(
            "Chỉ người nộp hồ sơ (trực tuyến) hoặc cán bộ Bộ phận một cửa tiếp nhận hồ sơ (nhập "
            "phiếu đánh giá) được đánh giá hồ sơ này.",
            code="rating_not_permitted",
        )
    if dossier.status != DossierStatus.RETURNED:
        raise RatingNotOpen("Hồ sơ chưa được trả kết quả: chưa thể đánh giá.")
    if DossierRating.objects.filter(dossier=dossier).exists():
        raise RatingExists("Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.")
    clean = _clean_answers(answers)
    comment = comment.strip()
    if len(comment) > RATING_COMMENT_MAX:
        raise ValidationFailed(
            f"Ý kiến khác không dài quá {RATING_COMMENT_MAX} ký tự.",
            code="comment_too_long",
            field="comment",
        )
    try:
        with transaction.atomic():
            rating = DossierRating.objects.create(
                dossier=dossier,
                satisfied=satisfied,
                answers=clean,
                comment=comment,
                channel=channel,
                rated_at=at,
            )
    except IntegrityError as exc:  # the one-to-one: rated meanwhile (the lock makes this rare)
        raise RatingExists("Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.") from exc
    audit_record(actor=actor, action="dossier.rated", obj=dossier, data={"channel": channel.value})
    return rating


# --- Reads --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatedCriterion:
    code: str
    question: str
    level: RatingLevel


def rating_rows(rating: DossierRating) -> list[RatedCriterion]:
    """The rating's answers in the order of the criteria (a criterion since removed from the
    setting is shown last, by its code)."""
    questions = {c.code: c.question for c in rating_criteria()}
    order = {code: n for n, code in enumerate(questions)}
    codes = sorted(rating.answers, key=lambda code: (order.get(code, len(order)), code))
    return [
        RatedCriterion(code, questions.get(code, code), RatingLevel(rating.answers[code]))
        for code in codes
        if rating.answers[code] in RatingLevel.values
    ]


@dataclass(frozen=True)
class CriterionSummary:
    code: str
    question: str
    counts: dict[RatingLevel, int]  # every level, in RatingLevel's order

    @property
    def answered(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class RatingSummary:
    """Ratings counted without any person: how many, liked or not, and each criterion's levels."""

    total: int
    satisfied: int
    dissatisfied: int
    criteria: tuple[CriterionSummary, ...]

    @property
    def satisfied_percent(self) -> float | None:
        return None if self.total == 0 else round(100 * self.satisfied / self.total, 1)


def _level_key(criterion: int, level: int) -> str:
    return f"c{criterion}_{level}"


def rating_summary(
    *,
    agency_ids: Collection[int] | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> RatingSummary:
    """The ratings of dossiers of these competent agencies (all when None) given in
    [`since`, `until`): counts satisfied / not and, per criterion, per level. One query."""
    ratings = DossierRating.objects.all()
    if agency_ids is not None:
        ratings = ratings.filter(dossier__agency_id__in=list(agency_ids))
    if since is not None:
        ratings = ratings.filter(rated_at__gte=since)
    if until is not None:
        ratings = ratings.filter(rated_at__lt=until)
    criteria = rating_criteria()
    counts: dict[str, Count] = {
        "total": Count("pk"),
        "satisfied": Count("pk", filter=Q(satisfied=True)),
    }
    levels = list(RatingLevel)
    for n, criterion in enumerate(criteria):
        answer = KeyTextTransform(criterion.code, "answers")
        for m, level in enumerate(levels):
            counts[_level_key(n, m)] = Count("pk", filter=Exact(answer, Value(level.value)))
    row = ratings.aggregate(**counts)
    return RatingSummary(
        total=row["total"],
        satisfied=row["satisfied"],
        dissatisfied=row["total"] - row["satisfied"],
        criteria=tuple(
            CriterionSummary(
                code=c.code,
                question=c.question,
                counts={level: row[_level_key(n, m)] for m, level in enumerate(levels)},
            )
            for n, c in enumerate(criteria)
        ),
    )
