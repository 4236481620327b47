"""The events AWS hands the functions, built as the deployed services build them:
API Gateway REST proxy events (with the Cognito authorizer's claims), DynamoDB stream
batches, EventBridge Scheduler payloads, the sweep's scheduled event and platform events."""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from carethread.timefmt import format_instant

ACCOUNT_ID = "000000000000"
STAGE = "live"  # the stack's stage (infra/constructs/api.py STAGE_NAME; a test keeps them equal)
TEXT_TYPES = ("json", "text", "xml", "x-www-form-urlencoded")


@dataclass
class LambdaContext:
    """The context object Lambda passes; Powertools reads these fields."""

    function_name: str
    timeout_ms: int = 30_000
    memory_limit_in_mb: int = 256
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    log_group_name: str = "/aws/lambda/local"
    log_stream_name: str = "local"
    function_version: str = "$LATEST"

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:us-east-1:{ACCOUNT_ID}:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return self.timeout_ms


def api_event(
    method: str,
    target: str,
    headers: list[tuple[str, str]],
    body: bytes,
    claims: dict[str, str] | None,
    source_ip: str = "127.0.0.1",
) -> dict[str, Any]:
    """A REST proxy event for `/v1/{proxy+}` as API Gateway builds it from one HTTP request."""
    split = urlsplit(target)
    resource, proxy = _resource_of(split.path)
    pairs = parse_qsl(split.query, keep_blank_values=True)
    multi_query: dict[str, list[str]] = {}
    for name, value in pairs:
        multi_query.setdefault(name, []).append(value)
    multi_headers: dict[str, list[str]] = {}
    for name, value in headers:
        multi_headers.setdefault(name, []).append(value)
    content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
    text_body, is_base64 = _body(body, content_type)
    user_agent = next((v for k, v in headers if k.lower() == "user-agent"), "")
    return {
        "resource": resource,
        "path": split.path,
        "httpMethod": method,
        "headers": {k: v[-1] for k, v in multi_headers.items()} or None,
        "multiValueHeaders": multi_headers or None,
        "queryStringParameters": {k: v[-1] for k, v in multi_query.items()} or None,
        "multiValueQueryStringParameters": multi_query or None,
        "pathParameters": {"proxy": proxy} if proxy is not None else None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": resource,
            "httpMethod": method,
            "path": f"/{STAGE}{split.path}",
            "stage": STAGE,
            "requestId": str(uuid.uuid4()),
            "accountId": ACCOUNT_ID,
            "protocol": "HTTP/1.1",
            "identity": {"sourceIp": source_ip, "userAgent": user_agent},
            "authorizer": {"claims": claims} if claims is not None else None,
        },
        "body": text_body,
        "isBase64Encoded": is_base64,
    }


def _body(body: bytes, content_type: str) -> tuple[str | None, bool]:
    if not body:
        return None, False
    if any(kind in content_type.lower() for kind in TEXT_TYPES) or not content_type:
        try:
            return body.decode("utf-8"), False
        except UnicodeDecodeError:
            pass
    return base64.b64encode(body).decode("ascii"), True


def stream_event(records: list[dict[str, Any]], stream_arn: str) -> dict[str, Any]:
    """A DynamoDB stream batch as Lambda's event source mapping delivers it."""
    return {"Records": [{**record, "eventSourceARN": stream_arn} for record in records]}


def scheduled_event(now: datetime, rule_arn: str) -> dict[str, Any]:
    """The EventBridge scheduled event that starts the sweep."""
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": ACCOUNT_ID,
        "time": format_instant(now.replace(microsecond=0)),
        "region": "us-east-1",
        "resources": [rule_arn],
        "detail": {},
    }


def platform_event(
    detail_type: str, detail: dict[str, Any], source: str, now: datetime, region: str
) -> dict[str, Any]:
    """One scheduling-platform event as the EventBridge rule hands it to care-events."""
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": detail_type,
        "source": source,
        "account": ACCOUNT_ID,
        "time": format_instant(now.replace(microsecond=0)),
        "region": region,
        "resources": [],
        "detail": detail,
    }


def _resource_of(path: str) -> tuple[str, str | None]:
    """The stack's resource that serves `path` (infra/constructs/api.py) and its proxy part."""
    if path.startswith("/v1/"):
        return "/v1/{proxy+}", path.removeprefix("/v1/")
    return path, None
