"""A small, real OpenID Connect provider for the test suite (authorization code flow with PKCE).

It runs `http.server` in a background thread on 127.0.0.1 and a free port, with an RSA key made
for the run, and serves:

    /.well-known/openid-configuration   discovery
    /authorize                          consents at once: 302 to redirect_uri?code=…&state=…
    /token                              checks the client's credentials (basic or post), the code,
                                        redirect_uri and the PKCE verifier; answers an ID token
                                        signed RS256 with the nonce, and an access token
    /userinfo                           the claims, for a bearer access token
    /jwks                               the public key

Set `provider.claims` to who logs in next, and `provider.misbehave` to make it cheat:
"wrong_audience", "wrong_issuer", "expired", "bad_signature", "wrong_nonce", "deny",
"claims_in_userinfo_only" (the ID token carries `sub` only), "discovery_wrong_issuer".
`provider.paths` lists the paths requested, in order.

    with OidcProvider(client_id="motcua", client_secret="s3cret") as provider:
        settings.MOTCUA_OIDC = provider.settings()
"""

import base64
import hashlib
import json
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


@dataclass
class _Grant:
    client_id: str
    redirect_uri: str
    nonce: str
    challenge: str
    claims: dict[str, Any]


@dataclass
class OidcProvider:
    client_id: str = "motcua-portal"
    client_secret: str = "provider-secret-for-tests"
    auth_methods: tuple[str, ...] = ("client_secret_basic", "client_secret_post")
    claims: dict[str, Any] = field(default_factory=dict)
    misbehave: set[str] = field(default_factory=set)
    # What the provider saw, for assertions.
    token_requests: list[dict[str, str]] = field(default_factory=list)
    used_auth_methods: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = secrets.token_hex(8)
        self._grants: dict[str, _Grant] = {}
        self._access_tokens: dict[str, dict[str, Any]] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # --- lifecycle -------------------------------------------------------------------------------

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def issuer(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def settings(self, **overrides: Any) -> dict[str, Any]:
        """A MOTCUA_OIDC value pointing at this provider."""
        return {
            "ENABLED": True,
            "ISSUER": self.issuer,
            "CLIENT_ID": self.client_id,
            "CLIENT_SECRET": self.client_secret,
            "SCOPES": "openid profile phone",
            "LABEL": "VNeID",
            "ID_NUMBER_CLAIM": "sub",
            "NAME_CLAIM": "name",
            "PHONE_CLAIM": "phone_number",
            "TIMEOUT": 5,
            **overrides,
        }

    # --- the endpoints ---------------------------------------------------------------------------

    def discovery(self) -> dict[str, Any]:
        named = "https://impostor.example" if "discovery_wrong_issuer" in self.misbehave else None
        return {
            "issuer": named or self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": list(self.auth_methods),
        }

    def jwks(self) -> dict[str, Any]:
        public = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], dict[str, Any]]:
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != self.client_id or not redirect_uri:
            return 400, {}, {"error": "invalid_request"}
        state = query.get("state", "")
        if "deny" in self.misbehave:
            return (
                302,
                {"Location": _with_query(redirect_uri, error="access_denied", state=state)},
                {},
            )
        if (
            query.get("response_type") != "code"
            or query.get("code_challenge_method") != "S256"
            or not query.get("code_challenge")
            or "openid" not in query.get("scope", "").split()
        ):
            error = {"error": "invalid_request", "state": state}
            return 302, {"Location": _with_query(redirect_uri, **error)}, {}
        code = secrets.token_urlsafe(24)
        self._grants[code] = _Grant(
            client_id=self.client_id,
            redirect_uri=redirect_uri,
            nonce=query.get("nonce", ""),
            challenge=query["code_challenge"],
            claims=dict(self.claims),
        )
        return 302, {"Location": _with_query(redirect_uri, code=code, state=state)}, {}

    def token(self, form: dict[str, str], authorization: str) -> tuple[int, dict[str, Any]]:
        self.token_requests.append(form)
        client_id, client_secret = form.get("client_id", ""), form.get("client_secret", "")
        if authorization.startswith("Basic "):
            decoded = base64.b64decode(authorization[6:]).decode()
            raw_id, _, raw_secret = decoded.partition(":")
            client_id = urllib.parse.unquote_plus(raw_id)
            client_secret = urllib.parse.unquote_plus(raw_secret)
            self.used_auth_methods.append("client_secret_basic")
        elif client_secret:
            self.used_auth_methods.append("client_secret_post")
        if client_id != self.client_id or client_secret != self.client_secret:
            return 401, {"error": "invalid_client"}
        grant = self._grants.pop(form.get("code", ""), None)
        if form.get("grant_type") != "authorization_code" or grant is None:
            return 400, {"error": "invalid_grant"}
        if form.get("redirect_uri") != grant.redirect_uri:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri"}
        verifier = form.get("code_verifier", "")
        challenge = (
            base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        if not verifier or challenge != grant.challenge:
            return 400, {"error": "invalid_grant", "error_description": "PKCE verification failed"}
        access_token = secrets.token_urlsafe(24)
        self._access_tokens[access_token] = grant.claims
        return 200, {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": self._id_token(grant),
        }

    def userinfo(self, authorization: str) -> tuple[int, dict[str, Any]]:
        claims = self._access_tokens.get(authorization.removeprefix("Bearer "))
        if claims is None:
            return 401, {"error": "invalid_token"}
        return 200, claims

    def _id_token(self, grant: _Grant) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": "https://impostor.example" if "wrong_issuer" in self.misbehave else self.issuer,
            "aud": "another-client" if "wrong_audience" in self.misbehave else grant.client_id,
            "iat": now - 3600 if "expired" in self.misbehave else now,
            "exp": now - 600 if "expired" in self.misbehave else now + 300,
            "nonce": "not-the-nonce" if "wrong_nonce" in self.misbehave else grant.nonce,
        }
        if "claims_in_userinfo_only" in self.misbehave:
            claims["sub"] = grant.claims["sub"]
        else:
            claims |= grant.claims
        key = self.other_key if "bad_signature" in self.misbehave else self.key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})


def _with_query(url: str, **params: str) -> str:
    separator = "&" if urllib.parse.urlsplit(url).query else "?"
    return f"{url}{separator}{urllib.parse.urlencode(params)}"


def _handler(provider: OidcProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet in tests
            return

        def _send(
            self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
        ) -> None:
            raw = json.dumps(body).encode()
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def do_GET(self) -> None:
            parts = urllib.parse.urlsplit(self.path)
            provider.paths.append(parts.path)
            query = dict(urllib.parse.parse_qsl(parts.query))
            if parts.path == "/.well-known/openid-configuration":
                self._send(200, provider.discovery())
            elif parts.path == "/jwks":
                self._send(200, provider.jwks())
            elif parts.path == "/authorize":
                status, headers, body = provider.authorize(query)
                self._send(status, body, headers)
            elif parts.path == "/userinfo":
                self._send(*provider.userinfo(self.headers.get("Authorization", "")))
            else:
                self._send(404, {"error": "not_found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
            provider.paths.append(urllib.parse.urlsplit(self.path).path)
            if urllib.parse.urlsplit(self.path).path == "/token":
                self._send(*provider.token(form, self.headers.get("Authorization", "")))
            else:
                self._send(404, {"error": "not_found"})

    return Handler
