"""One-time codes and the account changes that rest on them (motcua/accounts/otp.py): codes sent
through the real notification outbox, only a keyed hash stored, expiry, attempts, resend
cooldown, and what verifying, resetting and changing contacts do."""

import datetime as dt
import hashlib
import hmac
from collections.abc import Iterator

import pytest
import time_machine
from django.conf import settings as django_settings

from motcua.accounts.models import CitizenKind, OneTimeCode, OtpChannel, OtpPurpose, User
from motcua.accounts.otp import (
    citizen_contact_update,
    citizen_password_change,
    citizen_password_reset,
    citizen_verify_contact,
    code_normalize,
    contact_mask,
    otp_open,
    otp_send,
    otp_verify,
)
from motcua.accounts.services import citizen_register
from motcua.core.errors import ValidationFailed
from motcua.core.models import AuditEvent
from motcua.core.timezone import VN_TZ
from motcua.notifications import backends
from motcua.notifications.models import Notification, NotificationStatus, NotificationTemplate
from tests.accounts.factories import PASSWORD, CitizenFactory, StaffUserFactory
from tests.accounts.otp_helpers import clear_outboxes, code_in, last_email_code, last_sms_code

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 9, 9, 0, tzinfo=VN_TZ)


@pytest.fixture(autouse=True)
def _outboxes() -> Iterator[None]:
    clear_outboxes()
    yield
    clear_outboxes()


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Send a code as the portal does and return what the citizen receives."""

    def _send(
        user: User,
        purpose: OtpPurpose = OtpPurpose.VERIFY_PHONE,
        channel: OtpChannel = OtpChannel.SMS,
    ) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            otp_send(user=user, purpose=purpose, channel=channel, actor=user)
        if channel == OtpChannel.SMS:
            return last_sms_code(user.phone)
        return last_email_code(user.email)

    return _send


def refused(call, code: str) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as caught:
        call()
    assert caught.value.code == code, caught.value.message
    return caught.value


def other_code(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


# --- Sending and storing -------------------------------------------------------------------------


def test_the_code_travels_by_sms_and_only_a_keyed_hash_is_stored(clock, send) -> None:
    citizen = CitizenFactory(phone="0912345678")

    code = send(citizen)

    assert len(code) == 6
    assert code.isdigit()
    otc = OneTimeCode.objects.get(user=citizen)
    assert (otc.purpose, otc.channel, otc.recipient) == ("verify_phone", "sms", "0912345678")
    assert otc.expires_at - otc.created_at == dt.timedelta(seconds=600)
    stored = [str(value) for value in OneTimeCode.objects.filter(pk=otc.pk).values().get().values()]
    assert all(code not in value for value in stored)
    assert otc.code_hash != hashlib.sha256(code.encode()).hexdigest()  # keyed, not a bare hash
    key = hashlib.sha256(f"motcua.accounts.otp{django_settings.SECRET_KEY}".encode()).digest()
    expected = hmac.new(key, f"{citizen.pk}:verify_phone:{code}".encode(), "sha256").hexdigest()
    assert otc.code_hash == expected


def test_the_delivered_message_no_longer_holds_the_code(clock, send) -> None:
    citizen = CitizenFactory(email="lan@example.com")

    code = send(citizen, OtpPurpose.VERIFY_EMAIL, OtpChannel.EMAIL)

    notification = Notification.objects.get(template=NotificationTemplate.OTP_CODE)
    assert notification.status == NotificationStatus.SENT
    assert notification.recipient == "lan@example.com"
    assert code not in notification.body
    assert code not in notification.subject
    assert "••••••" in notification.body
    assert "10 phút" in notification.body  # the wording is kept


def test_a_queued_message_keeps_the_code_until_it_is_sent(clock) -> None:
    citizen = CitizenFactory()

    otp_send(user=citizen, purpose=OtpPurpose.VERIFY_PHONE, channel=OtpChannel.SMS, actor=None)

    notification = Notification.objects.get(template=NotificationTemplate.OTP_CODE)
    assert notification.status == NotificationStatus.QUEUED
    assert code_in(notification.body)  # what the worker will send


def test_sending_is_audited_without_the_code(clock, send) -> None:
    citizen = CitizenFactory()
    code = send(citizen)

    event = AuditEvent.objects.get(action="otp.sent")
    assert event.data == {
        "user": citizen.username,
        "purpose": "verify_phone",
        "channel": "sms",
    }
    assert code not in str(event.data)


def test_no_recipient_and_wrong_channel_are_refused(clock) -> None:
    citizen = CitizenFactory(email="")

    refused(
        lambda: otp_send(
            user=citizen, purpose=OtpPurpose.VERIFY_EMAIL, channel=OtpChannel.EMAIL, actor=None
        ),
        "otp_no_recipient",
    )
    refused(
        lambda: otp_send(
            user=citizen, purpose=OtpPurpose.VERIFY_PHONE, channel=OtpChannel.EMAIL, actor=None
        ),
        "otp_channel_mismatch",
    )
    assert not OneTimeCode.objects.exists()


# --- Verifying ----------------------------------------------------------------------------------


def test_the_right_code_works_once(clock, send) -> None:
    citizen = CitizenFactory()
    code = send(citizen)

    used = otp_verify(user=citizen, purpose=OtpPurpose.VERIFY_PHONE, code=f" {code[:3]} {code[3:]}")

    assert used.used_at is not None
    refused(
        lambda: otp_verify(user=citizen, purpose=OtpPurpose.VERIFY_PHONE, code=code),
        "otp_invalid",
    )


def test_a_code_expires(clock, send) -> None:
    citizen = CitizenFactory()
    code = send(citizen)

    clock.shift(dt.timedelta(seconds=599))
    assert otp_open(user=citizen, purpose=OtpPurpose.VERIFY_PHONE) is not None
    clock.shift(dt.timedelta(seconds=1))

    refused(
        lambda: otp_verify(user=citizen, purpose=OtpPurpose.VERIFY_PHONE, code=code),
        "otp_expired",
    )
    assert otp_open(user=citizen, purpose=OtpPurpose.VERIFY_PHONE) is None


def test_the_ttl_comes_from_the_settings(clock, send, settings) -> None:
    settings.MOTCUA_OTP_TTL_SECONDS = 120
    citizen = CitizenFactory()
    code = send(citizen)

    assert "hiệu lực 2 phút" in backends.outbox[-1].body
    clock.shift(dt.timedelta(seconds=121))
    refused(
        lambda: otp_verify(user=citizen, purpose=OtpPurpose.VERIFY_PHONE, code=code),
        "otp_expired",
    )


def test_wrong_tries_are_counted_and_capped(clock, send) -> None:
    citizen = CitizenFactory()
    code = send(citizen)
    wrong = other_code(code)

    for remaining in (4, 3, 2, 1):
        error = refused(
            lambda: otp_verify(user=citizen, purpose=OtpPurpose.VERIFY_PHONE, code=wrong),
            "otp_invalid",
        )
        assert f"còn {remaining} lần thử" in error.message
    refused(
        lambda: otp_verify(user=citizen, purpose=OtpPurpose.VERIFY_PHONE, code=wrong),
        "otp_too_many_attempts",
    )
    # The tries were committed although each call raised; now even the right code is refused.
    assert OneTimeCode.objects.get(user=citizen).attempts == 5
    refused(
        lambda: otp_verify(user=citizen, purpose=OtpPurpose.VERIFY_PHONE, code=code),
        "otp_too_many_attempts",
    )


def test_letters_count_as_a_wrong_try(clock, send) -> None:
    citizen = CitizenFactory()
    send(citizen)

    refused(
        lambda: otp_verify(user=citizen, purpose=OtpPurpose.VERIFY_PHONE, code="abcdef"),
        "otp_invalid",
    )
    assert OneTimeCode.objects.get(user=citizen).attempts == 1


def test_a_code_is_bound_to_its_account_and_purpose(clock, send) -> None:
    alice, bob = CitizenFactory(), CitizenFactory()
    alice_code = send(alice)
    send(bob)

    refused(
        lambda: otp_verify(user=bob, purpose=OtpPurpose.VERIFY_PHONE, code=alice_code),
        "otp_invalid",
    )
    refused(
        lambda: otp_verify(user=alice, purpose=OtpPurpose.RESET_PASSWORD, code=alice_code),
        "otp_invalid",
    )
    otp_verify(user=alice, purpose=OtpPurpose.VERIFY_PHONE, code=alice_code)


def test_resend_waits_for_the_cooldown_and_voids_the_old_code(clock, send) -> None:
    citizen = CitizenFactory()
    first = send(citizen)

    clock.shift(dt.timedelta(seconds=45))
    error = refused(lambda: send(citizen), "otp_resend_too_soon")
    assert error.details == {"retry_after": 15}

    clock.shift(dt.timedelta(seconds=15))
    second = send(citizen)
    old, new = OneTimeCode.objects.filter(user=citizen).order_by("created_at")
    assert old.voided_at is not None
    assert new.is_open
    if first != second:  # one chance in a million that they are equal
        refused(
            lambda: otp_verify(user=citizen, purpose=OtpPurpose.VERIFY_PHONE, code=first),
            "otp_invalid",
        )
    otp_verify(user=citizen, purpose=OtpPurpose.VERIFY_PHONE, code=second)


def test_the_cooldown_is_per_purpose(clock, send) -> None:
    citizen = CitizenFactory()
    send(citizen, OtpPurpose.VERIFY_PHONE)

    send(citizen, OtpPurpose.RESET_PASSWORD)  # not refused

    assert OneTimeCode.objects.filter(user=citizen).count() == 2


def test_code_normalize_and_contact_mask() -> None:
    assert code_normalize(" 123 456 ") == "123456"
    assert code_normalize("123-456") == "123456"
    assert contact_mask("0912345678") == "09******78"
    assert contact_mask("nguyenvan@example.com") == "ng***@example.com"


# --- Verifying a contact --------------------------------------------------------------------------


def test_verifying_the_phone(clock, send) -> None:
    citizen = CitizenFactory()
    code = send(citizen)

    citizen_verify_contact(user=citizen, channel=OtpChannel.SMS, code=code, actor=citizen)

    assert citizen.phone_verified_at == START
    citizen.refresh_from_db()
    assert citizen.phone_verified
    assert not citizen.email_verified
    assert AuditEvent.objects.filter(action="user.contact_verified", actor=citizen).exists()


def test_verifying_the_email(clock, send) -> None:
    citizen = CitizenFactory(email="mai@example.com")
    code = send(citizen, OtpPurpose.VERIFY_EMAIL, OtpChannel.EMAIL)

    citizen_verify_contact(user=citizen, channel=OtpChannel.EMAIL, code=code, actor=citizen)

    citizen.refresh_from_db()
    assert citizen.email_verified
    assert not citizen.phone_verified


def test_a_wrong_code_leaves_the_contact_unverified(clock, send) -> None:
    citizen = CitizenFactory()
    code = send(citizen)

    refused(
        lambda: citizen_verify_contact(
            user=citizen, channel=OtpChannel.SMS, code=other_code(code), actor=citizen
        ),
        "otp_invalid",
    )
    citizen.refresh_from_db()
    assert citizen.phone_verified_at is None
    assert OneTimeCode.objects.get(user=citizen).attempts == 1


def test_a_code_sent_to_a_former_phone_does_not_verify_the_new_one(clock, send) -> None:
    citizen = CitizenFactory(phone="0912345678")
    code = send(citizen)

    citizen_contact_update(user=citizen, phone="0987000111", email=citizen.email, actor=citizen)

    refused(
        lambda: citizen_verify_contact(
            user=citizen, channel=OtpChannel.SMS, code=code, actor=citizen
        ),
        "otp_invalid",
    )
    citizen.refresh_from_db()
    assert citizen.phone_verified_at is None


# --- Changing contacts and password ---------------------------------------------------------------


def test_changing_the_phone_clears_its_verification_only(clock) -> None:
    citizen = CitizenFactory(phone="0912345678", email="an@example.com")
    User.objects.filter(pk=citizen.pk).update(phone_verified_at=START, email_verified_at=START)
    citizen.refresh_from_db()

    citizen_contact_update(
        user=citizen, phone="+84 987 000 111", email="AN@example.com", actor=citizen
    )

    citizen.refresh_from_db()
    assert citizen.phone == "0987000111"
    assert citizen.phone_verified_at is None
    assert citizen.email == "AN@example.com"
    assert citizen.email_verified_at == START  # only the letter case changed: same mailbox
    event = AuditEvent.objects.get(action="user.contact_changed")
    assert event.data == {"fields": ["phone", "email"]}


def test_changing_the_email_clears_its_verification(clock) -> None:
    citizen = CitizenFactory(email="an@example.com")
    User.objects.filter(pk=citizen.pk).update(phone_verified_at=START, email_verified_at=START)

    citizen_contact_update(user=citizen, phone=citizen.phone, email="binh@example.com", actor=None)

    citizen.refresh_from_db()
    assert citizen.email_verified_at is None
    assert citizen.phone_verified_at == START


def test_saving_the_same_contacts_changes_nothing(clock) -> None:
    citizen = CitizenFactory()
    User.objects.filter(pk=citizen.pk).update(phone_verified_at=START)

    citizen_contact_update(user=citizen, phone=citizen.phone, email=citizen.email, actor=None)

    citizen.refresh_from_db()
    assert citizen.phone_verified_at == START
    assert not AuditEvent.objects.filter(action="user.contact_changed").exists()


@pytest.mark.parametrize(
    ("phone", "email", "code", "field"),
    [
        ("024 3825 1234", "", "phone_is_landline", "phone"),
        ("", "", "phone_required", "phone"),
        ("0912345678", "khong-hop-le@", "email_invalid", "email"),
    ],
)
def test_contact_changes_refused(clock, phone, email, code, field) -> None:
    citizen = CitizenFactory()
    before = (citizen.phone, citizen.email)

    error = refused(
        lambda: citizen_contact_update(user=citizen, phone=phone, email=email, actor=None), code
    )

    assert error.field == field
    citizen.refresh_from_db()
    assert (citizen.phone, citizen.email) == before


def test_password_reset_with_a_code(clock, send) -> None:
    citizen = CitizenFactory()
    code = send(citizen, OtpPurpose.RESET_PASSWORD)

    citizen_password_reset(user=citizen, code=code, new_password="Hoa-sen-no-2026")

    citizen.refresh_from_db()
    assert citizen.check_password("Hoa-sen-no-2026")
    assert citizen.phone_verified_at == START  # the SMS reached the phone on the account
    assert AuditEvent.objects.filter(action="user.password_reset").exists()


def test_a_weak_password_does_not_use_up_the_reset_code(clock, send) -> None:
    citizen = CitizenFactory()
    code = send(citizen, OtpPurpose.RESET_PASSWORD)

    error = refused(
        lambda: citizen_password_reset(user=citizen, code=code, new_password="12345678"),
        "password_invalid",
    )

    assert error.field == "new_password"
    assert OneTimeCode.objects.get(user=citizen).attempts == 0
    citizen_password_reset(user=citizen, code=code, new_password="Hoa-sen-no-2026")


def test_a_wrong_reset_code_keeps_the_old_password(clock, send) -> None:
    citizen = CitizenFactory()
    code = send(citizen, OtpPurpose.RESET_PASSWORD)

    refused(
        lambda: citizen_password_reset(
            user=citizen, code=other_code(code), new_password="Hoa-sen-no-2026"
        ),
        "otp_invalid",
    )
    citizen.refresh_from_db()
    assert citizen.check_password(PASSWORD)


def test_staff_cannot_reset_through_the_portal(clock) -> None:
    staff = StaffUserFactory()

    refused(
        lambda: citizen_password_reset(user=staff, code="123456", new_password="Hoa-sen-no-2026"),
        "otp_invalid",
    )


def test_changing_the_password_needs_the_current_one(clock) -> None:
    citizen = CitizenFactory()

    error = refused(
        lambda: citizen_password_change(
            user=citizen, old_password="sai", new_password="Hoa-sen-no-2026", actor=citizen
        ),
        "password_incorrect",
    )
    assert error.field == "old_password"
    refused(
        lambda: citizen_password_change(
            user=citizen, old_password=PASSWORD, new_password="password", actor=citizen
        ),
        "password_invalid",
    )

    citizen_password_change(
        user=citizen, old_password=PASSWORD, new_password="Hoa-sen-no-2026", actor=citizen
    )
    citizen.refresh_from_db()
    assert citizen.check_password("Hoa-sen-no-2026")


def test_an_account_without_a_password_sets_its_first(clock) -> None:
    citizen = citizen_register(
        kind=CitizenKind.INDIVIDUAL,
        full_name="Lý Thị Ngọc",
        phone="",
        password=None,
        personal_id_number="001190054321",
        require_phone=False,
    )
    assert citizen.phone == ""

    citizen_password_change(
        user=citizen, old_password=None, new_password="Hoa-sen-no-2026", actor=citizen
    )

    citizen.refresh_from_db()
    assert citizen.check_password("Hoa-sen-no-2026")


def test_registration_refuses_a_weak_password() -> None:
    error = refused(
        lambda: citizen_register(
            kind=CitizenKind.INDIVIDUAL,
            full_name="Lý Thị Ngọc",
            phone="0912345678",
            password="001190054321",
            personal_id_number="001190054321",
        ),
        "password_invalid",
    )
    assert error.field == "password"
    assert not User.objects.filter(username="001190054321").exists()
