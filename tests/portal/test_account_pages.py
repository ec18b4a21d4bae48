"""Citizen account pages: login (ID number, tax code, verified phone; staff refused; rate limit),
logout, registration, phone and e-mail verification, password reset (that never tells whether an
account exists) and the account page. Codes are read from the SMS or e-mail the citizen gets."""

import datetime as dt
import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse

from motcua.accounts.models import CitizenKind, CitizenProfile, OneTimeCode, User, UserKind
from motcua.accounts.services import citizen_register
from motcua.core.timezone import VN_TZ
from motcua.notifications import backends
from tests.accounts.factories import (
    PASSWORD,
    CitizenFactory,
    OrganisationCitizenFactory,
    StaffUserFactory,
    personal_id,
    tax_code,
)
from tests.accounts.otp_helpers import clear_outboxes, last_email_code, last_sms_code

pytestmark = pytest.mark.django_db

LOGIN = reverse("portal:login")
LOGOUT = reverse("portal:logout")
REGISTER = reverse("portal:register")
VERIFY = reverse("portal:verify")
RESET = reverse("portal:password-reset")
RESET_CONFIRM = reverse("portal:password-reset-confirm")
ACCOUNT = reverse("portal:account")
NEW_PASSWORD = "Hoa-sen-no-2026"
# What differs between two renderings of the same page: the CSRF token and the CSP nonce.
VARYING_RE = re.compile(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]+"')


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    cache.clear()
    clear_outboxes()
    yield
    cache.clear()
    clear_outboxes()


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(dt.datetime(2026, 3, 9, 9, 0, tzinfo=VN_TZ), tick=False) as t:
        yield t


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run a request and deliver the messages it queued (they go after commit)."""

    def _run(call):
        with django_capture_on_commit_callbacks(execute=True):
            return call()

    return _run


def logged_in(client: Client) -> User | None:
    user_id = client.session.get(SESSION_KEY)
    return User.objects.get(pk=user_id) if user_id else None


def text(response: HttpResponseBase) -> str:
    assert isinstance(response, HttpResponse)
    return response.content.decode()


class Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.by_name: dict[str, dict[str, str | None]] = {}
        self.labels: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") not in ("hidden",):
            self.by_name[str(attributes.get("name"))] = attributes
        if tag == "label" and attributes.get("for"):
            self.labels.add(str(attributes["for"]))


def inputs(response) -> Inputs:
    parser = Inputs()
    parser.feed(text(response))
    return parser


def error_summary(response) -> str:
    html = text(response)
    match = re.search(r'<div class="error-summary" role="alert"[^>]*>(.*?)</div>', html, re.S)
    assert match, "no error summary on the page"
    return match.group(1)


# --- Login ----------------------------------------------------------------------------------------


def test_the_login_form_helps_browsers_and_phones(client) -> None:
    response = client.get(LOGIN)

    assert response.status_code == 200
    fields = inputs(response)
    assert fields.by_name["identity"]["autocomplete"] == "username"
    assert fields.by_name["password"]["autocomplete"] == "current-password"
    assert fields.by_name["password"]["type"] == "password"
    assert {"id_identity", "id_password"} <= fields.labels
    assert "định danh điện tử" not in text(response)  # OIDC is off by default
    assert 'href="/accounts/login/"' in text(response)  # staff are pointed to their page


@pytest.mark.parametrize("typed", ["{id}", " {spaced} "])
def test_an_individual_logs_in_with_the_personal_id_number(client, typed) -> None:
    citizen = CitizenFactory()
    number = citizen.username
    spaced = f"{number[:3]} {number[3:6]} {number[6:]}"

    response = client.post(
        LOGIN, {"identity": typed.format(id=number, spaced=spaced), "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    assert logged_in(client) == citizen


def test_an_organisation_logs_in_with_its_tax_code(client) -> None:
    company = OrganisationCitizenFactory()

    response = client.post(LOGIN, {"identity": company.username, "password": PASSWORD})

    assert response.status_code == 302
    assert logged_in(client) == company


def test_a_renamed_account_still_logs_in_with_its_id_number(client) -> None:
    citizen = CitizenFactory()
    number = citizen.username
    User.objects.filter(pk=citizen.pk).update(username="doi-ten")

    client.post(LOGIN, {"identity": number, "password": PASSWORD})

    assert logged_in(client) == citizen


def test_a_verified_phone_logs_in_an_unverified_one_does_not(client, clock) -> None:
    verified = CitizenFactory(phone="0912345678")
    User.objects.filter(pk=verified.pk).update(phone_verified_at=dt.datetime.now(tz=VN_TZ))
    CitizenFactory(phone="0987654321")

    refused = client.post(LOGIN, {"identity": "0987 654 321", "password": PASSWORD})
    assert refused.status_code == 400
    assert logged_in(client) is None

    client.post(LOGIN, {"identity": "+84 912 345 678", "password": PASSWORD})
    assert logged_in(client) == verified


def test_a_phone_shared_by_a_family_opens_the_account_whose_password_matches(client, clock) -> None:
    mother = CitizenFactory(phone="0912345678")
    son = CitizenFactory(phone="0912345678", password="Con-trai-2026!")
    User.objects.filter(pk__in=[mother.pk, son.pk]).update(
        phone_verified_at=dt.datetime.now(tz=VN_TZ)
    )

    client.post(LOGIN, {"identity": "0912345678", "password": "Con-trai-2026!"})

    assert logged_in(client) == son


def test_a_wrong_password_is_refused_with_a_summary(client) -> None:
    citizen = CitizenFactory()

    response = client.post(LOGIN, {"identity": citizen.username, "password": "sai-mat-khau"})

    assert response.status_code == 400
    assert "mật khẩu không đúng" in error_summary(response)
    assert logged_in(client) is None


def test_unknown_identity_and_wrong_password_read_the_same(client) -> None:
    citizen = CitizenFactory()

    wrong = client.post(LOGIN, {"identity": citizen.username, "password": "sai-mat-khau"})
    unknown = client.post(LOGIN, {"identity": personal_id(999_999), "password": "sai-mat-khau"})

    assert error_summary(wrong) == error_summary(unknown)


def test_empty_fields_are_tied_to_their_inputs(client) -> None:
    response = client.post(LOGIN, {"identity": "", "password": ""})

    assert response.status_code == 400
    summary = error_summary(response)
    assert 'href="#id_identity"' in summary
    assert 'href="#id_password"' in summary
    attrs = inputs(response).by_name["identity"]
    assert attrs["aria-invalid"] == "true"
    assert "id_identity_error" in str(attrs["aria-describedby"])


def test_a_staff_account_is_sent_to_the_staff_login(client) -> None:
    staff = StaffUserFactory()

    response = client.post(LOGIN, {"identity": staff.username, "password": PASSWORD})

    assert response.status_code == 400
    summary = error_summary(response)
    assert "tài khoản cán bộ" in summary
    assert f'href="{reverse("login")}"' in summary
    assert logged_in(client) is None


def test_a_staff_account_with_a_wrong_password_gets_the_common_answer(client) -> None:
    staff = StaffUserFactory()

    response = client.post(LOGIN, {"identity": staff.username, "password": "sai-mat-khau"})

    assert "tài khoản cán bộ" not in error_summary(response)


def test_an_inactive_account_is_refused(client) -> None:
    citizen = CitizenFactory(is_active=False)

    response = client.post(LOGIN, {"identity": citizen.username, "password": PASSWORD})

    assert "đã bị khóa" in error_summary(response)
    assert logged_in(client) is None


@pytest.mark.parametrize(
    ("next_url", "landing"),
    [
        ("/thu-tuc/", "/thu-tuc/"),
        ("https://evil.example/steal", ACCOUNT),
        ("//evil.example/steal", ACCOUNT),
    ],
)
def test_next_is_honoured_only_on_this_site(client, next_url, landing) -> None:
    citizen = CitizenFactory()

    response = client.post(
        LOGIN, {"identity": citizen.username, "password": PASSWORD, "next": next_url}
    )

    assert response["Location"] == landing


def test_the_login_page_carries_a_safe_next_only(client) -> None:
    assert 'name="next" value="/thu-tuc/"' in text(client.get(LOGIN, {"next": "/thu-tuc/"}))
    evil = text(client.get(LOGIN, {"next": "https://evil.example/"}))
    assert 'name="next" value="https://evil.example/"' not in evil
    assert "?next=https" not in evil.split('action="/dang-nhap/"')[1]


def test_login_tries_are_rate_limited_per_address_and_identity(client, settings, clock) -> None:
    settings.MOTCUA_LOGIN_RATE = "3/600"
    citizen = CitizenFactory()
    other = CitizenFactory()
    for _ in range(3):
        client.post(LOGIN, {"identity": citizen.username, "password": "sai-mat-khau"})

    limited = client.post(LOGIN, {"identity": citizen.username, "password": PASSWORD})

    assert limited.status_code == 429
    assert "thử lại sau 10 phút" in error_summary(limited)
    assert logged_in(client) is None
    # The same identity written differently counts as the same.
    spaced = " ".join(citizen.username[i : i + 3] for i in range(0, 12, 3))
    assert client.post(LOGIN, {"identity": spaced, "password": PASSWORD}).status_code == 429
    # Another identity from the same address, or the same from another address, goes on.
    assert (
        Client().post(LOGIN, {"identity": other.username, "password": PASSWORD}).status_code == 302
    )
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    assert (
        elsewhere.post(LOGIN, {"identity": citizen.username, "password": PASSWORD}).status_code
        == 302
    )

    clock.shift(dt.timedelta(seconds=600))
    assert (
        client.post(LOGIN, {"identity": citizen.username, "password": PASSWORD}).status_code == 302
    )


def test_a_logged_in_citizen_skips_the_login_page(client) -> None:
    citizen = CitizenFactory()
    client.force_login(citizen)

    assert client.get(LOGIN)["Location"] == ACCOUNT


def test_logout_is_a_post(client) -> None:
    citizen = CitizenFactory()
    client.force_login(citizen)

    assert client.get(LOGOUT).status_code == 405
    assert logged_in(client) == citizen
    response = client.post(LOGOUT)

    assert response["Location"] == reverse("portal:home")
    assert logged_in(client) is None


# --- Registration -----------------------------------------------------------------------------------


def individual(**changes: str) -> dict[str, str]:
    return {
        "loai": "ca-nhan",
        "personal_id_number": "001 190 012 345",
        "full_name": "Lê Thị Hồng",
        "date_of_birth": "08/03/1990",
        "phone": "0987 654 321",
        "email": "hong@example.com",
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
        **changes,
    }


def test_the_registration_form_for_an_individual(client) -> None:
    response = client.get(REGISTER)

    fields = inputs(response).by_name
    assert fields["personal_id_number"]["inputmode"] == "numeric"
    assert fields["personal_id_number"]["autocomplete"] == "username"
    assert fields["phone"]["type"] == "tel"
    assert fields["phone"]["autocomplete"] == "tel"
    assert fields["new_password1"]["autocomplete"] == "new-password"
    assert "tax_code" not in fields


def test_the_registration_form_for_an_organisation(client) -> None:
    fields = inputs(client.get(REGISTER, {"loai": "to-chuc"})).by_name

    assert {"tax_code", "organisation_name"} <= fields.keys()
    assert "personal_id_number" not in fields


def test_an_individual_registers_is_logged_in_and_verifies_the_phone(client, sent) -> None:
    response = sent(lambda: client.post(REGISTER, individual()))

    assert response.status_code == 302
    assert response["Location"] == VERIFY
    user = logged_in(client)
    assert user is not None
    assert (user.username, user.kind, user.phone) == (
        "001190012345",
        UserKind.CITIZEN,
        "0987654321",
    )
    assert user.citizen_profile.date_of_birth == dt.date(1990, 3, 8)
    assert user.check_password(NEW_PASSWORD)
    code = last_sms_code("0987654321")  # sent at once

    page = client.get(VERIFY)
    assert "Mã xác thực đã được gửi đến 09******21" in text(page)
    code_input = inputs(page).by_name["code"]
    assert code_input["autocomplete"] == "one-time-code"
    assert code_input["inputmode"] == "numeric"
    done = client.post(VERIFY, {"kenh": "sdt", "action": "verify", "code": code})

    assert done["Location"] == ACCOUNT
    user.refresh_from_db()
    assert user.phone_verified


def test_an_organisation_registers_with_its_tax_code(client, sent) -> None:
    code = tax_code(4321)
    response = sent(
        lambda: client.post(
            REGISTER,
            {
                "loai": "to-chuc",
                "tax_code": code,
                "organisation_name": "Công ty TNHH Sông Đà",
                "full_name": "Phạm Văn Đại",
                "phone": "0912000111",
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
        )
    )

    assert response.status_code == 302
    profile = CitizenProfile.objects.get(tax_code=code)
    assert profile.kind == CitizenKind.ORGANISATION
    assert profile.organisation_name == "Công ty TNHH Sông Đà"
    assert logged_in(client) == profile.user


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"phone": "024 3825 1234"}, "phone", "số máy bàn"),
        ({"new_password1": "12345678", "new_password2": "12345678"}, "new_password1", "mật khẩu"),
        ({"new_password2": "Khac-nhau-2026"}, "new_password2", "không giống nhau"),
        ({"personal_id_number": "00119001234"}, "personal_id_number", "12 chữ số"),
        ({"date_of_birth": "08/03/1991"}, "personal_id_number", "không khớp năm sinh"),
    ],
)
def test_registration_errors_are_shown_on_their_field(client, changes, field, words) -> None:
    users_before = User.objects.count()

    response = client.post(REGISTER, individual(**changes))

    assert response.status_code == 400
    assert f'href="#id_{field}"' in error_summary(response)
    match = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', text(response))
    assert match, f"no error under {field}"
    assert words in match.group(1).lower() or words in match.group(1)
    assert User.objects.count() == users_before
    assert logged_in(client) is None


def test_a_taken_id_number_is_refused(client) -> None:
    CitizenFactory(username="001190012345")

    response = client.post(REGISTER, individual())

    assert response.status_code == 400
    assert "Đã có tài khoản" in error_summary(response)
    assert 'href="#id_personal_id_number"' in error_summary(response)


# --- Verification -------------------------------------------------------------------------------


def test_verification_needs_a_citizen(client) -> None:
    response = client.get(VERIFY)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN}?next=")

    client.force_login(StaffUserFactory())
    assert client.get(VERIFY).status_code == 403


def test_sending_resending_and_a_wrong_code(client, sent, clock) -> None:
    citizen = CitizenFactory(phone="0912345678")
    client.force_login(citizen)
    before = client.get(VERIFY)
    assert 'name="code"' not in text(before)  # no code yet: only the button that sends one
    assert "Gửi mã" in text(before)

    first = sent(lambda: client.post(VERIFY, {"kenh": "sdt", "action": "send"}))
    assert first["Location"] == f"{VERIFY}?kenh=sdt"
    code = last_sms_code("0912345678")
    again = client.post(VERIFY, {"kenh": "sdt", "action": "send"}, follow=True)
    assert "gửi lại sau 60 giây" in text(again)
    assert OneTimeCode.objects.filter(user=citizen).count() == 1

    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"kenh": "sdt", "action": "verify", "code": wrong})
    assert response.status_code == 400
    assert "còn 4 lần thử" in error_summary(response)
    citizen.refresh_from_db()
    assert not citizen.phone_verified


def test_verifying_the_email(client, sent) -> None:
    citizen = CitizenFactory(email="mai@example.com")
    client.force_login(citizen)

    sent(lambda: client.post(VERIFY, {"kenh": "email", "action": "send"}))
    response = client.post(
        VERIFY, {"kenh": "email", "action": "verify", "code": last_email_code("mai@example.com")}
    )

    assert response["Location"] == ACCOUNT
    citizen.refresh_from_db()
    assert citizen.email_verified


def test_no_email_means_a_pointer_to_the_account_page(client) -> None:
    client.force_login(CitizenFactory(email=""))

    response = client.get(VERIFY, {"kenh": "email"})

    assert "Tài khoản chưa có email" in text(response)
    assert 'name="code"' not in text(response)


# --- Password reset -------------------------------------------------------------------------------


def _without_csrf(html: str) -> str:
    return VARYING_RE.sub("", html)


def test_the_answer_does_not_tell_whether_an_account_exists(sent) -> None:
    citizen = CitizenFactory(phone="0912345678")
    known, unknown = Client(), Client()

    known_answer = sent(lambda: known.post(RESET, {"identity": citizen.username, "channel": "sms"}))
    unknown_answer = sent(
        lambda: unknown.post(RESET, {"identity": personal_id(999_999), "channel": "sms"})
    )

    assert known_answer.status_code == unknown_answer.status_code == 302
    assert known_answer["Location"] == unknown_answer["Location"] == RESET_CONFIRM
    known_page, unknown_page = known.get(RESET_CONFIRM), unknown.get(RESET_CONFIRM)
    assert _without_csrf(text(known_page)) == _without_csrf(text(unknown_page))
    assert [sms.recipient for sms in backends.outbox] == ["0912345678"]  # only the real one

    form = {"code": "000000", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    if last_sms_code() == "000000":  # one chance in a million
        form["code"] = "000001"
    known_wrong, unknown_wrong = known.post(RESET_CONFIRM, form), unknown.post(RESET_CONFIRM, form)
    assert error_summary(known_wrong) == error_summary(unknown_wrong)
    assert "còn 4 lần thử" in error_summary(unknown_wrong)


def test_resetting_the_password_with_the_sms_code(client, sent) -> None:
    citizen = CitizenFactory(phone="0912345678")

    sent(lambda: client.post(RESET, {"identity": citizen.username, "channel": "sms"}))
    page = client.get(RESET_CONFIRM)
    assert inputs(page).by_name["code"]["autocomplete"] == "one-time-code"
    assert inputs(page).by_name["new_password1"]["autocomplete"] == "new-password"
    response = client.post(
        RESET_CONFIRM,
        {"code": last_sms_code(), "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response["Location"] == LOGIN
    assert logged_in(client) is None
    client.post(LOGIN, {"identity": citizen.username, "password": NEW_PASSWORD})
    assert logged_in(client) == citizen
    assert client.get(RESET_CONFIRM)["Location"] == RESET  # the reset is over


def test_resetting_by_email(client, sent) -> None:
    citizen = CitizenFactory(email="binh@example.com")

    sent(lambda: client.post(RESET, {"identity": citizen.username, "channel": "email"}))
    client.post(
        RESET_CONFIRM,
        {
            "code": last_email_code("binh@example.com"),
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)


def test_a_weak_new_password_is_refused_without_using_the_code(client, sent) -> None:
    citizen = CitizenFactory()
    sent(lambda: client.post(RESET, {"identity": citizen.username, "channel": "sms"}))

    response = client.post(
        RESET_CONFIRM,
        {"code": last_sms_code(), "new_password1": "12345678", "new_password2": "12345678"},
    )

    assert response.status_code == 400
    assert 'href="#id_new_password1"' in error_summary(response)
    assert OneTimeCode.objects.get(user=citizen).attempts == 0


def test_the_confirm_page_needs_a_request_first(client) -> None:
    assert client.get(RESET_CONFIRM)["Location"] == RESET


def test_reset_requests_are_rate_limited(client, settings) -> None:
    settings.MOTCUA_LOGIN_RATE = "2/600"
    for _ in range(2):
        client.post(RESET, {"identity": "001190012345", "channel": "sms"})

    response = client.post(RESET, {"identity": "001190012345", "channel": "sms"})

    assert response.status_code == 429
    assert "thử lại sau" in error_summary(response)


# --- The account page -----------------------------------------------------------------------------


def test_the_account_page_needs_a_citizen(client) -> None:
    assert client.get(ACCOUNT)["Location"] == f"{LOGIN}?next={ACCOUNT}"
    client.force_login(StaffUserFactory())
    assert client.get(ACCOUNT).status_code == 403


def test_the_account_page_shows_the_profile_and_what_is_verified(client, clock) -> None:
    citizen = CitizenFactory(phone="0912345678", email="an@example.com")
    User.objects.filter(pk=citizen.pk).update(phone_verified_at=dt.datetime.now(tz=VN_TZ))
    client.force_login(citizen)

    html = text(client.get(ACCOUNT))

    assert citizen.username in html
    assert citizen.full_name in html
    assert html.count("Đã xác thực") == 1  # the phone
    assert f'href="{VERIFY}?kenh=email"' in html
    assert 'autocomplete="current-password"' in html


def test_changing_the_phone_asks_to_verify_it(client, clock) -> None:
    citizen = CitizenFactory(phone="0912345678")
    User.objects.filter(pk=citizen.pk).update(phone_verified_at=dt.datetime.now(tz=VN_TZ))
    client.force_login(citizen)

    response = client.post(
        reverse("portal:account-contact"), {"phone": "0987 111 222", "email": citizen.email}
    )

    assert response["Location"] == f"{VERIFY}?kenh=sdt"
    citizen.refresh_from_db()
    assert citizen.phone == "0987111222"
    assert citizen.phone_verified_at is None


def test_changing_the_email_asks_to_verify_it(client) -> None:
    citizen = CitizenFactory(email="an@example.com")
    client.force_login(citizen)

    response = client.post(
        reverse("portal:account-contact"), {"phone": citizen.phone, "email": "moi@example.com"}
    )

    assert response["Location"] == f"{VERIFY}?kenh=email"
    citizen.refresh_from_db()
    assert citizen.email == "moi@example.com"


def test_a_landline_is_refused_on_the_account_page(client) -> None:
    citizen = CitizenFactory()
    client.force_login(citizen)

    response = client.post(
        reverse("portal:account-contact"), {"phone": "024 3825 1234", "email": ""}
    )

    assert response.status_code == 400
    assert 'href="#id_phone"' in error_summary(response)
    citizen.refresh_from_db()
    assert citizen.phone != "02438251234"


def test_changing_the_password_keeps_this_session(client) -> None:
    citizen = CitizenFactory()
    client.force_login(citizen)
    other = Client()
    other.force_login(citizen)

    wrong = client.post(
        reverse("portal:account-password"),
        {"old_password": "sai", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 400
    assert 'href="#id_old_password"' in error_summary(wrong)

    response = client.post(
        reverse("portal:account-password"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response["Location"] == ACCOUNT
    assert client.get(ACCOUNT).status_code == 200  # still logged in here
    assert other.get(ACCOUNT).status_code == 302  # logged out elsewhere
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)


def test_an_account_without_a_password_sets_one(client) -> None:
    citizen = citizen_register(
        kind=CitizenKind.INDIVIDUAL,
        full_name="Lý Thị Ngọc",
        phone="",
        password=None,
        personal_id_number="001190054321",
        require_phone=False,
    )
    client.force_login(citizen)

    page = client.get(ACCOUNT)
    assert "old_password" not in inputs(page).by_name
    client.post(
        reverse("portal:account-password"),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)
