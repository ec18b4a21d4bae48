"""A small province for dossier tests, built through the real services: agencies, a commune desk,
staff with roles, two published procedures (a linear one and one with an inter-agency step),
and helpers that receive a dossier at the counter."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from motcua.accounts.models import Agency, Desk, DeskKind, Role, User
from motcua.accounts.services import desk_create, membership_grant, staff_user_create
from motcua.catalog.models import CaseVariant, ProcedureVersion
from motcua.catalog.services import procedure_draft_save, procedure_publish
from motcua.core.timezone import local_datetime
from motcua.dossiers.files import Upload
from motcua.dossiers.models import Channel, Dossier
from motcua.workflow.services import (
    ApplicantInput,
    ComponentInput,
    dossier_approve,
    dossier_forward,
    dossier_receive,
    dossier_submit,
)
from tests.catalog.builders import POLICE, birth_registration, catalog_world, step

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JULY = dt.date(2025, 7, 1)
# A Monday in office hours, well inside the 2026 calendar (no holiday that week).
MONDAY_9AM = local_datetime(dt.date(2026, 3, 9), dt.time(9, 0))


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return local_datetime(day, dt.time(hour, minute))


def scan(name: str = "scan.pdf") -> Upload:
    return Upload(name, PDF)


INTER_AGENCY_STEPS = (
    step("tiep-nhan", "reception", "desk_officer", 2, to=["tham-dinh"], name="Tiếp nhận"),
    step("tham-dinh", "processing", "specialist", 8, to=["cong-an"], back=["tiep-nhan"],
         name="Thẩm định"),
    step("cong-an", "inter_agency", "specialist", 4, to=["phe-duyet"], agency=POLICE,
         name="Công an xác minh"),
    step("phe-duyet", "approval", "leader", 6, to=["tra-ket-qua"], back=["tham-dinh"],
         name="Lãnh đạo ký"),
    step("tra-ket-qua", "return", "desk_officer", 4, name="Trả kết quả"),
)  # fmt: skip


@dataclass
class World:
    commune: Agency
    police: Agency
    justice: Agency
    desk: Desk
    other_desk: Desk
    desk_officer: User
    specialist: User
    specialist2: User
    leader: User
    police_specialist: User
    other_officer: User  # a desk officer of another desk
    linear: ProcedureVersion
    inter: ProcedureVersion

    @property
    def variant(self) -> CaseVariant:
        return self.linear.variants.get()

    @property
    def inter_variant(self) -> CaseVariant:
        return self.inter.variants.get()


def _staff(username: str, agency: Agency, role: Role, desk: Desk | None = None) -> User:
    user = staff_user_create(
        username=username, full_name=username.replace(".", " ").title(), email=f"{username}@example.com",
        phone="", password="x-secret-123", actor=None,
    )  # fmt: skip
    membership_grant(user=user, agency=agency, role=role, desk=desk, actor=None)
    return user


def build_world() -> World:
    rows = catalog_world()
    commune, police, justice = rows["commune"], rows["police"], rows["justice"]
    assert isinstance(commune, Agency)
    assert isinstance(police, Agency)
    assert isinstance(justice, Agency)
    desk = desk_create(code="mot-cua-hoa-an", name="Bộ phận một cửa xã Hòa An",
                       kind=DeskKind.COMMUNE_CENTRE, host=commune, serves=[commune], actor=None)  # fmt: skip
    other_desk = desk_create(code="mot-cua-so-tp", name="Bộ phận một cửa Sở Tư pháp",
                             kind=DeskKind.AGENCY_DESK, host=justice, serves=[justice], actor=None)  # fmt: skip
    spec = birth_registration()
    linear = procedure_publish(
        version=procedure_draft_save(spec=spec, actor=None), valid_from=JULY, actor=None
    )
    inter_variant = replace(spec.variants[0], steps=INTER_AGENCY_STEPS, code="lien-thong",
                            name="Đăng ký khai sinh có xác minh")  # fmt: skip
    inter_spec = replace(spec, code="1.001194", name="Đăng ký khai sinh có yếu tố xác minh",
                         variants=(inter_variant,))  # fmt: skip
    inter = procedure_publish(
        version=procedure_draft_save(spec=inter_spec, actor=None), valid_from=JULY, actor=None
    )
    return World(
        commune=commune,
        police=police,
        justice=justice,
        desk=desk,
        other_desk=other_desk,
        desk_officer=_staff("tiepnhan.hoaan", commune, Role.DESK_OFFICER, desk),
        specialist=_staff("chuyenvien.hoaan", commune, Role.SPECIALIST),
        specialist2=_staff("chuyenvien2.hoaan", commune, Role.SPECIALIST),
        leader=_staff("lanhdao.hoaan", commune, Role.LEADER),
        police_specialist=_staff("chuyenvien.congan", police, Role.SPECIALIST),
        other_officer=_staff("tiepnhan.sotp", justice, Role.DESK_OFFICER, other_desk),
        linear=linear,
        inter=inter,
    )


APPLICANT = ApplicantInput(
    name="Nguyễn Văn Bình",
    id_number="001090012345",
    address="Thôn Đông, xã Hòa An",
    phone="0912345678",
    email="binh@example.com",
)
ANSWERS = {
    "child_name": "Nguyễn Minh An",
    "child_birth_date": "2026-03-01",
    "child_sex": "nam",
    "declarant_phone": "0912345678",
}


def full_components() -> list[ComponentInput]:
    return [
        ComponentInput("to-khai", originals=1, files=(scan("to-khai.pdf"),)),
        ComponentInput("giay-chung-sinh", originals=1, scan_exemption="Giấy tờ chỉ xuất trình"),
    ]


def receive(
    world: World,
    *,
    when: dt.datetime = MONDAY_9AM,
    variant: CaseVariant | None = None,
    applicant: ApplicantInput = APPLICANT,
    channel: Channel = Channel.COUNTER,
) -> Dossier:
    return dossier_receive(
        desk=world.desk,
        variant=variant or world.variant,
        applicant=applicant,
        components=full_components(),
        answers=ANSWERS,
        actor=world.desk_officer,
        channel=channel,
        received_at=when,
        fees_paid=Decimal(0),
    )


# --- More helpers for the service tests (tests/workflow, tests/dossiers) -------------------------


def receive_dossier(
    world: World,
    *,
    when: dt.datetime = MONDAY_9AM,
    desk: Desk | None = None,
    actor: User | None = None,
    variant: CaseVariant | None = None,
    agency: Agency | None = None,
    applicant: ApplicantInput = APPLICANT,
    components: list[ComponentInput] | None = None,
    answers: Mapping[str, object] | None = None,
    channel: Channel = Channel.COUNTER,
    conditions: tuple[str, ...] = (),
) -> Dossier:
    """`receive` with every input open to change (desk, officer, components, answers…)."""
    return dossier_receive(
        desk=desk or world.desk,
        variant=variant or world.variant,
        applicant=applicant,
        components=full_components() if components is None else components,
        answers=ANSWERS if answers is None else answers,
        actor=actor or world.desk_officer,
        agency=agency,
        channel=channel,
        conditions=conditions,
        received_at=when,
        fees_paid=Decimal(0),
    )


def online_components() -> list[ComponentInput]:
    return [
        ComponentInput("to-khai", electronic=True, files=(scan("to-khai.pdf"),)),
        ComponentInput("giay-chung-sinh", electronic=True, files=(scan("chung-sinh.pdf"),)),
    ]


def submit_online(
    world: World,
    *,
    account: User,
    when: dt.datetime = MONDAY_9AM,
    variant: CaseVariant | None = None,
) -> Dossier:
    """An online submission by the citizen `account` to the commune desk (status 1, no code)."""
    return dossier_submit(
        variant=variant or world.variant,
        desk=world.desk,
        applicant=replace(APPLICANT, account=account),
        components=online_components(),
        answers=ANSWERS,
        actor=account,
        submitted_at=when,
    )


def to_approval(world: World, dossier: Dossier, *, day: dt.date | None = None) -> Dossier:
    """Linear procedure: reception → appraisal (10:00) → approval (14:00) on `day`."""
    day = day or MONDAY_9AM.date()
    dossier = dossier_forward(dossier=dossier, actor=world.desk_officer, at=at(day, 10))
    return dossier_forward(dossier=dossier, actor=world.specialist, at=at(day, 14))


def to_result(world: World, dossier: Dossier, *, when: dt.datetime | None = None) -> Dossier:
    """Linear procedure, from the approval step: the leader approves with a result file."""
    when = when or at(MONDAY_9AM.date(), 15)
    return dossier_approve(dossier=dossier, actor=world.leader, files=[scan("kq.pdf")], at=when)
