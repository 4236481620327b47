"""Types every contract shares: instants, person ids, pages and opaque cursors."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema

from carethread.domain.errors import InvalidRequest
from carethread.timefmt import format_instant, to_utc


def _require_zone(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("must be an RFC 3339 time with a zone, e.g. 2026-12-03T15:04:05Z")
    return to_utc(value)


Instant = Annotated[
    datetime,
    AfterValidator(_require_zone),
    PlainSerializer(format_instant, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time", "example": "2026-12-03T15:04:05Z"}),
]
"""An RFC 3339 instant; always serialized as UTC with `Z`."""

PersonId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]

T = TypeVar("T")


class Contract(BaseModel):
    """Base for request bodies: unknown fields are refused, so typos surface as 400s."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def encode_cursor(position: dict[str, Any]) -> str:
    """An opaque cursor for `position` (the last item's sort key)."""
    raw = json.dumps(position, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> dict[str, Any]:
    """The position inside a cursor; a malformed cursor is a 400, never a 500."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        position = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise InvalidRequest("cursor is not valid", fields=[{"field": "cursor"}]) from error
    if not isinstance(position, dict):
        raise InvalidRequest("cursor is not valid", fields=[{"field": "cursor"}])
    return position
