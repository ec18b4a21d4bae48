"""API keys: made once and shown once, stored as a hash, refused when revoked, expired, garbled or
when the account is locked; the command that makes them, and the admin that revokes them."""

import datetime as dt
import hashlib
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.models import ApiToken, User
from motcua.accounts.selectors import api_token_authenticate
from motcua.accounts.services import api_token_create, api_token_revoke
from motcua.core.errors import ValidationFailed
from motcua.core.models import AuditEvent
from tests.accounts.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/dossiers"
NOW = dt.datetime(2026, 3, 9, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def user() -> User:
    return StaffUserFactory()


def call(key: str, *, scheme: str = "Bearer"):
    return Client().get(URL, headers={"Authorization": f"{scheme} {key}"})


def assert_401(response) -> None:
    assert response.status_code == 401, response.content
    assert response.json()["code"] == "not_authenticated"
    assert "xác thực" in response.json()["message"]


def test_a_key_is_shown_once_and_stored_as_its_hash(user, clock) -> None:
    token, key = api_token_create(user=user, name="Cổng DVC quốc gia", actor=None)

    assert key.startswith(f"mc_{token.key_prefix}_")
    assert len(token.key_prefix) == 8
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    stored = ApiToken.objects.values_list(flat=False).get(pk=token.pk)
    assert key not in {str(value) for value in stored}
    audit = AuditEvent.objects.get(action="api_token.created")
    assert audit.data == {"user": user.username, "name": "Cổng DVC quốc gia",
                          "prefix": token.key_prefix}  # fmt: skip
    assert key not in str(audit.data)


def test_two_keys_differ(user) -> None:
    (_, first), (_, second) = (api_token_create(user=user, name=n, actor=None) for n in "ab")

    assert first != second


def test_a_valid_key_authenticates_and_marks_its_use(user, clock) -> None:
    token, key = api_token_create(user=user, name="Hệ thống một cửa cũ", actor=None)

    response = call(key)

    assert response.status_code == 200, response.content
    assert response.json() == {"items": [], "count": 0}
    token.refresh_from_db()
    assert token.last_used_at == NOW


def test_last_use_is_written_at_most_once_a_minute(user, clock) -> None:
    token, key = api_token_create(user=user, name="Đồng bộ", actor=None)
    assert api_token_authenticate(key=key) == user

    clock.shift(dt.timedelta(seconds=59))
    assert api_token_authenticate(key=key) == user
    token.refresh_from_db()
    assert token.last_used_at == NOW

    clock.shift(dt.timedelta(seconds=1))
    assert api_token_authenticate(key=key) == user
    token.refresh_from_db()
    assert token.last_used_at == NOW + dt.timedelta(minutes=1)


def test_a_revoked_key_is_refused(user, clock) -> None:
    token, key = api_token_create(user=user, name="Đồng bộ", actor=user)

    api_token_revoke(token=token, actor=user)

    assert api_token_authenticate(key=key) is None
    assert_401(call(key))
    assert AuditEvent.objects.filter(action="api_token.revoked", actor=user).count() == 1
    with pytest.raises(ValidationFailed) as refused:
        api_token_revoke(token=token, actor=user)
    assert refused.value.code == "api_token_already_revoked"


def test_an_expired_key_is_refused(user, clock) -> None:
    _, key = api_token_create(
        user=user, name="Thử nghiệm", actor=None, expires_at=NOW + dt.timedelta(days=1)
    )
    assert api_token_authenticate(key=key) == user

    clock.shift(dt.timedelta(days=1))

    assert api_token_authenticate(key=key) is None
    assert_401(call(key))


def test_the_key_of_a_locked_account_is_refused(user) -> None:
    _, key = api_token_create(user=user, name="Đồng bộ", actor=None)
    User.objects.filter(pk=user.pk).update(is_active=False)

    assert api_token_authenticate(key=key) is None
    assert_401(call(key))


@pytest.mark.parametrize(
    "garbage",
    ["", "mc_", "nonsense", "mc_0123abcd_" + "x" * 43, "mc_ZZZZZZZZ_" + "x" * 43, "' OR 1=1 --"],
)
def test_garbage_keys_are_refused(user, garbage) -> None:
    api_token_create(user=user, name="Đồng bộ", actor=None)

    assert api_token_authenticate(key=garbage) is None
    assert_401(call(garbage))


def test_a_key_with_a_changed_character_or_another_scheme_is_refused(user) -> None:
    _, key = api_token_create(user=user, name="Đồng bộ", actor=None)
    changed = key[:-1] + ("A" if key[-1] != "A" else "B")

    assert_401(call(changed))
    assert_401(call(key, scheme="Token"))
    assert_401(Client().get(URL))


def test_a_key_needs_a_name_and_a_future_expiry(user, clock) -> None:
    with pytest.raises(ValidationFailed) as no_name:
        api_token_create(user=user, name="  ", actor=None)
    assert no_name.value.code == "api_token_name_required"
    with pytest.raises(ValidationFailed) as past:
        api_token_create(user=user, name="x", actor=None, expires_at=NOW)
    assert past.value.code == "api_token_expiry_past"
    assert not ApiToken.objects.exists()


def test_the_command_prints_a_working_key(user) -> None:
    out, err = io.StringIO(), io.StringIO()

    call_command("create_api_token", user.username, "--name", "LGSP tỉnh", "--expires-days",
                 "30", stdout=out, stderr=err)  # fmt: skip

    key = out.getvalue().strip()
    assert api_token_authenticate(key=key) == user
    token = ApiToken.objects.get()
    assert token.name == "LGSP tỉnh"
    assert token.expires_at is not None
    assert token.expires_at - timezone.now() > dt.timedelta(days=29)
    assert token.key_prefix in err.getvalue()


def test_the_command_refuses_an_unknown_account() -> None:
    with pytest.raises(CommandError, match="Không có tài khoản"):
        call_command("create_api_token", "khong-co", "--name", "x", stdout=io.StringIO())


def test_the_admin_lists_keys_and_revokes_them(user) -> None:
    root = User.objects.create_superuser(username="root", password="x")
    token, key = api_token_create(user=user, name="Đồng bộ", actor=None)
    admin = Client()
    admin.force_login(root)
    changelist = reverse("admin:accounts_apitoken_changelist")

    page = admin.get(changelist)
    assert page.status_code == 200
    assert token.key_prefix in page.content.decode()
    assert admin.get(reverse("admin:accounts_apitoken_add")).status_code == 403

    admin.post(changelist, {"action": "revoke_selected", "_selected_action": [token.pk]})

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_token_authenticate(key=key) is None
    assert AuditEvent.objects.get(action="api_token.revoked").actor == root
