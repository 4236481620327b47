"""Success responses: the resolver validates the model against the route's annotation."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from pydantic import BaseModel


def json_response(
    model: BaseModel, status: int = 200, headers: dict[str, str] | None = None
) -> Response[Any]:
    """A JSON response with `status` and `headers`, serialized through the route's model."""
    return Response(
        status_code=status, content_type=content_types.APPLICATION_JSON, body=model, headers=headers
    )
