"""Types every contract shares: instants, person ids, pages and opaque cursors."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema

from carethread.domain.errors import InvalidRequest
from carethread.timefmt import to_utc

# Instants a request may carry: wide enough for any appointment, narrow enough that no rule's
# arithmetic (a visit + 90 days, an offset to UTC) leaves what a datetime can hold.
EARLIEST_INSTANT = datetime(1900, 1, 1, tzinfo=UTC)
LATEST_INSTANT = datetime(2200, 1, 1, tzinfo=UTC)


def _require_zone(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("must be an RFC 3339 time with a zone, e.g. 2026-12-03T15:04:05Z")
    try:
        return to_utc(value)
    except OverflowError:  # e.g. 0001-01-01T00:00:00+01:00: before year 1 in UTC
        raise ValueError("is out of range") from None


def _within_range(value: datetime) -> datetime:
    if not EARLIEST_INSTANT <= value < LATEST_INSTANT:
        raise ValueError("must be from 1900-01-01T00:00:00Z to before 2200-01-01T00:00:00Z")
    return value


def _whole_seconds(value: datetime) -> str:
    # API.md spells every time `2026-12-03T15:04:05Z`: one shape, so strict client parsers
    # (e.g. ISO8601DateFormatter without fractional seconds) never meet a `.123456`.
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


Instant = Annotated[
    datetime,
    AfterValidator(_require_zone),
    PlainSerializer(_whole_seconds, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time", "example": "2026-12-03T15:04:05Z"}),
]
"""An RFC 3339 instant; always serialized as UTC with `Z`, in whole seconds."""

InputInstant = Annotated[
    datetime,
    AfterValidator(_require_zone),
    AfterValidator(_within_range),
    PlainSerializer(_whole_seconds, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "example": "2026-12-03T15:04:05Z",
            "description": "RFC 3339 with a zone, from 1900 to before 2200.",
        }
    ),
]
"""An instant a request carries: `Instant`, within [1900, 2200)."""

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
