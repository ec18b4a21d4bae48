"""Who sees which figures: reports are actor-scoped like every other read.

- Province administrators and inspectors see every agency under their agency's province (the
  whole tree when their membership is at the province or above it).
- Leaders and agency administrators see their agency and everything under it.
- Everyone else (desk officers, specialists) sees no agency report; their own monthly evaluation
  is offered to them separately (`motcua.reports.officers`).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from motcua.accounts.models import Agency, AgencyLevel, Role, User
from motcua.accounts.selectors import agency_province, agency_subtree_ids, membership_list_active
from motcua.catalog.models import Field, Procedure
from motcua.core.errors import NotFound, PermissionDenied
from motcua.dossiers.models import Channel

WIDE_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.INSPECTOR})
AGENCY_ROLES = frozenset({Role.LEADER, Role.AGENCY_ADMIN})


@dataclass(frozen=True)
class ReportScope:
    """The agencies an actor may report on (`None`: every agency)."""

    agency_ids: frozenset[int] | None
    roots: tuple[Agency, ...] = ()  # the agencies the scope was granted at, for the default view

    def allows(self, agency_id: int) -> bool:
        return self.agency_ids is None or agency_id in self.agency_ids

    def q(self, column: str = "agency_id") -> Q:
        return Q() if self.agency_ids is None else Q(**{f"{column}__in": self.agency_ids})


def report_scope(*, actor: User, on: dt.date) -> ReportScope:
    """The actor's report scope; PermissionDenied for roles without reports."""
    if actor.is_superuser:
        return ReportScope(None, tuple(Agency.objects.filter(parent=None).order_by("code")))
    ids: set[int] = set()
    roots: list[Agency] = []
    for membership in membership_list_active(user=actor, on=on):
        if membership.role in WIDE_ROLES:
            province = agency_province(agency=membership.agency)
            root = province or membership.agency
            if root.level == AgencyLevel.PROVINCE and root.parent_id is None:
                return ReportScope(None, (root,))
        elif membership.role in AGENCY_ROLES:
            root = membership.agency
        else:
            continue
        roots.append(root)
        ids |= agency_subtree_ids(agency=root)
    if not ids:
        raise PermissionDenied(
            "Tài khoản của Ông/Bà không có quyền xem báo cáo của cơ quan nào.",
            code="reports_not_permitted",
        )
    return ReportScope(frozenset(ids), tuple(roots))


@dataclass(frozen=True)
class ReportFilter:
    """What a report counts: an agency with its sub-tree, and optionally a field, a procedure, a
    channel. `agency_ids` is already intersected with the actor's scope."""

    agency_ids: frozenset[int] | None
    agency: Agency | None = None
    field: Field | None = None
    procedure: Procedure | None = None
    channel: Channel | None = None

    def q(self, prefix: str = "") -> Q:
        query = Q()
        if self.agency_ids is not None:
            query &= Q(**{f"{prefix}agency_id__in": self.agency_ids})
        if self.field is not None:
            query &= Q(**{f"{prefix}field_id": self.field.pk})
        if self.procedure is not None:
            query &= Q(**{f"{prefix}procedure_id": self.procedure.pk})
        if self.channel is not None:
            query &= Q(**{f"{prefix}channel": self.channel.value})
        return query

    def params(self) -> dict[str, str]:
        """The filter as query-string parameters (for links and exports)."""
        values = {
            "agency": self.agency.code if self.agency else "",
            "field": self.field.code if self.field else "",
            "procedure": self.procedure.code if self.procedure else "",
            "channel": self.channel.value if self.channel else "",
        }
        return {key: value for key, value in values.items() if value}


def report_filter(
    *,
    scope: ReportScope,
    agency: Agency | None = None,
    field: Field | None = None,
    procedure: Procedure | None = None,
    channel: Channel | None = None,
) -> ReportFilter:
    """A filter within the scope; an agency outside it is NotFound (never say it exists)."""
    if agency is None:
        ids = scope.agency_ids
    else:
        if not scope.allows(agency.pk):
            raise NotFound("Không tìm thấy cơ quan.", code="agency_not_found", field="agency")
        subtree = frozenset(agency_subtree_ids(agency=agency))
        ids = subtree if scope.agency_ids is None else subtree & scope.agency_ids
    return ReportFilter(ids, agency, field, procedure, channel)
