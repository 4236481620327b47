"""Inbox entries: one per participant and thread, holding unread count and read marker."""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import UpdateError

from carethread.contracts.messages import ReadResult
from carethread.data import keys
from carethread.data.models import InboxEntry, Message, Thread
from carethread.domain.errors import InvalidRequest, RateLimited
from carethread.services.access import member_thread
from carethread.services.audit import record_audit

READ_ATTEMPTS = 20


def inbox_entries(owner_id: str) -> list[InboxEntry]:
    """Every inbox entry of `owner_id` (one per thread they take part in)."""
    return list(InboxEntry.query(keys.inbox_pk(owner_id)))


def get_entry(owner_id: str, thread_id: str) -> InboxEntry | None:
    """One inbox entry, strongly consistent (unread counts must not go back in time)."""
    try:
        return InboxEntry.get(
            keys.inbox_pk(owner_id), keys.inbox_sk(thread_id), consistent_read=True
        )
    except InboxEntry.DoesNotExist:
        return None


def activity_at(entry: InboxEntry) -> datetime:
    return entry.last_message_at or entry.created_at


def new_entry(thread: Thread, owner_id: str, counterpart_id: str, now: datetime) -> InboxEntry:
    return InboxEntry(
        pk=keys.inbox_pk(owner_id),
        sk=keys.inbox_sk(thread.thread_id),
        owner_id=owner_id,
        thread_id=thread.thread_id,
        kind=thread.kind,
        counterpart_id=counterpart_id,
        client_id=thread.client_id,
        unread_count=0,
        created_at=now,
    )


def mark_read(
    *, person_id: str, role: str, thread_id: str, up_to_message_id: str, now: datetime
) -> ReadResult:
    """Move the reader's marker forward to `up_to_message_id`; never backwards.

    The new unread count is the number of messages from others after the marker. The write is
    conditional on nothing having arrived since counting, so it is exact under concurrent sends.
    """
    member_thread(thread_id, person_id, role, "thread.mark_read", now)
    _require_message(thread_id, up_to_message_id)
    for _ in range(READ_ATTEMPTS):
        entry = get_entry(person_id, thread_id)
        if entry is None:  # every participant gets an entry when the thread is created
            raise RateLimited("The thread is still being set up; try again.")
        if entry.last_read_message_id and entry.last_read_message_id >= up_to_message_id:
            return ReadResult(unread_count=int(entry.unread_count or 0))
        count = _unread_after(thread_id, person_id, up_to_message_id)
        if _store_marker(entry, up_to_message_id, count):
            record_audit(
                actor_id=person_id,
                actor_role=role,
                action="thread.mark_read",
                subject_type="thread",
                subject_id=thread_id,
                at=now,
                detail={"up_to_message_id": up_to_message_id},
            )
            return ReadResult(unread_count=count)
    raise RateLimited("The thread is very busy right now; try again.")


def _require_message(thread_id: str, message_id: str) -> None:
    try:
        Message.get(keys.thread_pk(thread_id), keys.message_sk(message_id), consistent_read=True)
    except Message.DoesNotExist:
        raise InvalidRequest(
            "up_to_message_id is not a message of this thread.",
            fields=[{"field": "up_to_message_id", "message": "is not a message of this thread"}],
        ) from None


def _unread_after(thread_id: str, reader_id: str, message_id: str) -> int:
    return Message.count(
        keys.thread_pk(thread_id),
        Message.sk > keys.message_sk(message_id),
        filter_condition=Message.sender_id != reader_id,
        consistent_read=True,
    )


def _store_marker(entry: InboxEntry, up_to_message_id: str, count: int) -> bool:
    unchanged = (
        InboxEntry.last_message_id == entry.last_message_id
        if entry.last_message_id
        else InboxEntry.last_message_id.does_not_exist()
    )
    not_ahead = (
        InboxEntry.last_read_message_id == entry.last_read_message_id
        if entry.last_read_message_id
        else InboxEntry.last_read_message_id.does_not_exist()
    )
    try:
        entry.update(
            actions=[
                InboxEntry.unread_count.set(count),
                InboxEntry.last_read_message_id.set(up_to_message_id),
                InboxEntry.notified_since_read.set(False),
            ],
            condition=unchanged & not_ahead,
        )
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True
