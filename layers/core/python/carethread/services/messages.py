"""Reading messages: one page newest first, and the message view."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from carethread.contracts.common import Page, decode_cursor, encode_cursor
from carethread.contracts.messages import MESSAGE_ID_PATTERN, MessageView
from carethread.data import keys
from carethread.data.models import Message
from carethread.domain.errors import InvalidRequest
from carethread.services.access import member_thread
from carethread.services.audit import record_audit

_MESSAGE_ID = re.compile(MESSAGE_ID_PATTERN)


def message_view(message: Message, viewer_id: str) -> MessageView:
    return MessageView(
        message_id=message.message_id,
        thread_id=message.thread_id,
        sender_id=message.sender_id,
        sender_role=message.sender_role,  # type: ignore[arg-type]  # provider|client
        mine=message.sender_id == viewer_id,
        body=message.body,
        sent_at=message.sent_at,
    )


def get_message(thread_id: str, message_id: str) -> Message | None:
    try:
        return Message.get(
            keys.thread_pk(thread_id), keys.message_sk(message_id), consistent_read=True
        )
    except Message.DoesNotExist:
        return None


def list_messages(
    *,
    person_id: str,
    role: str,
    thread_id: str,
    limit: int,
    cursor: str | None,
    now: datetime,
) -> Page[MessageView]:
    """Messages newest first. Message ids only grow within a thread, so the cursor (the last
    id returned) resumes exactly: nothing skipped, nothing repeated."""
    member_thread(thread_id, person_id, role, "thread.messages.list", now)
    start = _start_key(thread_id, cursor) if cursor is not None else None
    found = list(
        Message.query(
            keys.thread_pk(thread_id),
            Message.sk.startswith(keys.message_sk("")),
            scan_index_forward=False,
            limit=limit + 1,
            last_evaluated_key=start,
            consistent_read=True,
        )
    )
    page, more = found[:limit], len(found) > limit
    record_audit(
        actor_id=person_id,
        actor_role=role,
        action="thread.messages.list",
        subject_type="thread",
        subject_id=thread_id,
        at=now,
        detail={"message_ids": [m.message_id for m in page]},
    )
    return Page[MessageView](
        items=[message_view(m, person_id) for m in page],
        next_cursor=encode_cursor({"m": page[-1].message_id}) if more else None,
    )


def _start_key(thread_id: str, cursor: str) -> dict[str, Any]:
    message_id = decode_cursor(cursor).get("m")
    if not isinstance(message_id, str) or not _MESSAGE_ID.match(message_id):
        raise InvalidRequest("cursor is not valid", fields=[{"field": "cursor"}])
    return {
        keys.PK: {"S": keys.thread_pk(thread_id)},
        keys.SK: {"S": keys.message_sk(message_id)},
    }
