"""Login with the national electronic identity through OpenID Connect, against a real provider
running in the test process (tests/accounts/oidc_provider.py): the browser's part is played by
Django's test client and urllib; nothing of ours is mocked."""

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from motcua.accounts.models import CitizenKind, CitizenProfile, User, UserKind
from motcua.accounts.oidc import MESSAGES, OidcError, OidcSettings, oidc_discovery
from motcua.core.models import AuditEvent
from tests.accounts.factories import CitizenFactory, StaffUserFactory, personal_id
from tests.accounts.oidc_provider import OidcProvider

pytestmark = pytest.mark.django_db

NEW_ID = personal_id(777, province_code="038", birth_year=1992)


@pytest.fixture
def provider(settings) -> Iterator[OidcProvider]:
    cache.clear()
    with OidcProvider() as running:
        settings.MOTCUA_OIDC = running.settings()
        yield running
    cache.clear()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _authorize(url: str) -> str:
    """What a browser does at the provider: open the authorize URL, read where it sends us."""
    opener = urllib.request.build_opener(_NoRedirects)
    with pytest.raises(urllib.error.HTTPError) as redirected:
        opener.open(url, timeout=5)
    assert redirected.value.code == 302
    redirected.value.close()
    return redirected.value.headers["Location"]


def login_through(client: Client, provider: OidcProvider, *, next_url: str | None = None):
    """Start at our start URL, consent at the provider, come back to our callback."""
    start = client.get(reverse("portal:oidc-start"), {"next": next_url} if next_url else {})
    assert start.status_code == 302, start.content
    assert start["Location"].startswith(f"{provider.issuer}/authorize?")
    callback = urllib.parse.urlsplit(_authorize(start["Location"]))
    assert (callback.scheme, callback.netloc) == ("http", "testserver")
    assert callback.path == reverse("portal:oidc-callback")
    return client.get(f"{callback.path}?{callback.query}")


def logged_in_user(client: Client) -> User | None:
    user_id = client.session.get(SESSION_KEY)
    return User.objects.get(pk=user_id) if user_id else None


def refused_with(client: Client, response, code: str) -> None:
    """The flow ended on the login page with the message for `code`, nobody logged in."""
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:login")
    page = client.get(response["Location"])
    assert MESSAGES[code] in page.content.decode()
    assert logged_in_user(client) is None


# --- The flow -----------------------------------------------------------------------------------


def test_an_existing_citizen_is_found_by_personal_id_number_and_logged_in(client, provider):
    citizen = CitizenFactory(phone="0912345678")
    provider.claims = {
        "sub": citizen.username,
        "name": "Tên theo định danh",
        "phone_number": "+84912345678",
        "phone_number_verified": True,
    }
    users_before = User.objects.count()

    response = login_through(client, provider)

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:account")
    assert logged_in_user(client) == citizen
    assert User.objects.count() == users_before
    citizen.refresh_from_db()
    assert citizen.identity_verified_at is not None
    assert citizen.phone_verified_at is not None  # the provider asserted this very number
    assert citizen.full_name != "Tên theo định danh"  # an existing account keeps its data
    assert AuditEvent.objects.filter(action="user.identity_linked", object_id=str(citizen.pk))
    # PKCE: the provider checked the verifier against the challenge (it refuses otherwise).
    assert provider.token_requests[0]["code_verifier"]
    assert provider.used_auth_methods == ["client_secret_basic"]


def test_an_unverified_phone_claim_does_not_verify_the_accounts_phone(client, provider):
    citizen = CitizenFactory(phone="0912345678")
    provider.claims = {"sub": citizen.username, "name": "X", "phone_number": "0912345678"}

    login_through(client, provider)

    citizen.refresh_from_db()
    assert citizen.phone_verified_at is None


def test_a_new_citizen_is_created_from_the_claims(client, provider):
    provider.claims = {
        "sub": NEW_ID,
        "name": "  Hoàng   Thị Mai ",
        "phone_number": "+84 987 654 321",
        "phone_number_verified": True,
    }

    response = login_through(client, provider, next_url="/thu-tuc/")

    assert response.status_code == 302
    assert response["Location"] == "/thu-tuc/"
    user = logged_in_user(client)
    assert user is not None
    assert user.kind == UserKind.CITIZEN
    assert user.username == NEW_ID
    assert user.full_name == "Hoàng Thị Mai"
    assert user.phone == "0987654321"
    assert user.phone_verified_at is not None
    assert user.identity_verified_at is not None
    assert not user.has_usable_password()
    profile = CitizenProfile.objects.get(user=user)
    assert (profile.kind, profile.personal_id_number) == (CitizenKind.INDIVIDUAL, NEW_ID)


