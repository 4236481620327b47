"""`GET /v1/threads`: the caller's threads from their inbox, most recent activity first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from carethread.contracts.common import Page, decode_cursor, encode_cursor
from carethread.contracts.threads import ClientRef, PersonRef, ThreadSummary
from carethread.data.models import InboxEntry
from carethread.domain.errors import InvalidRequest
from carethread.services.access import Pair, care_evaluations, pairs_for_send, send_refusal
from carethread.services.inbox import activity_at, inbox_entries
from carethread.services.people import display_name, people_by_id
from carethread.timefmt import format_instant, parse_instant


def list_threads(
    *, person_id: str, kind: str | None, limit: int, cursor: str | None, now: datetime
) -> Page[ThreadSummary]:
    """One page of thread summaries; the cursor is the last item's (activity, thread id)."""
    entries = [e for e in inbox_entries(person_id) if kind is None or e.kind == kind]
    entries.sort(key=_position, reverse=True)
    if cursor is not None:
        after = _cursor_position(cursor)
        entries = [e for e in entries if _position(e) < after]
    page, more = entries[:limit], len(entries) > limit
    return Page[ThreadSummary](
        items=_summaries(page, person_id, now),
        next_cursor=encode_cursor(_cursor_of(page[-1])) if more else None,
    )


def _summaries(entries: list[InboxEntry], person_id: str, now: datetime) -> list[ThreadSummary]:
    people = people_by_id([p for e in entries for p in (e.counterpart_id, e.client_id)])
    needed: dict[str, list[Pair]] = {
        e.thread_id: pairs_for_send(e.kind, _participants(e), e.client_id, person_id)
        for e in entries
    }
    cares = care_evaluations([p for pairs in needed.values() for p in pairs], now)
    summaries = []
    for entry in entries:
        refusal = send_refusal(entry.kind, _participants(entry), entry.client_id, person_id, cares)
        counterpart_role = (
            "client"
            if entry.kind == "client" and entry.counterpart_id == entry.client_id
            else "provider"
        )
        summaries.append(
            ThreadSummary(
                thread_id=entry.thread_id,
                kind=entry.kind,  # type: ignore[arg-type]
                counterpart=PersonRef(
                    person_id=entry.counterpart_id,
                    display_name=display_name(people, entry.counterpart_id),
                    role=counterpart_role,  # type: ignore[arg-type]
                ),
                client=ClientRef(
                    person_id=entry.client_id,
                    display_name=display_name(people, entry.client_id),
                ),
                can_send=refusal is None,
                unread_count=int(entry.unread_count or 0),
                last_message_at=entry.last_message_at,
            )
        )
    return summaries


def _participants(entry: InboxEntry) -> list[str]:
    return [entry.owner_id, entry.counterpart_id]


def _position(entry: InboxEntry) -> tuple[datetime, str]:
    return activity_at(entry), entry.thread_id


def _cursor_of(entry: InboxEntry) -> dict[str, Any]:
    at, thread_id = _position(entry)
    return {"at": format_instant(at), "t": thread_id}


def _cursor_position(cursor: str) -> tuple[datetime, str]:
    position = decode_cursor(cursor)
    try:
        return parse_instant(position["at"]), str(position["t"])
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
        raise InvalidRequest("cursor is not valid", fields=[{"field": "cursor"}]) from None
