"""Who may read and change the procedure catalog.

- Superusers and province admins manage every procedure: save drafts, publish, return proposals,
  abolish or replace.
- Agency admins save and discard drafts of the procedures their agency (or an agency under it)
  executes, and propose them for publication; they never publish or abolish.
- Other staff with an active membership read the whole catalog, drafts included.
- Citizens read only the public catalog (the portal), nothing here.

`access_procedure` answers "not found" for a procedure the actor may not act on, so a page never
tells an actor what exists beyond their reach.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone

from motcua.accounts.models import Role, User, UserKind
from motcua.accounts.selectors import agency_subtree_ids, membership_list_active
from motcua.catalog.models import CodeNamespace, Procedure, ProcedureVersion, VersionStatus
from motcua.core.errors import NotFound, PermissionDenied


class CatalogAction(StrEnum):
    READ = "read"  # see procedures, drafts and their history
    EDIT = "edit"  # save, discard and propose drafts
    PUBLISH = "publish"  # publish, return proposals, abolish or replace


@dataclass(frozen=True)
class CatalogRights:
    """What one actor may do in the catalog (computed once per request or service call)."""

    read: bool = False
    manage_all: bool = False  # province admin or superuser
    agency_ids: frozenset[int] = (
        frozenset()
    )  # agency admin: the agencies they administer, with sub-trees

    @property
    def may_create(self) -> bool:
        return self.manage_all or bool(self.agency_ids)

    def may_edit(self, agency_ids: Iterable[int]) -> bool:
        """May edit a procedure executed by `agency_ids`."""
        return self.manage_all or not self.agency_ids.isdisjoint(agency_ids)

    def may(self, action: CatalogAction, *, agency_ids: Iterable[int] = ()) -> bool:
        if action is CatalogAction.READ:
            return self.read
        if action is CatalogAction.EDIT:
            return self.may_edit(agency_ids)
        return self.manage_all


NO_RIGHTS = CatalogRights()


def catalog_rights(actor: User, *, on: dt.date | None = None) -> CatalogRights:
    """The actor's rights from their memberships active on `on` (today by default)."""
    if not actor.is_active:
        return NO_RIGHTS
    if actor.is_superuser:
        return CatalogRights(read=True, manage_all=True)
    if actor.kind != UserKind.STAFF:
        return NO_RIGHTS
    memberships = list(membership_list_active(user=actor, on=on or timezone.localdate()))
    if not memberships:
        return NO_RIGHTS
    if any(m.role == Role.PROVINCE_ADMIN for m in memberships):
        return CatalogRights(read=True, manage_all=True)
    scope: set[int] = set()
    for m in memberships:
        if m.role == Role.AGENCY_ADMIN and m.agency_id not in scope:
            scope |= agency_subtree_ids(agency=m.agency)
    return CatalogRights(read=True, agency_ids=frozenset(scope))


def procedure_agency_ids(*, procedure: Procedure) -> set[int]:
    """The agencies executing `procedure`: those of its draft and of its latest published
    version (an agency stays in charge while its draft moves the procedure elsewhere)."""
    versions = ProcedureVersion.objects.filter(procedure=procedure)
    latest = (
        versions.filter(status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .values_list("pk", flat=True)[:1]
    )
    pks = [*versions.filter(status=VersionStatus.DRAFT).values_list("pk", flat=True), *latest]
    through = ProcedureVersion.executing_agencies.through
    return set(
        through.objects.filter(procedureversion_id__in=pks).values_list("agency_id", flat=True)
    )


def can_act_on_procedure(
    actor: User,
    *,
    procedure: Procedure,
    action: CatalogAction,
    rights: CatalogRights | None = None,
) -> bool:
    rights = rights if rights is not None else catalog_rights(actor)
    if action is CatalogAction.EDIT and not rights.manage_all:
        if not rights.agency_ids:
            return False
        return rights.may_edit(procedure_agency_ids(procedure=procedure))
    return rights.may(action)


def access_procedure(
    actor: User,
    *,
    code: str,
    namespace: str = CodeNamespace.NATIONAL,
    action: CatalogAction = CatalogAction.READ,
    rights: CatalogRights | None = None,
) -> Procedure:
    """The procedure `namespace`/`code`, if `actor` may do `action` on it; NotFound otherwise
    (whether it exists or not)."""
    procedure = Procedure.objects.filter(namespace=namespace, code=code).first()
    if procedure is None or not can_act_on_procedure(
        actor, procedure=procedure, action=action, rights=rights
    ):
        raise NotFound("Không tìm thấy thủ tục.")
    return procedure


def require_catalog_right(
    actor: User | None,
    *,
    action: CatalogAction,
    procedure: Procedure | None = None,
    agency_ids: Iterable[int] | None = None,
) -> None:
    """For services: refuse an actor without the right. `actor=None` is the system (imports,
    demo data, commands) and may do everything.

    EDIT is checked against the existing procedure's agencies (if any) and against the agencies a
    new spec names (`agency_ids`, if given): both must include one the actor administers."""
    if actor is None:
        return
    rights = catalog_rights(actor)
    if action is CatalogAction.PUBLISH and not rights.manage_all:
        raise PermissionDenied(
            "Chỉ quản trị cấp tỉnh được công bố, bãi bỏ thủ tục hoặc trả lại đề xuất.",
            code="catalog_publish_forbidden",
        )
    if action is CatalogAction.EDIT and not rights.manage_all:
        if not rights.agency_ids:
            raise PermissionDenied(
                "Bạn không có quyền soạn thảo thủ tục hành chính.", code="catalog_edit_forbidden"
            )
        if procedure is not None and not rights.may_edit(procedure_agency_ids(procedure=procedure)):
            raise PermissionDenied(
                "Thủ tục này không do cơ quan bạn quản trị thực hiện.",
                code="catalog_edit_forbidden",
            )
        if agency_ids is not None and not rights.may_edit(agency_ids):
            raise PermissionDenied(
                "Cơ quan thực hiện phải gồm cơ quan bạn quản trị (hoặc đơn vị trực thuộc).",
                code="catalog_edit_forbidden",
                field="executing_agencies",
            )
    if action is CatalogAction.READ and not rights.read:
        raise PermissionDenied("Bạn không có quyền xem danh mục thủ tục.")
