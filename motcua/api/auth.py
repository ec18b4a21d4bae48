"""Who is calling: another system with an API key (Authorization: Bearer mc_…), or a person
logged in to the site (Django session cookie, with Django's CSRF check on unsafe methods).

Both answer the `User`, available to endpoints as `request.auth` (see `actor`). A request that
neither authenticates gets 401 `not_authenticated` (motcua.api.main).
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from motcua.accounts.models import User
from motcua.accounts.selectors import api_token_authenticate
from motcua.core.errors import PermissionDenied


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer mc_<prefix>_<secret>` — a key made by `manage.py create_api_token`."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return api_token_authenticate(key=token)


class SessionAuth(APIKeyCookie):
    """The site's login session. Unsafe methods need the CSRF token (X-CSRFToken header), as on
    the site's forms; without a logged-in user the request is simply unauthenticated (401), not a
    CSRF failure."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise PermissionDenied(
                "Thiếu hoặc sai mã CSRF: gửi kèm tiêu đề X-CSRFToken khi dùng phiên đăng nhập.",
                code="csrf_failed",
            )
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user: Any = request.user
        if isinstance(user, User) and user.is_authenticated and user.is_active:
            return user
        return None


token_auth = ApiTokenAuth()
session_auth = SessionAuth()


def actor(request: HttpRequest) -> User:
    """The authenticated user of an endpoint that requires authentication."""
    user = getattr(request, "auth", None)
    assert isinstance(user, User), "endpoint without authentication"
    return user
