"""Success responses and the OpenAPI description of the problems a route can answer with."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from carethread.contracts.problems import PROBLEM_CONTENT_TYPE, Problem
from pydantic import BaseModel

_DESCRIPTIONS = {
    400: "invalid_request: the failing fields are listed in `errors`",
    401: "unauthenticated: no verified identity",
    403: "refused by a rule: the code says which",
    404: "not_found (also for threads the caller is not a member of)",
    409: "idempotency_key_reused",
    413: "body_too_large",
    429: "rate_limited",
}


def json_response(
    model: BaseModel, status: int = 200, headers: dict[str, str] | None = None
) -> Response[Any]:
    """The route's result; the resolver validates and serializes it against the annotation."""
    return Response(
        status_code=status, content_type=content_types.APPLICATION_JSON, body=model, headers=headers
    )


def route_responses(success: dict[int, str], *problems: int) -> dict[int, OpenAPIResponse]:
    """`responses=` for a route: its success statuses (body from the return annotation) and
    the problems it can answer with (400, 401, 413 and 429 apply to every route)."""
    described: dict[int, OpenAPIResponse] = {
        status: {"description": text} for status, text in success.items()
    }
    for status in sorted({400, 401, 413, 429, *problems}):
        described[status] = {
            "description": _DESCRIPTIONS[status],
            "content": {PROBLEM_CONTENT_TYPE: {"model": Problem}},
        }
    return described
