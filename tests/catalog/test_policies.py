"""Who may do what in the catalog, through the services: province admins manage everything, agency
admins draft and propose for their own agencies, other staff read, citizens nothing."""

import datetime as dt

import pytest

from motcua.accounts.models import Role
from motcua.catalog.models import Procedure, ProcedureVersion, VersionStatus
from motcua.catalog.policies import (
    CatalogAction,
    access_procedure,
    can_act_on_procedure,
    catalog_rights,
)
from motcua.catalog.selectors import version_draft, version_spec
from motcua.catalog.services import (
    procedure_abolish,
    procedure_draft_discard,
    procedure_draft_from_current,
    procedure_draft_propose,
    procedure_draft_save,
    procedure_proposal_return,
    procedure_publish,
)
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed
from motcua.core.models import AuditEvent
from tests.accounts.factories import CitizenFactory, MembershipFactory, StaffUserFactory
from tests.catalog.builders import COMMUNE, JUSTICE, birth_registration, catalog_world

pytestmark = pytest.mark.django_db

JULY = dt.date(2025, 7, 1)


@pytest.fixture
def world():
    return catalog_world()


def member(agency, role):
    return MembershipFactory(agency=agency, role=role).user


@pytest.fixture
def province_admin(world):
    return member(world["province"], Role.PROVINCE_ADMIN)


@pytest.fixture
def commune_admin(world):
    return member(world["commune"], Role.AGENCY_ADMIN)


@pytest.fixture
def justice_admin(world):
    return member(world["justice"], Role.AGENCY_ADMIN)


@pytest.fixture
def specialist(world):
    return member(world["commune"], Role.SPECIALIST)


def published(spec=None):
    draft = procedure_draft_save(spec=spec or birth_registration(), actor=None)
    return procedure_publish(version=draft, valid_from=JULY, actor=None)


# --- Rights -------------------------------------------------------------------------------------


def test_rights_by_role(world, province_admin, commune_admin, specialist) -> None:
    assert catalog_rights(province_admin).manage_all
    commune = catalog_rights(commune_admin)
    assert commune.read
    assert not commune.manage_all
    assert commune.agency_ids == {world["commune"].pk}
    officer = catalog_rights(specialist)
    assert officer.read
    assert not officer.may_create
    assert not catalog_rights(CitizenFactory()).read
    assert not catalog_rights(StaffUserFactory()).read  # staff without any membership


def test_an_agency_admin_administers_the_agencies_under_theirs(world) -> None:
    province_level_admin = member(world["province"], Role.AGENCY_ADMIN)
    rights = catalog_rights(province_level_admin)
    assert {world["commune"].pk, world["justice"].pk, world["province"].pk} <= rights.agency_ids
    assert not rights.manage_all


def test_an_ended_membership_gives_no_rights(world) -> None:
    user = MembershipFactory(
        agency=world["province"],
        role=Role.PROVINCE_ADMIN,
        valid_from=dt.date(2024, 1, 1),
        valid_to=dt.date(2025, 1, 1),
    ).user
    assert not catalog_rights(user).read


def test_access_answers_not_found_for_what_the_actor_may_not_do(
    world, commune_admin, justice_admin, specialist
) -> None:
    published()
    assert access_procedure(commune_admin, code="1.001193", action=CatalogAction.EDIT)
    assert access_procedure(justice_admin, code="1.001193").code == "1.001193"  # reading
    for user, action in [
        (justice_admin, CatalogAction.EDIT),
        (commune_admin, CatalogAction.PUBLISH),
        (specialist, CatalogAction.EDIT),
        (CitizenFactory(), CatalogAction.READ),
    ]:
        with pytest.raises(NotFound):
            access_procedure(user, code="1.001193", action=action)
    with pytest.raises(NotFound):
        access_procedure(commune_admin, code="9.999999")


# --- Drafts -------------------------------------------------------------------------------------


def test_an_agency_admin_drafts_for_their_agency(commune_admin) -> None:
    draft = procedure_draft_save(spec=birth_registration(), actor=commune_admin)
    assert draft.created_by == commune_admin
    assert AuditEvent.objects.get(action="procedure.draft_saved").actor == commune_admin


