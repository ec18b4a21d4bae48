"""Domain errors: every refusal of a rule carries a stable code the API returns as is."""

from collections.abc import Mapping


class DomainError(Exception):
    """A rule refused the operation. `code` is stable (API); `message` is for people (Vietnamese)."""

    code: str = "domain_error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        details: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.field = field
        self.details = dict(details or {})

    def __str__(self) -> str:
        return self.message


class NotFound(DomainError):
    """The object does not exist or the actor may not see it (never say which)."""

    code = "not_found"


class PermissionDenied(DomainError):
    code = "permission_denied"


class ValidationFailed(DomainError):
    code = "validation_failed"
