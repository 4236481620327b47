"""Typed domain errors; the API maps each to one problem response (status + stable code)."""

from __future__ import annotations


class DomainError(Exception):
    status = 400
    code = "invalid_request"
    title = "Invalid request"

    def __init__(self, detail: str, *, code: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = code


class InvalidRequest(DomainError):
    def __init__(self, detail: str, *, fields: list[dict] | None = None) -> None:
        super().__init__(detail)
        self.fields = fields or []


class Unauthenticated(DomainError):
    status = 401
    code = "unauthenticated"
    title = "Unauthenticated"


class Forbidden(DomainError):
    """A rule refused the action; `code` is the rule's reason (e.g. `relationship_past`)."""

    status = 403
    code = "role_not_allowed"
    title = "Not allowed"


class NotFound(DomainError):
    status = 404
    code = "not_found"
    title = "Not found"


class IdempotencyKeyReused(DomainError):
    status = 409
    code = "idempotency_key_reused"
    title = "Idempotency key reused"


class BodyTooLarge(DomainError):
    status = 413
    code = "body_too_large"
    title = "Body too large"


class RateLimited(DomainError):
    status = 429
    code = "rate_limited"
    title = "Too many requests"
