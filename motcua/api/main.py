"""The JSON API (django-ninja). Domain errors map to JSON problems with a stable code, once, here."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from motcua.core.errors import DomainError, NotFound, PermissionDenied
from motcua.core.ratelimit import RateLimited

api = NinjaAPI(
    title="motcua API",
    version="1",
    description="API của hệ thống một cửa điện tử motcua.",
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    status = (
        404
        if isinstance(exc, NotFound)
        else 403
        if isinstance(exc, PermissionDenied)
        else 429
        if isinstance(exc, RateLimited)
        else 400
    )
    body: dict[str, object] = {"code": exc.code, "message": exc.message}
    if exc.field:
        body["field"] = exc.field
    if exc.details:
        body["details"] = exc.details
    response = api.create_response(request, body, status=status)
    if isinstance(exc, RateLimited):
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(AuthenticationError)
def not_authenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    """No valid API key and no login session: 401 with the schemes the API accepts."""
    response = api.create_response(
        request,
        {
            "code": "not_authenticated",
            "message": "Chưa xác thực: gửi khóa API (Authorization: Bearer …) hoặc đăng nhập.",
        },
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="motcua"'
    return response


@api.exception_handler(NinjaValidationError)
def input_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    """Malformed input (wrong type, missing field): 422 with a stable code and every problem."""
    return api.create_response(
        request,
        {
            "code": "invalid_input",
            "message": "Dữ liệu gửi lên không hợp lệ.",
            "details": {"errors": exc.errors},
        },
        status=422,
    )


@api.exception_handler(RequestDataTooBig)
def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE (files travel base64 inside the JSON body)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return api.create_response(
        request,
        {
            "code": "request_too_large",
            "message": "Dữ liệu gửi lên quá lớn: gửi ít tệp hơn trong một lần hoặc giảm dung lượng tệp.",
            "details": {"max_bytes": limit},
        },
        status=413,
    )


@api.get("/health", tags=["system"], summary="Kiểm tra hoạt động")
def health(request: HttpRequest) -> dict[str, str]:
    return {"status": "ok"}


api.add_router("/calendar", "motcua.api.calendar.router")
api.add_router("/procedures", "motcua.api.catalog.router")
api.add_router("/dossiers", "motcua.api.dossiers.router")
api.add_router("/lookup", "motcua.api.lookup.router")
