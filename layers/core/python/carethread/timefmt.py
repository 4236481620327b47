"""RFC 3339 UTC instants as the API and the table write them."""

from __future__ import annotations

from datetime import UTC, datetime


def to_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("naive datetime: every instant must carry a time zone")
    return value.astimezone(UTC)


def format_instant(value: datetime | None) -> str | None:
    """`2026-12-03T15:04:05Z` (microseconds kept only when present)."""
    if value is None:
        return None
    value = to_utc(value)
    if value.microsecond:
        return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_instant(text: str) -> datetime:
    return to_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
