"""The JSON API (django-ninja). Domain errors map to JSON problems with a stable code, once, here."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from motcua.core.errors import DomainError, NotFound, PermissionDenied

api = NinjaAPI(
    title="motcua API",
    version="1",
    description="API của hệ thống một cửa điện tử motcua.",
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    status = 404 if isinstance(exc, NotFound) else 403 if isinstance(exc, PermissionDenied) else 400
    body: dict[str, object] = {"code": exc.code, "message": exc.message}
    if exc.field:
        body["field"] = exc.field
    if exc.details:
        body["details"] = exc.details
    return api.create_response(request, body, status=status)


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


@api.get("/health", tags=["system"], summary="Kiểm tra hoạt động")
def health(request: HttpRequest) -> dict[str, str]:
    return {"status": "ok"}


api.add_router("/calendar", "motcua.api.calendar.router")
api.add_router("/procedures", "motcua.api.catalog.router")
