"""Request limits checked before any route runs."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware
from carethread.domain.errors import BodyTooLarge
from carethread.settings import messaging_settings


def body_too_large_error(event: Any) -> BodyTooLarge | None:
    """A `BodyTooLarge` when the raw body exceeds `request_max_bytes`, else None."""
    return _too_large(_body_bytes(event))


def _too_large(size: int) -> BodyTooLarge | None:
    limit = messaging_settings().request_max_bytes
    if size <= limit:
        return None
    return BodyTooLarge(f"The request body is larger than {limit} bytes.")


def enforce_body_limit(app: Any, next_middleware: NextMiddleware) -> Response:
    """Global middleware: refuse oversized bodies (413) before the route runs."""
    error = body_too_large_error(app.current_event)
    if error is not None:
        raise error
    return next_middleware(app)


def _body_bytes(event: Any) -> int:
    body = event.body or ""
    if event.is_base64_encoded:
        try:
            return len(base64.b64decode(body))
        except (binascii.Error, ValueError):
            return len(body)
    return len(body.encode("utf-8", errors="surrogatepass"))


def parse_json_body(text: str) -> Any:
    """`json.loads` of a body within the limit (else 413, unparsed); absurd nesting is
    malformed JSON (400), not a crash."""
    # Request validation parses the body before any middleware runs, so the size check that
    # keeps a 10 MB body from being parsed (memory, time) has to sit here.
    too_large = _too_large(len(text.encode("utf-8", errors="surrogatepass")))
    if too_large is not None:
        raise too_large
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None