def test_an_agency_admin_may_not_draft_for_another_agency(justice_admin) -> None:
    with pytest.raises(PermissionDenied) as exc:
        procedure_draft_save(spec=birth_registration(), actor=justice_admin)
    assert exc.value.field == "executing_agencies"
    assert Procedure.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="procedure.").exists()


def test_an_agency_admin_may_not_take_over_another_agencys_procedure(commune_admin) -> None:
    published(birth_registration(executing_agency_codes=(JUSTICE,)))
    with pytest.raises(PermissionDenied) as exc:
        procedure_draft_save(spec=birth_registration(), actor=commune_admin)
    assert exc.value.code == "catalog_edit_forbidden"
    assert ProcedureVersion.objects.count() == 1


def test_an_agency_admin_keeps_their_procedure_while_the_draft_moves_it(commune_admin) -> None:
    published()
    spec = birth_registration(executing_agency_codes=(COMMUNE, JUSTICE))
    procedure_draft_save(spec=spec, actor=commune_admin)
    procedure = Procedure.objects.get()
    assert can_act_on_procedure(commune_admin, procedure=procedure, action=CatalogAction.EDIT)


def test_staff_and_citizens_may_not_draft(specialist) -> None:
    for user in (specialist, CitizenFactory()):
        with pytest.raises(PermissionDenied):
            procedure_draft_save(spec=birth_registration(), actor=user)
    assert Procedure.objects.count() == 0


def test_a_new_procedure_may_not_reuse_a_code(province_admin) -> None:
    published()
    with pytest.raises(ValidationFailed) as exc:
        procedure_draft_save(spec=birth_registration(), actor=province_admin, new_procedure=True)
    assert (exc.value.code, exc.value.field) == ("procedure_code_taken", "code")
    assert ProcedureVersion.objects.count() == 1


def test_discarding_follows_the_edit_right(commune_admin, justice_admin) -> None:
    draft = procedure_draft_save(spec=birth_registration(), actor=None)
    with pytest.raises(PermissionDenied):
        procedure_draft_discard(version=draft, actor=justice_admin, reason="Nhầm")
    procedure_draft_discard(version=draft, actor=commune_admin, reason="Nhập sai")
    assert ProcedureVersion.objects.count() == 0


# --- Proposals ----------------------------------------------------------------------------------


def test_propose_then_publish(commune_admin, province_admin) -> None:
    draft = procedure_draft_save(spec=birth_registration(), actor=commune_admin)
    proposed = procedure_draft_propose(version=draft, actor=commune_admin, note="Xin công bố")
    assert proposed.proposed_by == commune_admin
    assert proposed.proposal_note == "Xin công bố"
    assert proposed.is_proposed
    with pytest.raises(PermissionDenied):
        procedure_publish(version=draft, valid_from=JULY, actor=commune_admin)
    version = procedure_publish(version=draft, valid_from=JULY, actor=province_admin)
    assert version.status == VersionStatus.PUBLISHED
    assert version.published_by == province_admin
    assert version.proposed_at is None
    assert version.proposed_by is None
    event = AuditEvent.objects.get(action="procedure.published")
    assert event.data["proposed_by"] == commune_admin.pk


def test_only_a_complete_draft_may_be_proposed(commune_admin) -> None:
    draft = procedure_draft_save(spec=birth_registration(result=""), actor=commune_admin)
    with pytest.raises(ValidationFailed) as exc:
        procedure_draft_propose(version=draft, actor=commune_admin, note="")
    assert exc.value.code == "procedure_incomplete"
    assert exc.value.field == "result"
    draft.refresh_from_db()
    assert draft.proposed_at is None


def test_proposing_twice_is_refused(commune_admin) -> None:
    draft = procedure_draft_save(spec=birth_registration(), actor=commune_admin)
    procedure_draft_propose(version=draft, actor=commune_admin, note="")
    with pytest.raises(ValidationFailed) as exc:
        procedure_draft_propose(version=draft, actor=commune_admin, note="")
    assert exc.value.code == "version_already_proposed"


