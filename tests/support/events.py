"""Builders for the events our handlers receive, in AWS's real shapes."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit


@dataclass
class FakeLambdaContext:
    function_name: str = "carethread-test"
    memory_limit_in_mb: int = 256
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:000000000000:function:carethread-test"
    aws_request_id: str = "00000000-0000-0000-0000-000000000000"
    remaining_ms: int = 60_000

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms


def api_event(
    method: str,
    path: str,
    *,
    person_id: str | None = None,
    role: str | None = None,
    body: Any = None,
    raw_body: str | None = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """An API Gateway REST proxy event as the Cognito authorizer hands it to the Lambda.

    `person_id`/`role` become `requestContext.authorizer.claims`; omit them for "no token".
    `path` may carry a query string.
    """
    split = urlsplit(path)
    query = dict(parse_qsl(split.query, keep_blank_values=True)) or None
    claims = None
    if person_id is not None:
        claims = {"sub": person_id, "cognito:groups": role or "", "token_use": "id"}
    text = raw_body if raw_body is not None else (None if body is None else json.dumps(body))
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    return {
        "resource": split.path,
        "path": split.path,
        "httpMethod": method,
        "headers": all_headers,
        "multiValueHeaders": {k: [v] for k, v in all_headers.items()},
        "queryStringParameters": query,
        "multiValueQueryStringParameters": {k: [v] for k, v in query.items()} if query else None,
        "pathParameters": None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": split.path,
            "httpMethod": method,
            "path": f"/v1{split.path}",
            "stage": "v1",
            "requestId": str(uuid.uuid4()),
            "accountId": "000000000000",
            "identity": {"sourceIp": "127.0.0.1", "userAgent": "pytest"},
            "authorizer": {"claims": claims} if claims else None,
        },
        "body": text,
        "isBase64Encoded": False,
    }
