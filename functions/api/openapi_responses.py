"""The `responses=` of each route: every status an operation can return, for the OpenAPI document.

Every operation can answer 401 (no usable identity), 403 (the gateway's firewall), 413 (the body
limit), 429 (the gateway's throttling) and 500; a route adds the statuses its own rules produce.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from carethread.contracts.problems import PROBLEM_CONTENT_TYPE, Problem

_PROBLEMS: dict[int, str] = {
    400: "`invalid_request`: a field, query parameter or cursor is not valid (see `errors`).",
    401: "`unauthenticated`: no verified identity with exactly one role.",
    403: "`forbidden`: the gateway's firewall blocked the request.",
    404: "`not_found`: no such resource, or the caller may not know it exists.",
    409: "`idempotency_key_reused`: the key was used with a different request.",
    413: "`body_too_large`: the request body exceeds the limit.",
    429: "`rate_limited`: too many requests; retry later.",
    500: "`internal_error`: a fault on our side; nothing was changed twice.",
}
ALWAYS = (401, 403, 413, 429, 500)


def problem_response(status: int, description: str | None = None) -> OpenAPIResponse:
    if status == 403 and description:
        # The route's own refusal, and the firewall's, which can hit any route.
        description = f"{description} Or {_PROBLEMS[403]}"
    return {
        "description": description or _PROBLEMS[status],
        "content": {PROBLEM_CONTENT_TYPE: {"model": Problem}},
    }


def documented(
    ok: str,
    *problems: int,
    ok_status: int = 200,
    extra: dict[int, OpenAPIResponse] | None = None,
    **problem_descriptions: Any,
) -> dict[int, OpenAPIResponse]:
    """`responses=` for a route: its success (schema from the return annotation) and problems.

    `problem_descriptions` overrides a problem's text, keyed `s403="..."`.
    """
    responses: dict[int, OpenAPIResponse] = {ok_status: {"description": ok}}
    responses.update(extra or {})
    for status in sorted({*problems, *ALWAYS}):
        responses[status] = problem_response(status, problem_descriptions.get(f"s{status}"))
    return responses