def test_saving_the_draft_withdraws_its_proposal(commune_admin) -> None:
    draft = procedure_draft_save(spec=birth_registration(), actor=commune_admin)
    procedure_draft_propose(version=draft, actor=commune_admin, note="")
    again = procedure_draft_save(spec=birth_registration(name="Tên mới"), actor=commune_admin)
    assert again.pk == draft.pk
    assert again.proposed_at is None
    assert AuditEvent.objects.filter(data__proposal_withdrawn=True).count() == 1


def test_a_proposal_is_returned_by_a_province_admin_with_a_reason(
    commune_admin, province_admin
) -> None:
    draft = procedure_draft_save(spec=birth_registration(), actor=commune_admin)
    procedure_draft_propose(version=draft, actor=commune_admin, note="")
    with pytest.raises(PermissionDenied):
        procedure_proposal_return(version=draft, actor=commune_admin, reason="Tự trả")
    with pytest.raises(ValidationFailed):
        procedure_proposal_return(version=draft, actor=province_admin, reason=" ")
    procedure_proposal_return(version=draft, actor=province_admin, reason="Thiếu căn cứ")
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT
    assert draft.proposed_at is None
    event = AuditEvent.objects.get(action="procedure.proposal_returned")
    assert (event.actor, event.reason) == (province_admin, "Thiếu căn cứ")


# --- Publication and the end of a procedure -----------------------------------------------------


@pytest.mark.parametrize("role", [Role.AGENCY_ADMIN, Role.SPECIALIST, Role.LEADER])
def test_only_province_admins_publish_and_abolish(world, role) -> None:
    user = member(world["commune"], role)
    draft = procedure_draft_save(spec=birth_registration(), actor=None)
    with pytest.raises(PermissionDenied) as exc:
        procedure_publish(version=draft, valid_from=JULY, actor=user)
    assert exc.value.code == "catalog_publish_forbidden"
    procedure_publish(version=draft, valid_from=JULY, actor=None)
    with pytest.raises(PermissionDenied):
        procedure_abolish(
            procedure=Procedure.objects.get(), valid_to=dt.date(2026, 1, 1), reason="x", actor=user
        )
    assert ProcedureVersion.objects.get().valid_to is None


def test_superusers_manage_everything(world, django_user_model) -> None:
    root = django_user_model.objects.create_superuser(username="root", password="x")
    draft = procedure_draft_save(spec=birth_registration(), actor=root)
    procedure_publish(version=draft, valid_from=JULY, actor=root)
    procedure_abolish(
        procedure=Procedure.objects.get(), valid_to=dt.date(2026, 1, 1), reason="Bãi bỏ", actor=root
    )
    assert AuditEvent.objects.filter(actor=root).count() == 3


# --- Amending -----------------------------------------------------------------------------------


def test_amending_starts_a_draft_from_the_published_version(commune_admin) -> None:
    first = published()
    draft = procedure_draft_from_current(procedure=first.procedure, actor=commune_admin)
    assert draft.number == 2
    assert draft.status == VersionStatus.DRAFT
    assert version_spec(version=draft) == version_spec(version=first)
    event = AuditEvent.objects.filter(action="procedure.draft_saved").latest("pk")
    assert event.actor == commune_admin
    assert "phiên bản 1" in event.reason


def test_amending_is_refused_while_a_draft_exists_or_after_the_end(province_admin) -> None:
    first = published()
    procedure = first.procedure
    procedure_draft_from_current(procedure=procedure, actor=province_admin)
    with pytest.raises(ValidationFailed) as exc:
        procedure_draft_from_current(procedure=procedure, actor=province_admin)
    assert exc.value.code == "procedure_has_draft"
    draft = version_draft(procedure=procedure)
    assert draft is not None
    procedure_draft_discard(version=draft, actor=province_admin, reason="Không cần")
    procedure_abolish(
        procedure=procedure, valid_to=dt.date(2026, 1, 1), reason="Bãi bỏ", actor=province_admin
    )
    with pytest.raises(ValidationFailed) as exc:
        procedure_draft_from_current(procedure=procedure, actor=province_admin)
    assert exc.value.code == "procedure_already_ended"


def test_amending_another_agencys_procedure_is_refused(justice_admin) -> None:
    first = published()
    with pytest.raises(PermissionDenied):
        procedure_draft_from_current(procedure=first.procedure, actor=justice_admin)
    assert ProcedureVersion.objects.count() == 1
