"""Every failure becomes one `application/problem+json` response with a stable `code`."""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.event_handler.openapi.exceptions import (
    RequestUnsupportedContentType,
    RequestValidationError,
)
from carethread.contracts.problems import PROBLEM_CONTENT_TYPE, FieldError, problem
from carethread.domain.errors import DomainError, InvalidRequest, NotFound, Unauthenticated
from carethread.observability import logger

from api.identity import current_caller
from api.limits import body_too_large_error
from api.refusal_audit import audit_role_refusal

_LOCATIONS = ("body", "query", "header", "path", "cookie")
# Every problem carries a `detail` (API.md lists five fields); a fault's says nothing specific.
_INTERNAL_DETAIL = "Something went wrong on our side. Try again later."


def problem_response(error: DomainError, *, fields: list[FieldError] | None = None) -> Response:
    return _respond(error.status, error.code, error.title, error.detail, fields)


def _respond(
    status: int, code: str, title: str, detail: str, fields: list[FieldError] | None
) -> Response:
    body = problem(status=status, code=code, title=title, detail=detail, errors=fields)
    return Response(
        status_code=status,
        content_type=PROBLEM_CONTENT_TYPE,
        body=body.model_dump_json(exclude_none=True),
    )


def register_problem_handlers(app: APIGatewayRestResolver) -> None:
    """Map domain errors, validation errors, unknown routes and bugs to problem responses."""

    @app.exception_handler(DomainError)
    def domain_error(error: DomainError) -> Response:
        if isinstance(error, InvalidRequest):
            fields = [FieldError(**f) for f in _with_messages(error.fields)]
            return problem_response(error, fields=fields or None)
        if error.code == "role_not_allowed":
            audit_role_refusal(app.current_event)
        return problem_response(error)

    @app.exception_handler(RequestValidationError)
    def validation_error(error: RequestValidationError) -> Response:
        errors = error.errors()
        if any(_location(e) == "response" for e in errors):
            # Our own response failed its contract: a bug, never the caller's fault.
            logger.error(
                "response failed validation", fields=[field_name(e["loc"]) for e in errors]
            )
            return _respond(500, "internal_error", "Internal error", _INTERNAL_DETAIL, None)
        # Validation runs before any middleware: identity and size come first here too.
        try:
            current_caller(app.current_event)
        except Unauthenticated as unauthenticated:
            return problem_response(unauthenticated)
        too_large = body_too_large_error(app.current_event)
        if too_large is not None:
            return problem_response(too_large)
        return _invalid_request(errors)

    @app.exception_handler(RequestUnsupportedContentType)
    def unsupported_content_type(error: RequestUnsupportedContentType) -> Response:
        fields = [FieldError(field="Content-Type", message="must be application/json")]
        return problem_response(InvalidRequest("Send a JSON body."), fields=fields)

    @app.not_found
    def route_not_found(error: NotFoundError) -> Response:
        return problem_response(NotFound("There is nothing here."))

    @app.exception_handler(Exception)
    def internal_error(error: Exception) -> Response:
        # The exception's message may quote input (PHI); log the type and the stack only.
        logger.error(
            "unhandled error",
            error_type=type(error).__name__,
            stack="".join(traceback.format_tb(error.__traceback__)),
        )
        return _respond(500, "internal_error", "Internal error", _INTERNAL_DETAIL, None)


def _invalid_request(errors: Sequence[Any]) -> Response:
    if any(e.get("type") == "json_invalid" for e in errors):
        fields = [FieldError(field="body", message="is not valid JSON")]
        return problem_response(
            InvalidRequest("The request body is not valid JSON."), fields=fields
        )
    fields = [FieldError(field=field_name(e.get("loc", ())), message=_message(e)) for e in errors]
    names = ", ".join(dict.fromkeys(f.field for f in fields))
    return problem_response(InvalidRequest(f"Check these fields: {names}."), fields=fields)


def _location(error: dict[str, Any]) -> str:
    loc = error.get("loc") or ("",)
    return str(loc[0])


def field_name(loc: tuple | list) -> str:
    """`("body", "client_id")` → `client_id`; `("header", "idempotency-key")` → the header."""
    parts = [str(p) for p in loc]
    if len(parts) == 2 and parts[0] == "header":
        # Headers arrive lower-cased; name them as the contract spells them.
        return "-".join(word.capitalize() for word in parts[1].split("-"))
    if len(parts) > 1 and parts[0] in _LOCATIONS:
        parts = parts[1:]
    return ".".join(parts) or "body"


def _message(error: dict[str, Any]) -> str:
    # pydantic's own message names the constraint, never the input value.
    if error.get("type") == "missing":
        return "is required"
    # A validator's own ValueError reads "Value error, <its message>": keep the message.
    message = str(error.get("msg") or error.get("type") or "is not valid")
    return message.removeprefix("Value error, ")


def _with_messages(fields: list[dict]) -> list[dict]:
    return [
        {"field": f.get("field", "body"), "message": f.get("message", "is not valid")}
        for f in fields
    ]
