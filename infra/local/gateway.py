"""API Gateway, locally: verify the bearer token as the Cognito authorizer does, hand the
API function a REST proxy event with the verified claims, and turn its result into HTTP."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from carethread.contracts.problems import PROBLEM_CONTENT_TYPE, problem
from carethread.domain.errors import DomainError, Unauthenticated
from carethread.observability import logger

from infra.local.authority import TokenAuthority, TokenRefused, gateway_claims
from infra.local.lambda_events import api_event


@dataclass
class HttpRequest:
    method: str
    target: str  # path and query string, as on the request line
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


@dataclass
class HttpResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    @classmethod
    def json(cls, status: int, value: Any, content_type: str = "application/json") -> HttpResponse:
        return cls(status, [("Content-Type", content_type)], json.dumps(value).encode())


def problem_response(status: int, code: str, title: str, detail: str) -> HttpResponse:
    body = problem(status=status, code=code, title=title, detail=detail, errors=None)
    return HttpResponse.json(status, body.model_dump(exclude_none=True), PROBLEM_CONTENT_TYPE)


def gateway_problem(error: type[DomainError], code: str, detail: str) -> HttpResponse:
    """An error API Gateway makes itself, in the body the stack's gateway responses template
    (infra/constructs/api.py, GATEWAY_PROBLEMS): the Lambda's problem body for that code."""
    return problem_response(error.status, code, error.title, detail)


def unauthenticated() -> HttpResponse:
    return gateway_problem(Unauthenticated, "unauthenticated", "Sign in again.")


class Gateway:
    """Every request needs a valid token; only then does the API function run."""

    def __init__(
        self,
        authority: TokenAuthority,
        invoke_api: Callable[[dict[str, Any]], Any],
    ) -> None:
        self._authority = authority
        self._invoke_api = invoke_api

    def handle(self, request: HttpRequest) -> HttpResponse:
        claims = self._verified_claims(request.header("Authorization"))
        if claims is None:
            return unauthenticated()
        event = api_event(request.method, request.target, request.headers, request.body, claims)
        try:
            result = self._invoke_api(event)
        except Exception as error:
            logger.exception("api function failed", error_type=type(error).__name__)
            return problem_response(502, "internal_error", "Internal error", "Try again later.")
        response = proxy_response(result)
        response.headers.append(("x-amzn-RequestId", event["requestContext"]["requestId"]))
        return response

    def _verified_claims(self, authorization: str | None) -> dict[str, str] | None:
        scheme, _, token = (authorization or "").strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        try:
            return gateway_claims(self._authority.verify(token.strip()))
        except TokenRefused as refusal:
            logger.info("token refused", reason=str(refusal))
            return None


def proxy_response(result: Any) -> HttpResponse:
    """A Lambda proxy integration result as HTTP; a malformed one is API Gateway's 502."""
    if not isinstance(result, dict) or not isinstance(result.get("statusCode"), int):
        return problem_response(502, "internal_error", "Internal error", "Try again later.")
    merged: dict[str, list[str]] = {
        name: [str(value)] for name, value in (result.get("headers") or {}).items()
    }
    for name, values in (result.get("multiValueHeaders") or {}).items():
        merged[name] = [str(v) for v in values]
    headers = [(name, value) for name, values in merged.items() for value in values]
    text = result.get("body") or ""
    body = base64.b64decode(text) if result.get("isBase64Encoded") else text.encode("utf-8")
    return HttpResponse(result["statusCode"], headers, body)