def test_a_new_citizen_without_a_mobile_number_is_asked_for_one(client, provider):
    provider.claims = {"sub": NEW_ID, "name": "Lê Văn Tám", "phone_number": "02438251234"}

    response = login_through(client, provider, next_url="/thu-tuc/")

    assert response["Location"] == reverse("portal:account")
    user = logged_in_user(client)
    assert user is not None
    assert user.phone == ""  # a landline is no use for SMS: dropped
    assert user.phone_verified_at is None
    page = client.get(response["Location"])
    assert "bổ sung số điện thoại di động" in page.content.decode()


def test_claims_missing_from_the_id_token_are_read_from_userinfo(client, provider):
    provider.claims = {"sub": NEW_ID, "name": "Đỗ Minh Châu", "phone_number": "0912000111"}
    provider.misbehave = {"claims_in_userinfo_only"}

    login_through(client, provider)

    user = logged_in_user(client)
    assert user is not None
    assert user.full_name == "Đỗ Minh Châu"
    assert user.phone == "0912000111"


def test_the_id_number_may_come_from_another_claim(client, provider, settings):
    settings.MOTCUA_OIDC = provider.settings(ID_NUMBER_CLAIM="citizen_id")
    provider.claims = {"sub": "opaque-subject-42", "citizen_id": NEW_ID, "name": "Vũ Văn Hải"}

    login_through(client, provider)

    user = logged_in_user(client)
    assert user is not None
    assert user.username == NEW_ID


def test_client_secret_post_when_the_provider_offers_only_that(client, settings):
    cache.clear()
    with OidcProvider(auth_methods=("client_secret_post",)) as provider:
        settings.MOTCUA_OIDC = provider.settings()
        provider.claims = {"sub": NEW_ID, "name": "Bùi Thu Hà"}
        login_through(client, provider)
        assert provider.used_auth_methods == ["client_secret_post"]
    assert logged_in_user(client) is not None


def test_a_rotated_signing_key_is_fetched_again(client, provider):
    citizen = CitizenFactory()
    provider.claims = {"sub": citizen.username, "name": "X"}
    login_through(client, provider)  # the JWKS is now cached
    client.logout()
    provider.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    provider.kid = "rotated"

    login_through(client, provider)

    assert logged_in_user(client) == citizen
    assert provider.paths.count("/jwks") == 2


def test_next_pointing_elsewhere_is_ignored(client, provider):
    citizen = CitizenFactory()
    provider.claims = {"sub": citizen.username, "name": "X"}

    response = login_through(client, provider, next_url="https://evil.example/steal")

    assert response["Location"] == reverse("portal:account")


# --- Failures: back to the login page, a clear message, nothing created -----------------------


@pytest.mark.parametrize(
    "misbehaviour",
    ["wrong_audience", "wrong_issuer", "expired", "bad_signature", "wrong_nonce"],
)
def test_a_bad_id_token_is_refused(client, provider, misbehaviour):
    provider.claims = {"sub": NEW_ID, "name": "Nguyễn Văn A"}
    provider.misbehave = {misbehaviour}
    users_before = User.objects.count()

    response = login_through(client, provider)

    refused_with(client, response, "oidc_token_invalid")
    assert User.objects.count() == users_before


def test_a_refusal_at_the_provider_is_reported(client, provider):
    provider.misbehave = {"deny"}

    refused_with(client, login_through(client, provider), "oidc_cancelled")


def test_a_state_that_does_not_match_is_refused(client, provider):
    provider.claims = {"sub": NEW_ID, "name": "Nguyễn Văn A"}
    start = client.get(reverse("portal:oidc-start"))
    callback = urllib.parse.urlsplit(_authorize(start["Location"]))
    params = dict(urllib.parse.parse_qsl(callback.query))
    params["state"] = "forged"

    response = client.get(callback.path, params)

    refused_with(client, response, "oidc_state_mismatch")
    assert not User.objects.filter(username=NEW_ID).exists()


