"""Building PAKN for tests through the real services: a sender, a submission, staff of an agency.

world = build_world()                       # tests.dossiers.builders: agencies, desks, staff
feedback = send(title="…")                  # routed to the province (no links)
feedback = send(dossier=dossier, actor=citizen)
officer = staff(world.commune, Role.SPECIALIST)
"""

import datetime as dt
import itertools

from motcua.accounts.models import Agency, Role, User
from motcua.accounts.services import membership_grant, staff_user_create
from motcua.catalog.models import Procedure
from motcua.dossiers.models import Dossier
from motcua.feedback.models import Feedback, FeedbackChannel, FeedbackKind, FeedbackSubject
from motcua.feedback.services import SenderInput, feedback_submit

SENDER = SenderInput(
    name="Trần Thị Mai",
    address="Số 5 đường Lê Lợi, xã Hòa An",
    phone="0987 654 321",
    email="mai@example.com",
)
_numbers = itertools.count(1)


def send(
    *,
    title: str = "Thời gian chờ tại Bộ phận một cửa quá lâu",
    content: str = "Tôi phải chờ hơn hai giờ để được tiếp nhận hồ sơ.",
    kind: FeedbackKind = FeedbackKind.FEEDBACK,
    subject: FeedbackSubject = FeedbackSubject.HANDLING,
    sender: SenderInput = SENDER,
    actor: User | None = None,
    dossier: Dossier | None = None,
    last4: str = "",
    procedure: Procedure | None = None,
    channel: FeedbackChannel = FeedbackChannel.PORTAL,
    received_at: dt.datetime | None = None,
    repeat_of: Feedback | None = None,
) -> Feedback:
    return feedback_submit(
        kind=kind,
        subject=subject,
        title=title,
        content=content,
        sender=sender,
        actor=actor,
        channel=channel,
        procedure=procedure,
        dossier_code=dossier.display_code if dossier is not None else "",
        dossier_last4=last4,
        repeat_of_code=repeat_of.code if repeat_of is not None else "",
        received_at=received_at,
    )


def staff(agency: Agency, role: Role, *, name: str = "") -> User:
    """A staff account holding `role` at `agency` (a desk officer needs a desk: use the world's)."""
    number = next(_numbers)
    username = name or f"pakn.{role.value}.{number}"
    user = staff_user_create(
        username=username, full_name=username.replace(".", " ").title(),
        email=f"{username}@example.com", phone="", password="x-secret-123", actor=None,
    )  # fmt: skip
    membership_grant(user=user, agency=agency, role=role, actor=None)
    return user