def test_a_callback_cannot_be_replayed(client, provider):
    provider.claims = {"sub": NEW_ID, "name": "Nguyễn Văn A"}
    start = client.get(reverse("portal:oidc-start"))
    callback = urllib.parse.urlsplit(_authorize(start["Location"]))
    url = f"{callback.path}?{callback.query}"
    assert client.get(url).status_code == 302
    assert logged_in_user(client) is not None

    other = Client()  # someone who got hold of the URL, without the session
    refused_with(other, other.get(url), "oidc_state_mismatch")


def test_a_missing_or_invalid_id_number_claim_is_refused(client, provider):
    provider.claims = {"sub": "123", "name": "Nguyễn Văn A"}
    users_before = User.objects.count()

    refused_with(client, login_through(client, provider), "oidc_claim_missing")
    assert User.objects.count() == users_before


def test_a_new_account_needs_a_name(client, provider):
    provider.claims = {"sub": NEW_ID}

    refused_with(client, login_through(client, provider), "oidc_name_missing")
    assert not User.objects.filter(username=NEW_ID).exists()


def test_a_staff_account_holding_the_number_is_not_taken_over(client, provider):
    StaffUserFactory(username=NEW_ID)
    provider.claims = {"sub": NEW_ID, "name": "Nguyễn Văn A"}

    refused_with(client, login_through(client, provider), "oidc_account_unusable")


def test_an_inactive_citizen_is_refused(client, provider):
    citizen = CitizenFactory(is_active=False)
    provider.claims = {"sub": citizen.username, "name": "X"}

    refused_with(client, login_through(client, provider), "oidc_account_unusable")


def test_wrong_client_credentials_are_a_provider_error(client, provider, settings):
    settings.MOTCUA_OIDC = provider.settings(CLIENT_SECRET="not-the-secret")
    provider.claims = {"sub": NEW_ID, "name": "Nguyễn Văn A"}

    refused_with(client, login_through(client, provider), "oidc_provider_error")


def test_an_unreachable_provider_is_reported(client, settings):
    cache.clear()
    with OidcProvider() as stopped:
        config = stopped.settings()
    settings.MOTCUA_OIDC = config  # the server is shut down: the port refuses connections

    response = client.get(reverse("portal:oidc-start"))

    refused_with(client, response, "oidc_unavailable")


def test_disabled_login_is_neither_offered_nor_started(client, settings):
    settings.MOTCUA_OIDC = {"ENABLED": False, "ISSUER": "https://id.example", "CLIENT_ID": "x"}

    page = client.get(reverse("portal:login"))
    assert "định danh điện tử" not in page.content.decode()
    refused_with(client, client.get(reverse("portal:oidc-start")), "oidc_disabled")
    refused_with(client, client.get(reverse("portal:oidc-callback")), "oidc_disabled")


def test_the_login_page_offers_it_when_enabled(client, provider):
    page = client.get(reverse("portal:login"), {"next": "/thu-tuc/"})

    html = page.content.decode()
    assert "Đăng nhập bằng tài khoản định danh điện tử (VNeID)" in html
    assert f'href="{reverse("portal:oidc-start")}?next=/thu-tuc/"' in html


# --- The client on its own ------------------------------------------------------------------------


def test_discovery_and_keys_are_fetched_once_then_cached(client, provider):
    citizen = CitizenFactory()
    provider.claims = {"sub": citizen.username, "name": "X"}
    login_through(client, provider)
    client.logout()
    login_through(client, provider)

    assert provider.paths.count("/.well-known/openid-configuration") == 1
    assert provider.paths.count("/jwks") == 1
    assert provider.paths.count("/token") == 2


def test_a_discovery_document_naming_another_issuer_is_refused(provider):
    provider.misbehave = {"discovery_wrong_issuer"}

    with pytest.raises(OidcError) as refused:
        oidc_discovery(config=OidcSettings.from_settings())

    assert refused.value.code == "oidc_unavailable"


def test_plain_http_is_refused_except_on_this_machine(settings):
    cache.clear()
    settings.MOTCUA_OIDC = {"ENABLED": True, "ISSUER": "http://id.example", "CLIENT_ID": "motcua"}

    with pytest.raises(OidcError) as refused:
        oidc_discovery(config=OidcSettings.from_settings())

    assert refused.value.code == "oidc_unavailable"
